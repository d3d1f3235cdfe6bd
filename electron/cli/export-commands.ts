import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { AppError } from '../../core/api/result';
import { ExportFormatSchema, PaperSchema, type ExportFormat, type Note, type NoteSummary, type Paper } from '../../core/index';
import { collectCitedIds } from '../../core/citations/cited-ids';
import { EXPORT_BLOCKING_KINDS, checkSourcing, type SourcingContext } from '../../core/citations/sourcing-check';
import { noteSchema } from '../../core/editor/schema';
import { findEmptySections } from '../../core/export/prune-empty';
import type { Backend } from '../container';
import { writeFileAtomic } from '../services/store/atomic-write';
import type { ExportedFile } from '../services/export/export-service';
import { EXIT, PROGRAM, UsageError, cell, unwrap, withBackend, type CliIo, type CommandContext, type CommandSpec, type OptionValues } from './cli-support';

const FORMATS = ExportFormatSchema.options;
const PAPERS = PaperSchema.options;

/** The export command (issue 5), merged into the CLI's command table. */
export const EXPORT_COMMANDS: Record<string, CommandSpec> = {
  export: {
    usage: `export (NOTE_ID --out FILE | --all --out-dir DIR) --format ${FORMATS.join('|')} [--paper ${PAPERS.join('|')}] [--keep-empty]`,
    synopsis: 'export NOTE_ID|--all --format F --out FILE|--out-dir DIR',
    summary: 'export a note, or every note, to PDF, Word, Markdown or HTML',
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      'out-dir': { type: 'string' },
      all: { type: 'boolean' },
      paper: { type: 'string' },
      'keep-empty': { type: 'boolean' },
    },
    operands: { name: 'NOTE_ID', min: 0, max: 1 },
    details: [
      '  NOTE_ID           the note (see "briefing-desk notes")',
      `  --format F        ${FORMATS.join(', ')}`,
      '  --out FILE        the file to write (replaced when it exists)',
      '  --all             export every note that is not in the trash',
      '  --out-dir DIR     the folder for --all (created when missing); files are named by date and title,',
      '                    e.g. "2025-06-10 Rare earths and the London talks.pdf"',
      `  --paper P         ${PAPERS.join(' or ')} for PDF and DOCX (default: a4)`,
      '  --keep-empty      keep sections, bullets and tables never filled in (by default they are left out)',
    ],
    notes: [
      'Notes are exported as saved; the export never changes them. A PDF needs Chromium: /usr/bin/chromium,',
      'CHROMIUM_PATH, or Playwright\'s own browser. A file is written whole or not at all. Ctrl+C cancels.',
      'As in the app, the sourcing check runs first: stale facts, broken citations and a marking below the',
      'cited sources\' are printed as "warning:" lines on stderr; the export goes ahead.',
      'Sections whose heading has only template guidance under it (and empty bullets, tables with only a',
      'header row) are left out, as the app does unless "Keep empty sections" is ticked; one "info:" line',
      'on stderr names the sections left out.',
    ],
    run: runExport,
  },
};

function parseFormat(raw: string | boolean | undefined): ExportFormat {
  if (raw === undefined || typeof raw === 'boolean') throw new UsageError(`missing --format — one of ${FORMATS.join(', ')}`);
  const format = FORMATS.find((candidate) => candidate === raw.trim().toLowerCase());
  if (!format) throw new UsageError(`unknown format "${raw}" — use one of ${FORMATS.join(', ')}`);
  return format;
}

function parsePaper(raw: string | boolean | undefined): Paper {
  if (raw === undefined || typeof raw === 'boolean') return 'a4';
  const paper = PAPERS.find((candidate) => candidate === raw.trim().toLowerCase());
  if (!paper) throw new UsageError(`--paper must be ${PAPERS.join(' or ')} (got "${raw}")`);
  return paper;
}

function text(raw: string | boolean | undefined): string | null {
  return typeof raw === 'string' && raw.trim() !== '' ? raw : null;
}

