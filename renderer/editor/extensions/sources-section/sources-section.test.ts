// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadCitationEngine } from '../../../citations/citation-engine';
import { createTestEditor, destroyTestEditor, docOf, heading, paragraph } from '../../test-editor';
import { citedParagraph, snapshotOf } from '../citations-state/citation-fixtures';
import { ALLOW_SOURCES_DELETE_META, SOURCES_EMPTY_TEXT, SourcesSectionWithView } from './sources-section';

// The CSL engine is a lazily loaded chunk in the app; these tests format with it.
beforeAll(async () => {
  await loadCitationEngine();
});
let editor: Editor | null = null;
afterEach(() => {
  if (editor) destroyTestEditor(editor);
  editor = null;
});

describe('SourcesSectionWithView', () => {
  it('is core’s node with a view: same name, atom, same HTML', () => {
    expect(SourcesSectionWithView.name).toBe('sourcesSection');
    expect(SourcesSectionWithView.options.emptyText).toBe(SOURCES_EMPTY_TEXT);
    editor = createTestEditor(docOf(heading(2, 'Sources'), { type: 'sourcesSection' }, paragraph()));
    expect(editor.schema.nodes.sourcesSection?.spec.atom).toBe(true);
    expect(editor.getHTML()).toContain('<section data-sources-section="" class="sources-section"></section>');
    expect(editor.getJSON().content?.[1]).toEqual({ type: 'sourcesSection' });
  });

  it('cannot be typed into and stays single', () => {
    editor = createTestEditor(docOf(heading(2, 'Sources'), { type: 'sourcesSection' }, paragraph()));
    let sectionPos = -1;
    editor.state.doc.forEach((node, offset) => {
      if (node.type.name === 'sourcesSection') sectionPos = offset;
    });
    editor.commands.setNodeSelection(sectionPos);
    expect(editor.state.selection.empty).toBe(false);
    expect(editor.commands.insertSourcesSection()).toBe(false);
    const count = (editor.getJSON().content ?? []).filter((node) => node.type === 'sourcesSection').length;
    expect(count).toBe(1);
  });
});

describe('SourcesSectionWithView serialization', () => {
  it('can be copied: the clipboard serializer does not throw on the leaf node', () => {
    editor = createTestEditor(docOf(heading(2, 'Sources'), { type: 'sourcesSection' }, paragraph('After')));
    editor.commands.selectAll();
    const { dom } = editor.view.serializeForClipboard(editor.state.selection.content());
    expect(dom.querySelector('section[data-sources-section]')).not.toBeNull();
  });
});

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

function entries(target: Editor): { id: string | null; text: string }[] {
  return [...target.view.dom.querySelectorAll('[data-testid="sources-entry"]')].map((item) => ({ id: item.getAttribute('data-source-id'), text: item.textContent ?? '' }));
}

function positionOf(target: Editor, type: string, index = 0): number {
  const found: number[] = [];
  target.state.doc.descendants((node, pos) => {
    if (node.type.name === type) found.push(pos);
  });
  return found[index]!;
}

describe('SourcesSectionWithView list', () => {
  it('lists exactly the cited sources in citation order, and follows edits a frame later', async () => {
    editor = createTestEditor(
      docOf(citedParagraph('Talks resumed.', ['s2']), citedParagraph('Exports fell.', ['s1'], ['s2']), heading(2, 'Sources'), { type: 'sourcesSection' }),
    );
    expect(entries(editor).map((entry) => entry.id)).toEqual(['s2', 's1']);
    expect(entries(editor)[0]!.text).toMatch(/^1\. Shalal A\. Report s2 on rare-earth exports\./);
    expect(entries(editor)[1]!.text).toMatch(/^2\. /);
    expect(editor.view.dom.querySelector('.bd-sources-section__empty')?.hasAttribute('hidden')).toBe(true);

    // Delete the only citation of s1: its entry goes, after one frame.
    const pos = positionOf(editor, 'citation', 1);
    editor.commands.deleteRange({ from: pos, to: pos + 1 });
    expect(entries(editor)).toHaveLength(2);
    await nextFrame();
    expect(entries(editor).map((entry) => entry.id)).toEqual(['s2']);

    // Insert a new source at the very top: it becomes 1.
    editor.commands.setTextSelection(1);
    editor.commands.insertCitation({ sourceIds: ['s3'], locator: null, snapshots: { s3: snapshotOf('s3') } });
    await nextFrame();
    expect(entries(editor).map((entry) => entry.id)).toEqual(['s3', 's2']);
    expect(entries(editor)[0]!.text).toMatch(/^1\. Shalal A\. Report s3/);
  });

  it('shows the empty state when nothing is cited, and switches style on refreshCitations', async () => {
    let style = 'numeric';
    editor = createTestEditor(docOf(paragraph('No citation'), { type: 'sourcesSection' }), { citations: { getStyleId: () => style } });
    expect(entries(editor)).toEqual([]);
    expect(editor.view.dom.querySelector('[data-testid="sources-section"]')?.textContent).toBe(SOURCES_EMPTY_TEXT);
    editor.commands.setTextSelection(3);
    editor.commands.insertCitation({ sourceIds: ['s1'], locator: null, snapshots: { s1: snapshotOf('s1') } });
    style = 'apa';
    editor.commands.refreshCitations();
    await nextFrame();
    expect(entries(editor)[0]!.text).toMatch(/^Shalal, A\. \(2025, June 2\)\. Report s1 on rare-earth exports/);
  });
});

describe('SourcesSectionWithView guard', () => {
  const sourcesCount = (target: Editor) => (target.getJSON().content ?? []).filter((node) => node.type === 'sourcesSection').length;

  it('Backspace after it and Delete before it do not remove it', () => {
    editor = createTestEditor(docOf(paragraph('Before'), { type: 'sourcesSection' }, paragraph('After')));
    const key = (name: string) => editor!.view.dom.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
    const afterStart = positionOf(editor, 'sourcesSection') + 2;
    editor.commands.setTextSelection(afterStart);
    key('Backspace');
    key('Backspace');
    expect(sourcesCount(editor)).toBe(1);
    editor.commands.setTextSelection(7);
    key('Delete');
    key('Delete');
    expect(sourcesCount(editor)).toBe(1);
    editor.commands.setNodeSelection(positionOf(editor, 'sourcesSection'));
    editor.commands.deleteSelection();
    expect(sourcesCount(editor)).toBe(1);
    expect(editor.state.doc.textContent).toContain('After');
  });

  it('can be removed on purpose (meta), by replacing the whole note, and by undoing its insertion', () => {
    editor = createTestEditor(docOf(paragraph('Before'), { type: 'sourcesSection' }, paragraph('After')));
    const pos = positionOf(editor, 'sourcesSection');
    editor.view.dispatch(editor.state.tr.delete(pos, pos + 1).setMeta(ALLOW_SOURCES_DELETE_META, true));
    expect(sourcesCount(editor)).toBe(0);
    editor.commands.setTextSelection(3);
    editor.commands.insertSourcesSection();
    expect(sourcesCount(editor)).toBe(1);
    editor.commands.undo();
    expect(sourcesCount(editor)).toBe(0);
    editor.commands.setContent(docOf(paragraph('x'), { type: 'sourcesSection' }));
    editor.commands.setContent(docOf(paragraph('y')));
    expect(sourcesCount(editor)).toBe(0);
  });
});
