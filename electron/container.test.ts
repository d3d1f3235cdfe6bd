import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError, CALL_NAMES, type Note, type NoteSummary, type RevisionSummary } from '../core/index';
import { createBackend } from './container';
import { type WriterResult, writeInterleaved } from './services/testing/concurrent-work';
import { RUN_TS_SOURCE, type TestWorkspace, createTestWorkspace, listFiles } from './services/testing/fixtures';
import { type OpenOutcome, openWritableThenReadOnly } from './services/testing/open-workspace';

const WRITER = fileURLToPath(new URL('./services/testing/concurrent-writer.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every file in the workspace (backups included) parses as JSON and no lock, temp or quarantined file is left. */
async function expectAllFilesSound(workspaceDir: string): Promise<void> {
  const files = await listFiles(workspaceDir);
  expect(files.filter((file) => /\.lock|\.tmp-|\.corrupt-/.test(file))).toEqual([]);
  for (const file of files) {
    const text = await readFile(join(workspaceDir, file), 'utf8');
    expect(() => JSON.parse(text), file).not.toThrow();
  }
}

/** Runs the writer fixture in another Node process; resolves once it has opened the workspace. */
async function startChildWriter(args: string[]): Promise<{ go: () => Promise<WriterResult> }> {
  const child = spawn(process.execPath, [...RUN_TS_SOURCE, WRITER, ...args], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.startsWith('ready\n')) resolve();
    });
  });
  return {
    go: async () => {
      const exited = once(child, 'exit');
      child.stdin.end('go\n');
      const [code] = (await exited) as [number | null];
      if (code !== 0) throw new Error(`writer failed with exit code ${code}`);
      return JSON.parse(stdout.slice('ready\n'.length).trim()) as WriterResult;
    },
  };
}

const OPENER = fileURLToPath(new URL('./services/testing/open-workspace.ts', import.meta.url));

/**
 * Root writes to any folder whatever its mode because it holds CAP_DAC_OVERRIDE (and reads any with
 * CAP_DAC_READ_SEARCH). As root, `openWritableThenReadOnly` runs in a child process started by
 * util-linux's setpriv without those two capabilities: still root, owner of the workspace and of the
 * clone, but bound by permission bits like any user.
 */