async function runExport(values: OptionValues, context: CommandContext): Promise<number> {
  const format = parseFormat(values.format);
  const paper = parsePaper(values.paper);
  const noteId = context.operands[0];
  const out = text(values.out);
  const outDir = text(values['out-dir']);
  const keepEmpty = values['keep-empty'] === true;
  const hint = `run "${PROGRAM} export --help"`;
  if (values.all === true) {
    if (noteId !== undefined) throw new UsageError(`give a NOTE_ID or --all, not both — ${hint}`);
    if (out !== null) throw new UsageError(`--all writes one file per note: use --out-dir DIR instead of --out — ${hint}`);
    if (outDir === null) throw new UsageError(`missing --out-dir DIR for --all — ${hint}`);
    await ensureWritableFolder(outDir, true);
    return withBackend(context, (backend) => exportAll(backend, context.io, { format, paper, keepEmpty }, outDir));
  }
  if (noteId === undefined) throw new UsageError(`missing NOTE_ID (or --all) for "export" — ${hint}`);
  if (out === null) throw new UsageError(`missing --out FILE — ${hint}`);
  if (outDir !== null) throw new UsageError(`--out-dir goes with --all; for one note use --out FILE — ${hint}`);
  await ensureWritableFile(out);
  return withBackend(context, async (backend) => {
    // Through the contract first: a malformed or unknown id is bad input (exit 2) before any work starts.
    const note = unwrap<Note>(await backend.dispatch('notes:get', { id: noteId }));
    await warnAboutSourcing(backend, note, context.io);
    if (!keepEmpty) reportLeftOut(note, context.io);
    const file = await exportOne(backend, note.id, { format, paper, keepEmpty }, context.io.signal);
    await writeBytesAtomic(out, file.bytes);
    context.io.stdout.write(`${exported(note.meta.title, note.id, out, file)}\n`);
    return EXIT.ok;
  });
}

/** What every export of one command run is: format, paper, and whether empty sections are kept. */
interface ExportChoice {
  format: ExportFormat;
  paper: Paper;
  keepEmpty: boolean;
}

