// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { FuzzyDate, LibraryEvent, Source } from '../../core/domain/library';
import type { DocNode } from '../../core/domain/note';
import { TemplateFileSchema } from '../../core/domain/template';
import { findPlaceholder, type Placeholder, type PlaceholderKind } from '../../core/editor/placeholder-insert';
import { validateDoc } from '../../core/editor/schema';
import { fillDoc } from '../../core/editor/template-fill';
import { createTestEditor, destroyTestEditor, docOf, paragraph } from '../editor/test-editor';
import { citationNodes, factNodesFor, insertNodes, quoteKindAt, quoteNodes, type EventWithSources } from './insert-facts';

const VALUES = { title: 'London talks', date: '10 June 2025', author: 'A. Analyst', marking: 'TLP:AMBER' };

/**
 * Every built-in template's body, filled as notes:create fills it: whatever templates exist (the
 * renderer may not read files, so Vite's glob bundles them).
 */
const TEMPLATE_FILES = import.meta.glob<unknown>('../../templates/*.json', { eager: true, import: 'default' });
const TEMPLATES = Object.keys(TEMPLATE_FILES)
  .sort()
  .map((file) => {
    const template = TemplateFileSchema.parse(TEMPLATE_FILES[file]);
    return { id: template.id, doc: fillDoc(template.content, VALUES) };
  });

const day = (date: string): FuzzyDate => ({ date, precision: 'day' });

function source(id: string): Source {
  return {
    id,
    title: `Report ${id}`,
    publisher: 'Reuters',
    authors: [],
    published: day('2025-06-10'),
    url: `https://example.com/${id}`,
    canonicalUrl: null,
    language: 'en',
    retrievedAt: null,
    text: 'US and Chinese officials met in London for two days of talks on export controls.',
    excerpt: '',
    grade: { reliability: 'B', credibility: '2' },
    tags: [],
    origin: { kind: 'sample', datasetId: null, file: null },
    contentHash: 'x',
    createdAt: '2025-06-10T00:00:00.000Z',
    updatedAt: '2025-06-10T00:00:00.000Z',
  };
}

function event(id: string, date: string, summary: string, sourceId: string): LibraryEvent {
  return {
    id,
    date: day(date),
    endDate: null,
    summary,
    type: { label: 'Negotiate', code: null, taxonomy: 'custom', subType: null },
    actors: [{ name: 'United States', role: 'initiator', countryCode: 'USA' }],
    location: { name: 'London', country: 'United Kingdom', admin1: null, latitude: null, longitude: null },
    figures: {},
    sourceIds: [sourceId],
    datasetId: 'ds-sample',
    datasetVersion: 1,
    externalId: null,
    origin: { kind: 'sample', datasetId: 'ds-sample', file: null },
    createdAt: '2025-06-10T00:00:00.000Z',
    updatedAt: '2025-06-10T00:00:00.000Z',
  };
}

const SRC_A = source('src-talks-0001');
const SRC_B = source('src-rare-0002');
const TALKS: EventWithSources = { event: event('ev-talks-0001', '2025-06-09', 'US and Chinese officials open talks in London', SRC_A.id), sources: [SRC_A] };
const RARE: EventWithSources = { event: event('ev-rare-0002', '2025-06-04', 'China grants rare-earth export licences', SRC_B.id), sources: [SRC_B] };
const AT = '2025-06-10T12:00:00.000Z';
const QUOTE = 'two days of talks on export controls';

/** How each sidebar action builds its nodes, and whether it goes in at the cursor or at a drop point. */
interface Mode {
  name: string;
  drop?: boolean;
  nodes: (editor: Editor) => DocNode[];
}

const MODES: Mode[] = [
  { name: 'sentence', nodes: () => factNodesFor([TALKS], 'sentence', AT) },
  { name: 'bullet', nodes: () => factNodesFor([TALKS], 'bullet', AT) },
  { name: 'bullets of two events', nodes: () => factNodesFor([TALKS, RARE], 'bullet', AT) },
  { name: 'chronology', nodes: () => factNodesFor([TALKS, RARE], 'chronology', AT) },
  // A dropped card is a sentence at the drop point (event-drop.ts); the cursor is elsewhere.
  { name: 'drop', drop: true, nodes: () => factNodesFor([TALKS], 'sentence', AT) },
  { name: 'drop of picked cards', drop: true, nodes: () => factNodesFor([TALKS, RARE], 'chronology', AT) },
  { name: 'cite', nodes: () => citationNodes(SRC_A) },
  { name: 'inline quote', nodes: (editor) => quoteNodes(SRC_A, QUOTE, quoteKindAt(editor, 'inline')) },
  { name: 'block quote', nodes: (editor) => quoteNodes(SRC_A, QUOTE, quoteKindAt(editor, 'block')) },
];

