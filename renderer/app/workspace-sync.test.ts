import { describe, expect, it, vi } from 'vitest';
import type { WorkspaceEvent, WorkspaceEventListener } from '../../core/index';
import { coalesce, startWorkspaceSync, type WorkspaceSyncTargets } from './workspace-sync';

const IMPORT_JOB = { id: 'imp-1', file: 'a.csv', state: 'parsing' as const, rows: 1, percent: 10, report: null, failure: null };

function targets() {
  let listener: WorkspaceEventListener = () => undefined;
  const calls: string[] = [];
  const record = (name: string) => vi.fn(async () => void calls.push(name));
  const spies: WorkspaceSyncTargets = {
    client: {
      subscribe: (next) => {
        listener = next;
        return () => undefined;
      },
    },
    refreshNotes: record('notes'),
    noteStored: vi.fn(async (id: string, version: number) => void calls.push(`stored ${id} ${version}`)),
    // This window saved version 7 itself.
    savedHere: vi.fn(async (_id: string, version: number) => version === 7),
    refreshTemplates: record('templates'),
    refreshSettings: record('settings'),
    refreshLibrary: record('library'),
    importJob: vi.fn((job) => void calls.push(`import ${job.id}`)),
    exportJob: vi.fn((job) => void calls.push(`export ${job.id}`)),
    resyncJobs: record('resync'),
  };
  startWorkspaceSync(spies);
  return { send: (event: WorkspaceEvent) => listener(event), calls };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('startWorkspaceSync', () => {
  it.each<{ event: WorkspaceEvent; expected: string[] }>([
    { event: { type: 'note-created', noteId: 'n-20250101-abcdef12', version: 1, updatedAt: 'x', trashed: false, origin: 'elsewhere' }, expected: ['notes'] },
    { event: { type: 'note-changed', noteId: 'n-20250101-abcdef12', version: 4, updatedAt: 'x', trashed: false, origin: 'elsewhere' }, expected: ['stored n-20250101-abcdef12 4', 'notes'] },
    { event: { type: 'note-changed', noteId: 'n-20250101-abcdef12', version: 7, updatedAt: 'x', trashed: false, origin: 'app' }, expected: ['stored n-20250101-abcdef12 7'] },
    { event: { type: 'note-changed', noteId: 'n-20250101-abcdef12', version: 8, updatedAt: 'x', trashed: false, origin: 'app' }, expected: ['stored n-20250101-abcdef12 8', 'notes'] },
    { event: { type: 'note-deleted', noteId: 'n-20250101-abcdef12', origin: 'elsewhere' }, expected: ['notes'] },
    { event: { type: 'library-changed', parts: ['events'], origin: 'elsewhere' }, expected: ['library'] },
    { event: { type: 'templates-changed', origin: 'elsewhere' }, expected: ['templates'] },
    { event: { type: 'settings-changed', origin: 'app' }, expected: ['settings'] },
    {
      event: { type: 'job-progress', id: 'imp-1', kind: 'import', state: 'parsing', done: 10, total: 100, message: 'Parsing', detail: { kind: 'import', job: IMPORT_JOB } },
      expected: ['import imp-1'],
    },
  ])('$event.type refreshes $expected', async ({ event, expected }) => {
    const { send, calls } = targets();
    send(event);
    await settle();
    expect(calls).toEqual(expected);
  });

  it('refreshes notes and templates on the first connection, and everything (jobs too) after a reconnection', async () => {
    const { send, calls } = targets();
    send({ type: 'connected' });
    await settle();
    expect(calls.sort()).toEqual(['notes', 'templates']);
    calls.length = 0;
    send({ type: 'connected' });
    await settle();
    expect(calls.sort()).toEqual(['library', 'notes', 'resync', 'settings', 'templates']);
  });
});

describe('coalesce', () => {
  it('runs a burst of requests as at most two runs, the last after the burst', async () => {
    let release: () => void = () => undefined;
    let runs = 0;
    const task = vi.fn(async () => {
      runs += 1;
      if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const run = coalesce(task);
    for (let i = 0; i < 20; i += 1) run();
    expect(task).toHaveBeenCalledTimes(1);
    release();
    await vi.waitFor(() => expect(task).toHaveBeenCalledTimes(2));
    await settle();
    expect(task).toHaveBeenCalledTimes(2);
  });
});
