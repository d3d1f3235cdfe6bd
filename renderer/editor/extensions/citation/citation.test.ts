// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DocNode } from '../../../../core/domain/note';
import { createTestEditor, destroyTestEditor, docOf } from '../../test-editor';
import type { CitationCallbacks } from '../citations-state/citation-callbacks';
import { citationOf, citedParagraph, snapshotOf } from '../citations-state/citation-fixtures';
import { CARD_SHOW_DELAY_MS } from './citation-card';
import { SOURCE_DELETED_TEXT } from './citation-label';

let editor: Editor | null = null;
afterEach(() => {
  vi.useRealTimers();
  if (editor) destroyTestEditor(editor);
  editor = null;
  document.body.replaceChildren();
});

function citationPos(target: Editor, index = 0): number {
  const positions: number[] = [];
  target.state.doc.descendants((node, pos) => {
    if (node.type.name === 'citation') positions.push(pos);
  });
  return positions[index]!;
}

function citationJson(target: Editor, index = 0): DocNode {
  return target.state.doc.nodeAt(citationPos(target, index))!.toJSON() as DocNode;
}

const oneCitation = () => docOf(citedParagraph('Talks resumed.', ['s1']), citedParagraph('Exports fell.', ['s2']));

describe('CitationWithView rendering', () => {
  it('renders a deleted source as the broken marker with its reason, the others unchanged', () => {
    const callbacks: CitationCallbacks = { getSourceStatus: (id) => (id === 's1' ? 'deleted' : 'current') };
    editor = createTestEditor(oneCitation(), { citations: callbacks });
    const broken = editor.view.dom.querySelector('[data-testid="citation-broken"]');
    expect(broken?.textContent).toBe('[?]');
    expect(broken?.getAttribute('title')).toBe(SOURCE_DELETED_TEXT);
    expect(broken?.classList.contains('is-broken')).toBe(true);
    expect(editor.view.dom.querySelector('[data-testid="citation"]')?.textContent).toBe('[2]');
  });

  it('a citation without snapshot or library record, or naming no source, is broken, not a crash', () => {
    const paragraphWith = (...nodes: DocNode[]): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text: 'Claim ' }, ...nodes] });
    editor = createTestEditor(docOf(paragraphWith(citationOf(['gone'], { snapshots: false }), citationOf([]))));
    const broken = editor.view.dom.querySelectorAll('[data-testid="citation-broken"]');
    expect([...broken].map((node) => node.textContent)).toEqual(['[?]', '[?]']);
  });

  it('flags a citation whose source was edited in the library since it was cited, until reviewed', () => {
    const library = new Map([['s1', snapshotOf('s1')], ['s2', snapshotOf('s2')]]);
    editor = createTestEditor(oneCitation(), { citations: { getSource: (id) => library.get(id) ?? null, getSourceStatus: () => 'current' } });
    expect(editor.view.dom.querySelectorAll('[data-changed]')).toHaveLength(0);
    library.set('s2', snapshotOf('s2', { grade: 'E5', title: 'Corrected report' }));
    editor.commands.refreshCitations();
    const changed = editor.view.dom.querySelectorAll('[data-changed]');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.getAttribute('data-source-ids')).toBe('["s2"]');
    expect(changed[0]!.getAttribute('title')).toMatch(/edited in the library since it was cited \(title, grade\)/);
  });

  it('becomes broken after refreshCitations when the library reports the source deleted', () => {
    const deleted = new Set<string>();
    editor = createTestEditor(oneCitation(), { citations: { getSourceStatus: (id) => (deleted.has(id) ? 'deleted' : 'current') } });
    expect(editor.view.dom.querySelectorAll('[data-testid="citation-broken"]')).toHaveLength(0);
    deleted.add('s2');
    editor.commands.refreshCitations();
    expect(editor.view.dom.querySelector('[data-testid="citation-broken"]')?.getAttribute('data-source-ids')).toBe('["s2"]');
  });
});

describe('CitationWithView card and click', () => {
  it('shows the source card after the hover delay, from the library over the snapshot', () => {
    vi.useFakeTimers();
    const getSource = (id: string) => (id === 's1' ? { title: 'Trump and Xi hold call', publisher: 'Reuters', published: '2025-06-05', grade: 'A1', url: 'https://reuters.example/call' } : null);
    editor = createTestEditor(oneCitation(), { citations: { getSource } });
    const [first, second] = editor.view.dom.querySelectorAll('[data-citation]');
    first!.dispatchEvent(new MouseEvent('mouseenter'));
    vi.advanceTimersByTime(CARD_SHOW_DELAY_MS - 50);
    expect(document.querySelector('[data-testid="citation-card"]')).toBeNull();
    vi.advanceTimersByTime(60);
    const card = document.querySelector('[data-testid="citation-card"]');
    expect(card?.textContent).toContain('Trump and Xi hold call');
    expect(card?.textContent).toContain('Reuters · 2025-06-05');
    expect(card?.textContent).toContain('https://reuters.example/call');
    expect(card?.querySelector('[data-testid="citation-card-grade"]')?.textContent).toBe('A1');

    // Another citation: the snapshot (no library record for s2).
    first!.dispatchEvent(new MouseEvent('mouseleave'));
    second!.dispatchEvent(new MouseEvent('mouseenter'));
    vi.advanceTimersByTime(CARD_SHOW_DELAY_MS + 10);
    expect(document.querySelectorAll('[data-testid="citation-card"]')).toHaveLength(1);
    expect(document.querySelector('[data-testid="citation-card"]')?.textContent).toContain(snapshotOf('s2').title);
  });

  it('a click opens the source in the app; the card’s "Edit citation" opens the popover', () => {
    vi.useFakeTimers();
    const onOpenSource = vi.fn();
    editor = createTestEditor(oneCitation(), { citations: { onOpenSource } });
    const first = editor.view.dom.querySelector('[data-citation]')!;
    first.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onOpenSource).toHaveBeenCalledWith('s1');
    first.dispatchEvent(new MouseEvent('mouseenter'));
    vi.advanceTimersByTime(CARD_SHOW_DELAY_MS + 10);
    (document.querySelector('[data-testid="citation-card-edit"]') as HTMLButtonElement).click();
    expect(document.querySelector('[data-testid="citation-card"]')).toBeNull();
    expect(document.querySelector('[data-testid="citation-popover"]')).not.toBeNull();
  });
});

