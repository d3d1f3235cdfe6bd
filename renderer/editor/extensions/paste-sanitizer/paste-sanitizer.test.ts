// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocNode } from '../../../../core/domain/note';
import { validateDoc } from '../../../../core/editor/schema';
import { createTestEditor, destroyTestEditor, docOf, paragraph } from '../../test-editor';
import { HOSTILE_CLIPBOARD, WORD_CLIPBOARD } from './paste-fixtures';

let editor: Editor | null = null;
afterEach(() => {
  if (editor) destroyTestEditor(editor);
  editor = null;
});

function collect(node: DocNode, into: { types: Set<string>; marks: Set<string>; hrefs: string[] } = { types: new Set(), marks: new Set(), hrefs: [] }) {
  into.types.add(node.type);
  for (const mark of node.marks ?? []) {
    into.marks.add(mark.type);
    if (mark.type === 'link') into.hrefs.push(String(mark.attrs?.href));
  }
  for (const child of node.content ?? []) collect(child, into);
  return into;
}

/** ProseMirror's pasteHTML builds a ClipboardEvent when given none; jsdom has no ClipboardEvent. */
function pasteHTML(target: Editor, html: string): void {
  target.view.pasteHTML(html, new Event('paste', { cancelable: true }) as ClipboardEvent);
}

/** Dispatches a real `paste` DOM event on the editor, as the browser does (jsdom has no DataTransfer). */
function dispatchPaste(target: Editor, html: string, text = ''): boolean {
  const event = new Event('paste', { bubbles: true, cancelable: true });
  const data: Record<string, string> = { 'text/html': html, 'text/plain': text };
  Object.defineProperty(event, 'clipboardData', { value: { getData: (type: string) => data[type] ?? '', types: Object.keys(data) } });
  target.view.dom.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('PasteSanitizer in the real editor', () => {
  it('pastes Word HTML as headings, nested lists, a table, links and emphasis', () => {
    editor = createTestEditor(docOf(paragraph()));
    pasteHTML(editor, WORD_CLIPBOARD);
    const json = editor.getJSON() as DocNode;
    expect(validateDoc(json)).toEqual({ ok: true });
    const found = collect(json);
    for (const type of ['heading', 'bulletList', 'orderedList', 'listItem', 'table', 'tableRow', 'tableCell']) {
      expect(found.types, type).toContain(type);
    }
    for (const mark of ['bold', 'italic', 'underline', 'highlight', 'link']) expect(found.marks, mark).toContain(mark);
    expect(found.hrefs).toEqual(['https://example.org/talks']);
    const text = editor.state.doc.textContent;
    expect(text).toContain('In Bamako first');
    expect(text).not.toMatch(/[·§]|mso|Font Definitions/);
    // The nested bullet survived as a list inside a list item.
    const nested = editor.view.dom.querySelector('ul li ul li');
    expect(nested?.textContent).toBe('In Bamako first');
    // Paragraph alignment from Word survives through TextAlign.
    expect(editor.view.dom.querySelector('td p[style*="center"]')?.textContent).toBe('12');
  });

  it('pastes hostile HTML with no script, handler or javascript: link left', () => {
    editor = createTestEditor(docOf(paragraph()));
    expect(dispatchPaste(editor, HOSTILE_CLIPBOARD, 'Report')).toBe(true);
    const json = editor.getJSON() as DocNode;
    const serialized = JSON.stringify(json);
    expect(serialized).not.toMatch(/alert|javascript|onerror|onclick|onload|script|iframe|data:text/i);
    expect(collect(json).hrefs).toEqual(['https://example.com/ok', 'mailto:desk@example.org']);
    expect(editor.state.doc.textContent).toContain('Clickable div');
    const html = editor.view.dom.innerHTML;
    expect(html).not.toMatch(/\son\w+=|<script|<iframe|<svg|<img|javascript:/i);
    expect(editor.getHTML()).not.toMatch(/\son\w+=|<script|javascript:/i);
  });

  it('keeps task lists when copying and pasting inside the editor', () => {
    editor = createTestEditor(docOf(paragraph()));
    pasteHTML(editor, '<ul data-type="taskList"><li data-type="taskItem" data-checked="true"><p>Call the desk</p></li></ul>');
    const task = ((editor.getJSON() as DocNode).content ?? []).find((node) => node.type === 'taskList');
    expect(task?.content?.[0]?.attrs?.checked).toBe(true);
  });
});
