import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Note } from '../../core/index';
import { sampleExportNote } from '../../core/export/export-fixtures';
import { exportFileName } from '../../core/export/file-name';
import { createBackend } from '../container';
import { readAppVersion } from '../paths';
import { pdfDocumentInfo, pdfInfo, pdfText } from '../services/export/pdf-test-tools';
import { runCli } from './run-cli';

/**
 * `export` in-process against a temp workspace with the real templates; PDFs are printed by the
 * system Chromium and read back with pdfinfo/pdftotext. Two notes are made once for the whole file.
 */
interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const TEMPLATES = resolve(__dirname, '..', '..', 'templates');

let root: string;
let workspace: string;
let out: string;
let notes: Note[];

async function cli(...argv: string[]): Promise<Run> {
  return cliIn(workspace, ...argv);
}

async function cliIn(folder: string, ...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: { BRIEFING_DESK_WORKSPACE: folder },
    homedir: root,
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bd-cli-export-'));
  workspace = join(root, 'workspace');
  out = join(root, 'out');
  await mkdir(out);
  const backend = await createBackend({ workspaceDir: workspace, builtinTemplatesDir: TEMPLATES, appVersion: '9.9.9-test' });
  try {
    notes = [];
    for (const title of ['Rare earths and the London talks', 'Rare earths: the follow-up']) {
      const sample = sampleExportNote({ title });
      const created = await backend.dispatch('notes:create', { templateId: 'blank', title, marking: 'TLP:AMBER', date: '2025-06-10' });
      if (!created.ok) throw new Error(created.error.message);
      const id = (created.value as Note).id;
      await backend.dispatch('notes:save', { id, content: sample.content });
      const saved = await backend.dispatch('notes:get', { id });
      if (!saved.ok) throw new Error(saved.error.message);
      notes.push(saved.value as Note);
    }
  } finally {
    await backend.close();
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/**
 * stderr lines other than sourcing warnings. The fixture notes cite sources that are not in this
 * workspace's library, so every export of them warns about broken citations (tested below).
 */
function errorsIn(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !line.includes(': warning: '));
}

async function noteFile(id: string): Promise<string> {
  return readFile(join(workspace, 'notes', `${id}.json`), 'utf8');
}

describe('briefing-desk export', () => {
  it('warns about broken citations and stale facts first, once per finding, and still writes the file', async () => {
    const note = notes[0]!;
    const file = join(out, 'warned.md');
    const run = await cli('export', note.id, '--format', 'md', '--out', file);
    expect(run.code).toBe(0);
    const warnings = run.stderr.split('\n').filter((line) => line.includes(': warning: '));
    expect(warnings.some((line) => line.includes('no longer in the library (src-rex-london)'))).toBe(true);
    expect(warnings.some((line) => line.includes('The event behind this fact was deleted'))).toBe(true);
    for (const line of warnings) expect(line.startsWith(`briefing-desk: warning: ${note.id}: `)).toBe(true);
    expect(new Set(warnings).size).toBe(warnings.length);
    expect((await readFile(file, 'utf8')).startsWith('---\n')).toBe(true);
  });

  it('writes a PDF and says where, with its pages; the note is unchanged', async () => {
    const note = notes[0]!;
    const before = await noteFile(note.id);
    const file = join(out, 'brief.pdf');
    const run = await cli('export', note.id, '--format', 'pdf', '--out', file);
    expect(errorsIn(run.stderr)).toEqual([]);
    expect(run.code).toBe(0);
    const { pages } = await pdfInfo(file);
    expect(run.stdout).toBe(`Exported “${note.meta.title}” (${note.id}) to ${file} (${pages} page${pages === 1 ? '' : 's'}).\n`);
    const text = await pdfText(file);
    expect(text).toContain(note.meta.title);
    expect(text).toContain(`Page 1 of ${pages}`);
    // The document info names the note and the app as package.json gives its version, not the headless browser.
    const { fields } = await pdfDocumentInfo(file);
    const version = readAppVersion(resolve(__dirname, '..', '..', 'package.json'));
    expect(version).not.toBe('0.0.0');
    expect(fields).toMatchObject({ Title: note.meta.title, Subject: 'TLP:AMBER', Creator: `Briefing Desk ${version}` });
    expect(await noteFile(note.id)).toBe(before);
    // Written via a temp file and a rename: nothing else is left in the folder.
    expect((await readdir(out)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it.each([
    ['docx', (bytes: Buffer) => expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')],
    ['md', (bytes: Buffer) => expect(bytes.toString('utf8')).toMatch(/^---\n[\s\S]*title: .*Rare earths and the London talks[\s\S]*\[\^1\]/)],
    ['html', (bytes: Buffer) => expect(bytes.toString('utf8')).toMatch(/^<!doctype html>[\s\S]*Rare earths and the London talks/i)],
  ])('writes %s', async (format, check) => {
    const note = notes[0]!;
    const file = join(out, `brief.${format}`);
    const run = await cli('export', note.id, '--format', format, '--out', file, '--paper', 'letter');
    expect(errorsIn(run.stderr)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Exported “${note.meta.title}” \\(${note.id}\\) to .+brief\\.${format} \\(\\d+ KB\\)\\.\\n$`));
    check(await readFile(file));
  });

  it('exports every note into a folder, one line per file, progress on stderr', async () => {
    const dir = join(out, 'all', 'pdfs');
    const run = await cli('export', '--all', '--format', 'pdf', '--out-dir', dir);
    expect(run.code).toBe(0);
    const names = notes.map((note) => exportFileName(note.meta, 'pdf'));
    expect((await readdir(dir)).sort()).toEqual([...names].sort());
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const [index, note] of notes.entries()) {
      expect(run.stdout).toContain(`Exported “${note.meta.title}” (${note.id}) to ${join(dir, names[index]!)} (`);
      expect(run.stderr).toContain(`] ${note.meta.title} (${note.id})\n`);
    }
    expect(run.stderr).toMatch(/^\[1\/2\] /);
    expect((await pdfInfo(join(dir, names[0]!))).pages).toBeGreaterThan(0);
  });

  it.each([
    ['an unknown note', ['n-20250101-deadbeef', '--format', 'md', '--out', 'OUT/x.md'], /n-20250101-deadbeef/],
    ['a malformed note id', ['../../etc', '--format', 'md', '--out', 'OUT/x.md'], /note id/i],
    ['an unknown format', ['NOTE', '--format', 'rtf', '--out', 'OUT/x.rtf'], /unknown format "rtf" — use one of pdf, docx, md, html/],
    ['no format', ['NOTE', '--out', 'OUT/x.md'], /missing --format/],
    ['an unknown paper', ['NOTE', '--format', 'pdf', '--paper', 'a5', '--out', 'OUT/x.pdf'], /--paper must be a4 or letter/],
    ['no --out', ['NOTE', '--format', 'md'], /missing --out FILE/],
    ['neither a note nor --all', ['--format', 'md', '--out', 'OUT/x.md'], /missing NOTE_ID \(or --all\)/],
    ['--all with --out', ['--all', '--format', 'pdf', '--out', 'OUT/x.pdf'], /use --out-dir DIR/],
    ['a folder that does not exist', ['NOTE', '--format', 'md', '--out', 'OUT/missing/x.md'], /cannot write to the folder ".*missing": it does not exist/],
    ['a folder that is a file', ['NOTE', '--format', 'md', '--out', 'OUT/plain-file/x.md'], /cannot write to ".*plain-file": it is a file, not a folder/],
    ['an --out that is a folder', ['NOTE', '--format', 'md', '--out', 'OUT'], /it is a folder/],
    ['an --out-dir under a file', ['--all', '--format', 'md', '--out-dir', 'OUT/plain-file/sub'], /cannot create the folder ".*plain-file[/\\]sub": a part of the path is a file, not a folder/],
  ])('exits 2 for %s, writing nothing', async (_case, args, message) => {
    await writeFile(join(out, 'plain-file'), 'x');
    const before = await readdir(out);
    const argv = args.map((arg) => arg.replace('OUT', out).replace(/^NOTE$/, notes[0]!.id));
    const run = await cli('export', ...argv);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.code).toBe(2);
    expect(await readdir(out)).toEqual(before);
  });

  it('exits 2 with how to install Chromium when there is none, and leaves no file', async () => {
    vi.stubEnv('CHROMIUM_PATH', join(root, 'no-chromium-here'));
    try {
      const file = join(out, 'none.pdf');
      const run = await cli('export', notes[0]!.id, '--format', 'pdf', '--out', file);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/A PDF needs Chromium.*apt install chromium.*npx playwright install chromium.*CHROMIUM_PATH/);
      await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('is listed in the help', async () => {
    const run = await cli('--help');
    expect(run.stdout).toMatch(/\n {2}export NOTE_ID\|--all --format F --out FILE\|--out-dir DIR +export a note, or every note, to PDF, Word, Markdown or HTML\n/);
  });
});

/**
 * Headings of a Markdown export with nothing under them: no line of text before the next heading of
 * the same or a higher level (or the end). The front matter is not part of the body.
 */
function orphanHeadings(markdown: string): string[] {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '').split('\n');
  const orphans: string[] = [];
  body.forEach((line, index) => {
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    if (!heading) return;
    const level = heading[1]!.length;
    for (const next of body.slice(index + 1)) {
      const deeper = /^(#{1,6}) /.exec(next);
      if (deeper && deeper[1]!.length <= level) break;
      if (!deeper && next.trim() !== '') return;
    }
    orphans.push(line);
  });
  return orphans;
}

describe('a note made with the CLI (new, then insert) exports without orphan headings', () => {
  let folder: string;
  let noteId: string;
  let chronology: { id: string; date: { date: string } }[];

  beforeAll(async () => {
    folder = join(root, 'cli-journey');
    expect((await cliIn(folder, 'sample')).code).toBe(0);
    const created = await cliIn(folder, 'new', '--template', 'negotiation-brief', '--title', 'London talks');
    expect(created.code, created.stderr).toBe(0);
    noteId = created.stdout.trim();
    const events = JSON.parse((await cliIn(folder, 'events', '--json', '--limit', '1000')).stdout) as { id: string; date: { date: string } }[];
    chronology = events.filter((event) => event.date.date >= '2025-06-05' && event.date.date <= '2025-06-10').slice(0, 2);
    expect(chronology).toHaveLength(2);
    const inserted = await cliIn(folder, 'insert', noteId, ...chronology.flatMap((event) => ['--event', event.id]), '--as', 'chronology');
    expect(inserted.code, inserted.stderr).toBe(0);
  });

  it('Markdown: only the section the chronology went into and the Sources; one info line names the rest', async () => {
    const file = join(out, 'cli-journey.md');
    const run = await cliIn(folder, 'export', noteId, '--format', 'md', '--out', file);
    expect(run.code, run.stderr).toBe(0);
    const markdown = await readFile(file, 'utf8');
    expect(orphanHeadings(markdown)).toEqual([]);
    // Markdown puts the note's title at # and its sections one level down.
    expect(markdown).toMatch(/^#+ Background$/m);
    expect(markdown).toMatch(/^#+ Sources$/m);
    for (const heading of ['Objectives', 'Their likely asks', 'Our response', 'Talking points']) expect(markdown).not.toContain(heading);
    // The inserted chronology is there: a list of dated, cited facts.
    const facts = markdown.split('\n').filter((line) => /^- .*\[\^\d+\]/.test(line));
    expect(facts.length).toBeGreaterThanOrEqual(chronology.length);
    const info = run.stderr.split('\n').filter((line) => line.includes(': info: '));
    expect(info).toEqual([`briefing-desk: info: ${noteId}: 5 empty sections left out: “BLUF”, “Objectives”, “Their likely asks”, “Our response”, “Talking points” (--keep-empty keeps them)`]);
  });

  it('--keep-empty keeps every heading of the template and prints no info line', async () => {
    const file = join(out, 'cli-journey-kept.md');
    const run = await cliIn(folder, 'export', noteId, '--format', 'md', '--out', file, '--keep-empty');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain(': info: ');
    const markdown = await readFile(file, 'utf8');
    for (const heading of ['Objectives', 'Their likely asks', 'Our response', 'Talking points', 'Background', 'Sources']) expect(markdown).toMatch(new RegExp(`^#+ ${heading}$`, 'm'));
  });

  it('--all honours --keep-empty too', async () => {
    const pruned = join(out, 'cli-journey-all');
    const kept = join(out, 'cli-journey-all-kept');
    expect((await cliIn(folder, 'export', '--all', '--format', 'md', '--out-dir', pruned)).code).toBe(0);
    const keptRun = await cliIn(folder, 'export', '--all', '--format', 'md', '--out-dir', kept, '--keep-empty');
    expect(keptRun.code).toBe(0);
    expect(keptRun.stderr).not.toContain(': info: ');
    const [name] = await readdir(pruned);
    expect(await readFile(join(pruned, name!), 'utf8')).not.toMatch(/^#+ Objectives$/m);
    expect(await readFile(join(kept, name!), 'utf8')).toMatch(/^#+ Objectives$/m);
  });

  it('PDF: no empty section heading, the chronology printed', async () => {
    const file = join(out, 'cli-journey.pdf');
    const run = await cliIn(folder, 'export', noteId, '--format', 'pdf', '--out', file);
    expect(run.code, run.stderr).toBe(0);
    const text = await pdfText(file);
    for (const heading of ['Objectives', 'Their likely asks', 'Our response', 'Talking points']) expect(text).not.toContain(heading);
    expect(text).toContain('Background');
    expect(text).toContain('Sources');
    // The chronology's cited facts: numeric labels such as "[1–3]" and "[3]".
    expect(text).toMatch(/\[\d+(?:[–-]\d+)?\]/);
  });
});
