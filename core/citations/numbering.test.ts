import { describe, expect, it } from 'vitest';
import type { DocNode } from '../domain/note';
import { noteSchema } from '../editor/schema';
import { formatNumericLabel, numberCitations, numberCitationsJson } from './numbering';

const text = (value: string): DocNode => ({ type: 'text', text: value });
const cite = (...sourceIds: string[]): DocNode => ({ type: 'citation', attrs: { sourceIds, locator: null, snapshots: {} } });
const p = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content });
const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content });
const pm = (json: DocNode) => noteSchema().nodeFromJSON(json);

const A = 'src-aaaa';
const B = 'src-bbbb';
const C = 'src-cccc';
const D = 'src-dddd';

describe('numberCitations', () => {
  const cases: { name: string; doc: DocNode; order: string[]; numbers: number[][] }[] = [
    { name: 'no citations', doc: doc(p(text('Plain text.'))), order: [], numbers: [] },
    {
      name: 'first appearance decides the number',
      doc: doc(p(text('One '), cite(B)), p(text('Two '), cite(A))),
      order: [B, A],
      numbers: [[1], [2]],
    },
    {
      name: 'a source cited again keeps its number',
      doc: doc(p(text('One '), cite(A), text(' two '), cite(B)), p(text('Again '), cite(A))),
      order: [A, B],
      numbers: [[1], [2], [1]],
    },
    {
      name: 'several sources in one citation, numbered in the citation order',
      doc: doc(p(text('One '), cite(C, A)), p(text('Two '), cite(A, B, D))),
      order: [C, A, B, D],
      numbers: [[1, 2], [2, 3, 4]],
    },
    {
      name: 'moving the second paragraph first renumbers',
      doc: doc(p(text('Two '), cite(A)), p(text('One '), cite(B), cite(A))),
      order: [A, B],
      numbers: [[1], [2], [1]],
    },
    {
      name: 'citations in lists, tables and headings count in document order',
      doc: doc(
        { type: 'heading', attrs: { level: 2 }, content: [text('BLUF '), cite(D)] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('Item '), cite(C))] }] },
        {
          type: 'table',
          content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [p(text('Cell '), cite(B))] }] }],
        },
        p(cite(A)),
        { type: 'sourcesSection' },
      ),
      order: [D, C, B, A],
      numbers: [[1], [2], [3], [4]],
    },
    {
      name: 'a citation without sources is an occurrence with no numbers',
      doc: doc(p(text('x '), cite(), cite(A))),
      order: [A],
      numbers: [[], [1]],
    },
  ];

  it.each(cases)('$name', ({ doc: json, order, numbers }) => {
    const fromPm = numberCitations(pm(json));
    expect(fromPm.order).toEqual(order);
    expect(fromPm.occurrences.map((occurrence) => occurrence.numbers)).toEqual(numbers);
    expect([...fromPm.numberOf.entries()]).toEqual(order.map((id, index) => [id, index + 1]));
  });

  it.each(cases)('JSON and ProseMirror agree, positions point at the citation nodes: $name', ({ doc: json }) => {
    const node = pm(json);
    const fromPm = numberCitations(node);
    const fromJson = numberCitationsJson(json);
    expect(fromJson.order).toEqual(fromPm.order);
    expect(fromJson.occurrences).toEqual(fromPm.occurrences);
    for (const occurrence of fromPm.occurrences) expect(node.nodeAt(occurrence.pos)?.type.name).toBe('citation');
  });

  it('renumbers after deleting the first citation (a different doc is numbered afresh)', () => {
    const before = numberCitations(pm(doc(p(text('One '), cite(A)), p(text('Two '), cite(B)))));
    const after = numberCitations(pm(doc(p(text('Two '), cite(B)))));
    expect(before.numberOf.get(B)).toBe(2);
    expect(after.numberOf.get(B)).toBe(1);
    expect(after.numberOf.has(A)).toBe(false);
  });

  it('ignores malformed sourceIds in stored JSON', () => {
    const json = doc(p({ type: 'citation', attrs: { sourceIds: 'src-aaaa' } }, { type: 'citation', attrs: { sourceIds: [A, 7, ''] } }));
    expect(numberCitationsJson(json).order).toEqual([A]);
  });
});

describe('formatNumericLabel', () => {
  const cases: [number[], string][] = [
    [[], '[?]'],
    [[1], '[1]'],
    [[3, 1], '[1, 3]'],
    [[1, 2], '[1, 2]'],
    [[3, 1, 2], '[1–3]'],
    [[1, 2, 3, 5], '[1–3, 5]'],
    [[7, 5, 6, 2], '[2, 5–7]'],
    [[4, 4, 1], '[1, 4]'],
    [[1, 2, 4, 5, 6, 8, 9], '[1, 2, 4–6, 8, 9]'],
  ];
  it.each(cases)('%j → %s', (numbers, label) => {
    expect(formatNumericLabel(numbers)).toBe(label);
  });
});
