// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { CallInput, CallName, Note, Result } from '../../core/index';
import type { AppClient } from '../api/client';
import { createAppStores } from './app-stores';

function note(id: string): Note {
  return {
    id,
    meta: { title: id, author: '', date: '2026-01-01', status: 'draft', marking: 'TLP:AMBER', tags: [], citationStyle: null },
    content: { type: 'doc', content: [{ type: 'paragraph' }] },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    trashedAt: null,
    templateId: null,
    version: 1,
  };
}

/** A client that answers export:preview and records every call; anything else is "not found". */
function fakeClient() {
  const calls: { name: CallName; input: unknown }[] = [];
  const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<Result<unknown>> => {
    calls.push({ name, input });
    if (name === 'export:preview') return { ok: true, value: { html: '<p>preview</p>', fileBase: 'brief' } };
    return { ok: false, error: { code: 'not_found', message: `no fake for ${name}` } };
  };
  const client = {
    transport: 'http',
    call,
    saveOnUnload: () => true,
    openExternal: async () => ({ ok: true, value: null }),
    onBeforeClose: () => () => undefined,
    upload: async () => ({ ok: false, error: { code: 'io', message: 'no uploads' } }),
  } as unknown as AppClient;
  return { client, calls };
}

describe('the composition root', () => {
  it('builds the export store with the other stores: it exports the note the session has open', async () => {
    const { client, calls } = fakeClient();
    const stores = createAppStores(client);
    await stores.exporter.open();
    expect(stores.exporter.getState().phase).toBe('idle');

    stores.session.openLoaded(note('n-7'));
    await stores.exporter.open();
    expect(stores.exporter.getState()).toMatchObject({ phase: 'ready', noteId: 'n-7' });
    expect(calls.filter((entry) => entry.name === 'export:preview').map((entry) => entry.input)).toEqual([expect.objectContaining({ id: 'n-7' })]);
  });
});
