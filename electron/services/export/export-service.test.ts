import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DocNode, ExportJob, Note, Result } from '../../../core/index';
import { APA_CSL } from '../../../core/citations/styles/apa';
import { buildExportModel } from '../../../core/export/export-model';
import { longExportNote, sampleExportNote } from '../../../core/export/export-fixtures';
import { exportFileBase, exportFileName } from '../../../core/export/file-name';
import { PAGE_MARGINS } from '../../../core/export/html';
import { type Backend, createBackend } from '../../container';
import { listFiles } from '../testing/fixtures';
import { ChromiumPrinter } from './chromium-printer';
import { countPdfPages } from './export-service';
import type { PdfPrinter } from './pdf-printer';
import { pdfDocumentInfo, pdfFonts, pdfInfo, pdfLinksAndOutline, pdfText, squash } from './pdf-test-tools';

/**
 * Export through the real backend on a temp workspace with the app's built-in templates, printed by
 * the real system Chromium (one browser for the whole file) and read back with poppler's tools.
 */
const TEMPLATES = resolve(__dirname, '..', '..', '..', 'templates');
const TEMPLATE_IDS = ['blank', 'daily-summary', 'market-note', 'negotiation-brief', 'policy-options-memo', 'situation-brief'];
const PT_PER_MM = 72 / 25.4;

let root: string;
let backend: Backend;
let printer: ChromiumPrinter;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bd-export-'));
  printer = new ChromiumPrinter();
  backend = await createBackend({ workspaceDir: join(root, 'workspace'), builtinTemplatesDir: TEMPLATES, appVersion: '9.9.9-test', checkOutputs: true, pdfPrinter: printer });
});

afterAll(async () => {
  await backend.close();
  await rm(root, { recursive: true, force: true });
});

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

function failure(result: Result<unknown>): { code: string; message: string } {
  if (result.ok) throw new Error('expected the call to fail');
  return result.error;
}

/** The sample note's body (without its own Sources heading and section). */
function sampleBody(): DocNode[] {
  return (sampleExportNote().content.content ?? []).slice(0, -2);
}

/** A note from `templateId` with the sample's citations, table, lists and TLP:AMBER put in before the template's Sources section. */
async function noteFromTemplate(templateId: string): Promise<Note> {
  const created = await call<Note>('notes:create', { templateId, title: `Rare earths — ${templateId}`, marking: 'TLP:AMBER', author: 'J. Analyst', date: '2025-06-10' });
  const blocks = [...(created.content.content ?? [])];
  let at = blocks.findIndex((block) => block.type === 'sourcesSection');
  if (at === -1) at = blocks.length;
  else if (blocks[at - 1]?.type === 'heading') at -= 1;
  blocks.splice(at, 0, ...sampleBody());
  await call('notes:save', { id: created.id, content: { type: 'doc', content: blocks } });
  return call<Note>('notes:get', { id: created.id });
}

async function savedNote(note: Pick<Note, 'meta' | 'content'>): Promise<Note> {
  const created = await call<Note>('notes:create', { templateId: 'blank', title: note.meta.title, marking: note.meta.marking, date: note.meta.date });
  await call('notes:save', { id: created.id, content: note.content });
  return call<Note>('notes:get', { id: created.id });
}

/** The runs of text of every textblock, split where a citation or line break sits between them; empty guidance placeholders have none. */
function textRuns(node: DocNode): string[] {
  if (node.type === 'paragraph' || node.type === 'heading') {
    const runs: string[] = [''];
    for (const inline of node.content ?? []) {
      if (inline.type === 'text') runs[runs.length - 1] += inline.text ?? '';
      else runs.push('');
    }
    return runs.map(squash).filter((run) => run !== '');
  }
  return (node.content ?? []).flatMap(textRuns);
}

function citations(node: DocNode): DocNode[] {
  return node.type === 'citation' ? [node] : (node.content ?? []).flatMap(citations);
}

function toPt(length: string): number {
  const value = Number.parseFloat(length);
  if (length.endsWith('mm')) return value * PT_PER_MM;
  if (length.endsWith('in')) return value * 72;
  throw new Error(`unexpected length ${length}`);
}

