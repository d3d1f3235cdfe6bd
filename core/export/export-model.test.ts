import { describe, expect, it } from 'vitest';
import { formatNoteCitations } from '../citations/note-citations';
import type { DocNode } from '../domain/note';
import type { SourceSnapshot } from '../editor/citation';
import { validateDoc } from '../editor/schema';
import { SAMPLE_SNAPSHOTS, longExportNote, sampleExportNote } from './export-fixtures';
import { buildExportModel } from './export-model';

function citations(node: DocNode, into: DocNode[] = []): DocNode[] {
  if (node.type === 'citation') into.push(node);
  for (const child of node.content ?? []) citations(child, into);
  return into;
}

function types(node: DocNode, into = new Set<string>()): Set<string> {
  into.add(node.type);
  for (const child of node.content ?? []) types(child, into);
  return into;
}

const ALL_SNAPSHOTS = new Map<string, SourceSnapshot>(Object.entries(SAMPLE_SNAPSHOTS));

describe('sample fixtures', () => {
  it.each([
    ['sample', sampleExportNote().content],
    ['long (5 pages)', longExportNote(5).content],
  ])('%s validates against the note schema', (_name, doc) => {
    expect(validateDoc(doc)).toEqual({ ok: true });
  });

  it('uses every node the templates and the editor produce', () => {
    const used = types(sampleExportNote().content);
    for (const type of ['heading', 'paragraph', 'bulletList', 'orderedList', 'taskList', 'blockquote', 'table', 'tableHeader', 'citation', 'sourcesSection', 'horizontalRule', 'hardBreak']) {
      expect(used, type).toContain(type);
    }
  });

  it('applies meta overrides', () => {
    expect(sampleExportNote({ marking: 'TLP:RED', title: 'X' }).meta).toMatchObject({ marking: 'TLP:RED', title: 'X' });
  });
});

describe('buildExportModel', () => {
  // Building citeproc's engine for a style takes seconds on a loaded machine: these get time for it.
  it.each(['numeric', 'analyst', 'chicago', 'apa', 'harvard'])('labels every citation exactly as formatNoteCitations does for the whole note (%s)', { timeout: 60_000 }, (styleId) => {
    const model = buildExportModel(sampleExportNote(), { styleId });
    const nodes = citations(model.doc);
    expect(nodes.length).toBeGreaterThan(5);
    const clusters = nodes.map((node) => node.attrs as { sourceIds: string[]; locator: null });
    const expected = formatNoteCitations(styleId, clusters, ALL_SNAPSHOTS);
    expect(nodes.map((node) => model.citationLabel(node))).toEqual(expected.labels);
    expect(model.bibliography).toEqual(expected.bibliography);
    expect(model.notes.map((note) => note.text)).toEqual(expected.notes);
  });

  it('a note style numbers every citation as a note, the note text from the style', { timeout: 60_000 }, () => {
    const model = buildExportModel(sampleExportNote(), { styleId: 'chicago' });
    const nodes = citations(model.doc);
    expect(nodes.map((node) => model.citationLabel(node))).toEqual(nodes.map((_node, index) => String(index + 1)));
    expect(model.citationNote(nodes[0] as DocNode)).toEqual({ number: 1, text: 'Rare Earth Exchanges, “Rare Earths Dominate U.S.-China Talks as Trump-Xi Call Spurs High-Stakes London Negotiations.”' });
    expect(model.notes).toHaveLength(nodes.length);
    const apa = buildExportModel(sampleExportNote(), { styleId: 'apa' });
    expect(apa.citationNote(citations(apa.doc)[0] as DocNode)).toBeNull();
    expect(apa.notes).toEqual([]);
  });

  it.each([
    ['numeric', ['[1]', '[2, 3]', '[2]', '[4, para. 2]']],
    ['apa', ['(Rare Earth Exchanges, 2025)', '(Shalal & Hunnicutt, 2025; The White House, 2025)', '(Shalal & Hunnicutt, 2025)', '(Ministry of Commerce of the People’s Republic of China, 2025, para. 2)']],
  ])('gives the editor labels in %s', (styleId, expected) => {
    const model = buildExportModel(sampleExportNote(), { styleId });
    expect(citations(model.doc).slice(0, 4).map((node) => model.citationLabel(node))).toEqual(expected);
  });

  it('resolves style, marking, status and date', () => {
    const model = buildExportModel(sampleExportNote(), { styleId: 'no-such-style' });
    expect(model.style).toEqual({ id: 'numeric', name: 'Numeric [1] (Vancouver)', kind: 'numeric' });
    expect(model.marking).toMatchObject({ label: 'TLP:AMBER', color: '#FFC000', background: '#000000' });
    expect(model.statusLabel).toBe('In review');
    expect(model.dateLabel).toBe('10 June 2025');
    expect(buildExportModel(sampleExportNote(), { styleId: 'numeric', locale: 'en-US' }).dateLabel).toBe('June 10, 2025');
  });

  it('lists the sources in citation order for numeric styles, with their numbers', () => {
    const model = buildExportModel(sampleExportNote(), { styleId: 'numeric' });
    expect(model.bibliography.map((entry) => [entry.number, entry.sourceId])).toEqual([
      [1, 'src-rex-london'],
      [2, 'src-reuters-call'],
      [3, 'src-wh-readout'],
      [4, 'src-mofcom-notice'],
    ]);
    expect(model.bibliography[0]?.text).toMatch(/^1\. Rare Earths Dominate/);
  });

  it('marks sources without a snapshot as the editor does', () => {
    const note = sampleExportNote();
    const orphan: DocNode = { type: 'citation', attrs: { sourceIds: ['src-rex-london', 'src-gone'], locator: null, snapshots: { 'src-rex-london': SAMPLE_SNAPSHOTS['src-rex-london'] } } };
    note.content = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Claim ' }, orphan] }, { type: 'sourcesSection' }] };
    const model = buildExportModel(note, { styleId: 'numeric' });
    expect(model.citationLabel(orphan)).toBe('[1][?]');
    expect(model.citationLabel({ type: 'citation', attrs: { sourceIds: [] } })).toBe('[?]');
    expect(model.bibliography.map((entry) => entry.text)).toContain('2. Source unavailable (src-gone)');
  });
});

