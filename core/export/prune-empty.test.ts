import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocNode } from '../domain/note';
import { validateDoc } from '../editor/schema';
import { sampleCitation, sampleExportNote } from './export-fixtures';
import { buildExportModel } from './export-model';
import { findEmptySections, pruneEmpty } from './prune-empty';

const TEMPLATES = new URL('../../templates/', import.meta.url);
const TEMPLATE_IDS = readdirSync(TEMPLATES)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));

/** A built-in template's body, exactly as a new note gets it. */
function template(id: string): DocNode {
  return (JSON.parse(readFileSync(new URL(`${id}.json`, TEMPLATES), 'utf8')) as { content: DocNode }).content;
}

const text = (value: string): DocNode => ({ type: 'text', text: value });
const p = (value?: string): DocNode => (value === undefined ? { type: 'paragraph' } : { type: 'paragraph', content: [text(value)] });
const guide = (hint: string): DocNode => ({ type: 'paragraph', attrs: { guidance: hint } });
const h = (level: number, value: string): DocNode => ({ type: 'heading', attrs: { level }, content: [text(value)] });
const item = (...content: DocNode[]): DocNode => ({ type: 'listItem', content });
const bullets = (...items: DocNode[]): DocNode => ({ type: 'bulletList', content: items });
const cell = (type: 'tableHeader' | 'tableCell', ...content: DocNode[]): DocNode => ({ type, content });
const row = (...cells: DocNode[]): DocNode => ({ type: 'tableRow', content: cells });
const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content });
const cited = (value: string): DocNode => ({ type: 'paragraph', content: [text(`${value} `), sampleCitation(['src-reuters-call'])] });

/** Every top-level heading's text, in order. */
function headings(node: DocNode): string[] {
  return (node.content ?? []).filter((block) => block.type === 'heading').map((block) => (block.content ?? []).map((child) => child.text ?? '').join(''));
}

/** A deep copy of a template with the n-th guidance placeholder after `heading` filled with `value`. */
function fill(body: DocNode, heading: string, value: string | DocNode[], nth = 0): DocNode {
  const copy = structuredClone(body);
  const blocks = copy.content ?? [];
  const start = blocks.findIndex((block) => block.type === 'heading' && headings(doc(block))[0] === heading);
  if (start < 0) throw new Error(`no heading ${heading}`);
  let seen = 0;
  const visit = (node: DocNode): boolean => {
    if ((node.type === 'paragraph' || node.type === 'heading') && typeof node.attrs?.guidance === 'string' && !node.content) {
      if (seen++ === nth) {
        node.content = typeof value === 'string' ? [text(value)] : value;
        return true;
      }
      return false;
    }
    return (node.content ?? []).some(visit);
  };
  for (const block of blocks.slice(start + 1)) if (visit(block)) return copy;
  throw new Error(`no guidance #${nth} after ${heading}`);
}

