import { writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallInput, CallName, CallOutput, WorkspaceEvent } from '../../../core/index';
import type { Backend } from '../../container';
import { type TestWorkspace, createTestWorkspace, docOf } from '../testing/fixtures';
import { OwnWrites } from './workspace-watcher';

const EXAMPLE_CSV = fileURLToPath(new URL('../library/importers/examples/bd-events-example.csv', import.meta.url));

let ws: TestWorkspace;
/** The app's backend: it subscribes, as the HTTP server and Electron main do. */
let app: Backend;
/** A second backend on the same folder, writing like the CLI in another process does. */
let cli: Backend;
let events: WorkspaceEvent[];

async function call<N extends CallName>(backend: Backend, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await backend.trustedDispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as CallOutput<N>;
}

/** Waits for an event matching `match` (the watcher is asynchronous; no fixed sleeps). */
async function seen<T extends WorkspaceEvent>(match: (event: WorkspaceEvent) => event is T): Promise<T>;
async function seen(match: (event: WorkspaceEvent) => boolean): Promise<WorkspaceEvent>;
async function seen(match: (event: WorkspaceEvent) => boolean): Promise<WorkspaceEvent> {
  return vi.waitFor(
    () => {
      const found = events.find(match);
      if (!found) throw new Error(`no such event yet; seen: ${JSON.stringify(events.map((event) => event.type))}`);
      return found;
    },
    { timeout: 5000, interval: 10 },
  );
}

/** Waits until the watcher has looked at every change made so far (debounce included). */
async function settled(): Promise<void> {
  // Lets inotify's pending events reach the watcher first, then waits for its debounce and reads.
  await new Promise((resolve) => setTimeout(resolve, 20));
  await app.services.events.idle();
}

beforeEach(async () => {
  ws = await createTestWorkspace();
  app = await ws.open();
  cli = await ws.open({ processName: 'cli' });
  events = [];
  app.services.events.subscribe((event) => events.push(event));
  await app.services.events.ready();
});

afterEach(async () => {
  await ws.cleanup();
});

