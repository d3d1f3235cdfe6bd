// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DocNode } from '../../../../core/domain/note';
import { createTestEditor, destroyTestEditor, docOf, paragraph } from '../../test-editor';

let editor: Editor | null = null;
afterEach(() => {
  if (editor) destroyTestEditor(editor);
  editor = null;
});

const linkedDoc = docOf({
  type: 'paragraph',
  content: [
    { type: 'text', text: 'See ' },
    { type: 'text', text: 'the report', marks: [{ type: 'link', attrs: { href: 'https://example.com/report' } }] },
    { type: 'text', text: ' now' },
  ],
});

function linksOf(target: Editor): { text: string; href: unknown }[] {
  const links: { text: string; href: unknown }[] = [];
  const walk = (node: DocNode) => {
    const link = node.marks?.find((mark) => mark.type === 'link');
    if (link) links.push({ text: node.text ?? '', href: link.attrs?.href });
    node.content?.forEach(walk);
  };
  walk(target.getJSON() as DocNode);
  return links;
}

function click(target: Element, init: MouseEventInit = {}): MouseEvent {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

describe('LinkHandling commands', () => {
  it('links the selected text, normalizing a bare domain', () => {
    editor = createTestEditor(docOf(paragraph('Read the brief')));
    editor.commands.setTextSelection({ from: 6, to: 15 });
    expect(editor.commands.applyLink('example.com/brief')).toBe(true);
    expect(linksOf(editor)).toEqual([{ text: 'the brief', href: 'https://example.com/brief' }]);
  });

  it('refuses a javascript: link and changes nothing', () => {
    editor = createTestEditor(docOf(paragraph('Read the brief')));
    editor.commands.setTextSelection({ from: 6, to: 15 });
    expect(editor.commands.applyLink('javascript:alert(1)')).toBe(false);
    expect(linksOf(editor)).toEqual([]);
  });

  it('with the cursor inside a link, edits the whole link; removeLink removes it', () => {
    editor = createTestEditor(linkedDoc);
    editor.commands.setTextSelection(8);
    expect(editor.commands.applyLink('https://example.com/v2')).toBe(true);
    expect(linksOf(editor)).toEqual([{ text: 'the report', href: 'https://example.com/v2' }]);
    editor.commands.setTextSelection(8);
    editor.commands.removeLink();
    expect(linksOf(editor)).toEqual([]);
    expect(editor.state.doc.textContent).toBe('See the report now');
  });

  it('with an empty selection, inserts the address as a link and does not extend it while typing', () => {
    editor = createTestEditor(docOf(paragraph('Mail ')));
    editor.commands.setTextSelection(6);
    editor.commands.applyLink('desk@example.org');
    editor.commands.insertContent(' today');
    expect(editor.state.doc.textContent).toBe('Mail desk@example.org today');
    expect(linksOf(editor)).toEqual([{ text: 'desk@example.org', href: 'mailto:desk@example.org' }]);
  });
});

describe('LinkHandling clicks', () => {
  it('a plain click does not navigate and does not open the link', () => {
    const onOpenLink = vi.fn();
    editor = createTestEditor(linkedDoc, { onOpenLink });
    const anchor = editor.view.dom.querySelector('a');
    expect(anchor).not.toBeNull();
    expect(click(anchor!).defaultPrevented).toBe(true);
    expect(onOpenLink).not.toHaveBeenCalled();
  });

  it('Ctrl+click and Cmd+click hand the link to onOpenLink', () => {
    const onOpenLink = vi.fn();
    editor = createTestEditor(linkedDoc, { onOpenLink });
    const anchor = editor.view.dom.querySelector('a')!;
    expect(click(anchor, { ctrlKey: true }).defaultPrevented).toBe(true);
    click(anchor, { metaKey: true });
    expect(onOpenLink).toHaveBeenCalledTimes(2);
    expect(onOpenLink).toHaveBeenCalledWith('https://example.com/report');
  });

  it('clicks outside links are left to the editor', () => {
    const onOpenLink = vi.fn();
    editor = createTestEditor(linkedDoc, { onOpenLink });
    expect(click(editor.view.dom.querySelector('p')!, { ctrlKey: true }).defaultPrevented).toBe(false);
    expect(onOpenLink).not.toHaveBeenCalled();
  });
});
