import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiError, CallInput, CallName, DocNode, Note, NoteMeta, NoteMetaPatch, Result } from '../../core/index';
import { noteMetaPatch, oneFieldPatch } from '../../core/testing/note-meta-arbitraries';
import { createNoteSessionStore, type EditorLike } from './note-session-store';

type Call = { name: CallName; input: unknown; at: number };

/** A fake backend: records calls, answers saves after `saveDelayMs`, can fail the next N saves. */
function fakeClient(options: { saveDelayMs?: number } = {}) {
  const calls: Call[] = [];
  const notes = new Map<string, Note>();
  let inFlight = 0;
  let maxInFlight = 0;
  let failNext = 0;
  const failure: ApiError = { code: 'io', message: 'The disk is full.' };
  const client = {
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<never>> {
      calls.push({ name, input: structuredClone(input), at: Date.now() });
      if (name === 'notes:get') {
        const { id } = input as { id: string };
        const note = notes.get(id);
        return (note ? { ok: true, value: note } : { ok: false, error: { code: 'not_found', message: 'No such note' } }) as Result<never>;
      }
      if (name === 'notes:save') {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, options.saveDelayMs ?? 50));
        inFlight -= 1;
        if (failNext > 0) {
          failNext -= 1;
          return { ok: false, error: failure } as Result<never>;
        }
        const { id, content, meta } = input as { id: string; content?: DocNode; meta?: NoteMetaPatch };
        const note = notes.get(id);
        const saved = note ? { ...note, content: content ?? note.content, meta: { ...note.meta, ...meta }, version: note.version + 1 } : undefined;
        if (saved) notes.set(id, saved);
        return { ok: true, value: { id, version: saved?.version ?? 1, updatedAt: new Date().toISOString(), revisionTaken: false, meta: saved?.meta } } as Result<never>;
      }
      if (name === 'notes:snapshot') {
        const { id } = input as { id: string };
        return { ok: true, value: { id: 'rev-000001', noteId: id, createdAt: new Date().toISOString(), reason: 'manual', title: 't', words: 1 } } as Result<never>;
      }
      return { ok: false, error: { code: 'unknown_call', message: name } } as Result<never>;
    },
    saveOnUnload: vi.fn(() => true),
  };
  return {
    client,
    calls,
    notes,
    saves: () => calls.filter((call) => call.name === 'notes:save'),
    maxInFlight: () => maxInFlight,
    failNextSaves: (count: number) => {
      failNext = count;
    },
  };
}

