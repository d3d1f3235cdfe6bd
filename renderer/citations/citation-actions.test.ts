// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError, CallInput, CallName, CallOutput, LibraryEvent, Result, Source } from '../../core/index';
import { createStore } from '../app/store';
import { createTestEditor, destroyTestEditor, docOf, paragraph } from '../editor/test-editor';
import { createResearchStores } from '../research/research-stores';
import { createCitationActions } from './citation-actions';
import { createCitationsStore } from './citations-store';

/**
 * Inserting several events (a chronology) against a fake library: the Events tab's open detail is
 * used as held, every other event comes in one `events:get-many`, never one `events:get` each.
 */
const SOURCE: Source = {
  id: 'src-reuters-1',
  title: 'Talks in London',
  publisher: 'Reuters',
  authors: [],
  published: { date: '2025-06-09', precision: 'day' },
  url: 'https://example.com/talks',
  canonicalUrl: null,
  language: 'en',
  retrievedAt: null,
  text: '',
  excerpt: '',
  grade: { reliability: 'B', credibility: '2' },
  tags: [],
  origin: { kind: 'sample', datasetId: null, file: null },
  contentHash: 'x',
  createdAt: '2025-06-10T00:00:00.000Z',
  updatedAt: '2025-06-10T00:00:00.000Z',
};

function event(n: number, date: string, summary: string): LibraryEvent {
  return {
    id: `ev-talks-000${n}`,
    date: { date, precision: 'day' },
    endDate: null,
    summary,
    type: { label: 'Negotiate', code: null, taxonomy: 'custom', subType: null },
    actors: [],
    location: null,
    figures: {},
    sourceIds: [SOURCE.id],
    datasetId: null,
    datasetVersion: 1,
    externalId: null,
    origin: { kind: 'sample', datasetId: null, file: null },
    createdAt: '2025-06-10T00:00:00.000Z',
    updatedAt: '2025-06-10T00:00:00.000Z',
  };
}

const EVENTS = [event(1, '2025-06-09', 'Officials open talks in London'), event(2, '2025-06-05', 'The two presidents speak by phone'), event(3, '2025-06-11', 'A framework is announced')];
const LIBRARY = new Map(EVENTS.map((e) => [e.id, e]));

type Handler<N extends CallName> = (input: CallInput<N>) => Result<CallOutput<N>>;

function fakeBackend() {
  const calls: { name: CallName; input: unknown }[] = [];
  const handlers: { [N in CallName]?: Handler<N> } = {
    'events:get': ({ id }) => {
      const found = LIBRARY.get(id);
      return found ? { ok: true, value: { event: found, sources: [SOURCE] } } : { ok: false, error: { code: 'not_found', message: `No event with id ${id}` } };
    },
    'events:get-many': ({ ids }) => {
      const events = ids.flatMap((id) => LIBRARY.get(id) ?? []);
      return { ok: true, value: { events, sources: events.length ? [SOURCE] : [], missing: ids.filter((id) => !LIBRARY.has(id)) } };
    },
  };
  const client = {
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
      calls.push({ name, input });
      const handler = handlers[name] as Handler<N> | undefined;
      return handler ? handler(input) : { ok: false, error: { code: 'not_found', message: `no fake for ${name}` } };
    },
    openExternal: async (): Promise<Result<null>> => ({ ok: true, value: null }),
    upload: async (): Promise<Result<{ uploadId: string }>> => ({ ok: false, error: { code: 'io', message: 'no uploads here' } }),
  };
  return { client, calls };
}

let editor: Editor | null = null;
afterEach(() => {
  if (editor) destroyTestEditor(editor);
  editor = null;
});

function setup() {
  const backend = fakeBackend();
  editor = createTestEditor(docOf(paragraph('')));
  editor.commands.focus('start');
  const research = createResearchStores(backend.client, { storage: null });
  const errors: ApiError[] = [];
  const cite = createCitationActions({
    client: backend.client,
    editor: createStore<{ editor: Editor | null }>({ editor }),
    citations: createCitationsStore(backend.client, { registerStyle: () => undefined }),
    research,
    showSidebar: () => undefined,
    showError: (error) => errors.push(error),
  });
  return { ...backend, research, cite, errors, editor };
}

describe('inserting several events', () => {
  it('uses the open detail and fetches the other events in one call, then writes them oldest first', async () => {
    const h = setup();
    await h.research.events.openDetail('ev-talks-0001');
    h.calls.length = 0;

    expect(await h.cite.insertEvents(['ev-talks-0001', 'ev-talks-0002', 'ev-talks-0003'], 'chronology')).toBe(true);
    expect(h.calls).toEqual([{ name: 'events:get-many', input: { ids: ['ev-talks-0002', 'ev-talks-0003'] } }]);
    expect(h.errors).toEqual([]);
    const text = h.editor.getText();
    const order = ['speak by phone', 'open talks in London', 'framework is announced'].map((part) => text.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('inserts nothing and says why when an event is gone', async () => {
    const h = setup();
    const before = JSON.stringify(h.editor.getJSON());
    expect(await h.cite.insertEvents(['ev-talks-0002', 'ev-gone-0009'], 'chronology')).toBe(false);
    expect(h.calls.map((call) => call.name)).toEqual(['events:get-many']);
    expect(h.errors).toEqual([{ code: 'not_found', message: '1 of the 2 events is no longer in the library (deleted, or removed with its dataset), so nothing was inserted.' }]);
    expect(JSON.stringify(h.editor.getJSON())).toBe(before);
  });
});