/** The PDF read back: pages, and per page the header band, the body and the footer band (cropped at the page margins). */
async function readPdf(file: string): Promise<{ pages: number; body: string; headers: string[]; footers: string[] }> {
  const info = await pdfInfo(file);
  const margins = PAGE_MARGINS.a4;
  const top = toPt(margins.top);
  const bottom = toPt(margins.bottom);
  const headers: string[] = [];
  const footers: string[] = [];
  const bodies: string[] = [];
  for (let page = 1; page <= info.pages; page += 1) {
    const one = { first: page, last: page };
    headers.push(squash(await pdfText(file, { ...one, box: { x: 0, y: 0, width: info.width, height: top - 2 } })));
    footers.push(squash(await pdfText(file, { ...one, box: { x: 0, y: info.height - bottom + 2, width: info.width, height: bottom - 2 } })));
    bodies.push(await pdfText(file, { ...one, box: { x: 0, y: top, width: info.width, height: info.height - top - bottom } }));
  }
  return { pages: info.pages, body: dehyphenated(squash(bodies.join('\n'))), headers, footers };
}

/**
 * pdftotext joins a word broken after a hyphen at a line end and drops that hyphen ("rare-\nearths" →
 * "rareearths"); long URLs in the Sources break there. Hyphens are left out on both sides of a comparison.
 */
function dehyphenated(text: string): string {
  return text.replace(/-/g, '');
}

async function writePdf(name: string, bytes: Uint8Array): Promise<string> {
  const file = join(root, name);
  await writeFile(file, bytes);
  return file;
}

