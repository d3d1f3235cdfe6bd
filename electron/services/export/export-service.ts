import { createHash, randomBytes } from 'node:crypto';
import { AppError, type ApiError } from '../../../core/api/result';
import { FALLBACK_STYLE_ID, isBuiltinStyle, registerStyle } from '../../../core/citations/styles';
import { EXPORT_FORMATS, type ExportFormat, type ExportJob, type Paper } from '../../../core/domain/export';
import type { Note } from '../../../core/domain/note';
import { StyleIdSchema } from '../../../core/domain/settings';
import { buildExportModel, type ExportModel } from '../../../core/export/export-model';
import { exportFileBase, exportFileName } from '../../../core/export/file-name';
import { PAGE_MARGINS, renderExportHtml } from '../../../core/export/html';
import { renderMarkdown } from '../../../core/export/markdown';
import { pageTemplates } from '../../../core/export/page-templates';
import type { CitationStyleService } from '../citations/citation-style-service';
import type { NoteService } from '../notes/note-service';
import type { SettingsService } from '../workspace/settings-service';
import { buildDocx } from './docx-export';
import { loadExportFontCss, loadHeaderFontCss } from './fonts';
import { withDocumentInfo } from './pdf-metadata';
import type { PdfPrinter } from './pdf-printer';

/** A finished (or failed, or cancelled) job is forgotten after this long if nobody takes it. */
const FORGET_AFTER_MS = 10 * 60_000;

/**
 * A one-citation note the warm-up formats and renders: the first use of a citation style compiles
 * it (~0.5 s), which would otherwise be paid by the session's first export.
 */
const WARM_UP_NOTE: Pick<Note, 'id' | 'meta' | 'content'> = {
  id: 'warm-up',
  meta: { title: 'Warm-up', author: '', date: '2025-01-01', status: 'draft', marking: 'TLP:CLEAR', tags: [], citationStyle: null },
  content: {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Warm-up.' },
          {
            type: 'citation',
            attrs: { sourceIds: ['warm-up'], locator: null, snapshots: { 'warm-up': { title: 'Warm-up', publisher: 'Briefing Desk', authors: ['A. Analyst'], published: '2025-01-01', url: null, grade: null, type: 'report' } } },
          },
        ],
      },
    ],
  },
};

/** What an export reports while it runs: the step ("Printing pages") and how far it is overall. */
export type ExportProgress = (step: string, percent: number) => void;

/** The finished file of one export. */
export interface ExportedFile {
  bytes: Uint8Array;
  fileName: string;
  mime: string;
  /** PDF only: pages printed. */
  pages: number | null;
}

/** A finished export taken from its job: the suggested name, its format and the bytes. */
export interface TakenExport {
  fileName: string;
  mime: string;
  format: ExportFormat;
  bytes: Uint8Array;
}

/** How one export runs: its progress and cancel, and whether sections never filled are kept (core/export/prune-empty). */
export interface ExportRunOptions {
  onProgress?: ExportProgress;
  signal?: AbortSignal;
  /** Keep empty sections, list items and tables (the dialog's "Keep empty sections", the CLI's --keep-empty). */
  keepEmpty?: boolean;
}

/** Dependencies of the export service, built once in the composition root. */
export interface ExportServiceDeps {
  notes: NoteService;
  settings: SettingsService;
  citationStyles: CitationStyleService;
  printer: PdfPrinter;
  now: () => Date;
  /** The app's version (package.json), named in each PDF's Creator: "Briefing Desk 0.1.0". */
  appVersion: string;
  /** Told of each job's progress (each step, the end): the workspace event channel. */
  onJob?: (job: ExportJob) => void;
}

interface JobEntry {
  job: ExportJob;
  controller: AbortController;
  keepEmpty: boolean;
  bytes: Uint8Array | null;
  forgetTimer: NodeJS.Timeout | null;
}

/**
 * Exports notes as saved to PDF, DOCX, Markdown and standalone HTML. One model (core/export) feeds
 * every format, and the PDF is printed from exactly the HTML the preview shows. Exports only read:
 * the note, its revisions and the workspace are never written. In the app, exports run as jobs (progress,
 * cancel, then `take` the bytes); the CLI and the bench call `exportBytes` directly.
 */
export class ExportService {
  private readonly jobs = new Map<string, JobEntry>();
  /** Added CSL styles registered with the engine, by id → SHA-256 of the XML registered. */
  private readonly registered = new Map<string, string>();

  constructor(private readonly deps: ExportServiceDeps) {}

  /** `export:preview`: the standalone HTML of the note (the PDF's HTML with the marking as banners) and the file name base. */
  async preview(id: string, paper: Paper, keepEmpty = false): Promise<{ html: string; fileBase: string }> {
    const note = await this.deps.notes.get(id);
    // The dialog is open: an export follows, so a printer that went idle starts again now.
    void this.deps.printer.warm?.();
    const [model, fontCss] = await Promise.all([this.model(note, keepEmpty), loadExportFontCss()]);
    return { html: renderExportHtml(model, { paper, fontCss, purpose: 'preview' }), fileBase: exportFileBase(note.meta) };
  }