describe('CitationWithView edit popover', () => {
  it('Enter on a selected citation opens the popover and leaves the text as it was', () => {
    editor = createTestEditor(oneCitation());
    const before = editor.getJSON();
    editor.commands.setNodeSelection(citationPos(editor));
    editor.view.dom.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    expect(document.querySelector('[data-testid="citation-popover"]')).not.toBeNull();
    expect(editor.getJSON()).toEqual(before);
  });

  it('removes a source, adds one found by search, sets a locator, in one undoable step', async () => {
    const searchSources = vi.fn(async (query: string) => (query === 'nikkei' ? [{ id: 's5', snapshot: snapshotOf('s5', { title: 'Nikkei on magnets' }) }] : []));
    editor = createTestEditor(docOf(citedParagraph('Talks resumed.', ['s1', 's2'])), { citations: { searchSources } });
    editor.commands.setNodeSelection(citationPos(editor));
    expect(editor.commands.editCitation()).toBe(true);
    const popover = document.querySelector('[data-testid="citation-popover"]') as HTMLElement;
    const rows = popover.querySelectorAll('[data-testid="citation-popover-sources"] li');
    expect(rows).toHaveLength(2);
    (rows[0]!.querySelector('[data-testid="citation-popover-remove"]') as HTMLButtonElement).click();

    const search = popover.querySelector('[data-testid="citation-popover-search"]') as HTMLInputElement;
    search.value = 'nikkei';
    search.dispatchEvent(new Event('input'));
    await vi.waitFor(() => expect(popover.querySelector('[data-testid="citation-popover-result"]')).not.toBeNull());
    (popover.querySelector('[data-testid="citation-popover-result"]') as HTMLButtonElement).click();

    (popover.querySelector('[data-testid="citation-popover-locator-label"]') as HTMLSelectElement).value = 'page';
    (popover.querySelector('[data-testid="citation-popover-locator-value"]') as HTMLInputElement).value = '4';
    (popover.querySelector('[data-testid="citation-popover-save"]') as HTMLButtonElement).click();

    expect(document.querySelector('[data-testid="citation-popover"]')).toBeNull();
    const attrs = citationJson(editor).attrs!;
    expect(attrs.sourceIds).toEqual(['s2', 's5']);
    expect(attrs.locator).toEqual({ label: 'page', value: '4' });
    expect(Object.keys(attrs.snapshots as object).sort()).toEqual(['s2', 's5']);
    expect(editor.view.dom.querySelector('[data-citation]')?.textContent).toBe('[1, 2, p. 4]');

    editor.commands.undo();
    expect(citationJson(editor).attrs?.sourceIds).toEqual(['s1', 's2']);
    expect(editor.view.dom.querySelector('[data-citation]')?.textContent).toBe('[1, 2]');
  });

  it('Escape closes without change; saving with no source left removes the citation', () => {
    editor = createTestEditor(oneCitation());
    const before = editor.getJSON();
    editor.commands.setNodeSelection(citationPos(editor));
    editor.commands.editCitation();
    let popover = document.querySelector('[data-testid="citation-popover"]') as HTMLElement;
    (popover.querySelector('[data-testid="citation-popover-remove"]') as HTMLButtonElement).click();
    popover.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(document.querySelector('[data-testid="citation-popover"]')).toBeNull();
    expect(editor.getJSON()).toEqual(before);

    editor.commands.setNodeSelection(citationPos(editor));
    editor.commands.editCitation();
    popover = document.querySelector('[data-testid="citation-popover"]') as HTMLElement;
    (popover.querySelector('[data-testid="citation-popover-remove"]') as HTMLButtonElement).click();
    (popover.querySelector('[data-testid="citation-popover-save"]') as HTMLButtonElement).click();
    expect([...editor.view.dom.querySelectorAll('[data-citation]')].map((node) => node.textContent)).toEqual(['[1]']);
    expect(JSON.parse(editor.view.dom.querySelector('[data-citation]')?.getAttribute('data-source-ids') ?? '[]')).toEqual(['s2']);
  });
});
