import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallInput, CallName, NoteSummary, Result } from '../../core/index';
import { createNotesStore } from './notes-store';

function row(index: number, overrides: Partial<NoteSummary> = {}): NoteSummary {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, 5000 - index)).toISOString();
  return {
    id: `note-${String(index).padStart(6, '0')}`,
    title: `Note ${index}`,
    author: 'A. Analyst',
    date: '2026-01-01',
    status: index % 3 === 0 ? 'final' : 'draft',
    marking: 'TLP:AMBER',
    tags: index % 2 === 0 ? ['energy'] : ['trade'],
    createdAt: at,
    updatedAt: at,
    trashedAt: null,
    excerpt: index === 42 ? 'rare earths export quotas' : 'weekly summary',
    words: 100,
    ...overrides,
  };
}

/** A fake backend over 5,000 rows that filters like the contract says; answers after `delayMs`. */
function fakeNotes(delayFor: (query: string) => number = () => 10) {
  let rows = Array.from({ length: 5000 }, (_, index) => row(index));
  const calls: { name: CallName; input: unknown }[] = [];
  const client = {
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<never>> {
      calls.push({ name, input });
      if (name === 'notes:list') {
        const filters = input as CallInput<'notes:list'>;
        await new Promise((resolve) => setTimeout(resolve, delayFor(filters.query ?? '')));
        const words = (filters.query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
        const notes = rows.filter(
          (candidate) =>
            (filters.trashed ?? false) === (candidate.trashedAt !== null) &&
            (!filters.status || candidate.status === filters.status) &&
            (!filters.tag || candidate.tags.includes(filters.tag)) &&
            words.every((word) => `${candidate.title} ${candidate.excerpt}`.toLowerCase().includes(word)),
        );
        return { ok: true, value: { notes, total: notes.length, tags: ['energy', 'trade'] } } as Result<never>;
      }
      if (name === 'notes:trash') {
        const { id } = input as { id: string };
        rows = rows.map((candidate) => (candidate.id === id ? { ...candidate, trashedAt: new Date().toISOString() } : candidate));
        const trashed = rows.find((candidate) => candidate.id === id);
        return (trashed ? { ok: true, value: trashed } : { ok: false, error: { code: 'not_found', message: 'No such note' } }) as Result<never>;
      }
      return { ok: false, error: { code: 'unknown_call', message: name } } as Result<never>;
    },
  };
  return { client, calls, listCalls: () => calls.filter((call) => call.name === 'notes:list') };
}

describe('notes store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists 5,000 notes and filters by status and tag at once', async () => {
    const backend = fakeNotes();
    const notes = createNotesStore(backend.client);
    const loading = notes.refresh();
    await vi.advanceTimersByTimeAsync(20);
    await loading;
    expect(notes.getState().notes).toHaveLength(5000);

    notes.setStatus('final');
    await vi.advanceTimersByTimeAsync(20);
    expect(notes.getState().notes.every((note) => note.status === 'final')).toBe(true);
    notes.setTag('energy');
    await vi.advanceTimersByTimeAsync(20);
    expect(notes.getState().notes.length).toBeGreaterThan(0);
    expect(notes.getState().notes.every((note) => note.status === 'final' && note.tags.includes('energy'))).toBe(true);
  });

  it('debounces the text filter: one request ~150 ms after typing stops', async () => {
    const backend = fakeNotes();
    const notes = createNotesStore(backend.client);
    for (const text of ['r', 'ra', 'rar', 'rare', 'rare e', 'rare earths']) {
      notes.setSearchText(text);
      await vi.advanceTimersByTimeAsync(60);
    }
    expect(notes.getState().searchText).toBe('rare earths');
    expect(backend.listCalls()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(backend.listCalls()).toHaveLength(1);
    expect(backend.listCalls()[0]!.input).toMatchObject({ query: 'rare earths', trashed: false });
    await vi.advanceTimersByTimeAsync(20);
    expect(notes.getState().notes.map((note) => note.id)).toEqual(['note-000042']);
  });

  it('ignores a slow answer to an older filter', async () => {
    // The broad query answers slowly, the narrow one fast: the narrow one must stay on screen.
    const backend = fakeNotes((query) => (query === 'note' ? 500 : 10));
    const notes = createNotesStore(backend.client);
    notes.setSearchText('note');
    await vi.advanceTimersByTimeAsync(200);
    notes.setSearchText('rare');
    await vi.advanceTimersByTimeAsync(1000);
    expect(backend.listCalls()).toHaveLength(2);
    expect(notes.getState().notes.map((note) => note.id)).toEqual(['note-000042']);
  });

  it('moves a saved note to the top with its new title, and drops a trashed one', async () => {
    const backend = fakeNotes();
    const notes = createNotesStore(backend.client);
    const loading = notes.refresh();
    await vi.advanceTimersByTimeAsync(20);
    await loading;
    notes.noteSaved('note-000100', { title: 'Renamed' }, new Date().toISOString());
    expect(notes.getState().notes[0]).toMatchObject({ id: 'note-000100', title: 'Renamed' });
    expect(notes.getState().notes).toHaveLength(5000);

    const trashing = notes.trash('note-000100');
    await vi.advanceTimersByTimeAsync(0);
    expect((await trashing).ok).toBe(true);
    expect(notes.getState().notes.some((note) => note.id === 'note-000100')).toBe(false);

    notes.setTrashed(true);
    await vi.advanceTimersByTimeAsync(20);
    expect(notes.getState().notes.map((note) => note.id)).toEqual(['note-000100']);
  });
});