async function exportAll(backend: Backend, io: CliIo, choice: ExportChoice, outDir: string): Promise<number> {
  const { notes } = unwrap<{ notes: NoteSummary[] }>(await backend.dispatch('notes:list', { limit: 10000 }));
  // Oldest first, so the files appear in the order the notes were written.
  const ordered = [...notes].sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const taken = new Set<string>();
  let failed = 0;
  for (const [index, summary] of ordered.entries()) {
    io.stderr.write(`[${index + 1}/${ordered.length}] ${cell(summary.title)} (${summary.id})\n`);
    try {
      const note = await backend.services.notes.get(summary.id);
      await warnAboutSourcing(backend, note, io);
      if (!choice.keepEmpty) reportLeftOut(note, io);
      const file = await exportOne(backend, summary.id, choice, io.signal);
      const target = join(outDir, freeName(file.fileName, taken));
      await writeBytesAtomic(target, file.bytes);
      io.stdout.write(`${exported(summary.title, summary.id, target, file)}\n`);
    } catch (error) {
      // No Chromium, or Ctrl+C: the other notes would fail the same way.
      if (error instanceof UsageError || io.signal?.aborted) throw error;
      failed += 1;
      io.stderr.write(`${PROGRAM}: ${summary.id}: ${cell(error instanceof Error ? error.message : String(error))}\n`);
    }
  }
  if (ordered.length === 0) io.stderr.write(`${PROGRAM}: there are no notes to export\n`);
  if (failed > 0) {
    io.stderr.write(`${PROGRAM}: ${failed} of ${ordered.length} notes could not be exported\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}

/**
 * The app's check before an export, for scripts: findings that would make the app stop and ask are
 * printed as warnings (the CLI cannot ask, and a scheduled export should still be written).
 */
async function warnAboutSourcing(backend: Backend, note: Note, io: CliIo): Promise<void> {
  const doc = noteSchema().nodeFromJSON(note.content);
  const ids = collectCitedIds(doc);
  if (ids.sourceIds.length === 0 && ids.eventIds.length === 0) return;
  const now = await backend.services.library.provenance(ids.eventIds, ids.sourceIds);
  const context: SourcingContext = {
    sources: new Map(now.sources.map((entry) => [entry.id, entry.status === 'deleted' || !entry.source ? null : { grade: entry.source.grade, marking: entry.source.marking ?? null }])),
    events: new Map(now.events.map((entry) => [entry.id, { status: entry.status, datasetVersion: entry.datasetVersion, removedUpstream: entry.removedUpstream }])),
    noteMarking: note.meta.marking,
  };
  // One line per distinct finding: a source cited ten times is one problem to fix, not ten.
  const counts = new Map<string, number>();
  for (const issue of checkSourcing(doc, context)) {
    if (EXPORT_BLOCKING_KINDS.has(issue.kind)) counts.set(issue.message, (counts.get(issue.message) ?? 0) + 1);
  }
  for (const [message, count] of counts) {
    io.stderr.write(`${PROGRAM}: warning: ${note.id}: ${message}${count > 1 ? ` (${count} places)` : ''}\n`);
  }
}

/**
 * One line of information when an export leaves sections out (at most one per note, so a scheduled
 * export of many notes stays readable): "info: NOTE: 2 empty sections left out: “Objectives”, “Background”".
 */
function reportLeftOut(note: Note, io: CliIo): void {
  const sections = findEmptySections(note.content);
  if (sections.length === 0) return;
  const names = sections.map((section) => (section.title ? `“${cell(section.title)}”` : 'an untitled section')).join(', ');
  const count = sections.length === 1 ? '1 empty section' : `${sections.length} empty sections`;
  io.stderr.write(`${PROGRAM}: info: ${note.id}: ${count} left out: ${names} (--keep-empty keeps ${sections.length === 1 ? 'it' : 'them'})\n`);
}

/** One export; a missing Chromium is bad input (exit 2) with the service's install hint, a cancel says nothing was written. */
async function exportOne(backend: Backend, id: string, choice: ExportChoice, signal: AbortSignal | undefined): Promise<ExportedFile> {
  try {
    return await backend.services.exports.exportBytes(id, choice.format, choice.paper, { signal, keepEmpty: choice.keepEmpty });
  } catch (error) {
    if (error instanceof AppError && (error.code === 'unavailable' || error.code === 'not_found')) throw new UsageError(error.message);
    if (error instanceof AppError && error.code === 'cancelled') throw new Error('export cancelled; no file was written for the note being exported');
    throw error;
  }
}

function exported(title: string, id: string, path: string, file: ExportedFile): string {
  const extent = file.pages !== null ? `${file.pages} page${file.pages === 1 ? '' : 's'}` : formatSize(file.bytes.byteLength);
  return `Exported “${cell(title)}” (${id}) to ${path} (${extent}).`;
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
}

/** "name.pdf", then "name (2).pdf"… when two notes share a date and title. */
function freeName(fileName: string, taken: Set<string>): string {
  const extension = extname(fileName);
  const stem = fileName.slice(0, fileName.length - extension.length);
  let candidate = fileName;
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${stem} (${n})${extension}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Fails early (before any export work) when FILE cannot be written: says which folder and why. */
async function ensureWritableFile(file: string): Promise<void> {
  const target = resolve(file);
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) throw new UsageError(`cannot write "${file}": it is a folder — give a file name (or use --all --out-dir)`);
  await ensureWritableFolder(dirname(target), false);
}

/** The folder exists (or is created, for --out-dir) and a file can be created in it. */
async function ensureWritableFolder(folder: string, create: boolean): Promise<void> {
  const dir = resolve(folder);
  if (create) {
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw new UsageError(`cannot create the folder "${dir}": ${reason(error)}`);
    }
  }
  const found = await stat(dir).catch(() => null);
  if (!found) throw new UsageError(`cannot write to the folder "${dir}": it does not exist`);
  if (!found.isDirectory()) throw new UsageError(`cannot write to "${dir}": it is a file, not a folder`);
  // Permission bits do not tell the whole story (read-only mounts, ACLs, root): try creating a file.
  const probe = join(dir, `.briefing-desk-write-test-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const handle = await open(probe, 'wx');
    await handle.close();
  } catch (error) {
    throw new UsageError(`cannot write to the folder "${dir}": ${reason(error)}`);
  } finally {
    await rm(probe, { force: true });
  }
}

/** Writes through the store's atomic write (temp file, fsync, rename): a failed export leaves no half file. */
async function writeBytesAtomic(target: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(target, bytes);
  } catch (error) {
    throw new Error(`cannot write "${target}": ${reason(error)}`);
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENOENT':
      return 'a folder on the way does not exist';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