/** Modes that put one paragraph's worth of text in a table cell (a single fact is not a one-item list). */
const ONE_BLOCK = new Set(['sentence', 'bullet', 'drop', 'cite', 'inline quote']);

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) destroyTestEditor(editor);
});

function editorWith(doc: DocNode): Editor {
  const editor = createTestEditor(doc);
  editors.push(editor);
  return editor;
}

const isItem = (node: PmNode): boolean => node.type.name === 'listItem' || node.type.name === 'taskItem';
const isEmptyParagraph = (node: PmNode): boolean => node.type.name === 'paragraph' && node.content.size === 0;

/** What an insertion must not leave: empty paragraphs, empty items, lists under an empty item. */
function debris(doc: PmNode): { emptyParagraphs: number; emptyItems: number; nestedInEmpty: number; citations: number } {
  const counts = { emptyParagraphs: 0, emptyItems: 0, nestedInEmpty: 0, citations: 0 };
  doc.descendants((node) => {
    if (isEmptyParagraph(node)) counts.emptyParagraphs += 1;
    if (node.type.name === 'citation') counts.citations += 1;
    if (isItem(node) && node.firstChild && isEmptyParagraph(node.firstChild)) {
      counts.emptyItems += 1;
      node.forEach((child) => {
        if (child.type.isInGroup('list')) counts.nestedInEmpty += 1;
      });
    }
    return true;
  });
  return counts;
}

/** Every placeholder of a document, found the way an insertion finds it (position inside the paragraph). */
function placeholdersOf(doc: PmNode): Placeholder[] {
  const found: Placeholder[] = [];
  doc.descendants((node, pos) => {
    if (!isEmptyParagraph(node)) return true;
    const placeholder = findPlaceholder(doc, pos + 1);
    if (placeholder) found.push(placeholder);
    return false;
  });
  return found;
}

/** The texts an insertion must show exactly once: the facts (provenance-marked text) or the quote. */
function insertedTexts(nodes: DocNode[]): string[] {
  const texts: string[] = [];
  const walk = (node: DocNode): void => {
    if (node.text && (node.marks ?? []).some((mark) => mark.type === 'provenance')) texts.push(node.text);
    if (node.text?.includes(QUOTE)) texts.push(QUOTE);
    for (const child of node.content ?? []) walk(child);
  };
  nodes.forEach(walk);
  return texts;
}

const citationCount = (nodes: DocNode[]): number => {
  let count = 0;
  const walk = (node: DocNode): void => {
    if (node.type === 'citation') count += 1;
    for (const child of node.content ?? []) walk(child);
  };
  nodes.forEach(walk);
  return count;
};

const occurrences = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

/** Node type names from the document root down to the node at `pos` (a position inside a textblock). */
function ancestry(doc: PmNode, pos: number): string[] {
  const $pos = doc.resolve(pos);
  const names: string[] = [];
  for (let depth = 1; depth <= $pos.depth; depth += 1) names.push($pos.node(depth).type.name);
  return names;
}

/** One editor per template, shared by its cases: each case undoes its insertion (and checks that it does). */
const shared = new Map<string, Editor>();
afterAll(() => {
  for (const editor of shared.values()) destroyTestEditor(editor);
});

function templateEditor(id: string, doc: DocNode): Editor {
  let editor = shared.get(id);
  if (!editor) {
    editor = createTestEditor(doc);
    shared.set(id, editor);
  }
  return editor;
}

const CASES = TEMPLATES.flatMap((template) => {
  const placeholders = placeholdersOf(templateEditor(template.id, template.doc).state.doc);
  return placeholders.flatMap((placeholder, index) =>
    MODES.map((mode) => ({ template: template.id, doc: template.doc, index, kind: placeholder.kind, guidance: String(placeholder.paragraph.attrs.guidance ?? '').slice(0, 40), mode })),
  );
});

describe('placeholders of the built-in templates', () => {
  it('include every kind: empty paragraph, empty bullet and empty table cell', () => {
    const kinds = new Set<PlaceholderKind>(CASES.map((entry) => entry.kind));
    expect([...kinds].sort()).toEqual(['listItem', 'paragraph', 'tableCell']);
  });
});

describe('inserting at a template placeholder uses its place and leaves no debris', () => {
  it.each(CASES)('$template #$index ($kind: "$guidance"): $mode.name', ({ template, doc, index, kind, mode }) => {
    const editor = templateEditor(template, doc);
    const start = editor.state.doc;
    try {
      checkInsertion(editor, index, kind, mode);
    } finally {
      // A failed case must not spoil the next ones: put the template back, outside the history.
      if (!editor.state.doc.eq(start)) editor.view.dispatch(editor.state.tr.replaceWith(0, editor.state.doc.content.size, start.content).setMeta('addToHistory', false));
    }
  });
});