describe('notes store: lists answered while a change was in flight', () => {
  /**
   * A backend that reads its notes when a list is asked for, as the server does, and hands the
   * answers over when told; a trash or delete finishes when told.
   */
  function heldBackend() {
    let rows = [row(1), row(2)];
    const heldLists: (() => void)[] = [];
    const heldChanges: (() => void)[] = [];
    const client = {
      call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<never>> {
        if (name === 'notes:list') {
          const trashed = (input as CallInput<'notes:list'>).trashed ?? false;
          const notes = rows.filter((candidate) => trashed === (candidate.trashedAt !== null));
          return new Promise((resolve) => heldLists.push(() => resolve({ ok: true, value: { notes, total: notes.length, tags: [] } } as Result<never>)));
        }
        const { id } = input as { id: string };
        return new Promise((resolve) =>
          heldChanges.push(() => {
            const found = rows.find((candidate) => candidate.id === id)!;
            rows = name === 'notes:delete' ? rows.filter((candidate) => candidate.id !== id) : rows.map((candidate) => (candidate.id === id ? { ...candidate, trashedAt: '2026-01-02T00:00:00.000Z' } : candidate));
            resolve({ ok: true, value: name === 'notes:delete' ? { id } : { ...found, trashedAt: '2026-01-02T00:00:00.000Z' } } as Result<never>);
          }),
        );
      },
    };
    const answerLists = async (): Promise<void> => {
      // Answers given now may lead the store to ask again; those are answered too.
      while (heldLists.length > 0) {
        heldLists.shift()!();
        await Promise.resolve();
        await Promise.resolve();
      }
    };
    return { client, answerLists, finishChange: () => heldChanges.shift()!(), pendingLists: () => heldLists.length };
  }

  it('opening the trash while "move to trash" is in flight shows the note once it is there', async () => {
    const backend = heldBackend();
    const notes = createNotesStore(backend.client);
    const first = notes.refresh();
    await backend.answerLists();
    await first;
    const trashing = notes.trash('note-000001');
    // The trash is opened at once; the server lists it before the note is in it.
    notes.setTrashed(true);
    await backend.answerLists();
    expect(notes.getState().notes).toEqual([]);
    backend.finishChange();
    expect((await trashing).ok).toBe(true);
    await backend.answerLists();
    expect(notes.getState().notes.map((note) => note.id)).toEqual(['note-000001']);
  });

  it('a library list read before a delete but answered after it does not bring the note back', async () => {
    const backend = heldBackend();
    const notes = createNotesStore(backend.client);
    const first = notes.refresh();
    await backend.answerLists();
    await first;
    const deleting = notes.deleteForever('note-000002');
    // A refresh (another window, a filter) whose list the server read before the delete.
    void notes.refresh();
    expect(backend.pendingLists()).toBe(1);
    backend.finishChange();
    expect((await deleting).ok).toBe(true);
    await backend.answerLists();
    expect(notes.getState().notes.map((note) => note.id)).toEqual(['note-000001']);
  });
});