describe('workspace watcher', () => {
  it('reports notes another process creates, changes, trashes and deletes, each once, tagged as made elsewhere', async () => {
    const note = await call(cli, 'notes:create', { templateId: 'situation-brief', title: 'From the CLI' });
    const created = await seen((event) => event.type === 'note-created' && event.noteId === note.id);
    expect(created).toEqual({ type: 'note-created', noteId: note.id, version: 1, updatedAt: note.updatedAt, trashed: false, origin: 'elsewhere' });

    const saved = await call(cli, 'notes:save', { id: note.id, content: docOf('Changed by the CLI') });
    await seen((event) => event.type === 'note-changed' && event.version === saved.version);
    await settled();
    // One save is a temp file, a .bak and a rename: still one event.
    expect(events.filter((event) => event.type === 'note-changed')).toHaveLength(1);

    await call(cli, 'notes:trash', { id: note.id });
    await seen((event) => event.type === 'note-changed' && event.trashed);
    await call(cli, 'notes:delete', { id: note.id, confirm: true });
    expect(await seen((event) => event.type === 'note-deleted')).toEqual({ type: 'note-deleted', noteId: note.id, origin: 'elsewhere' });
  });

  it("tags this process's own saves as the app's, and still reports them so other windows agree", async () => {
    const note = await call(app, 'notes:create', { templateId: 'situation-brief' });
    expect(await seen((event) => event.type === 'note-created')).toMatchObject({ noteId: note.id, origin: 'app' });
    const saved = await call(app, 'notes:save', { id: note.id, content: docOf('Mine') });
    expect(await seen((event) => event.type === 'note-changed')).toMatchObject({ version: saved.version, origin: 'app' });
  });

  it('sends one event per change, not per file event, and a burst of writes as one', async () => {
    const templatesDir = join(ws.workspaceDir, 'templates');
    const source = await call(cli, 'notes:create', { templateId: 'situation-brief' });
    await seen((event) => event.type === 'note-created');
    for (let i = 0; i < 3; i += 1) await call(cli, 'templates:save-from-note', { noteId: source.id, name: `Saved ${i}` });
    await seen((event) => event.type === 'templates-changed');
    await settled();
    // Each save is a lock, a temp file and a rename: at most one event per template saved.
    const saves = events.filter((event) => event.type === 'templates-changed');
    expect(saves.length).toBeGreaterThanOrEqual(1);
    expect(saves.length).toBeLessThanOrEqual(3);
    expect(saves.every((event) => event.origin === 'elsewhere')).toBe(true);

    // Twenty files written in one go (a sync tool), sixty-odd file events: debounced into one look, one event.
    for (let i = 0; i < 20; i += 1) writeFileSync(join(templatesDir, `synced-${i}.json`), '{}');
    await settled();
    const burst = events.filter((event) => event.type === 'templates-changed').length - saves.length;
    expect(burst).toBe(1);

    await call(cli, 'settings:update', { author: 'Analyst A' });
    await seen((event) => event.type === 'settings-changed');
    // The same settings again (a new file, the same bytes) and a temp file in templates/: nothing to report.
    await call(cli, 'settings:update', { author: 'Analyst A' });
    await writeFile(join(templatesDir, '.x.json.tmp-1-ab'), '{}');
    await settled();
    expect(events.filter((event) => event.type === 'settings-changed')).toHaveLength(1);
    expect(events.filter((event) => event.type === 'templates-changed')).toHaveLength(saves.length + burst);
  });

  it('reports the sample library loaded elsewhere as a library change of events, sources and datasets', async () => {
    await call(cli, 'library:load-sample', {});
    const changed = await seen((event) => event.type === 'library-changed');
    expect(changed).toMatchObject({ origin: 'elsewhere' });
    expect(changed.type === 'library-changed' && [...changed.parts].sort()).toEqual(['datasets', 'events', 'sources']);
  });

  it('sends import and export job progress on the same channel', async () => {
    const job = await call(app, 'import:start', { path: EXAMPLE_CSV, fileName: 'bd-events-example.csv' });
    const done = await seen((event) => event.type === 'job-progress' && event.id === job.id && event.state === 'done');
    expect(done).toMatchObject({ kind: 'import', done: 100, total: 100 });
    const states = events.filter((event) => event.type === 'job-progress' && event.id === job.id).map((event) => (event.type === 'job-progress' ? event.state : ''));
    expect(states[0]).toBe('queued');
    expect(new Set(states)).toEqual(new Set(['queued', 'parsing', 'saving', 'done']));
    await seen((event) => event.type === 'library-changed' && event.origin === 'app');

    const note = await call(app, 'notes:create', { templateId: 'situation-brief' });
    const exportJob = await call(app, 'export:start', { id: note.id, format: 'md' });
    const exported = await seen((event) => event.type === 'job-progress' && event.id === exportJob.id && event.state === 'done');
    expect(exported).toMatchObject({ kind: 'export', done: 100, detail: { kind: 'export', job: { id: exportJob.id, state: 'done' } } });
  });
});

describe('OwnWrites', () => {
  it.each([
    { wroteAt: 0, lookAt: 10, path: 'notes/a.json', asked: 'notes/a.json', origin: 'app' },
    { wroteAt: 0, lookAt: 2900, path: 'notes\\a.json', asked: 'notes/a.json', origin: 'app' },
    { wroteAt: 0, lookAt: 3100, path: 'notes/a.json', asked: 'notes/a.json', origin: 'elsewhere' },
    { wroteAt: 0, lookAt: 10, path: 'notes/a.json', asked: 'notes/b.json', origin: 'elsewhere' },
  ])('$path written at $wroteAt, asked $asked at $lookAt: $origin', ({ wroteAt, lookAt, path, asked, origin }) => {
    let now = wroteAt;
    const own = new OwnWrites(() => now);
    own.record(path);
    now = lookAt;
    expect(own.originOf(asked)).toBe(origin);
  });
});
