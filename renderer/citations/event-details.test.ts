import { describe, expect, it } from 'vitest';
import { EVENTS_GET_MANY_MAX, type ApiClient, type CallInput, type CallName, type CallOutput, type LibraryEvent, type Result, type Source } from '../../core/index';
import { loadEventDetails } from './event-details';
import type { EventWithSources } from './insert-facts';

const day = (date: string) => ({ date, precision: 'day' as const });

function source(id: string): Source {
  return {
    id,
    title: `Report ${id}`,
    publisher: 'Reuters',
    authors: [],
    published: null,
    url: null,
    canonicalUrl: null,
    language: null,
    retrievedAt: null,
    text: '',
    excerpt: '',
    grade: { reliability: null, credibility: null },
    tags: [],
    origin: { kind: 'sample', datasetId: null, file: null },
    contentHash: 'x',
    createdAt: '2025-06-10T00:00:00.000Z',
    updatedAt: '2025-06-10T00:00:00.000Z',
  };
}

function event(n: number, sourceIds: string[]): LibraryEvent {
  return {
    id: `ev-${String(n).padStart(4, '0')}`,
    date: day('2025-06-01'),
    endDate: null,
    summary: `Event ${n}`,
    type: { label: 'Negotiate', code: null, taxonomy: 'custom', subType: null },
    actors: [],
    location: null,
    figures: {},
    sourceIds,
    datasetId: null,
    datasetVersion: 1,
    externalId: null,
    origin: { kind: 'manual', datasetId: null, file: null },
    createdAt: '2025-06-10T00:00:00.000Z',
    updatedAt: '2025-06-10T00:00:00.000Z',
  };
}

const SRC_A = source('src-aaaa');
const SRC_B = source('src-bbbb');
/** A library of 1,200 events; the first three cite A, A+B and B. */
const LIBRARY = new Map<string, LibraryEvent>(
  [event(1, [SRC_A.id]), event(2, [SRC_A.id, SRC_B.id]), event(3, [SRC_B.id]), ...Array.from({ length: 1197 }, (_, i) => event(i + 4, []))].map((e) => [e.id, e]),
);
const SOURCES = new Map([SRC_A, SRC_B].map((s) => [s.id, s]));
const id = (n: number) => `ev-${String(n).padStart(4, '0')}`;

/** A fake backend answering events:get-many as the library service does (order kept, each source once, missing listed). */
function fakeClient(fail?: Result<never>): Pick<ApiClient, 'call'> & { calls: { name: CallName; input: unknown }[] } {
  const calls: { name: CallName; input: unknown }[] = [];
  return {
    calls,
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
      calls.push({ name, input });
      if (fail) return fail;
      if (name !== 'events:get-many') return { ok: false, error: { code: 'unknown_call', message: name } };
      const { ids } = input as CallInput<'events:get-many'>;
      if (ids.length > EVENTS_GET_MANY_MAX) return { ok: false, error: { code: 'invalid_input', message: 'too many ids' } };
      const events = ids.flatMap((one) => LIBRARY.get(one) ?? []);
      const sourceIds = [...new Set(events.flatMap((e) => e.sourceIds))];
      const value: CallOutput<'events:get-many'> = { events, sources: sourceIds.map((s) => SOURCES.get(s)!), missing: ids.filter((one) => !LIBRARY.has(one)) };
      return { ok: true, value } as Result<CallOutput<N>>;
    },
  };
}

const detailOf = (n: number): EventWithSources => {
  const e = LIBRARY.get(id(n))!;
  return { event: e, sources: e.sourceIds.map((s) => SOURCES.get(s)!) };
};

describe('loadEventDetails', () => {
  const cases: { name: string; ids: number[]; held: number[]; calls: number[][] }[] = [
    { name: 'fetches a chronology in one call, not one per event', ids: [3, 1, 2], held: [], calls: [[3, 1, 2]] },
    { name: 'uses the event the sidebar holds and fetches only the others', ids: [1, 2, 3], held: [2], calls: [[1, 3]] },
    { name: 'makes no call when the sidebar holds every event', ids: [2], held: [2], calls: [] },
    { name: 'asks for an id picked twice once', ids: [1, 3, 1], held: [], calls: [[1, 3]] },
  ];

  it.each(cases)('$name', async ({ ids, held, calls }) => {
    const client = fakeClient();
    const heldIds = new Set(held.map(id));
    const result = await loadEventDetails(ids.map(id), { client, known: (one) => (heldIds.has(one) ? detailOf(Number(one.slice(3))) : undefined) });
    expect(result).toEqual({ ok: true, value: ids.map(detailOf) });
    expect(client.calls).toEqual(calls.map((batch) => ({ name: 'events:get-many', input: { ids: batch.map(id) } })));
  });

  it('splits more than 500 events into calls of at most 500, keeping the order', async () => {
    const ids = Array.from({ length: 1200 }, (_, i) => id(1200 - i));
    const client = fakeClient();
    const result = await loadEventDetails(ids, { client, known: () => undefined });
    expect(client.calls.map((call) => (call.input as { ids: string[] }).ids.length)).toEqual([500, 500, 200]);
    expect(result.ok && result.value.map((detail) => detail.event.id)).toEqual(ids);
  });

  it.each([
    [[id(1), 'ev-gone'], 'not_found', '1 of the 2 events is no longer in the library (deleted, or removed with its dataset), so nothing was inserted.'],
    [['ev-gone'], 'not_found', 'The event is no longer in the library (deleted, or removed with its dataset), so nothing was inserted.'],
    [['ev-gone', 'ev-lost'], 'not_found', 'All of the 2 events are no longer in the library (deleted, or removed with their dataset), so nothing was inserted.'],
  ])('refuses %j as a whole: %s', async (ids, code, message) => {
    expect(await loadEventDetails(ids, { client: fakeClient(), known: () => undefined })).toEqual({ ok: false, error: { code, message } });
  });

  it('passes a failed call on as it is', async () => {
    const down: Result<never> = { ok: false, error: { code: 'io', message: 'The Briefing Desk server is not responding.' } };
    expect(await loadEventDetails([id(1)], { client: fakeClient(down), known: () => undefined })).toEqual(down);
  });
});
