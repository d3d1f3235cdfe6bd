import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/api/result';
import type { DocNode } from '../../../core/domain/note';
import { markingStyle } from '../../../core/domain/marking';
import { BUILTIN_STYLES } from '../../../core/citations/style-catalog';
import { sampleExportNote } from '../../../core/export/export-fixtures';
import { buildExportModel, type ExportModel } from '../../../core/export/export-model';
import { buildDocx } from './docx-export';
import { squash } from './pdf-test-tools';

const run = promisify(execFile);

const text = (value: string, marks?: DocNode['marks']): DocNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const cite = (...sourceIds: string[]): DocNode => ({ type: 'citation', attrs: { sourceIds, locator: null, snapshots: {} } });
const para = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content });
const heading = (level: number, value: string): DocNode => ({ type: 'heading', attrs: { level }, content: [text(value)] });
const item = (...content: DocNode[]): DocNode => ({ type: 'listItem', content });
const cell = (type: 'tableHeader' | 'tableCell', value: string, attrs: Record<string, unknown> = {}): DocNode => ({
  type,
  attrs: { colspan: 1, rowspan: 1, colwidth: null, ...attrs },
  content: [para(text(value))],
});

/** Paragraph texts the converted document must hold (each long enough to be unambiguous). */
const PARAGRAPHS = [
  'Beijing widened its export licensing regime for seven heavy rare-earth elements on 4 April',
  'Shipments of dysprosium and terbium oxides fell sharply in May, according to customs data',
  'The London talks produced a framework that both delegations described as constructive',
  'Officials expect the first expedited licences to be issued within three weeks',
  'Magnet makers in Europe report inventories of six to eight weeks',
];

function richDoc(withSourcesSection: boolean): DocNode {
  const content: DocNode[] = [
    heading(2, 'Bottom line'),
    para(text(PARAGRAPHS[0] as string, [{ type: 'bold' }]), text(' '), cite('s1'), text('.')),
    { type: 'paragraph', attrs: { textAlign: 'justify' }, content: [text(`${PARAGRAPHS[1]} `), cite('s2', 's3'), text('; see '), text('the ministry notice', [{ type: 'link', attrs: { href: 'https://mofcom.example.gov/notice' } }]), text(' and '), text('this', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]), text('.')] },
    heading(3, 'Details'),
    para(text('Words in '), text('italic', [{ type: 'italic' }]), text(', '), text('underline', [{ type: 'underline' }]), text(', '), text('struck', [{ type: 'strike' }]), text(', '), text('code()', [{ type: 'code' }]), text(' and '), text('highlighted', [{ type: 'highlight' }]), text('.')),
    {
      type: 'bulletList',
      content: [
        item(para(text(PARAGRAPHS[2] as string), text(' '), cite('s3'))),
        item(para(text('Nested parent')), { type: 'bulletList', content: [item(para(text('Nested child bullet')))] }),
      ],
    },
    { type: 'orderedList', attrs: { start: 1 }, content: [item(para(text('First step'))), item(para(text('Second step')))] },
    {
      type: 'taskList',
      content: [
        { type: 'taskItem', attrs: { checked: true }, content: [para(text('Confirm licence figures'))] },
        { type: 'taskItem', attrs: { checked: false }, content: [para(text('Watch the July customs release'))] },
      ],
    },
    { type: 'blockquote', content: [para(text(PARAGRAPHS[3] as string), text(' '), { type: 'citation', attrs: { sourceIds: ['s4'], locator: { label: 'paragraph', value: '4' }, snapshots: {} } })] },
    { type: 'codeBlock', attrs: { language: null }, content: [text('licences = 12\nissued = 3')] },
    { type: 'horizontalRule' },
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('tableHeader', 'Element'), cell('tableHeader', 'Exports May'), cell('tableHeader', 'Change')] },
        { type: 'tableRow', content: [cell('tableCell', 'Dysprosium', { rowspan: 2 }), cell('tableCell', '12 t'), cell('tableCell', '-61%')] },
        { type: 'tableRow', content: [cell('tableCell', '9 t'), cell('tableCell', '-70%')] },
        { type: 'tableRow', content: [cell('tableCell', 'Terbium total', { colspan: 2 }), cell('tableCell', '-55%')] },
      ],
    },
    para(text(PARAGRAPHS[4] as string), text(' '), cite('s1')),
  ];
  if (withSourcesSection) content.push(heading(2, 'Sources'), { type: 'sourcesSection' });
  return { type: 'doc', content };
}