  /** `export:start`: reads the note now (an unknown id fails at once) and exports it in the background. */
  async start(id: string, format: ExportFormat, paper: Paper, keepEmpty = false): Promise<ExportJob> {
    const note = await this.deps.notes.get(id);
    const entry: JobEntry = {
      job: {
        id: `ex-${randomBytes(8).toString('hex')}`,
        noteId: note.id,
        format,
        paper,
        state: 'running',
        step: 'Reading the note',
        percent: 0,
        fileName: exportFileName(note.meta, format),
        mime: EXPORT_FORMATS[format].mime,
        size: null,
        pages: null,
        failure: null,
        startedAt: this.deps.now().toISOString(),
        finishedAt: null,
      },
      controller: new AbortController(),
      keepEmpty,
      bytes: null,
      forgetTimer: null,
    };
    this.jobs.set(entry.job.id, entry);
    this.deps.onJob?.({ ...entry.job });
    void this.runJob(entry, note);
    return { ...entry.job };
  }

  /** `export:status`. */
  status(jobId: string): ExportJob {
    return { ...this.entry(jobId).job };
  }

  /** `export:cancel`: stops a running export (a finished one is left as it is). */
  cancel(jobId: string): ExportJob {
    const entry = this.entry(jobId);
    if (entry.job.state === 'running') {
      entry.controller.abort();
      this.finish(entry, { state: 'cancelled', step: 'Cancelled' });
    }
    return { ...entry.job };
  }

  /** `export:take`: the finished file, base64-encoded (for the browser edition's download); the job is forgotten afterwards. */
  take(jobId: string): { fileName: string; mime: string; base64: string } {
    const file = this.takeFile(jobId);
    return { fileName: file.fileName, mime: file.mime, base64: Buffer.from(file.bytes).toString('base64') };
  }

  /**
   * The finished file as bytes; the job is forgotten afterwards. Electron main saves exports with
   * it, so the bytes never cross IPC (`export:take` is the same step, encoded for HTTP).
   */
  takeFile(jobId: string): TakenExport {
    const entry = this.entry(jobId);
    const { job } = entry;
    if (job.state !== 'done' || !entry.bytes) {
      const why =
        job.state === 'running'
          ? `is still running (${job.step.toLowerCase()}, ${Math.round(job.percent)}%)`
          : job.state === 'cancelled'
            ? 'was cancelled'
            : `failed: ${job.failure?.message ?? 'no reason given'}`;
      throw new AppError('conflict', `The export of “${job.fileName}” ${why}; there is no file to take.`);
    }
    this.forget(entry);
    return { fileName: job.fileName, mime: job.mime, format: job.format, bytes: entry.bytes };
  }

  /**
   * Exports a note as saved and returns the file's bytes and name (the CLI, the bench, and every job).
   * Throws AppError('not_found') for an unknown note, AppError('unavailable') for a PDF without
   * Chromium, AppError('cancelled') when `signal` aborts.
   */
  async exportBytes(id: string, format: ExportFormat, paper: Paper, options: ExportRunOptions = {}): Promise<ExportedFile> {
    options.onProgress?.('Reading the note', 0);
    const note = await this.deps.notes.get(id);
    return this.run(note, format, paper, options);
  }

  /**
   * Readies the first PDF export of a session in the background: the printer's browser and the
   * embedded fonts. Resolves when done (or when that failed: a missing Chromium is reported by the
   * export that needs it, not before).
   */
  async warmUp(): Promise<void> {
    await Promise.all([this.deps.printer.warm?.(), this.warmFormatting().catch(() => undefined)]);
  }

  /** Cancels running exports and frees the printer (Backend.close). */
  async close(): Promise<void> {
    for (const entry of this.jobs.values()) {
      if (entry.forgetTimer) clearTimeout(entry.forgetTimer);
      if (entry.job.state === 'running') entry.controller.abort();
    }
    this.jobs.clear();
    await this.deps.printer.close();
  }

  private async run(note: Note, format: ExportFormat, paper: Paper, options: ExportRunOptions): Promise<ExportedFile> {
    const { signal } = options;
    const progress: ExportProgress = (step, percent) => {
      throwIfCancelled(signal);
      options.onProgress?.(step, percent);
    };
    progress('Formatting citations', 10);
    const model = await this.model(note, options.keepEmpty === true);
    const fileName = exportFileName(note.meta, format);
    const mime = EXPORT_FORMATS[format].mime;
    let bytes: Uint8Array;
    let pages: number | null = null;
    switch (format) {
      case 'pdf': {
        progress('Laying out pages', 25);
        const [fontCss, headerFontCss] = await Promise.all([loadExportFontCss(), loadHeaderFontCss(`${note.meta.title} ${model.marking.label}`)]);
        const html = renderExportHtml(model, { paper, fontCss, purpose: 'pdf' });
        const templates = pageTemplates(model, headerFontCss);
        progress('Printing pages', 40);
        const printed = await this.deps.printer.print(html, { paper, ...templates, margin: PAGE_MARGINS[paper], signal });
        // Whichever printer made it (Chromium or Electron), the file says what it is and who made it.
        bytes = await withDocumentInfo(printed, {
          title: model.meta.title.trim() || 'Untitled note',
          author: model.meta.author.trim(),
          subject: model.marking.label,
          keywords: model.meta.tags,
          creator: `Briefing Desk ${this.deps.appVersion}`,
          now: this.deps.now(),
        });
        pages = countPdfPages(bytes);
        break;
      }
      case 'docx':
        progress('Writing DOCX', 30);
        bytes = await buildDocx(model, { paper, signal, onProgress: (percent) => progress('Writing DOCX', 30 + Math.min(100, Math.max(0, percent)) * 0.65) });
        break;
      case 'md':
        progress('Writing Markdown', 50);
        bytes = new TextEncoder().encode(renderMarkdown(model));
        break;
      case 'html': {
        progress('Writing HTML', 40);
        const fontCss = await loadExportFontCss();
        bytes = new TextEncoder().encode(renderExportHtml(model, { paper, fontCss, purpose: 'standalone' }));
        break;
      }
    }
    progress('Done', 100);
    return { bytes, fileName, mime, pages };
  }