describe('guidance placeholders', () => {
  const guided = (type: 'paragraph' | 'heading', guidance: string, content?: DocNode[]): DocNode => ({
    type,
    attrs: type === 'heading' ? { level: 2, guidance } : { guidance },
    ...(content ? { content } : {}),
  });
  const text = (value: string): DocNode => ({ type: 'text', text: value });
  const cell = (type: string, content: DocNode[]): DocNode => ({ type, content });

  it.each<[string, DocNode[], DocNode[]]>([
    ['drops an empty guided paragraph', [guided('paragraph', 'Say what happened'), { type: 'paragraph', content: [text('Kept')] }], [{ type: 'paragraph', content: [text('Kept')] }]],
    ['drops an empty guided heading', [guided('heading', 'Heading hint'), { type: 'paragraph', content: [text('x')] }], [{ type: 'paragraph', content: [text('x')] }]],
    ['keeps a typed paragraph without its guidance', [guided('paragraph', 'hint', [text('Typed')])], [{ type: 'paragraph', attrs: {}, content: [text('Typed')] }]],
    ['keeps an empty paragraph without guidance (the editor shows an empty line)', [{ type: 'paragraph' }, { type: 'paragraph', content: [text('x')] }], [{ type: 'paragraph' }, { type: 'paragraph', content: [text('x')] }]],
    [
      'drops list items left empty and the list left without items',
      [{ type: 'bulletList', content: [{ type: 'listItem', content: [guided('paragraph', 'Point one')] }] }, { type: 'paragraph', content: [text('x')] }],
      [{ type: 'paragraph', content: [text('x')] }],
    ],
    [
      'keeps the header row and drops an all-guidance row of a table',
      [
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [cell('tableHeader', [{ type: 'paragraph', content: [text('A')] }]), cell('tableHeader', [{ type: 'paragraph', content: [text('B')] }])] },
            { type: 'tableRow', content: [cell('tableCell', [guided('paragraph', 'a')]), cell('tableCell', [guided('paragraph', 'b')])] },
            { type: 'tableRow', content: [cell('tableCell', [guided('paragraph', 'a')]), cell('tableCell', [{ type: 'paragraph', content: [text('filled')] }])] },
          ],
        },
      ],
      [
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [cell('tableHeader', [{ type: 'paragraph', content: [text('A')] }]), cell('tableHeader', [{ type: 'paragraph', content: [text('B')] }])] },
            { type: 'tableRow', content: [cell('tableCell', [{ type: 'paragraph' }]), cell('tableCell', [{ type: 'paragraph', content: [text('filled')] }])] },
          ],
        },
      ],
    ],
  ])('%s', (_name, content, expected) => {
    const note = sampleExportNote();
    note.content = { type: 'doc', content };
    expect(validateDoc(note.content)).toEqual({ ok: true });
    const model = buildExportModel(note, { styleId: 'numeric' });
    expect(model.doc.content).toEqual(expected);
    expect(validateDoc(model.doc)).toEqual({ ok: true });
  });

  it('keeps every template valid and free of guidance after cleaning', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('../../templates/', import.meta.url);
    const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const template = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { content: DocNode };
      const note = sampleExportNote();
      note.content = template.content;
      const model = buildExportModel(note, { styleId: 'numeric' });
      expect(validateDoc(model.doc), file).toEqual({ ok: true });
      expect(JSON.stringify(model.doc), file).not.toContain('guidance');
    }
  });
});