const ENTRIES = [
  '1. Reuters. "China widens rare earth export curbs." 4 April 2025. https://www.reuters.com/world/china/rare-earths/',
  '2. General Administration of Customs. "Monthly export data, May 2025." 20 June 2025.',
  '3. Financial Times. "London talks yield framework." 10 June 2025.',
  '4. Ministry of Commerce. "Announcement No. 18 on export controls." 4 April 2025.',
];

/** A model as core/export builds it, with a numeric style (labels from the citation's source ids). */
function testModel(options: { sourcesSection?: boolean; marking?: string; withCitations?: boolean } = {}): ExportModel {
  const numbers = new Map([['s1', 1], ['s2', 2], ['s3', 3], ['s4', 4]]);
  const doc = options.withCitations === false ? { type: 'doc', content: [heading(2, 'Only text'), para(text(PARAGRAPHS[0] as string))] } : richDoc(options.sourcesSection ?? true);
  return {
    noteId: 'note-docx-test',
    meta: { title: 'Rare earths and the London talks', author: 'J. Analyst', date: '2025-06-10', status: 'draft', marking: options.marking ?? 'TLP:AMBER', tags: ['china', 'trade'], citationStyle: null },
    style: { id: 'numeric', name: 'Numeric', kind: 'numeric' },
    doc,
    citationLabel(node) {
      const ids = Array.isArray(node.attrs?.sourceIds) ? (node.attrs.sourceIds as string[]) : [];
      const body = ids.map((id) => numbers.get(id) ?? '?').join(', ');
      const locator = node.attrs?.locator as { value: string } | null | undefined;
      return locator ? `[${body}, para. ${locator.value}]` : `[${body}]`;
    },
    citationNote: () => null,
    notes: [],
    numbering: { order: ['s1', 's2', 's3', 's4'], numberOf: numbers, occurrences: [] },
    bibliography: options.withCitations === false ? [] : ENTRIES.map((entry, index) => ({ sourceId: `s${index + 1}`, number: index + 1, text: entry })),
    marking: markingStyle(options.marking ?? 'TLP:AMBER'),
    statusLabel: 'Draft',
    dateLabel: '10 June 2025',
  };
}

const LABELS = ['[1]', '[2, 3]', '[3]', '[4, para. 4]'];

function unpack(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).filter(([name]) => name.endsWith('.xml') || name.endsWith('.rels')).map(([name, data]) => [name, strFromU8(data)]));
}

/** The visible text of a WordprocessingML part: the w:t runs joined, line breaks and tabs as spaces. */
function wordText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:tab\/>/g)].map((match) => match[1] ?? ' ').join('');
}

/** pdftotext joins a word hyphenated at a line end and wraps anywhere: compare without spaces and hyphens. */
const loose = (value: string): string => value.replace(/[\s\u00ad-]+/g, '');

/** The text of every paragraph, heading and cell paragraph of a model's body, citations as labelled. */
function blockTexts(model: ExportModel): string[] {
  const texts: string[] = [];
  // A note style's citation is a footnote reference (no text of its own in the paragraph).
  const label = (node: DocNode): string => (model.citationNote(node) ? '' : model.citationLabel(node));
  // …and the text before it loses its trailing space: the number follows the word directly.
  const beforeNote = (next: DocNode | undefined): boolean => next?.type === 'citation' && model.citationNote(next) !== null;
  const inline = (nodes: DocNode[]): string =>
    nodes
      .map((node, index) =>
        node.type === 'citation' ? label(node) : node.type === 'hardBreak' ? ' ' : beforeNote(nodes[index + 1]) ? (node.text ?? '').trimEnd() : (node.text ?? ''),
      )
      .join('');
  const walk = (node: DocNode): void => {
    if (node.type === 'paragraph' || node.type === 'heading') {
      const value = inline(node.content ?? []).replace(/\s+/g, ' ').trim();
      if (value) texts.push(value);
      return;
    }
    for (const child of node.content ?? []) walk(child);
  };
  walk(model.doc);
  return texts;
}