describe('pruneEmpty on the built-in templates', () => {
  it.each(TEMPLATE_IDS)('%s unfilled: no heading is left, and the export shows only its title block', (id) => {
    const body = template(id);
    const before = JSON.stringify(body);
    const pruned = pruneEmpty(body);
    expect(headings(pruned)).toEqual([]);
    expect(validateDoc(pruned)).toEqual({ ok: true });
    // Pure: the note's own document is not touched.
    expect(JSON.stringify(body)).toBe(before);
    const note = sampleExportNote();
    note.content = body;
    expect(buildExportModel(note, { styleId: 'numeric' }).doc.content).toEqual([{ type: 'paragraph' }]);
  });

  it.each(TEMPLATE_IDS.filter((id) => id !== 'blank'))('%s unfilled: every top-level section is reported once, outermost only', (id) => {
    const body = template(id);
    const found = findEmptySections(body);
    const outermost = (body.content ?? []).filter((block) => block.type === 'heading' && block.attrs?.level === 2);
    expect(found.map((section) => section.title)).toEqual(headings(doc(...outermost)));
    expect(found.every((section) => body.content?.[section.index]?.type === 'heading')).toBe(true);
  });

  it.each<[string, string, () => DocNode, string[]]>([
    ['negotiation-brief', 'a talking point (the "Supporting point…" bullet)', () => fill(template('negotiation-brief'), 'Talking points', 'Rare-earth licences are flowing again.', 1), ['Talking points']],
    ['negotiation-brief', 'one cell of the response table', () => fill(template('negotiation-brief'), 'Our response', 'Licence fast-track'), ['Our response']],
    ['negotiation-brief', 'the background', () => fill(template('negotiation-brief'), 'Background', 'He Lifeng leads the Chinese side.'), ['Background']],
    ['situation-brief', 'the BLUF and an indicator', () => fill(fill(template('situation-brief'), 'BLUF', 'Talks resume.'), 'Indicators to watch', 'MOFCOM licence counts'), ['BLUF', 'Indicators to watch']],
    ['policy-options-memo', 'a cited option', () => fill(template('policy-options-memo'), 'Options', [text('Option A '), sampleCitation(['src-reuters-call'])], 1), ['Options', 'Sources']],
    ['market-note', 'a risk', () => fill(template('market-note'), 'Risks', 'Export licences stall again.'), ['Risks']],
    ['daily-summary', 'the first item headline and its assessment', () => fill(fill(template('daily-summary'), 'Items', 'London talks resume'), 'Items', 'Likely progress on licences.', 0), ['Items', 'London talks resume']],
  ])('%s with %s keeps only the filled sections', (_id, _what, make, expected) => {
    const pruned = pruneEmpty(make());
    expect(headings(pruned)).toEqual(expected);
    expect(validateDoc(pruned)).toEqual({ ok: true });
  });

  it('keeps the filled bullet and drops the empty ones around it', () => {
    const pruned = pruneEmpty(fill(template('negotiation-brief'), 'Talking points', 'Licences are flowing.', 1));
    const list = pruned.content?.find((block) => block.type === 'bulletList');
    expect(list?.content).toHaveLength(1);
    expect(JSON.stringify(list)).toContain('Licences are flowing.');
  });

  it('keeps the header row and the filled row of a table, not its empty rows', () => {
    const pruned = pruneEmpty(fill(template('negotiation-brief'), 'Our response', 'Licence fast-track'));
    const table = pruned.content?.find((block) => block.type === 'table');
    expect(table?.content).toHaveLength(2);
    expect(JSON.stringify(table?.content?.[0])).toContain('Their ask');
    expect(JSON.stringify(table?.content?.[1])).toContain('Licence fast-track');
  });

  it('drops the unfilled second item of the daily summary with its "Assessment:" and "Evidence:" labels', () => {
    const filled = fill(fill(template('daily-summary'), 'Items', 'London talks resume'), 'Items', 'Likely progress on licences.');
    const pruned = pruneEmpty(filled);
    const json = JSON.stringify(pruned);
    expect(json.match(/Assessment:/g)).toHaveLength(1);
    expect(json.match(/Evidence:/g)).toHaveLength(1);
  });
});

