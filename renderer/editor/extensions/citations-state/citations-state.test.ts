// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import { closeHistory } from '@tiptap/pm/history';
import { Fragment, Slice } from '@tiptap/pm/model';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DocNode } from '../../../../core/domain/note';
import { loadCitationEngine } from '../../../citations/citation-engine';
import { createTestEditor, destroyTestEditor, docOf, paragraph } from '../../test-editor';
import { citationOf, citedParagraph, snapshotOf } from './citation-fixtures';
import { citationsStateKey } from './citations-state';

// The CSL engine is a lazily loaded chunk in the app; these tests format with it.
beforeAll(async () => {
  await loadCitationEngine();
});
const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) destroyTestEditor(editor);
});

function make(...args: Parameters<typeof createTestEditor>): Editor {
  const editor = createTestEditor(...args);
  editors.push(editor);
  return editor;
}

/** The labels the citation views show, in document order. */
function labels(editor: Editor): string[] {
  return [...editor.view.dom.querySelectorAll('[data-citation]')].map((node) => node.textContent ?? '');
}

/** Position of the n-th top-level block. */
function blockPos(editor: Editor, index: number): number {
  let pos = 0;
  for (let i = 0; i < index; i += 1) pos += editor.state.doc.child(i).nodeSize;
  return pos;
}

const threeParagraphs = () =>
  docOf(citedParagraph('Talks resumed.', ['s1']), citedParagraph('Exports fell.', ['s2'], ['s1']), citedParagraph('Prices rose.', ['s3', 's2']));

describe('CitationsState numbering', () => {
  it('numbers sources by first appearance; a source cited twice keeps one number', () => {
    const editor = make(threeParagraphs());
    expect(labels(editor)).toEqual(['[1]', '[2]', '[1]', '[2, 3]']);
    expect(citationsStateKey.getState(editor.state)?.numbering.order).toEqual(['s1', 's2', 's3']);
    const first = editor.view.dom.querySelector('[data-citation]');
    expect(first?.getAttribute('data-testid')).toBe('citation');
    expect(JSON.parse(first?.getAttribute('data-source-ids') ?? '[]')).toEqual(['s1']);
  });

  it('renumbers live when a citation is inserted before the others', () => {
    const editor = make(threeParagraphs());
    editor.commands.setTextSelection(1);
    editor.commands.insertCitation({ sourceIds: ['s9'], locator: null, snapshots: { s9: snapshotOf('s9') } });
    expect(labels(editor)).toEqual(['[1]', '[2]', '[3]', '[2]', '[3, 4]']);
  });

  it('renumbers when a paragraph is moved (cut and pasted elsewhere), deleted, undone and redone', () => {
    const editor = make(threeParagraphs());
    // Move the last paragraph to the top, as a drag or cut-paste does: delete + insert of the same slice.
    const from = blockPos(editor, 2);
    const last = editor.state.doc.child(2);
    editor.view.dispatch(editor.state.tr.delete(from, from + last.nodeSize).insert(0, last));
    expect(labels(editor)).toEqual(['[1, 2]', '[3]', '[2]', '[3]']);
    expect(citationsStateKey.getState(editor.state)?.numbering.order).toEqual(['s3', 's2', 's1']);

    // Delete the paragraph that now comes first.
    const first = editor.state.doc.child(0);
    // A separate undo step (edits within 500 ms are grouped otherwise).
    editor.view.dispatch(closeHistory(editor.state.tr.delete(0, first.nodeSize)));
    expect(labels(editor)).toEqual(['[1]', '[2]', '[1]']);

    editor.commands.undo();
    expect(labels(editor)).toEqual(['[1, 2]', '[3]', '[2]', '[3]']);
    editor.commands.redo();
    expect(labels(editor)).toEqual(['[1]', '[2]', '[1]']);
  });

  it('does not renumber for typing that touches no citation', () => {
    const editor = make(docOf(citedParagraph('Talks resumed.', ['s1']), paragraph('Plain text')));
    const before = citationsStateKey.getState(editor.state);
    editor.commands.setTextSelection(blockPos(editor, 1) + 3);
    editor.commands.insertContent('abc');
    editor.commands.setTextSelection(3);
    editor.commands.insertContent('x');
    expect(citationsStateKey.getState(editor.state)).toBe(before);
    expect(labels(editor)).toEqual(['[1]']);
  });

  it('refreshCitations re-renders with the note’s new style, without an undo step', { timeout: 60_000 }, () => {
    let style = 'numeric';
    const editor = make(threeParagraphs(), { citations: { getStyleId: () => style } });
    expect(labels(editor)[0]).toBe('[1]');
    style = 'apa';
    editor.commands.refreshCitations();
    expect(labels(editor)[0]).toMatch(/^\(Shalal, 2025[a-z]?\)$/);
    expect(editor.can().undo()).toBe(false);
  });
});

/** The Sources entries the view shows (rendered a frame after a change). */
function entries(editor: Editor): string[] {
  return [...editor.view.dom.querySelectorAll('[data-testid="sources-entry"]')].map((item) => item.textContent ?? '');
}