const decode = (value: string): string => value.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('buildDocx', () => {
  it('uses Word heading styles, a Title, and keeps citations, links and Sources entries', async () => {
    const files = unpack(await buildDocx(testModel(), { paper: 'a4' }));
    const document = files['word/document.xml'] as string;
    const styles = [...document.matchAll(/<w:pStyle w:val="([^"]+)"\/>/g)].map((match) => match[1]);
    expect(styles).toContain('Title');
    expect(styles.filter((style) => style === 'Heading2')).toHaveLength(2);
    expect(styles).toContain('Heading3');
    for (const level of [1, 2, 3, 4]) {
      const style = files['word/styles.xml']?.match(new RegExp(`<w:style [^>]*w:styleId="Heading${level}"[\\s\\S]*?</w:style>`))?.[0];
      expect(style, `Heading${level}`).toContain(`<w:outlineLvl w:val="${level - 1}"/>`);
      expect(style).toContain(`<w:name w:val="Heading ${level}"/>`);
    }
    const body = decode(wordText(document));
    expect(body).toContain('Rare earths and the London talks');
    expect(body).toContain('10 June 2025  ·  J. Analyst  ·  Draft');
    for (const label of LABELS) expect(body).toContain(label);
    for (const entry of ENTRIES) expect(body).toContain(entry);
    // Sources are where the sourcesSection node is: after the "Sources" heading, once.
    expect(body.indexOf(ENTRIES[0]?.slice(3) as string)).toBeGreaterThan(body.lastIndexOf('Sources'));
    expect(body.match(/Sources/g)).toHaveLength(1);
    // Only http(s)/mailto links become hyperlinks.
    const rels = files['word/_rels/document.xml.rels'] as string;
    expect(rels).toContain('https://mofcom.example.gov/notice');
    expect(rels).toContain('https://www.reuters.com/world/china/rare-earths/');
    expect(rels).not.toContain('javascript:');
    expect(body).toContain('this.');
    // Emphasis, highlight, task boxes, lists.
    expect(document).toMatch(/<w:b\/>[\s\S]*Beijing widened/);
    expect(document).toContain('<w:highlight w:val="yellow"/>');
    expect(document).toContain('<w:strike/>');
    expect(body).toContain('☑');
    expect(body).toContain('☐');
    expect(document).toMatch(/<w:numPr><w:ilvl w:val="1"\/>/);
    expect(files['word/numbering.xml']).toContain('w:val="bullet"');
    expect(files['word/numbering.xml']).toContain('w:val="decimal"');
    // Table: repeating header row, spans, borders.
    expect(document).toContain('<w:tblHeader/>');
    expect(document).toContain('<w:gridSpan w:val="2"/>');
    expect(document).toMatch(/<w:vMerge w:val="restart"\/>/);
    expect(document).toMatch(/<w:vMerge(?: w:val="continue")?\/>/);
    expect(document).toContain('<w:tblBorders>');
  });

  it('puts the marking in TLP colours in header and footer, and Page X of Y in the footer', async () => {
    const files = unpack(await buildDocx(testModel(), { paper: 'a4' }));
    const headers = Object.keys(files).filter((name) => /^word\/header\d*\.xml$/.test(name));
    const footers = Object.keys(files).filter((name) => /^word\/footer\d*\.xml$/.test(name));
    expect(headers.length).toBeGreaterThan(0);
    expect(footers.length).toBeGreaterThan(0);
    for (const name of [...headers, ...footers]) {
      const xml = files[name] as string;
      expect(wordText(xml)).toContain('TLP:AMBER');
      expect(xml).toContain('<w:color w:val="FFC000"/>');
      expect(xml).toMatch(/<w:shd [^>]*w:fill="000000"/);
      expect(xml).toContain('<w:jc w:val="center"/>');
    }
    const footer = files[footers[0] as string] as string;
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(wordText(footer)).toContain('Rare earths and the London talks');
    const core = files['docProps/core.xml'] as string;
    expect(core).toContain('<dc:title>Rare earths and the London talks</dc:title>');
    expect(core).toContain('<dc:creator>J. Analyst</dc:creator>');
  });

  it.each([
    { paper: 'a4' as const, width: 11906, height: 16838 },
    { paper: 'letter' as const, width: 12240, height: 15840 },
  ])('sets the page size for $paper', async ({ paper, width, height }) => {
    const document = unpack(await buildDocx(testModel(), { paper }))['word/document.xml'] as string;
    expect(document).toContain(`<w:pgSz w:w="${width}" w:h="${height}"`);
  });

  it.each([
    { name: 'appends a Sources heading when the note has citations but no sourcesSection', model: testModel({ sourcesSection: false }), sources: 1 },
    { name: 'adds no Sources heading when nothing is cited', model: testModel({ withCitations: false }), sources: 0 },
  ])('$name', async ({ model, sources }) => {
    const document = unpack(await buildDocx(model, { paper: 'a4' }))['word/document.xml'] as string;
    const body = decode(wordText(document));
    expect(body.match(/Sources/g) ?? []).toHaveLength(sources);
    if (sources > 0) {
      expect(body.indexOf('Sources')).toBeGreaterThan(body.indexOf(PARAGRAPHS[4] as string));
      expect(body).toContain(ENTRIES[3]?.slice(3));
    }
  });

  // Building citeproc's engine for a style takes seconds on a loaded machine: these get time for it.
  it.each(BUILTIN_STYLES.map((style) => ({ style: style.id })))('holds every paragraph, label and Sources entry of the sample note in the $style style', { timeout: 60_000 }, async ({ style }) => {
    const model = buildExportModel(sampleExportNote(), { styleId: style });
    // The text before a citation is joined to it (no-break space, word joiner): compare as plain spaces.
    const body = decode(wordText(unpack(await buildDocx(model, { paper: 'a4' }))['word/document.xml'] as string))
      .replace(/\u00a0/g, ' ')
      .replace(/\u2060/g, '');
    const texts = blockTexts(model);
    expect(texts.length).toBeGreaterThan(10);
    for (const value of texts) expect(body).toContain(value);
    expect(model.bibliography.length).toBeGreaterThan(0);
    for (const entry of model.bibliography) expect(body).toContain(entry.text);
  });

  it('draws a free classification line in its own colours', async () => {
    const files = unpack(await buildDocx(testModel({ marking: 'official-sensitive' }), { paper: 'a4' }));
    const header = Object.entries(files).find(([name]) => /^word\/header\d*\.xml$/.test(name))?.[1] as string;
    expect(wordText(header)).toContain('OFFICIAL-SENSITIVE');
    expect(header).toMatch(/w:fill="4A2A6A"/);
  });

  it('reports progress up to 100 and stops with "cancelled" when aborted', async () => {
    const seen: number[] = [];
    await buildDocx(testModel(), { paper: 'a4', onProgress: (percent) => seen.push(percent) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(100);

    const controller = new AbortController();
    controller.abort();
    await expect(buildDocx(testModel(), { paper: 'a4', signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });

    // Aborted while converting a long body.
    const long = testModel();
    long.doc = { type: 'doc', content: Array.from({ length: 400 }, (_, index) => para(text(`Paragraph ${index}`))) };
    const midway = new AbortController();
    const promise = buildDocx(long, { paper: 'a4', signal: midway.signal, onProgress: (percent) => percent > 20 && midway.abort() });
    await expect(promise).rejects.toBeInstanceOf(AppError);
    await expect(promise).rejects.toMatchObject({ code: 'cancelled' });
  });
});

const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((path) => existsSync(path));

describe('buildDocx: note styles and citation joins', () => {
  it('Chicago notes: every citation is a Word footnote whose text is its note', { timeout: 60_000 }, async () => {
    const model = buildExportModel(sampleExportNote(), { styleId: 'chicago' });
    expect(model.notes.length).toBeGreaterThan(3);
    const files = unpack(await buildDocx(model, { paper: 'a4' }));
    const footnotes = files['word/footnotes.xml'] ?? '';
    const document = files['word/document.xml'] ?? '';
    // One reference per note in the text, numbered 1…n in document order (ids 0 and -1 are Word's separators).
    const refs = [...document.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((match) => Number(match[1]));
    expect(refs).toEqual(model.notes.map((note) => note.number));
    for (const note of model.notes) {
      const body = new RegExp(`<w:footnote w:id="${note.number}">([\\s\\S]*?)</w:footnote>`).exec(footnotes)?.[1] ?? '';
      expect(decode(wordText(body)).trim()).toBe(note.text);
    }
    // The text shows no "[1]" labels; the Sources are the unnumbered bibliography.
    expect(decode(wordText(document))).not.toMatch(/\[\d+\]/);
    expect(decode(wordText(document))).toContain(model.bibliography[0]?.text.slice(0, 40));
  });

  it('numeric styles have no footnotes, and text is joined to the citation after it', async () => {
    const files = unpack(await buildDocx(buildExportModel(sampleExportNote(), { styleId: 'numeric' }), { paper: 'a4' }));
    expect(files['word/document.xml']).not.toMatch(/w:footnoteReference/);
    expect(decode(wordText(files['word/document.xml'] ?? ''))).toMatch(/[\u00a0\u2060]\[1\]/);
  });
});

/** One text line of a PDF page as `pdftotext -bbox-layout` boxes it (points from the top left). */
interface LineBox {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  height: number;
}

/** The text lines of one page of a PDF, with their boxes. */
async function lineBoxes(pdf: string, page: number): Promise<LineBox[]> {
  const { stdout } = await run('pdftotext', ['-bbox-layout', '-f', String(page), '-l', String(page), pdf, '-'], { maxBuffer: 32 * 1024 * 1024 });
  return [...stdout.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)].map((match) => {
    const [xMin, yMin, xMax, yMax] = match.slice(1, 5).map(Number) as [number, number, number, number];
    const words = [...(match[5] ?? '').matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((word) => decode(word[1] ?? ''));
    return { text: words.join(' '), xMin, yMin, xMax, yMax, height: yMax - yMin };
  });
}

// Skipped only on a developer machine without LibreOffice; CI (.ci/run installs it) must run these.
describe.skipIf(!soffice && !process.env.CI)('buildDocx opened by LibreOffice', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bd-docx-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Converts to PDF with a profile of its own (parallel runs of soffice share none) and returns the text per page. */
  async function convert(bytes: Uint8Array, name: string): Promise<{ pages: string[]; pdf: string }> {
    const docx = join(dir, `${name}.docx`);
    await writeFile(docx, bytes);
    const profile = join(dir, `profile-${name}`);
    if (!soffice) throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui');
    await run(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { timeout: 120_000 });
    const pdf = join(dir, `${name}.pdf`);
    const { stdout } = await run('pdftotext', [pdf, '-'], { maxBuffer: 32 * 1024 * 1024 });
    const pages = stdout.split('\f').filter((page) => page.trim() !== '');
    return { pages, pdf };
  }

  it('converts without repair and the text matches the note on every page', { timeout: 180_000 }, async () => {
    const model = testModel();
    // Long enough for several pages, so "every page" means something.
    model.doc = { type: 'doc', content: [...(model.doc.content ?? []).slice(0, -2), ...Array.from({ length: 60 }, (_, index) => para(text(`Filler paragraph ${index} about licensing backlogs and magnet supply chains in Europe and Japan.`))), ...(model.doc.content ?? []).slice(-2)] };
    const { pages, pdf } = await convert(await buildDocx(model, { paper: 'a4' }), 'rich');
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.join('\n').replace(/\s+/g, ' ');
    expect(all).toContain('Rare earths and the London talks');
    for (const paragraph of PARAGRAPHS) expect(all).toContain(paragraph);
    for (const label of LABELS) expect(all).toContain(label);
    for (const entry of ENTRIES) expect(loose(all)).toContain(loose(entry));
    pages.forEach((page, index) => {
      expect(page.match(/TLP:AMBER/g)?.length, `page ${index + 1}`).toBeGreaterThanOrEqual(2);
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
    });
    const info = await run('pdfinfo', [pdf]);
    expect(info.stdout).toMatch(/Page size:.*\(A4\)/);
    // BD_DOCX_PDF_OUT=/tmp/x.pdf keeps the converted PDF to look at (pdftoppm -r 60 -png).
    if (process.env.BD_DOCX_PDF_OUT) await copyFile(pdf, process.env.BD_DOCX_PDF_OUT);
  });

  it.each(['numeric', 'apa'])('converts the sample note (%s) with every paragraph, citation and Sources entry', { timeout: 180_000 }, async (style) => {
    const model = buildExportModel(sampleExportNote(), { styleId: style });
    const { pages, pdf } = await convert(await buildDocx(model, { paper: 'letter' }), `sample-${style}`);
    const all = loose(pages.join('\n'));
    expect(all).toContain(loose(model.meta.title));
    for (const value of blockTexts(model)) expect(all).toContain(loose(value));
    for (const entry of model.bibliography) expect(all).toContain(loose(entry.text));
    pages.forEach((page) => expect(page.match(new RegExp(model.marking.label.replace(/[+]/g, '\\+'), 'g'))?.length).toBeGreaterThanOrEqual(2));
    expect((await run('pdfinfo', [pdf])).stdout).toMatch(/Page size:\s+612 x 792/);
    if (process.env.BD_DOCX_PDF_OUT) await copyFile(pdf, process.env.BD_DOCX_PDF_OUT.replace(/\.pdf$/, `-${style}.pdf`));
  });

  it('sets a wrapped title and meta line without drawing lines over each other', { timeout: 180_000 }, async () => {
    const model = testModel();
    // Long enough to wrap on A4 at 24 pt (four lines) and at 10 pt (two lines).
    model.meta = {
      ...model.meta,
      title: 'Negotiation brief: US–China trade talks in London on rare earth export licences and chip-design software, June 2025',
      author: 'J. Analyst, East Asia Economic Security Desk, with contributions from the Trade Policy Team',
    };
    const { pdf } = await convert(await buildDocx(model, { paper: 'a4' }), 'long-title');
    const page = await lineBoxes(pdf, 1);
    // The title block: the page header's marking, the title, the meta line, down to the first heading.
    const firstHeading = page.find((line) => line.text === 'Bottom line');
    expect(firstHeading).toBeDefined();
    const block = page.filter((line) => line.yMax <= (firstHeading?.yMax ?? 0));
    expect(block.filter((line) => line.height > 25).length, 'the title wraps').toBeGreaterThanOrEqual(3);
    expect(squash(block.map((line) => line.text).join(' '))).toContain('with contributions from the Trade Policy Team');
    // No two of its lines that share some width may overlap: their boxes hold the font's whole ascent
    // and descent, and an exact line height below the font size (a 24 pt title on 14.4 pt) breaks this.
    for (const [index, a] of block.entries()) {
      for (const b of block.slice(index + 1)) {
        if (a.xMax <= b.xMin || b.xMax <= a.xMin) continue;
        const overlap = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
        expect(overlap, `"${a.text}" and "${b.text}"`).toBeLessThanOrEqual(0.5);
      }
    }
  });
});
