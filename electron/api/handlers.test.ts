import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Note } from '../../core/index';
import type { Backend } from '../container';
import { type TestWorkspace, createTestWorkspace, docOf } from '../services/testing/fixtures';

describe('the contract through dispatch', () => {
  let ws: TestWorkspace;
  let backend: Backend;
  let note: Note;

  beforeEach(async () => {
    ws = await createTestWorkspace();
    backend = await ws.open();
    const created = await backend.dispatch('notes:create', { templateId: 'situation-brief' });
    if (!created.ok) throw new Error(created.error.message);
    note = created.value as Note;
  });
  afterEach(() => ws.cleanup());

  const malformed: [string, string, () => unknown, string][] = [
    ['notes:create', 'a numeric template id', () => ({ templateId: 42 }), 'invalid_input'],
    ['notes:create', 'an unknown field', () => ({ templateId: 'situation-brief', owner: 'me' }), 'invalid_input'],
    ['notes:create', 'a bad date', () => ({ templateId: 'situation-brief', date: '10/06/2025' }), 'invalid_input'],
    ['notes:save', 'a node type the editor does not know', () => ({ id: note.id, content: { type: 'doc', content: [{ type: 'marquee' }] } }), 'invalid_input'],
    ['notes:save', 'a body that is not a doc', () => ({ id: note.id, content: docOf('x').content?.[0] }), 'invalid_input'],
    ['notes:save', 'a path as note id', () => ({ id: '../settings', meta: { title: 'x' } }), 'invalid_input'],
    ['notes:save', 'an empty marking', () => ({ id: note.id, meta: { marking: '  ' } }), 'invalid_input'],
    ['notes:delete', 'no confirmation', () => ({ id: note.id }), 'invalid_input'],
    ['notes:empty-trash', 'confirm: false', () => ({ confirm: false }), 'invalid_input'],
    ['settings:update', 'a wrong type', () => ({ author: 7 }), 'invalid_input'],
    ['templates:rename', 'an empty name', () => ({ id: 'situation-brief', name: '  ' }), 'invalid_input'],
    ['notes:purge', 'an unknown call', () => ({}), 'unknown_call'],
  ];

  it.each(malformed)('%s with %s gets a typed error and writes nothing', async (name, _what, input, code) => {
    const before = await ws.listing();
    const result = await backend.dispatch(name, input());
    expect(result).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
    expect(await ws.listing()).toEqual(before);
  });

  it('names the offending field', async () => {
    const result = await backend.dispatch('notes:create', { templateId: 42 });
    expect(result).toMatchObject({ ok: false, error: { issues: [expect.objectContaining({ path: 'templateId' })] } });
  });

  it('answers valid calls with values that match the contract (checkOutputs is on)', async () => {
    for (const [name, input] of [
      ['workspace:info', {}],
      ['workspace:problems', {}],
      ['settings:get', {}],
      ['templates:list', {}],
      ['notes:list', { query: 'brief', limit: 5 }],
      ['notes:get', { id: note.id }],
      ['notes:save', { id: note.id, content: docOf('text') }],
      ['notes:snapshot', { id: note.id }],
      ['revisions:list', { noteId: note.id }],
    ] as const) {
      const result = await backend.dispatch(name, input);
      expect(result, name).toMatchObject({ ok: true });
    }
  });
});