/** "2025b" from "(Shalal, 2025b)" or an APA entry "Shalal, A. (2025b, June 3)…". */
const yearOf = (text: string): string => /2025[a-z]?/.exec(text)?.[0] ?? '';

describe('CitationsState: the whole note formatted as one sequence', () => {
  const withSources = () => docOf(citedParagraph('Talks resumed.', ['s1']), citedParagraph('Exports fell.', ['s2'], ['s1']), paragraph('Sources'), { type: 'sourcesSection' });

  it('APA: one author’s works of a year read 2025a/2025b in the text and in the Sources list alike', { timeout: 60_000 }, async () => {
    const editor = make(withSources(), { citations: { getStyleId: () => 'apa' } });
    expect(labels(editor)).toHaveLength(3);
    // The list follows a frame after the labels.
    await vi.waitFor(() => expect(entries(editor).map(yearOf).sort()).toEqual(['2025a', '2025b']));
    const [first, second, again] = labels(editor) as [string, string, string];
    expect(first).toMatch(/^\(Shalal, 2025[ab]\)$/);
    expect(second).toMatch(/^\(Shalal, 2025[ab]\)$/);
    expect(yearOf(first)).not.toBe(yearOf(second));
    expect(again).toBe(first);
    const entryOf = (id: string): string => entries(editor).find((entry) => entry.includes(`Report ${id} `)) ?? '';
    expect(yearOf(entryOf('s1'))).toBe(yearOf(first));
    expect(yearOf(entryOf('s2'))).toBe(yearOf(second));
  });

  it('APA: a citation inserted later is formatted with the others once the edit settles', async () => {
    const editor = make(withSources(), { citations: { getStyleId: () => 'apa' } });
    editor.commands.setTextSelection(1);
    editor.commands.insertCitation({ sourceIds: ['s3'], locator: null, snapshots: { s3: snapshotOf('s3') } });
    // Three works of one author in 2025: every label gets its letter, and the list agrees.
    await vi.waitFor(() => expect(new Set(labels(editor).map(yearOf))).toEqual(new Set(['2025a', '2025b', '2025c'])));
    await vi.waitFor(() => expect(entries(editor).map(yearOf).sort()).toEqual(['2025a', '2025b', '2025c']));
  });

  it('Chicago notes: superscript note numbers in document order, the note on the citation, the bibliography as Sources', { timeout: 60_000 }, async () => {
    const editor = make(withSources(), { citations: { getStyleId: () => 'chicago' } });
    expect(labels(editor)).toEqual(['1', '2', '3']);
    const views = [...editor.view.dom.querySelectorAll('[data-citation]')];
    expect(views.every((view) => view.classList.contains('is-note'))).toBe(true);
    expect(views[0]?.getAttribute('data-note')).toBe('Shalal, “Report S1 on Rare-Earth Exports.”');
    await vi.waitFor(() => expect(entries(editor)[0]).toMatch(/^Shalal, Andrea\. “Report S[12] on Rare-Earth Exports\.”/));
    // A note inserted first renumbers every note at once.
    editor.commands.setTextSelection(1);
    editor.commands.insertCitation({ sourceIds: ['s3'], locator: null, snapshots: { s3: snapshotOf('s3') } });
    expect(labels(editor)).toEqual(['1', '2', '3', '4']);
    await vi.waitFor(() => expect(editor.view.dom.querySelector('[data-citation]')?.getAttribute('data-note')).toBe('Shalal, “Report S3 on Rare-Earth Exports.”'));
  });
});

describe('CitationsState paste between notes', () => {
  it('pasted HTML keeps sourceIds and snapshots and takes its number in the target note', () => {
    const source = make(docOf(citedParagraph('Exports fell.', ['s7'])));
    const target = make(docOf(citedParagraph('Talks resumed.', ['s1']), paragraph('End')));
    source.commands.selectAll();
    const { dom } = source.view.serializeForClipboard(source.state.selection.content());
    target.commands.setTextSelection(1);
    // ProseMirror's pasteHTML builds a ClipboardEvent when given none; jsdom has none.
    target.view.pasteHTML(dom.innerHTML, new Event('paste', { cancelable: true }) as ClipboardEvent);
    expect(labels(target)).toEqual(['[1]', '[2]']);
    const pasted = (target.getJSON() as DocNode).content?.[0]?.content?.find((node) => node.type === 'citation');
    expect(pasted?.attrs?.sourceIds).toEqual(['s7']);
    expect(pasted?.attrs?.snapshots).toEqual({ s7: snapshotOf('s7') });
  });

  it('pasted JSON (a slice from another note) gets the right number', () => {
    const target = make(docOf(citedParagraph('Talks resumed.', ['s1']), citedParagraph('Later.', ['s2'])));
    const node = target.schema.nodeFromJSON(citationOf(['s2']));
    const end = blockPos(target, 1) - 1;
    target.view.dispatch(target.state.tr.replace(end, end, new Slice(Fragment.from(node), 0, 0)));
    expect(labels(target)).toEqual(['[1]', '[2]', '[2]']);
    target.commands.setTextSelection(1);
    target.commands.insertContent(citationOf(['s3']));
    expect(labels(target)).toEqual(['[1]', '[2]', '[3]', '[3]']);
  });
});
