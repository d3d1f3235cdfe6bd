import type { Node as PmNode } from '@tiptap/pm/model';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import type { DocNode } from '../domain/note';
import { findPlaceholder, insertAtPlaceholder, type PlaceholderKind } from './placeholder-insert';
import { noteSchema } from './schema';

const text = (value: string): DocNode => ({ type: 'text', text: value });
const p = (value = '', attrs?: Record<string, unknown>): DocNode => ({ type: 'paragraph', ...(attrs ? { attrs } : {}), ...(value ? { content: [text(value)] } : {}) });
const hint = (guidance: string): DocNode => p('', { guidance });
const item = (...content: DocNode[]): DocNode => ({ type: 'listItem', content });
const task = (...content: DocNode[]): DocNode => ({ type: 'taskItem', attrs: { checked: false }, content });
const bullets = (...items: DocNode[]): DocNode => ({ type: 'bulletList', content: items });
const numbered = (...items: DocNode[]): DocNode => ({ type: 'orderedList', attrs: { start: 1 }, content: items });
const tasks = (...items: DocNode[]): DocNode => ({ type: 'taskList', content: items });
const cell = (...content: DocNode[]): DocNode => ({ type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content });
const table = (...cells: DocNode[]): DocNode => ({ type: 'table', content: [{ type: 'tableRow', content: cells }] });
const quote = (...content: DocNode[]): DocNode => ({ type: 'blockquote', content });
const heading = (guidance: string): DocNode => ({ type: 'heading', attrs: { level: 3, guidance } });
const doc = (...content: DocNode[]): PmNode => noteSchema().nodeFromJSON({ type: 'doc', content });
const node = (json: DocNode): PmNode => noteSchema().nodeFromJSON(json);
const citation: DocNode = { type: 'citation', attrs: { sourceIds: ['src-a'], locator: null, snapshots: {} } };

/** The position inside the (first) block whose guidance is `guidance`. */
function inside(document: PmNode, guidance: string): number {
  let found = -1;
  document.descendants((child, pos) => {
    if (found === -1 && child.attrs.guidance === guidance) found = pos + 1;
    return found === -1;
  });
  if (found === -1) throw new Error(`no block with guidance "${guidance}"`);
  return found;
}

/** Strips default attributes so expectations stay readable. */
function plain(json: DocNode): DocNode {
  const out: DocNode = { type: json.type };
  if (json.text !== undefined) out.text = json.text;
  const attrs = Object.fromEntries(Object.entries(json.attrs ?? {}).filter(([key, value]) => value !== null && !['textAlign', 'colspan', 'rowspan', 'colwidth', 'locator', 'snapshots', 'type'].includes(key)));
  if (Object.keys(attrs).length > 0 && json.type !== 'citation') out.attrs = attrs; // citations: checked by the renderer tests
  if (json.content) out.content = json.content.map(plain);
  return out;
}

describe('findPlaceholder', () => {
  const document = doc(
    hint('Para'),
    p('Written'),
    heading('Headline'),
    bullets(item(hint('Bullet')), item(p('Text'), hint('Second para'))),
    table(cell(hint('Cell')), cell(hint('Half'), p('Other half'))),
    quote(hint('Quoted')),
  );
  const cases: [string, PlaceholderKind | null][] = [
    ['Para', 'paragraph'],
    ['Headline', null],
    ['Bullet', 'listItem'],
    ['Second para', 'paragraph'],
    ['Cell', 'tableCell'],
    ['Half', 'paragraph'],
    ['Quoted', 'paragraph'],
  ];
  it.each(cases)('the block with guidance "%s" is %s', (guidance, kind) => {
    expect(findPlaceholder(document, inside(document, guidance))?.kind ?? null).toBe(kind);
  });

  it('text is no placeholder, and a drop just before a list finds its empty first bullet', () => {
    expect(findPlaceholder(document, inside(document, 'Para') + 3)).toBeNull();
    const listStart = inside(document, 'Bullet') - 3;
    expect(document.resolve(listStart).nodeAfter?.type.name).toBe('bulletList');
    expect(findPlaceholder(document, listStart)?.kind).toBe('listItem');
  });
});

