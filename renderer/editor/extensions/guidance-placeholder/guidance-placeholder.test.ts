// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestEditor, destroyTestEditor, docOf, heading, paragraph } from '../../test-editor';
import { EMPTY_DOC_PLACEHOLDER } from './guidance-placeholder';

let editor: Editor | null = null;
afterEach(() => {
  if (editor) destroyTestEditor(editor);
  editor = null;
});

function placeholders(target: Editor): string[] {
  return Array.from(target.view.dom.querySelectorAll('.is-empty[data-placeholder]'))
    .map((element) => element.getAttribute('data-placeholder') ?? '')
    .filter(Boolean);
}

function prompts(target: Editor): string[] {
  return Array.from(target.view.dom.querySelectorAll('[data-empty-prompt]')).map((element) => element.getAttribute('data-empty-prompt') ?? '');
}

describe('GuidancePlaceholder', () => {
  const templateDoc = docOf(
    heading(2, 'Situation'),
    paragraph('', { guidance: 'What happened, where and when.' }),
    heading(2, 'Assessment'),
    paragraph('', { guidance: 'What it means for us.' }),
    paragraph('Already written'),
  );

  it('shows the guidance of every empty block, not only the one with the cursor', () => {
    editor = createTestEditor(templateDoc);
    expect(placeholders(editor)).toEqual(['What happened, where and when.', 'What it means for us.']);
    // A decoration, not document text: the text of the note does not contain the guidance.
    expect(editor.state.doc.textContent).not.toContain('What happened');
  });

  it('hides the guidance of a block once the analyst types in it', () => {
    editor = createTestEditor(templateDoc);
    let guidedPos = -1;
    editor.state.doc.forEach((node, offset) => {
      if (guidedPos < 0 && node.attrs.guidance === 'What happened, where and when.') guidedPos = offset;
    });
    editor.chain().setTextSelection(guidedPos + 1).insertContent('Clashes in Gao').run();
    expect(placeholders(editor)).toEqual(['What it means for us.']);
    // Deleting the text brings the guidance back: it was never deleted.
    editor.commands.undo();
    expect(placeholders(editor)).toContain('What happened, where and when.');
  });

  it('shows guidance on an empty heading too', () => {
    editor = createTestEditor(docOf(heading(2, '', { guidance: 'A short title' }), paragraph('Body')));
    const element = editor.view.dom.querySelector('h2');
    expect(element?.getAttribute('data-placeholder')).toBe('A short title');
    expect(element?.classList.contains('is-empty')).toBe(true);
  });

  it('shows the generic prompt only in an otherwise empty note', () => {
    editor = createTestEditor(docOf(paragraph()));
    expect(prompts(editor)).toEqual([EMPTY_DOC_PLACEHOLDER]);
    expect(placeholders(editor)).toEqual([]);
    editor.commands.insertContent('x');
    expect(prompts(editor)).toEqual([]);
    // An empty paragraph in a note with text gets no generic prompt.
    editor.commands.setContent(docOf(paragraph('Text'), paragraph()));
    expect(prompts(editor)).toEqual([]);
  });

  it('drops the prompt from an untouched empty paragraph once content arrives before it', () => {
    editor = createTestEditor(docOf(paragraph()));
    editor.commands.insertContentAt(0, { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Pasted' }] });
    expect(editor.state.doc.childCount).toBe(2);
    expect(prompts(editor)).toEqual([]);
  });

  it('prefers the guidance of a single guided block to the generic prompt', () => {
    editor = createTestEditor(docOf(paragraph('', { guidance: 'Start with the bottom line.' })));
    expect(prompts(editor)).toEqual([]);
    expect(placeholders(editor)).toEqual(['Start with the bottom line.']);
  });
});
