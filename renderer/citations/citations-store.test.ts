// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallInput, CallName, CallOutput, Result, Source } from '../../core/index';
import { createStore } from '../app/store';
import { createTestEditor, destroyTestEditor, docOf, paragraph } from '../editor/test-editor';
import { allKnown, collectCitedIds } from './cited-ids';
import { createCitationsStore } from './citations-store';
import { startProvenanceSync } from './provenance-sync';

type Handler<N extends CallName> = (input: CallInput<N>) => Result<CallOutput<N>> | Promise<Result<CallOutput<N>>>;

/** A fake client: each call answers from a handler, or fails with "no fake". */
function fakeClient() {
  const handlers: { [N in CallName]?: Handler<N> } = {};
  const calls: { name: CallName; input: unknown }[] = [];
  const client = {
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
      calls.push({ name, input });
      const handler = handlers[name] as Handler<N> | undefined;
      if (!handler) return { ok: false, error: { code: 'not_found', message: `no fake for ${name}` } };
      return handler(input);
    },
  };
  return { client, handlers, calls };
}

function source(id: string, patch: Partial<Source> = {}): Source {
  return {
    id,
    title: `Title ${id}`,
    publisher: 'Reuters',
    authors: [],
    published: { date: '2025-06-05', precision: 'day' },
    url: 'https://example.com/a',
    canonicalUrl: null,
    language: 'en',
    retrievedAt: null,
    text: 'Long article text',
    excerpt: '',
    grade: { reliability: 'B', credibility: '2' },
    tags: [],
    origin: { kind: 'manual', datasetId: null, file: null },
    contentHash: 'abc',
    createdAt: '2025-06-05T00:00:00.000Z',
    updatedAt: '2025-06-05T00:00:00.000Z',
    ...patch,
  };
}

const citation = (...sourceIds: string[]) => ({ type: 'citation', attrs: { sourceIds, locator: null, snapshots: {} } });
const fact = (text: string, eventId: string) => ({
  type: 'text',
  text,
  marks: [{ type: 'provenance', attrs: { eventId, datasetId: null, datasetVersion: 1, insertedAt: '2025-06-05T00:00:00.000Z' } }],
});

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) destroyTestEditor(editor);
  vi.useRealTimers();
});

function editorWith(...content: Parameters<typeof docOf>): Editor {
  const editor = createTestEditor(docOf(...content));
  editors.push(editor);
  return editor;
}

describe('collectCitedIds', () => {
  it('finds cited sources and provenance events once each, in document order', () => {
    const editor = editorWith(
      { type: 'paragraph', content: [fact('Trump and Xi held a call.', 'ev-call-0001'), citation('src-bbbb', 'src-aaaa')] },
      paragraph('Own words.'),
      { type: 'paragraph', content: [fact('Talks in London.', 'ev-talk-0002'), citation('src-aaaa'), fact(' again', 'ev-call-0001')] },
    );
    expect(collectCitedIds(editor.state.doc)).toEqual({ sourceIds: ['src-bbbb', 'src-aaaa'], eventIds: ['ev-call-0001', 'ev-talk-0002'] });
  });

  it('says whether every id is already known', () => {
    const ids = { sourceIds: ['src-aaaa'], eventIds: ['ev-aaaa'] };
    expect(allKnown(ids, new Map([['src-aaaa', 1]]), new Map([['ev-aaaa', 1]]))).toBe(true);
    expect(allKnown(ids, new Map([['src-aaaa', 1]]), new Map())).toBe(false);
  });
});

