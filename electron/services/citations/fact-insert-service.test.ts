import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallOutput, DocNode, LibraryEvent, Note, Result, Source } from '../../../core/index';
import { buildFactNodes, insertBeforeSources } from '../../../core/citations/facts';
import type { Backend } from '../../container';
import { type TestClock, type TestWorkspace, createTestWorkspace, docOf, testClock } from '../testing/fixtures';

/** notes:insert-events through the dispatcher on a temp workspace (real store, library and note files). */
describe('notes:insert-events', () => {
  let ws: TestWorkspace;
  let backend: Backend;
  let clock: TestClock;

  beforeEach(async () => {
    clock = testClock();
    ws = await createTestWorkspace();
    backend = await ws.open({ now: clock.now });
  });
  afterEach(() => ws.cleanup());

  async function call<T>(name: string, input: unknown): Promise<T> {
    const result = await backend.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as T;
  }

  function failure(result: Result<unknown>): { code: string; message: string } {
    if (result.ok) throw new Error('expected the call to fail');
    return result.error;
  }

  async function setUp(): Promise<{ note: Note; events: LibraryEvent[]; source: Source }> {
    const note = await call<Note>('notes:create', { templateId: 'situation-brief', title: 'Brief' });
    const source = await call<Source>('sources:create', { title: 'Trump and Xi hold call', publisher: 'Reuters', url: 'https://example.org/call', grade: { reliability: 'B', credibility: '2' } });
    const call5 = await call<LibraryEvent>('events:create', {
      date: { date: '2025-06-05', precision: 'day' },
      summary: 'Trump and Xi discuss trade by phone',
      type: { label: 'Phone call', code: null, taxonomy: null, subType: null },
      actors: [
        { name: 'Donald Trump', role: 'initiator', countryCode: 'USA' },
        { name: 'Xi Jinping', role: 'target', countryCode: 'CHN' },
      ],
      sourceIds: [source.id],
    });
    const talks = await call<LibraryEvent>('events:create', { date: { date: '2025-06-09', precision: 'day' }, summary: 'London talks begin', sourceIds: [source.id] });
    return { note, events: [call5, talks], source };
  }

  it('writes exactly what buildFactNodes and insertBeforeSources make of the stored note', async () => {
    const { note, events, source } = await setUp();
    const result = await call<CallOutput<'notes:insert-events'>>('notes:insert-events', { id: note.id, eventIds: events.map((event) => event.id) });
    expect(result).toEqual({ id: note.id, version: note.version + 1, inserted: 2 });

    const saved = await call<Note>('notes:get', { id: note.id });
    const mark = (saved.content.content ?? []).flatMap((block) => block.content ?? []).find((inline) => inline.marks?.some((m) => m.type === 'provenance'));
    const insertedAt = String(mark?.marks?.[0]?.attrs?.insertedAt);
    const sources = new Map([[source.id, source]]);
    expect(saved.content).toEqual(insertBeforeSources(note.content, buildFactNodes(events, sources, 'sentence', insertedAt)));
    expect(Date.parse(insertedAt)).toBeGreaterThan(Date.parse(note.updatedAt));
  });

  it('refuses an unknown event or note and writes nothing', async () => {
    const { note, events } = await setUp();
    const before = await ws.listing();
    const unknownEvent = failure(await backend.dispatch('notes:insert-events', { id: note.id, eventIds: [events[0]!.id, 'ev-missing-one'] }));
    expect(unknownEvent).toMatchObject({ code: 'not_found', message: expect.stringMatching(/^No event with id ev-missing-one/) });
    const unknownNote = failure(await backend.dispatch('notes:insert-events', { id: 'n-20250101-00000000', eventIds: [events[0]!.id] }));
    expect(unknownNote.code).toBe('not_found');
    expect(failure(await backend.dispatch('notes:insert-events', { id: note.id, eventIds: [] })).code).toBe('invalid_input');
    expect(await ws.listing()).toEqual(before);
    expect((await call<Note>('notes:get', { id: note.id })).version).toBe(note.version);
  });

  it('keeps an edit saved meanwhile and follows the revision interval of a normal save', async () => {
    const { note, events } = await setUp();
    await call('notes:save', { id: note.id, content: docOf('Edited elsewhere') });
    clock.advance(11 * 60_000);
    const result = await call<CallOutput<'notes:insert-events'>>('notes:insert-events', { id: note.id, eventIds: [events[1]!.id], as: 'bullet' });
    expect(result.inserted).toBe(1);
    const saved = await call<Note>('notes:get', { id: note.id });
    const blocks: DocNode[] = saved.content.content ?? [];
    expect(blocks[0]).toEqual(docOf('Edited elsewhere').content![0]);
    expect(blocks[1]?.type).toBe('bulletList');
    const revisions = await call<{ reason: string }[]>('revisions:list', { noteId: note.id });
    // One from the save (the note's first), one from the insert 11 minutes later.
    expect(revisions.filter((revision) => revision.reason === 'interval')).toHaveLength(2);
  });
});