  private async runJob(entry: JobEntry, note: Note): Promise<void> {
    const { job, controller } = entry;
    try {
      const file = await this.run(note, job.format, job.paper, {
        keepEmpty: entry.keepEmpty,
        signal: controller.signal,
        onProgress: (step, percent) => {
          if (job.state !== 'running') return;
          const changed = job.step !== step || job.percent !== Math.round(percent);
          job.step = step;
          job.percent = Math.round(percent);
          if (changed) this.deps.onJob?.({ ...job });
        },
      });
      if (job.state !== 'running') return;
      entry.bytes = file.bytes;
      this.finish(entry, { state: 'done', step: 'Done', size: file.bytes.byteLength, pages: file.pages });
    } catch (error) {
      if (job.state !== 'running') return;
      if (error instanceof AppError && error.code === 'cancelled') {
        this.finish(entry, { state: 'cancelled', step: 'Cancelled' });
        return;
      }
      this.finish(entry, { state: 'failed', step: 'Failed', failure: toApiError(error) });
    }
  }

  private finish(entry: JobEntry, patch: Partial<ExportJob>): void {
    Object.assign(entry.job, patch, { finishedAt: this.deps.now().toISOString() });
    if (patch.state === 'done') entry.job.percent = 100;
    this.deps.onJob?.({ ...entry.job });
    entry.forgetTimer = setTimeout(() => this.forget(entry), FORGET_AFTER_MS);
    // A job waiting to be taken must not keep a CLI or test process alive.
    entry.forgetTimer.unref();
  }

  private forget(entry: JobEntry): void {
    if (entry.forgetTimer) clearTimeout(entry.forgetTimer);
    this.jobs.delete(entry.job.id);
  }

  private entry(jobId: string): JobEntry {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new AppError('not_found', `There is no export job ${jobId}; finished exports are kept for 10 minutes or until taken.`);
    return entry;
  }

  /** Loads the embedded fonts and formats a citation in the workspace's default style, as the first export would. */
  private async warmFormatting(): Promise<void> {
    const [model, fontCss] = await Promise.all([this.model(WARM_UP_NOTE, false), loadExportFontCss()]);
    renderExportHtml(model, { paper: 'a4', fontCss, purpose: 'pdf' });
  }

  /** The export model in the note's citation style (its own, else the workspace default); every format and the preview start here. */
  private async model(note: Pick<Note, 'id' | 'meta' | 'content'>, keepEmpty: boolean): Promise<ExportModel> {
    const settings = await this.deps.settings.get();
    const styleId = await this.usableStyle(note.meta.citationStyle ?? settings.citationStyle);
    return buildExportModel(note, { styleId, locale: settings.locale || undefined, keepEmpty });
  }

  /**
   * A built-in id as is; an added style registered with the engine (again only when its XML changed,
   * since every registration builds a new engine); a style deleted since falls back to the default
   * numeric style, as the editor shows it.
   */
  private async usableStyle(styleId: string): Promise<string> {
    if (isBuiltinStyle(styleId)) return styleId;
    // Notes and settings may hold any short string (older files, hand edits): one that is no style id names no style file.
    if (!StyleIdSchema.safeParse(styleId).success) return FALLBACK_STYLE_ID;
    let xml: string;
    try {
      ({ xml } = await this.deps.citationStyles.xml(styleId));
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return FALLBACK_STYLE_ID;
      throw error;
    }
    const hash = createHash('sha256').update(xml).digest('hex');
    if (this.registered.get(styleId) !== hash) {
      registerStyle(styleId, xml);
      this.registered.set(styleId, hash);
    }
    return styleId;
  }
}

/**
 * Pages of a PDF as Chromium (Skia) writes it: one `/Type /Page` dictionary per page, never inside
 * a compressed object stream. Cheap and dependency-free; the tests check it against pdfinfo.
 */
export function countPdfPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
}

function toApiError(error: unknown): ApiError {
  if (error instanceof AppError) return error.toJSON();
  return { code: 'internal', message: `The export failed: ${error instanceof Error ? error.message : String(error)}` };
}