describe('PDF export of a note from each built-in template', () => {
  it.each(TEMPLATE_IDS)('%s: title, every paragraph, citations and Sources; the marking and "Page X of Y" on every page; fonts embedded', async (templateId) => {
    const note = await noteFromTemplate(templateId);
    const before = await listFiles(backend.workspaceDir);
    const progress: string[] = [];
    const file = await backend.services.exports.exportBytes(note.id, 'pdf', 'a4', { onProgress: (step) => progress.push(step) });
    expect(file.fileName).toBe(exportFileName(note.meta, 'pdf'));
    expect(file.mime).toBe('application/pdf');
    expect(progress).toEqual(['Reading the note', 'Formatting citations', 'Laying out pages', 'Printing pages', 'Done']);
    // Reads only: no file in the workspace changed, the note is as it was.
    expect(await listFiles(backend.workspaceDir)).toEqual(before);
    expect(await call<Note>('notes:get', { id: note.id })).toEqual(note);

    const path = await writePdf(`${templateId}.pdf`, file.bytes);
    const pdf = await readPdf(path);
    expect(file.pages).toBe(pdf.pages);
    expect(pdf.body).toContain(dehyphenated(note.meta.title));
    const model = buildExportModel(note, { styleId: 'numeric' });
    const runs = textRuns(model.doc);
    expect(runs.length).toBeGreaterThan(20);
    for (const run of runs) expect(pdf.body, `paragraph text "${run}"`).toContain(dehyphenated(run));
    const labels = citations(model.doc).map((node) => model.citationLabel(node));
    expect(labels).toEqual(expect.arrayContaining(['[1]', '[2]', '[3]', '[4]']));
    for (const label of labels) expect(pdf.body).toContain(label);
    expect(model.bibliography).toHaveLength(4);
    for (const entry of model.bibliography) expect(pdf.body).toContain(dehyphenated(squash(entry.text)));

    for (let page = 1; page <= pdf.pages; page += 1) {
      expect(pdf.headers[page - 1], `header of page ${page}`).toContain('TLP:AMBER');
      expect(pdf.footers[page - 1], `footer of page ${page}`).toContain('TLP:AMBER');
      expect(pdf.footers[page - 1], `footer of page ${page}`).toContain(`Page ${page} of ${pdf.pages}`);
      expect(pdf.footers[page - 1], `footer of page ${page}`).toContain(note.meta.title);
    }
    const fonts = await pdfFonts(path);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((font) => !font.embedded)).toEqual([]);
    // The shipped fonts, not whatever the machine has: body serif, heading sans, code mono.
    const families = new Set(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '').replace(/-.*$/, '')));
    expect([...families].sort()).toEqual(['Inter', 'JetBrainsMono', 'SourceSerif4']);
  });

  it('prints a long note on the expected number of pages, and "of Y" is that number', async () => {
    const note = await savedNote(longExportNote(12));
    const file = await backend.services.exports.exportBytes(note.id, 'pdf', 'a4');
    const path = await writePdf('long.pdf', file.bytes);
    const { pages } = await pdfInfo(path);
    // longExportNote promises "about" the pages asked for.
    expect(Math.abs(pages - 12)).toBeLessThanOrEqual(2);
    expect(file.pages).toBe(pages);
    expect(countPdfPages(file.bytes)).toBe(pages);
    expect(squash(await pdfText(path, { first: pages, last: pages }))).toContain(`Page ${pages} of ${pages}`);
    expect(printer.launches).toBe(1);
  });

  it('splits a long table across pages with its header row repeated, and keeps rows whole', async () => {
    const cell = (type: string, text: string): DocNode => ({ type, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    const rows: DocNode[] = [{ type: 'tableRow', content: [cell('tableHeader', 'Licence holder'), cell('tableHeader', 'Element'), cell('tableHeader', 'Granted')] }];
    for (let index = 1; index <= 90; index += 1) {
      rows.push({ type: 'tableRow', content: [cell('tableCell', `Supplier number ${index}`), cell('tableCell', 'Dysprosium'), cell('tableCell', `2025-06-${String((index % 28) + 1).padStart(2, '0')}`)] });
    }
    const base = sampleExportNote({ title: 'Licences granted' });
    const note = await savedNote({ meta: base.meta, content: { type: 'doc', content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Licences' }] }, { type: 'table', content: rows }] } });
    const file = await backend.services.exports.exportBytes(note.id, 'pdf', 'a4');
    const path = await writePdf('table.pdf', file.bytes);
    const { pages } = await pdfInfo(path);
    expect(pages).toBeGreaterThanOrEqual(2);
    const seen = new Set<number>();
    for (let page = 1; page <= pages; page += 1) {
      const text = await pdfText(path, { first: page, last: page });
      expect(text, `page ${page} repeats the header row`).toMatch(/Licence holder\s+Element\s+Granted/);
      for (const match of text.matchAll(/Supplier number (\d+)\s+Dysprosium\s+2025-06-\d\d/g)) seen.add(Number(match[1]));
    }
    // Every row printed whole exactly once somewhere (a row cut by a page break would not match).
    expect(seen.size).toBe(90);
  });

  it('names the note, author, marking, tags and app in the document info, and keeps outline, links and tags', async () => {
    const note = await savedNote(sampleExportNote({ title: 'Rare earths — the London talks' }));
    await call('notes:save', { id: note.id, meta: { author: 'J. Analyst', tags: ['china', 'rare earths'] } });
    const file = await backend.services.exports.exportBytes(note.id, 'pdf', 'a4');
    const path = await writePdf('metadata.pdf', file.bytes);
    const { fields, stderr } = await pdfDocumentInfo(path);
    // No "Syntax Error" about the cross-reference: the update is read as part of the file.
    expect(stderr).toBe('');
    expect(fields).toMatchObject({
      Title: 'Rare earths — the London talks',
      Author: 'J. Analyst',
      Subject: 'TLP:AMBER',
      Keywords: 'china, rare earths',
      Creator: 'Briefing Desk 9.9.9-test',
      Tagged: 'yes',
    });
    expect(fields.Producer).not.toMatch(/Mozilla|HeadlessChrome/);
    expect(file.pages).toBe(Number(fields.Pages));
    const { links, outline } = await pdfLinksAndOutline(path);
    expect(links).toEqual(expect.arrayContaining(['https://www.mofcom.gov.cn/', 'mailto:desk@example.org']));
    expect(outline).toEqual(expect.arrayContaining(['Rare earths — the London talks', 'BLUF', 'Situation', 'Sources']));
    expect((await pdfFonts(path)).filter((font) => !font.embedded)).toEqual([]);
  });

  it('prints US Letter when asked', async () => {
    const note = await savedNote(sampleExportNote());
    const file = await backend.services.exports.exportBytes(note.id, 'pdf', 'letter');
    const info = await pdfInfo(await writePdf('letter.pdf', file.bytes));
    expect(info.width).toBeCloseTo(612, -0.5);
    expect(info.height).toBeCloseTo(792, -0.5);
  });
});

describe('warm-up', () => {
  it('warms the printer when the backend warms up and when the export dialog asks for a preview', async () => {
    const warmed: string[] = [];
    const counting: PdfPrinter = {
      print: () => Promise.reject(new Error('no print in this test')),
      warm: async () => void warmed.push('warm'),
      close: async () => undefined,
    };
    const own = await createBackend({ workspaceDir: join(root, 'warm-workspace'), builtinTemplatesDir: TEMPLATES, appVersion: '9.9.9-test', pdfPrinter: counting });
    try {
      await own.warmUp();
      expect(warmed).toEqual(['warm']);
      const note = await own.dispatch('notes:create', { templateId: 'blank', title: 'Preview warms' });
      if (!note.ok) throw new Error(note.error.message);
      const preview = await own.dispatch('export:preview', { id: (note.value as Note).id });
      expect(preview.ok).toBe(true);
      expect(warmed).toEqual(['warm', 'warm']);
    } finally {
      await own.close();
    }
  });
});

describe('other formats and the preview', () => {
  it('writes DOCX, Markdown and standalone HTML with the file name from date and title', async () => {
    const note = await savedNote(sampleExportNote());
    const docx = await backend.services.exports.exportBytes(note.id, 'docx', 'a4');
    expect(Buffer.from(docx.bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
    expect(docx.fileName).toBe(exportFileName(note.meta, 'docx'));
    expect(docx.pages).toBeNull();
    const md = new TextDecoder().decode((await backend.services.exports.exportBytes(note.id, 'md', 'a4')).bytes);
    expect(md.startsWith('---\n')).toBe(true);
    expect(md).toContain('TLP:AMBER');
    const html = new TextDecoder().decode((await backend.services.exports.exportBytes(note.id, 'html', 'a4')).bytes);
    expect(html.toLowerCase().startsWith('<!doctype html>')).toBe(true);
    expectSelfContained(html);
  });

  it('previews the note as one self-contained document: no script, nothing remote', async () => {
    const note = await savedNote(sampleExportNote());
    const preview = await call<{ html: string; fileBase: string }>('export:preview', { id: note.id });
    expect(preview.fileBase).toBe(exportFileBase(note.meta));
    expect(preview.html).toContain(note.meta.title);
    expect(preview.html).toContain('TLP:AMBER');
    expectSelfContained(preview.html);
  });

  it('formats the Sources with an added .csl style', async () => {
    const style = await call<{ id: string }>('citations:add-style', { fileName: 'Agency house style.csl', xml: APA_CSL });
    const note = await savedNote(sampleExportNote());
    await call('notes:save', { id: note.id, meta: { citationStyle: style.id } });
    const md = new TextDecoder().decode((await backend.services.exports.exportBytes(note.id, 'md', 'a4')).bytes);
    // APA writes "Shalal, A., & Hunnicutt, T. (2025"; the numeric default would write "Shalal A, Hunnicutt T".
    expect(md).toContain('Shalal, A., & Hunnicutt, T. (2025');
  });
});

describe('empty sections', () => {
  /** A negotiation brief with one talking point written and every other section as the template left it. */
  async function briefWithOneTalkingPoint(): Promise<Note> {
    const created = await call<Note>('notes:create', { templateId: 'negotiation-brief', title: 'London talks', marking: 'TLP:GREEN', date: '2025-06-10' });
    const content = structuredClone(created.content);
    const talking = (content.content ?? []).findIndex((block) => block.type === 'heading' && JSON.stringify(block).includes('Talking points'));
    const list = content.content?.[talking + 1];
    const second = list?.content?.[1]?.content?.[0];
    if (!second) throw new Error('the template changed: no second talking point');
    second.content = [{ type: 'text', text: 'Licences for magnets are flowing again.' }];
    await call('notes:save', { id: created.id, content });
    return call<Note>('notes:get', { id: created.id });
  }

  /** The visible text of an export: PDF through pdftotext, DOCX from its document part, the others as written. */
  async function exportedText(id: string, format: 'pdf' | 'docx' | 'md' | 'html', keepEmpty: boolean): Promise<string> {
    const file = await backend.services.exports.exportBytes(id, format, 'a4', { keepEmpty });
    if (format === 'pdf') return squash(await pdfText(await writePdf(`empty-${String(keepEmpty)}.pdf`, file.bytes)));
    if (format === 'docx') {
      const xml = strFromU8(unzipSync(file.bytes)['word/document.xml'] ?? new Uint8Array());
      return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join(' ');
    }
    // The HTML's own style sheet names "Sources" in a comment.
    return new TextDecoder().decode(file.bytes).replace(/<style[\s\S]*?<\/style>/g, '');
  }

  const EMPTY_HEADINGS = ['Objectives', 'Their likely asks', 'Our response', 'Background'];

  it.each(['pdf', 'docx', 'md', 'html'] as const)('%s leaves out sections never filled, and keeps them when asked', async (format) => {
    const note = await briefWithOneTalkingPoint();
    const pruned = await exportedText(note.id, format, false);
    expect(pruned).toContain('Talking points');
    expect(pruned).toContain('Licences for magnets are flowing again.');
    for (const heading of EMPTY_HEADINGS) expect(pruned, heading).not.toContain(heading);
    // The table's header row goes with its section; the note cites nothing, so there is no Sources heading.
    expect(pruned).not.toContain('Room to move');
    expect(pruned).not.toMatch(/\bSources\b/);

    const kept = await exportedText(note.id, format, true);
    for (const heading of [...EMPTY_HEADINGS, 'Talking points', 'Room to move']) expect(kept, heading).toContain(heading);
    // Guidance is never exported, kept sections or not.
    expect(kept).not.toContain('Supporting point');
  });

  it('the preview and export jobs take keepEmpty through the contract (default: left out)', async () => {
    const note = await briefWithOneTalkingPoint();
    const preview = async (input: Record<string, unknown>): Promise<string> => (await call<{ html: string }>('export:preview', { id: note.id, ...input })).html;
    expect(await preview({})).not.toContain('Objectives');
    expect(await preview({ keepEmpty: false })).not.toContain('Objectives');
    expect(await preview({ keepEmpty: true })).toContain('Objectives');
    for (const keepEmpty of [undefined, true]) {
      const started = await call<ExportJob>('export:start', { id: note.id, format: 'md', ...(keepEmpty === undefined ? {} : { keepEmpty }) });
      let job = started;
      while (job.state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 20));
        job = await call<ExportJob>('export:status', { jobId: started.id });
      }
      expect(job.state).toBe('done');
      const taken = await call<{ base64: string }>('export:take', { jobId: started.id });
      const markdown = Buffer.from(taken.base64, 'base64').toString('utf8');
      expect(markdown.includes('## Objectives'), `keepEmpty: ${String(keepEmpty)}`).toBe(keepEmpty === true);
      expect(markdown).toContain('## Talking points');
    }
    expect(failure(await backend.dispatch('export:start', { id: note.id, format: 'md', keepEmpty: 'yes' })).code).toBe('invalid_input');
  });
});

function expectSelfContained(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<link\b|@import|<iframe|<object|<embed/i);
  for (const [, value] of html.matchAll(/\b(?:src|srcset|poster|data)\s*=\s*["']([^"']*)["']/gi)) expect(value).toMatch(/^data:/);
  for (const [, value] of html.matchAll(/url\(\s*["']?([^"')]*)/gi)) expect(value).toMatch(/^data:/);
}

describe('export jobs', () => {
  async function waitFor(jobId: string): Promise<ExportJob> {
    for (;;) {
      const job = await call<ExportJob>('export:status', { jobId });
      if (job.state !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('runs an export as a job, hands the file over once and forgets it', async () => {
    const note = await savedNote(sampleExportNote());
    const started = await call<ExportJob>('export:start', { id: note.id, format: 'pdf' });
    expect(started).toMatchObject({ noteId: note.id, format: 'pdf', paper: 'a4', state: 'running', fileName: exportFileName(note.meta, 'pdf'), mime: 'application/pdf', size: null });
    const done = await waitFor(started.id);
    expect(done).toMatchObject({ state: 'done', step: 'Done', percent: 100, failure: null });
    expect(done.pages).toBeGreaterThan(0);
    const taken = await call<{ fileName: string; mime: string; base64: string }>('export:take', { jobId: started.id });
    const bytes = Buffer.from(taken.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.byteLength).toBe(done.size);
    expect(taken).toMatchObject({ fileName: done.fileName, mime: 'application/pdf' });
    expect(failure(await backend.dispatch('export:take', { jobId: started.id })).code).toBe('not_found');
    expect(failure(await backend.dispatch('export:status', { jobId: started.id })).code).toBe('not_found');
  });

  it('cancels a running export; there is nothing to take', async () => {
    const note = await savedNote(longExportNote(6));
    // The print is held until the job is cancelled and then comes back with a whole PDF, the worst
    // case for a cancel: the test knows when it came back instead of guessing a delay.
    const realPrint = printer.print.bind(printer);
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let printed: Promise<Uint8Array> | null = null;
    printer.print = (html, options) => {
      printed = released.then(() => realPrint(html, { ...options, signal: undefined }));
      return printed;
    };
    // The job's own run, so the test can wait until the job has dealt with what came back.
    const service = backend.services.exports;
    const runJob = service['runJob'].bind(service);
    let run: Promise<void> | null = null;
    service['runJob'] = (...args: Parameters<typeof runJob>) => (run = runJob(...args));
    try {
      const started = await call<ExportJob>('export:start', { id: note.id, format: 'pdf' });
      expect(failure(await backend.dispatch('export:take', { jobId: started.id }))).toMatchObject({ code: 'conflict', message: expect.stringMatching(/still running/) });
      await vi.waitFor(() => expect(printed).not.toBeNull(), { timeout: 15_000, interval: 10 });
      const cancelled = await call<ExportJob>('export:cancel', { jobId: started.id });
      expect(cancelled).toMatchObject({ state: 'cancelled', step: 'Cancelled' });
      expect(cancelled.finishedAt).not.toBeNull();
      // The job stays cancelled when the print it stopped comes back, and after the job has dealt with it.
      release();
      const pdf = await printed!;
      expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      await run;
      expect((await call<ExportJob>('export:status', { jobId: started.id })).state).toBe('cancelled');
      expect(failure(await backend.dispatch('export:take', { jobId: started.id }))).toMatchObject({ code: 'conflict', message: expect.stringMatching(/cancelled/) });
    } finally {
      printer.print = realPrint;
      service['runJob'] = runJob;
    }
  });

  it('reports a PDF without Chromium as a failed job that says how to install one', async () => {
    const noChromium = await createBackend({
      workspaceDir: join(root, 'workspace-no-chromium'),
      builtinTemplatesDir: TEMPLATES,
      appVersion: '9.9.9-test',
      checkOutputs: true,
      pdfPrinter: new ChromiumPrinter({ env: { CHROMIUM_PATH: join(root, 'no-chromium') } }),
    });
    try {
      const created = await noChromium.dispatch('notes:create', { templateId: 'blank', title: 'No printer' });
      if (!created.ok) throw new Error(created.error.message);
      const id = (created.value as Note).id;
      const started = await noChromium.dispatch('export:start', { id, format: 'pdf' });
      if (!started.ok) throw new Error(started.error.message);
      const jobId = (started.value as ExportJob).id;
      let job = started.value as ExportJob;
      while (job.state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 10));
        const status = await noChromium.dispatch('export:status', { jobId });
        if (!status.ok) throw new Error(status.error.message);
        job = status.value as ExportJob;
      }
      expect(job).toMatchObject({ state: 'failed', step: 'Failed', size: null, failure: { code: 'unavailable', message: expect.stringMatching(/apt install chromium/) } });
      expect(failure(await noChromium.dispatch('export:take', { jobId }))).toMatchObject({ code: 'conflict', message: expect.stringMatching(/failed: A PDF needs Chromium/) });
      // Markdown needs no browser.
      expect((await noChromium.services.exports.exportBytes(id, 'md', 'a4')).bytes.byteLength).toBeGreaterThan(0);
    } finally {
      await noChromium.close();
    }
  });

  it('names the unknown note or job', async () => {
    const missing = 'n-20250101-deadbeef';
    expect(failure(await backend.dispatch('export:start', { id: missing, format: 'pdf' }))).toMatchObject({ code: 'not_found', message: expect.stringContaining(missing) });
    expect(failure(await backend.dispatch('export:preview', { id: missing }))).toMatchObject({ code: 'not_found', message: expect.stringContaining(missing) });
    expect(failure(await backend.dispatch('export:status', { jobId: 'ex-unknown' }))).toMatchObject({ code: 'not_found', message: expect.stringContaining('ex-unknown') });
    expect(failure(await backend.dispatch('export:cancel', { jobId: 'ex-unknown' })).code).toBe('not_found');
    await expect(backend.services.exports.exportBytes(missing, 'md', 'a4')).rejects.toMatchObject({ code: 'not_found' });
  });
});