describe('insertAtPlaceholder', () => {
  const fact = (value: string): DocNode => p(value);
  const cases: { name: string; before: PmNode; at: string; nodes: DocNode[]; after: DocNode[] }[] = [
    {
      name: 'bullets into an empty task item become task items',
      before: doc(tasks(task(hint('Indicator')))),
      at: 'Indicator',
      nodes: [bullets(item(fact('A')), item(fact('B')))],
      after: [tasks(task(p('A')), task(p('B')))].map(plain),
    },
    {
      name: 'bullets into an empty numbered item stay numbered, between its siblings',
      before: doc(numbered(item(p('One')), item(hint('Two')), item(p('Three')))),
      at: 'Two',
      nodes: [bullets(item(fact('A')), item(fact('B')))],
      after: [numbered(item(p('One')), item(p('A')), item(p('B')), item(p('Three')))].map(plain),
    },
    {
      name: 'an empty bullet with a sub-list keeps it under the first fact',
      before: doc(bullets(item(hint('Point'), bullets(item(p('Sub')))))),
      at: 'Point',
      nodes: [bullets(item(fact('A')), item(fact('B')))],
      after: [bullets(item(p('A'), bullets(item(p('Sub')))), item(p('B')))].map(plain),
    },
    {
      name: 'sentences into an empty bullet become its text, then sibling bullets',
      before: doc(bullets(item(hint('Point')))),
      at: 'Point',
      nodes: [fact('A'), fact('B')],
      after: [bullets(item(p('A')), item(p('B')))].map(plain),
    },
    {
      name: 'one bullet into an empty cell is the cell’s paragraph',
      before: doc(table(cell(hint('Cell')))),
      at: 'Cell',
      nodes: [bullets(item(fact('A')))],
      after: [table(cell(p('A')))].map(plain),
    },
    {
      name: 'two bullets into an empty cell are a list in it',
      before: doc(table(cell(hint('Cell')))),
      at: 'Cell',
      nodes: [bullets(item(fact('A')), item(fact('B')))],
      after: [table(cell(bullets(item(p('A')), item(p('B')))))].map(plain),
    },
    {
      name: 'a list replaces an empty paragraph in a block quote',
      before: doc(quote(p('Said'), hint('More'))),
      at: 'More',
      nodes: [bullets(item(fact('A')))],
      after: [quote(p('Said'), bullets(item(p('A'))))].map(plain),
    },
    {
      name: 'a citation fills the empty paragraph, which keeps its guidance as typing would',
      before: doc(hint('Para')),
      at: 'Para',
      nodes: [text('Cited '), citation],
      after: [{ type: 'paragraph', attrs: { guidance: 'Para' }, content: [text('Cited '), { type: 'citation' }] }],
    },
  ];
  it.each(cases)('$name', ({ before, at, nodes, after }) => {
    const state = EditorState.create({ doc: before, selection: TextSelection.create(before, inside(before, at)) });
    const tr = state.tr;
    expect(insertAtPlaceholder(tr, nodes.map(node))).toBe(true);
    const result = tr.doc.toJSON() as DocNode;
    expect((result.content ?? []).map(plain)).toEqual(after);
    expect(() => tr.doc.check()).not.toThrow();
    // The cursor ends after what was inserted, inside the text.
    expect(tr.selection.$from.parent.isTextblock).toBe(true);
  });

  it('leaves the transaction untouched where it cannot use the place', () => {
    const before = doc(p('Written'), heading('Headline'), bullets(item(hint('Point'))));
    const attempts: [number, DocNode[]][] = [
      [3, [fact('A')]], // in text
      [inside(before, 'Headline'), [fact('A')]], // an empty heading is the item's headline, not a place for facts
      [inside(before, 'Point'), [table(cell(fact('A')))]], // a table cannot be a bullet
    ];
    for (const [pos, nodes] of attempts) {
      const tr = EditorState.create({ doc: before }).tr;
      expect(insertAtPlaceholder(tr, nodes.map(node), pos)).toBe(false);
      expect(tr.docChanged).toBe(false);
    }
    // A selection over text is replaced by the ordinary insert, not here.
    const selected = EditorState.create({ doc: before, selection: TextSelection.create(before, 1, 4) }).tr;
    expect(insertAtPlaceholder(selected, [node(fact('A'))])).toBe(false);
  });
});