describe('pruneEmpty rules', () => {
  it.each<[string, DocNode, DocNode[]]>([
    ['drops a heading followed only by guidance', doc(h(2, 'A'), guide('hint'), guide('more'), h(2, 'B'), p('Kept')), [h(2, 'B'), p('Kept')]],
    ['drops a heading followed by nothing at all', doc(p('Intro'), h(2, 'Empty')), [p('Intro')]],
    ['drops a heading followed only by blank lines and a rule', doc(h(2, 'A'), p(), p('   '), { type: 'horizontalRule' }, h(2, 'B'), p('x')), [h(2, 'B'), p('x')]],
    ['keeps a heading whose text is deep in a list', doc(h(2, 'A'), bullets(item(guide('g'), bullets(item(p('deep'))))), h(2, 'B')), [h(2, 'A'), bullets(item(guide('g'), bullets(item(p('deep')))))]],
    [
      'drops a parent whose subsections are all empty',
      doc(h(2, 'Parent'), guide('g'), h(3, 'Child one'), guide('g'), h(3, 'Child two'), bullets(item(guide('g'))), h(2, 'Next'), p('x')),
      [h(2, 'Next'), p('x')],
    ],
    [
      'keeps a parent with one filled subsection, without the empty one',
      doc(h(2, 'Parent'), h(3, 'Empty child'), guide('g'), h(3, 'Filled child'), p('text'), h(2, 'Next'), guide('g')),
      [h(2, 'Parent'), h(3, 'Filled child'), p('text')],
    ],
    ['a deeper heading ends at a heading of the same or a higher level only', doc(h(3, 'Deep'), guide('g'), h(4, 'Deeper'), p('x')), [h(3, 'Deep'), guide('g'), h(4, 'Deeper'), p('x')]],
    ['keeps what comes before the first heading', doc(p('Preamble'), h(2, 'A'), guide('g')), [p('Preamble')]],
    ['drops empty list items and a list left without items', doc(p('x'), bullets(item(p()), item(p('one')), item(guide('g'))), bullets(item(p(' ')))), [p('x'), bullets(item(p('one')))]],
    [
      'drops an empty nested list but keeps the item',
      doc(bullets(item(p('one'), bullets(item(guide('g')))))),
      [bullets(item(p('one')))],
    ],
    [
      'drops a table with only its header row',
      doc(h(2, 'T'), p('Intro'), { type: 'table', content: [row(cell('tableHeader', p('A')), cell('tableHeader', p('B'))), row(cell('tableCell', guide('a')), cell('tableCell', p()))] }),
      [h(2, 'T'), p('Intro')],
    ],
    [
      'a section with only a header-row table is empty',
      doc(h(2, 'T'), { type: 'table', content: [row(cell('tableHeader', p('A')), cell('tableHeader', p('B'))), row(cell('tableCell', guide('a')), cell('tableCell', guide('b')))] }, h(2, 'U'), p('x')),
      [h(2, 'U'), p('x')],
    ],
    [
      'keeps the rows of a table whose cells span rows',
      doc({ type: 'table', content: [row({ type: 'tableCell', attrs: { rowspan: 2 }, content: [p('span')] }, cell('tableCell', p('a'))), row(cell('tableCell', p()))] }),
      [{ type: 'table', content: [row({ type: 'tableCell', attrs: { rowspan: 2 }, content: [p('span')] }, cell('tableCell', p('a'))), row(cell('tableCell', p()))] }],
    ],
    [
      'a cell whose only block was an empty list keeps an empty paragraph',
      doc({ type: 'table', content: [row(cell('tableCell', bullets(item(p()))), cell('tableCell', p('b')))] }),
      [{ type: 'table', content: [row(cell('tableCell', p()), cell('tableCell', p('b')))] }],
    ],
    ['drops an empty quote', doc(p('x'), { type: 'blockquote', content: [p(), guide('g')] }), [p('x')]],
    ['keeps a section holding only a citation', doc(h(2, 'A'), { type: 'paragraph', content: [sampleCitation(['src-reuters-call'])] }), [h(2, 'A'), { type: 'paragraph', content: [sampleCitation(['src-reuters-call'])] }]],
    ['keeps a section holding an unknown atom (an image)', doc(h(2, 'A'), { type: 'image', attrs: { src: 'x.png' } }), [h(2, 'A'), { type: 'image', attrs: { src: 'x.png' } }]],
    ['a lead-in label alone does not fill a section', doc(h(2, 'A'), p('Evidence:'), guide('g'), h(2, 'B'), p('x')), [h(2, 'B'), p('x')]],
    ['a long line ending in a colon is content', doc(h(2, 'A'), p('The delegations agreed on the following points:')), [h(2, 'A'), p('The delegations agreed on the following points:')]],
    ['keeps the Sources section of a note that cites', doc(h(2, 'A'), cited('Claim'), h(2, 'Sources'), { type: 'sourcesSection' }), [h(2, 'A'), cited('Claim'), h(2, 'Sources'), { type: 'sourcesSection' }]],
    ['drops the Sources section of a note that cites nothing', doc(h(2, 'A'), p('Claim'), h(2, 'Sources'), { type: 'sourcesSection' }), [h(2, 'A'), p('Claim')]],
    [
      'a citation naming no source does not fill the Sources list',
      doc(h(2, 'A'), { type: 'paragraph', content: [text('x '), { type: 'citation', attrs: { sourceIds: [] } }] }, h(2, 'Sources'), { type: 'sourcesSection' }),
      [h(2, 'A'), { type: 'paragraph', content: [text('x '), { type: 'citation', attrs: { sourceIds: [] } }] }],
    ],
  ])('%s', (_name, input, expected) => {
    expect(validateDoc(input).ok || input.content?.some((block) => block.type === 'image')).toBe(true);
    const pruned = pruneEmpty(input);
    expect(pruned.content).toEqual(expected);
    if (!expected.some((block) => block.type === 'image')) expect(validateDoc(pruned)).toEqual({ ok: true });
  });

  it('reports the outermost empty sections with their titles, and an untitled one as ""', () => {
    const body = doc(
      h(2, 'Parent'),
      h(3, 'Child'),
      guide('g'),
      h(2, 'Filled'),
      p('x'),
      h(3, 'Empty child'),
      { type: 'heading', attrs: { level: 2, guidance: 'Item headline' } },
      guide('g'),
    );
    expect(findEmptySections(body)).toEqual([
      { index: 0, level: 2, title: 'Parent' },
      { index: 5, level: 3, title: 'Empty child' },
      { index: 6, level: 2, title: '' },
    ]);
  });
});

describe('the export model leaves empty sections out unless asked to keep them', () => {
  const note = () => {
    const sample = sampleExportNote();
    sample.content = fill(template('negotiation-brief'), 'Talking points', 'Licences are flowing again.', 1);
    return sample;
  };

  it('by default: only the filled section', () => {
    const model = buildExportModel(note(), { styleId: 'numeric' });
    expect(headings(model.doc)).toEqual(['Talking points']);
    expect(validateDoc(model.doc)).toEqual({ ok: true });
    expect(JSON.stringify(model.doc)).not.toContain('guidance');
  });

  it('with keepEmpty: every heading, guidance still dropped', () => {
    const model = buildExportModel(note(), { styleId: 'numeric', keepEmpty: true });
    expect(headings(model.doc)).toEqual(['BLUF', 'Objectives', 'Their likely asks', 'Our response', 'Talking points', 'Background', 'Sources']);
    expect(JSON.stringify(model.doc)).not.toContain('guidance');
  });
});