function checkInsertion(editor: Editor, index: number, kind: PlaceholderKind, mode: Mode): void {
  const placeholder = placeholdersOf(editor.state.doc)[index];
  if (!placeholder) throw new Error('placeholder not found');
  // The cursor sits in the placeholder; a drop leaves it at the start of the note.
  editor.commands.setTextSelection(mode.drop ? 1 : placeholder.pos + 1);
  const before = editor.state.doc;
  const beforeJson = editor.getJSON();
  const nodes = mode.nodes(editor);

  expect(insertNodes(editor, nodes, mode.drop ? placeholder.pos + 1 : undefined)).toBe(true);

  const after = editor.state.doc;
  expect(validateDoc(editor.getJSON())).toEqual({ ok: true });
  const was = debris(before);
  const now = debris(after);
  // The placeholder is used (filled or replaced): one empty paragraph fewer, and no new one.
  expect(now.emptyParagraphs).toBe(was.emptyParagraphs - 1);
  expect(now.emptyItems).toBe(was.emptyItems - (kind === 'listItem' ? 1 : 0));
  expect(now.nestedInEmpty).toBe(0);
  expect(now.citations).toBe(was.citations + citationCount(nodes));
  const texts = insertedTexts(nodes);
  if (mode.name !== 'cite') expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) expect(occurrences(after.textContent, text)).toBe(1);

  // At the placeholder's place: the same text before it, inside the same container.
  const first = firstInserted(after, texts);
  expect(after.textBetween(0, first, '', '')).toBe(before.textBetween(0, placeholder.pos, '', ''));
  const where = ancestry(before, placeholder.pos + 1);
  const landed = ancestry(after, first);
  if (kind === 'listItem' || (kind === 'tableCell' && ONE_BLOCK.has(mode.name))) expect(landed).toEqual(where);
  else expect(landed.slice(0, where.length - 1)).toEqual(where.slice(0, -1));

  // One undo step restores the placeholder.
  editor.commands.undo();
  expect(editor.getJSON()).toEqual(beforeJson);
}

/** The position of the first inserted thing: a fact, the quote, or (a bare cite) the citation. */
function firstInserted(doc: PmNode, texts: string[]): number {
  let first: number | null = null;
  doc.descendants((node, pos) => {
    if (first !== null) return false;
    const ours = node.type.name === 'citation' || (node.isText && texts.some((text) => node.text?.includes(text)));
    if (ours) first = pos;
    return true;
  });
  if (first === null) throw new Error('nothing inserted');
  return first;
}

describe('inserting where there is no placeholder', () => {
  const cases: { name: string; nodes: DocNode[] }[] = [
    { name: 'sentence', nodes: factNodesFor([TALKS], 'sentence', AT) },
    { name: 'bullet', nodes: factNodesFor([TALKS], 'bullet', AT) },
    { name: 'cite', nodes: citationNodes(SRC_A) },
    { name: 'inline quote', nodes: quoteNodes(SRC_A, QUOTE, 'inline') },
    { name: 'block quote', nodes: quoteNodes(SRC_A, QUOTE, 'block') },
  ];
  it.each(cases)('$name goes in at the cursor in text, as before', ({ nodes }) => {
    const doc = docOf(paragraph('Talks resumed on Monday.'), { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('A point')] }] });
    const ours = editorWith(doc);
    const plain = editorWith(doc);
    for (const editor of [ours, plain]) editor.commands.setTextSelection(6);
    insertNodes(ours, nodes);
    plain.chain().focus().insertContent(nodes).run();
    expect(ours.getJSON()).toEqual(plain.getJSON());
  });

  it('is its own undo step, even right after typing at the same place', () => {
    const editor = editorWith(docOf(paragraph('Talks resumed.')));
    editor.commands.setTextSelection(15);
    editor.commands.insertContent(' Both sides met.');
    const typed = editor.getJSON();
    insertNodes(editor, citationNodes(SRC_A));
    expect(debris(editor.state.doc).citations).toBe(1);
    editor.commands.undo();
    expect(editor.getJSON()).toEqual(typed);
  });

  it('a block quote at an empty bullet becomes the bullet’s quotation, elsewhere a block quote', () => {
    const editor = editorWith(docOf(paragraph('', { guidance: 'Background' }), { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('', { guidance: 'Supporting point' })] }] }));
    editor.commands.setTextSelection(1);
    expect(quoteKindAt(editor, 'block')).toBe('block');
    editor.commands.setTextSelection(5);
    expect(quoteKindAt(editor, 'block')).toBe('inline');
  });
});
