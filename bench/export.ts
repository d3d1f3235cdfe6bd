import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { type Page, chromium } from 'playwright-core';
import type { Note } from '../core/domain/note';
import { docText } from '../core/editor/doc-text';
import { longExportNote } from '../core/export/export-fixtures';
import { buildExportModel } from '../core/export/export-model';
import { PAGE_MARGINS, renderExportHtml } from '../core/export/html';
import { pageTemplates } from '../core/export/page-templates';
import { createBackend } from '../electron/container';
import { findChromium } from '../electron/services/export/chromium-printer';
import { loadExportFontCss, loadHeaderFontCss } from '../electron/services/export/fonts';
import { type BenchRow, percentile, row } from './lib/report';

const TEMPLATES = path.join(import.meta.dirname, '..', 'templates');
const PAGES = 20;
const RUNS = 5;
/** The printer's own flags (chromium-printer.ts), so the baseline browser is set up the same way. */
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-extensions', '--mute-audio'];

const median = (values: number[]): number => percentile(values, 50);

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** The baseline print: a bare page.setContent + page.pdf of the same final HTML and templates on one warm, reused page. */
async function barePrint(page: Page, html: string, templates: { headerTemplate: string; footerTemplate: string }): Promise<void> {
  await page.setContent(html, { waitUntil: 'load' });
  await page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, ...templates, margin: PAGE_MARGINS.a4, preferCSSPageSize: false, tagged: true, outline: true });
}

/** The docx baseline: the docx library packing the note's blocks as unstyled paragraphs of their plain text. */
async function bareDocx(note: Pick<Note, 'content'>): Promise<void> {
  const lines = (note.content.content ?? []).flatMap((block) => docText(block).split('\n').filter((line) => line !== ''));
  const paragraphs = lines.map((line) => new Paragraph(line));
  await Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}

/**
 * `pdf_20p_ms` and `docx_20p_ms`: ExportService.exportBytes of a ~20-page note with citations saved in
 * a temp workspace, warm (after a first export, as in the app), against bare Chromium and bare docx.
 */
export async function exportBench(): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'bd-bench-export-'));
  const executablePath = await findChromium();
  if (!executablePath) throw new Error('The export bench needs Chromium (apt install chromium, or set CHROMIUM_PATH).');
  const backend = await createBackend({ workspaceDir: path.join(scratch, 'workspace'), builtinTemplatesDir: TEMPLATES, appVersion: 'bench' });
  const browser = await chromium.launch({ executablePath, args: LAUNCH_ARGS, headless: true });
  try {
    const long = longExportNote(PAGES);
    const created = await backend.dispatch('notes:create', { templateId: 'blank', title: long.meta.title, marking: long.meta.marking, date: long.meta.date, author: long.meta.author });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as Note).id;
    const saved = await backend.dispatch('notes:save', { id, content: long.content });
    if (!saved.ok) throw new Error(saved.error.message);
    const noteResult = await backend.dispatch('notes:get', { id });
    if (!noteResult.ok) throw new Error(noteResult.error.message);
    const note = noteResult.value as Note;

    // The same final HTML and templates the service prints (default style, A4).
    const model = buildExportModel(note, { styleId: 'numeric' });
    const html = renderExportHtml(model, { paper: 'a4', fontCss: await loadExportFontCss(), purpose: 'pdf' });
    const templates = pageTemplates(model, await loadHeaderFontCss(`${note.meta.title} ${model.marking.label}`));

    // Warm both: the printer's browser, fonts and CSL engine; the baseline browser's first page.
    const first = await backend.services.exports.exportBytes(id, 'pdf', 'a4');
    // The context options of the printer (JavaScript off makes setContent cheaper); no request routing, no font wait.
    const page = await (await browser.newContext({ offline: true, serviceWorkers: 'block', javaScriptEnabled: false })).newPage();
    await barePrint(page, html, templates);
    const ours: number[] = [];
    const bare: number[] = [];
    // Interleaved, so both see the same machine load.
    for (let run = 0; run < RUNS; run += 1) {
      ours.push(await timed(() => backend.services.exports.exportBytes(id, 'pdf', 'a4')));
      bare.push(await timed(() => barePrint(page, html, templates)));
    }

    await backend.services.exports.exportBytes(id, 'docx', 'a4');
    await bareDocx(note);
    const docx: number[] = [];
    const docxBare: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      docx.push(await timed(() => backend.services.exports.exportBytes(id, 'docx', 'a4')));
      docxBare.push(await timed(() => bareDocx(note)));
    }

    const rows = [row('pdf_20p_ms', median(ours), 'ms', median(bare)), row('docx_20p_ms', median(docx), 'ms', median(docxBare))];
    const notes = [
      `pdf_20p_ms: median of ${RUNS} warm ExportService.exportBytes(pdf) of longExportNote(${PAGES}) (${first.pages} A4 pages, ${model.bibliography.length} sources, citations throughout) — read the note, format citations, render the HTML with the embedded fonts, print with header/footer templates on a fresh page of the kept-warm Chromium, count pages. Baseline = the same final HTML and templates printed by bare playwright-core setContent + pdf (same options) on one reused page of a second Chromium launched with the same flags and context options, also warm; runs interleaved. The printer opens a fresh page per export (one spare kept ready), so the ratio includes that and the wait for document.fonts.ready. Goal ≤ 3000 ms and ≤ 1.5×.`,
      `docx_20p_ms: median of ${RUNS} ExportService.exportBytes(docx) of the same note (Word styles, lists, tables, citations, Sources, marking header/footer, page numbers). Baseline = the docx library packing the same note as unstyled paragraphs of plain text (docText of each block, one paragraph per line).`,
    ];
    return { rows, notes };
  } finally {
    await browser.close();
    await backend.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