function doc(text: string): DocNode {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

function note(id: string, text = ''): Note {
  return {
    id,
    meta: { title: id, author: '', date: '2026-01-01', status: 'draft', marking: 'TLP:AMBER', tags: [], citationStyle: null },
    content: text ? doc(text) : { type: 'doc', content: [{ type: 'paragraph' }] },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    trashedAt: null,
    templateId: null,
    version: 1,
  };
}

/** A fake editor whose text we change and whose getJSON calls we count. */
function fakeEditor(initial = '') {
  let text = initial;
  const getJSON = vi.fn(() => doc(text));
  const editor = { getJSON } as unknown as EditorLike;
  return {
    editor,
    getJSON,
    type(more: string) {
      text += more;
    },
  };
}

/** Text of a one-paragraph document. */
const bodyText = (content: DocNode | undefined): string | undefined => content?.content?.[0]?.content?.[0]?.text;
/** Text of the document sent in a notes:save input. */
const textOf = (input: unknown): string | undefined => bodyText((input as { content?: DocNode }).content);

describe('note session autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-01T09:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function openWithEditor(backend: ReturnType<typeof fakeClient>, session: ReturnType<typeof createNoteSessionStore>, id: string) {
    backend.notes.set(id, backend.notes.get(id) ?? note(id));
    await session.open(id);
    const fake = fakeEditor();
    session.attachEditor(id, fake.editor);
    return fake;
  }

  it('saves 700 ms after typing stops, and never serializes per keystroke', async () => {
    const backend = fakeClient();
    // maxWait out of the way: this test is about the debounce alone.
    const session = createNoteSessionStore(backend.client, {}, { maxWaitMs: 5000 });
    const fake = await openWithEditor(backend, session, 'note-aaaaaa');

    for (const letter of 'abc') {
      fake.type(letter);
      session.changed();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(session.getState().saveState).toBe('dirty');
    expect(fake.getJSON).not.toHaveBeenCalled();
    expect(backend.saves()).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(600);
    expect(backend.saves()).toHaveLength(1);
    expect(fake.getJSON).toHaveBeenCalledTimes(1);
    expect(textOf(backend.saves()[0]!.input)).toBe('abc');
    expect(session.getState().saveState).toBe('saving');
    await vi.advanceTimersByTimeAsync(60);
    expect(session.getState().saveState).toBe('saved');
  });

  it('saves at least every ~1 s during continuous typing (maxWait)', async () => {
    const backend = fakeClient();
    const session = createNoteSessionStore(backend.client);
    const fake = await openWithEditor(backend, session, 'note-bbbbbb');
    const start = Date.now();

    for (let i = 0; i < 50; i += 1) {
      fake.type('x');
      session.changed();
      await vi.advanceTimersByTimeAsync(100);
    }
    const saveTimes = backend.saves().map((call) => call.at - start);
    expect(saveTimes.length).toBeGreaterThanOrEqual(4);
    // No gap longer than ~1.1 s between the start and a save, or between saves, while typing.
    const gaps = saveTimes.map((at, index) => at - (index === 0 ? 0 : saveTimes[index - 1]!));
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(1100);
    // getJSON ran once per save, not once per keystroke.
    expect(fake.getJSON.mock.calls.length).toBeLessThanOrEqual(backend.saves().length);

    await vi.advanceTimersByTimeAsync(2000);
    expect(textOf(backend.saves().at(-1)!.input)).toBe('x'.repeat(50));
  });

  it('never runs two saves of one note at once, and the last content wins', async () => {
    const backend = fakeClient({ saveDelayMs: 800 });
    const session = createNoteSessionStore(backend.client);
    const fake = await openWithEditor(backend, session, 'note-cccccc');

    for (const word of ['one ', 'two ', 'three ', 'four ']) {
      fake.type(word);
      session.changed();
      session.flush();
      await vi.advanceTimersByTimeAsync(100);
    }
    const settled = session.settle();
    await vi.advanceTimersByTimeAsync(3000);
    await settled;
    expect(backend.maxInFlight()).toBe(1);
    // The first save ran at once; the three flushes made while it was in flight collapsed into one.
    expect(backend.saves()).toHaveLength(2);
    expect(textOf(backend.saves()[1]!.input)).toBe('one two three four ');
    expect(session.getState().saveState).toBe('saved');
  });

  it('switching notes enqueues the old note before the new one loads, and loses nothing', async () => {
    const backend = fakeClient();
    const session = createNoteSessionStore(backend.client);
    backend.notes.set('note-second', note('note-second', 'second'));
    const first = await openWithEditor(backend, session, 'note-first1');

    first.type('typed just before switching');
    session.changed();
    const opening = session.open('note-second');
    const names = backend.calls.map((call) => call.name);
    // The old note's save was sent synchronously, before anything about the new note.
    expect(names.at(-1)).toBe('notes:save');
    expect(textOf(backend.calls.at(-1)!.input)).toBe('typed just before switching');
    await vi.advanceTimersByTimeAsync(100);
    await opening;
    expect(names.indexOf('notes:save')).toBeLessThan(backend.calls.findIndex((call) => call.name === 'notes:get' && (call.input as { id: string }).id === 'note-second'));
    expect(session.getState().note?.id).toBe('note-second');
    expect(bodyText(backend.notes.get('note-first1')!.content)).toBe('typed just before switching');
  });

  it('reopening a note waits for its queued save, so the fresh copy is loaded', async () => {
    const backend = fakeClient({ saveDelayMs: 500 });
    const session = createNoteSessionStore(backend.client);
    backend.notes.set('note-other1', note('note-other1'));
    const first = await openWithEditor(backend, session, 'note-first2');
    first.type('latest words');
    session.changed();
    void session.open('note-other1');
    const back = session.open('note-first2');
    await vi.advanceTimersByTimeAsync(600);
    await back;
    expect(bodyText(session.getState().note!.content)).toBe('latest words');
  });

  it('shows a failed save, retries with backoff, and succeeds without losing the text', async () => {
    const backend = fakeClient();
    const onError = vi.fn();
    const session = createNoteSessionStore(backend.client, { onError }, { retryDelaysMs: [1000, 2000] });
    const fake = await openWithEditor(backend, session, 'note-dddddd');
    backend.failNextSaves(2);

    fake.type('important');
    session.changed();
    session.blurred();
    await vi.advanceTimersByTimeAsync(60);
    expect(session.getState().saveState).toBe('failed');
    expect(session.getState().retrying).toBe(true);
    expect(session.getState().saveError?.message).toBe('The disk is full.');

    await vi.advanceTimersByTimeAsync(1060);
    expect(backend.saves()).toHaveLength(2);
    expect(session.getState().saveState).toBe('failed');

    fake.type(' and more');
    session.changed();
    await vi.advanceTimersByTimeAsync(2100);
    expect(session.getState().saveState).toBe('saved');
    expect(textOf(backend.saves().at(-1)!.input)).toBe('important and more');
    expect(bodyText(backend.notes.get('note-dddddd')!.content)).toBe('important and more');
  });

  it('sends metadata through the same queue, merged with content', async () => {
    const backend = fakeClient();
    const onSaved = vi.fn();
    const session = createNoteSessionStore(backend.client, { onSaved });
    const fake = await openWithEditor(backend, session, 'note-eeeeee');
    fake.type('body');
    session.changed();
    session.updateMeta({ title: 'Rare earths' });
    expect(session.getState().note?.meta.title).toBe('Rare earths');
    session.updateMeta({ status: 'final' }, { immediate: true });
    await vi.advanceTimersByTimeAsync(60);
    expect(backend.saves()).toHaveLength(1);
    expect(backend.saves()[0]!.input).toMatchObject({ id: 'note-eeeeee', meta: { title: 'Rare earths', status: 'final' } });
    expect(textOf(backend.saves()[0]!.input)).toBe('body');
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: 'note-eeeeee', meta: { title: 'Rare earths', status: 'final' } }));
  });

  it('Ctrl+S saves first, then keeps a revision', async () => {
    const backend = fakeClient();
    const session = createNoteSessionStore(backend.client);
    const fake = await openWithEditor(backend, session, 'note-ffffff');
    fake.type('keep me');
    session.changed();
    const done = session.saveWithRevision();
    await vi.advanceTimersByTimeAsync(60);
    expect(await done).toBe(true);
    const names = backend.calls.map((call) => call.name);
    expect(names.slice(-2)).toEqual(['notes:save', 'notes:snapshot']);
    expect(session.getState().revisionKept).toBe(true);
  });

  it('on page unload sends the unsaved text with keepalive', async () => {
    const backend = fakeClient();
    const session = createNoteSessionStore(backend.client);
    const fake = await openWithEditor(backend, session, 'note-gggggg');
    fake.type('last words');
    session.changed();
    expect(session.unloadSave()).toBe(true);
    expect(backend.client.saveOnUnload).toHaveBeenCalledWith('notes:save', { id: 'note-gggggg', content: doc('last words') });
  });
});