async function openAsRootBoundByPermissions(ws: TestWorkspace): Promise<[OpenOutcome, OpenOutcome]> {
  const child = spawn('setpriv', ['--bounding-set=-dac_override,-dac_read_search', '--', process.execPath, ...RUN_TS_SOURCE, OPENER, ws.workspaceDir, ws.templatesDir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await Promise.race([once(child, 'close'), once(child, 'error').then(([error]) => Promise.reject(error as Error))])) as [number | null];
  if (code !== 0) throw new Error(`setpriv … open-workspace.ts failed with exit code ${code}: ${stderr}`);
  return JSON.parse(stdout.trim()) as [OpenOutcome, OpenOutcome];
}

describe('createBackend', () => {
  let ws: TestWorkspace;
  beforeEach(async () => {
    ws = await createTestWorkspace();
  });
  afterEach(() => ws.cleanup());

  it('creates a missing workspace with its layout, and a handler for every contract call', async () => {
    const backend = await ws.open();
    expect(backend.workspaceDir).toBe(ws.workspaceDir);
    expect(await listFiles(ws.workspaceDir)).toEqual(['workspace.json']);
    const workspace = JSON.parse(await readFile(join(ws.workspaceDir, 'workspace.json'), 'utf8'));
    expect(workspace).toMatchObject({ schemaVersion: 1, id: expect.any(String), createdAt: expect.any(String) });
    expect(Object.keys(backend.handlers).sort()).toEqual([...CALL_NAMES].sort());
    // Reopening keeps the same identity.
    const again = await ws.open();
    expect(JSON.parse(await readFile(join(again.workspaceDir, 'workspace.json'), 'utf8')).id).toBe(workspace.id);
  });

  it('refuses a workspace path it cannot use, naming the folder and what to do', async () => {
    const blocker = join(ws.root, 'a-file');
    await writeFile(blocker, 'not a folder');
    const error = await createBackend({ workspaceDir: join(blocker, 'ws'), builtinTemplatesDir: ws.templatesDir, appVersion: 'x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('io');
    expect((error as AppError).message).toContain(join(blocker, 'ws'));
    expect((error as AppError).message).toMatch(/--workspace DIR/);
  });

  // CI runs as root, which writes to any folder whatever its mode: see openAsRootBoundByPermissions.
  it('refuses a read-only workspace folder, naming it', async () => {
    await ws.open();
    const asRoot = process.getuid?.() === 0;
    const [writable, readOnly] = asRoot ? await openAsRootBoundByPermissions(ws) : await openWritableThenReadOnly(ws.workspaceDir, ws.templatesDir);
    expect(writable).toEqual({ ok: true });
    expect(readOnly).toMatchObject({ ok: false, code: 'io' });
    expect(readOnly.ok ? '' : readOnly.message).toContain(`Cannot use the workspace folder ${ws.workspaceDir} (EACCES)`);
    // As root: a child process that loads the backend's source with tsx (seconds on a loaded machine).
  }, 60_000);
});

describe('concurrent writers on one workspace', () => {
  let ws: TestWorkspace;
  beforeEach(async () => {
    ws = await createTestWorkspace();
  });
  afterEach(() => ws.cleanup());

  /** Checks the end state after writers saved the shared note and created notes. */
  async function expectNothingLost(shared: Note, results: WriterResult[]): Promise<void> {
    const checker = await ws.open();
    await expectAllFilesSound(ws.workspaceDir);
    const final = await checker.dispatch('notes:get', { id: shared.id });
    if (!final.ok) throw new Error(final.error.message);
    const note = final.value as Note;
    const allTexts = results.flatMap((result) => result.texts);
    // Every save was a read-modify-write that bumped the version: none was lost.
    expect(note.version).toBe(shared.version + allTexts.length);
    expect(allTexts).toContain(note.content.content?.[0]?.content?.[0]?.text);
    const list = await checker.dispatch('notes:list', {});
    if (!list.ok) throw new Error(list.error.message);
    const ids = new Set((list.value as { notes: NoteSummary[] }).notes.map((summary) => summary.id));
    for (const id of results.flatMap((result) => result.created)) expect(ids).toContain(id);
    expect(ids.size).toBe(1 + results.reduce((sum, result) => sum + result.created.length, 0));
    // The interval rule held across writers: one automatic revision for the whole burst.
    const revisions = await checker.dispatch('revisions:list', { noteId: shared.id });
    expect(revisions.ok && (revisions.value as RevisionSummary[]).map((r) => r.reason)).toEqual(['interval']);
    expect(await checker.dispatch('workspace:problems', {})).toEqual({ ok: true, value: [] });
  }

  it('two backends in one process (app + CLI) interleaving saves and creates lose nothing', async () => {
    const app = await ws.open();
    const cli = await ws.open();
    const created = await app.dispatch('notes:create', { templateId: 'situation-brief' });
    if (!created.ok) throw new Error(created.error.message);
    const shared = created.value as Note;
    const results = await Promise.all([writeInterleaved(app, shared.id, 40, 'app'), writeInterleaved(cli, shared.id, 40, 'cli'), writeInterleaved(app, shared.id, 20, 'app2')]);
    await expectNothingLost(shared, results);
  });

  it('a second process writing the same note at the same time corrupts nothing and loses nothing', async () => {
    const app = await ws.open();
    const created = await app.dispatch('notes:create', { templateId: 'situation-brief' });
    if (!created.ok) throw new Error(created.error.message);
    const shared = created.value as Note;
    const child = await startChildWriter([ws.workspaceDir, ws.templatesDir, shared.id, '80', 'child']);
    const [theirs, mine] = await Promise.all([child.go(), writeInterleaved(app, shared.id, 80, 'parent')]);
    expect(theirs.texts).toHaveLength(80);
    // The two processes really wrote at the same time.
    expect(mine.startedAt < theirs.endedAt && theirs.startedAt < mine.endedAt).toBe(true);
    await expectNothingLost(shared, [mine, theirs]);
  }, 60_000);
});