describe('citations store', () => {
  it('keeps the statuses of the latest provenance answer and drops older answers', async () => {
    const { client, handlers } = fakeClient();
    let release: (() => void) | null = null;
    handlers['library:provenance'] = async (input) => {
      // The first request is held back until the second has been answered.
      if (input.sourceIds.includes('src-slow')) await new Promise<void>((resolve) => (release = resolve));
      return {
        ok: true,
        value: {
          events: input.eventIds.map((id) => ({ id, status: 'current' as const, datasetVersion: 2, updatedAt: null, removedUpstream: false })),
          sources: input.sourceIds.map((id) => ({ id, status: 'deleted' as const, updatedAt: null, source: null })),
        },
      };
    };
    const store = createCitationsStore(client, { registerStyle: () => undefined });
    const slow = store.refresh({ sourceIds: ['src-slow'], eventIds: [] });
    expect(await store.refresh({ sourceIds: ['src-fast'], eventIds: ['ev-aaaa'] })).toBe(true);
    release!();
    expect(await slow).toBe(false);
    expect([...store.getState().sources.keys()]).toEqual(['src-fast']);
    expect(store.getState().sources.get('src-fast')?.status).toBe('deleted');
    expect(store.getState().events.get('ev-aaaa')?.datasetVersion).toBe(2);
  });

  it('records fetched sources without their text and keeps a failed request visible', async () => {
    const { client, handlers } = fakeClient();
    const store = createCitationsStore(client, { registerStyle: () => undefined });
    store.primeSources([source('src-aaaa')]);
    const entry = store.getState().sources.get('src-aaaa');
    expect(entry?.status).toBe('current');
    expect(entry?.source && 'text' in entry.source).toBe(false);
    handlers['library:provenance'] = () => ({ ok: false, error: { code: 'io', message: 'disk' } });
    expect(await store.refresh({ sourceIds: ['src-aaaa'], eventIds: [] })).toBe(false);
    expect(store.getState().provenanceError?.message).toBe('disk');
    // What was known stays until an answer replaces it.
    expect(store.getState().sources.has('src-aaaa')).toBe(true);
  });

  it('registers an added style once, skips built-ins, and reports a broken .csl with the reason', async () => {
    const { client, handlers, calls } = fakeClient();
    handlers['citations:styles'] = () => ({
      ok: true,
      value: {
        styles: [
          { id: 'apa', name: 'APA', builtIn: true, kind: 'author-date' },
          { id: 'my-style', name: 'Mine', builtIn: false, kind: 'numeric' },
        ],
        defaultStyle: 'numeric',
      },
    });
    handlers['citations:style-xml'] = (input) => ({ ok: true, value: { id: input.id, xml: '<style/>' } });
    handlers['citations:add-style'] = () => ({ ok: false, error: { code: 'invalid_input', message: 'Not a CSL style: the root element is <html>' } });
    const registered: string[] = [];
    const store = createCitationsStore(client, { registerStyle: (id) => void registered.push(id) });
    expect(await store.ensureStyle('apa')).toBeNull();
    expect(await store.ensureStyle('my-style')).toBeNull();
    expect(await store.ensureStyle('my-style')).toBeNull();
    expect(registered).toEqual(['my-style']);
    expect(calls.filter((call) => call.name === 'citations:style-xml')).toHaveLength(1);
    expect(await store.addStyle('broken.csl', '<html/>')).toMatchObject({ ok: false, error: { message: expect.stringContaining('root element') } });
    expect(store.styleFor(null)).toBe('numeric');
    expect(store.styleFor('apa')).toBe('apa');
  });
});

describe('provenance sync', () => {
  it('asks when a note opens, when the library changes, and when an edit brings in an unknown id', async () => {
    vi.useFakeTimers();
    const { client, handlers, calls } = fakeClient();
    handlers['library:provenance'] = (input) => ({
      ok: true,
      value: {
        events: input.eventIds.map((id) => ({ id, status: 'current' as const, datasetVersion: 1, updatedAt: null, removedUpstream: false })),
        sources: input.sourceIds.map((id) => ({ id, status: 'current' as const, updatedAt: null, source: null })),
      },
    });
    const citations = createCitationsStore(client, { registerStyle: () => undefined });
    const editorStore = createStore<{ editor: Editor | null }>({ editor: null });
    const library = createStore({ version: 0 });
    const applied: Editor[] = [];
    const stop = startProvenanceSync({
      editor: editorStore,
      libraryVersion: { get: () => library.getState().version, subscribe: library.subscribe },
      citations,
      apply: (editor) => applied.push(editor),
      delayMs: 100,
    });
    const provenanceCalls = () => calls.filter((call) => call.name === 'library:provenance');

    const editor = editorWith({ type: 'paragraph', content: [fact('A fact.', 'ev-aaaa'), citation('src-aaaa')] });
    editorStore.setState({ editor });
    await vi.waitFor(() => expect(applied).toHaveLength(1));
    expect(provenanceCalls()[0]?.input).toEqual({ sourceIds: ['src-aaaa'], eventIds: ['ev-aaaa'] });

    // Typing with known ids asks nothing.
    editor.commands.insertContentAt(1, 'Own words. ');
    await vi.advanceTimersByTimeAsync(150);
    expect(provenanceCalls()).toHaveLength(1);

    // A pasted citation of an unknown source is looked up after the pause.
    editor.commands.insertContentAt(editor.state.doc.content.size - 1, citation('src-bbbb'));
    await vi.advanceTimersByTimeAsync(150);
    expect(provenanceCalls()).toHaveLength(2);
    expect((provenanceCalls()[1]?.input as { sourceIds: string[] }).sourceIds).toEqual(['src-aaaa', 'src-bbbb']);

    // A library change (an import, an edit, a delete) asks again.
    library.setState({ version: 1 });
    await vi.waitFor(() => expect(provenanceCalls()).toHaveLength(3));
    await vi.waitFor(() => expect(applied.length).toBeGreaterThanOrEqual(3));

    // Closing the note forgets its statuses and stops listening.
    editorStore.setState({ editor: null });
    expect(citations.getState().sources.size).toBe(0);
    library.setState({ version: 2 });
    await vi.advanceTimersByTimeAsync(150);
    expect(provenanceCalls()).toHaveLength(3);
    stop();
  });
});