/**
 * Property: the header's metadata edits (debounced or immediate, any fields) interleaved with
 * another writer (the CLI, another window) writing to the stored note. After every step the
 * stored note holds each field's last write, the app sends only the fields it edited, and once the
 * app's save returns it shows what is stored.
 */
describe('note session metadata edits (property)', () => {
  type Step =
    | { kind: 'edit'; patch: NoteMetaPatch; immediate: boolean }
    | { kind: 'flush' }
    | { kind: 'other-writer'; patch: NoteMetaPatch };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('edit' as const), patch: oneFieldPatch, immediate: fc.boolean() }),
    fc.constant({ kind: 'flush' as const }),
    fc.record({ kind: fc.constant('other-writer' as const), patch: noteMetaPatch }),
  );

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-01T09:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps every field at its last write and shows the stored metadata after each save', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 16 }), async (steps) => {
        const backend = fakeClient({ saveDelayMs: 5 });
        // Timers far away: only immediate edits and explicit flushes send, so the model is exact.
        const session = createNoteSessionStore(backend.client, {}, { debounceMs: 1e7, maxWaitMs: 1e7 });
        const start = { ...note('note-prop01'), meta: { ...note('note-prop01').meta, citationStyle: 'analyst' } };
        backend.notes.set(start.id, start);
        await session.open(start.id);
        let stored: NoteMeta = start.meta;
        let shown: NoteMeta = start.meta;
        let pending: NoteMetaPatch = {};
        const send = async (): Promise<void> => {
          await vi.advanceTimersByTimeAsync(10);
          await session.settle();
          if (Object.keys(pending).length === 0) return;
          expect(backend.saves().at(-1)!.input).toStrictEqual({ id: start.id, meta: pending });
          stored = { ...stored, ...pending };
          shown = stored;
          pending = {};
        };
        for (const edit of steps) {
          if (edit.kind === 'other-writer') {
            const current = backend.notes.get(start.id)!;
            backend.notes.set(start.id, { ...current, meta: { ...current.meta, ...edit.patch }, version: current.version + 1 });
            stored = { ...stored, ...edit.patch };
          } else if (edit.kind === 'edit') {
            session.updateMeta(edit.patch, { immediate: edit.immediate });
            pending = { ...pending, ...edit.patch };
            shown = { ...shown, ...edit.patch };
            if (edit.immediate) await send();
          } else {
            session.flush();
            await send();
          }
          expect(backend.notes.get(start.id)!.meta).toStrictEqual(stored);
          expect(session.getState().note!.meta).toStrictEqual(shown);
        }
        session.dispose();
      }),
      { numRuns: 60 },
    );
  });
});
