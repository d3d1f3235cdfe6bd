import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docText, type Note, type Revision, type RevisionSummary } from '../../../core/index';
import type { Backend } from '../../container';
import { type TestWorkspace, createTestWorkspace, docOf } from '../testing/fixtures';

describe('notes:resolve-conflict', () => {
  let ws: TestWorkspace;
  let app: Backend;
  /** Another process (the CLI) on the same workspace. */
  let cli: Backend;
  let note: Note;

  const call = async <T>(on: Backend, name: string, input: unknown): Promise<T> => {
    const result = await on.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  const revisionTexts = async (): Promise<string[]> => {
    const list = await call<RevisionSummary[]>(app, 'revisions:list', { noteId: note.id });
    const conflicts = list.filter((revision) => revision.reason === 'conflict');
    const full = await Promise.all(conflicts.map((revision) => call<Revision>(app, 'revisions:get', { noteId: note.id, revisionId: revision.id })));
    return full.map((revision) => docText(revision.content).trim());
  };

  beforeEach(async () => {
    ws = await createTestWorkspace();
    app = await ws.open();
    cli = await ws.open({ processName: 'cli' });
    note = await call<Note>(app, 'notes:create', { templateId: 'situation-brief', title: 'Shared' });
    await call(app, 'notes:save', { id: note.id, content: docOf('base') });
    // The CLI changes the note while the analyst has unsaved edits ("mine") in the app.
    await call(cli, 'notes:save', { id: note.id, content: docOf('theirs') });
  });
  afterEach(() => ws.cleanup());

  const theirsVersion = async (): Promise<number> => (await call<Note>(app, 'notes:get', { id: note.id })).version;

  it.each([
    { keep: 'mine', stored: 'mine', setAside: 'theirs', title: 'Mine' },
    { keep: 'theirs', stored: 'theirs', setAside: 'mine', title: 'Shared' },
  ] as const)('keep $keep: the note holds $stored, and $setAside is a conflict revision', async ({ keep, stored, setAside, title }) => {
    const version = await theirsVersion();
    const result = await call<Note>(app, 'notes:resolve-conflict', { id: note.id, keep, theirsVersion: version, content: docOf('mine'), meta: { title: 'Mine' } });
    expect(docText(result.content).trim()).toBe(stored);
    expect(result.meta.title).toBe(title);
    expect(result.version).toBe(keep === 'mine' ? version + 1 : version);
    const now = await call<Note>(cli, 'notes:get', { id: note.id });
    expect(docText(now.content).trim()).toBe(stored);
    expect(await revisionTexts()).toEqual([setAside]);
  });

  it('refuses when the note changed again meanwhile, and writes nothing', async () => {
    const seen = await theirsVersion();
    await call(cli, 'notes:save', { id: note.id, content: docOf('theirs again') });
    const result = await app.dispatch('notes:resolve-conflict', { id: note.id, keep: 'mine', theirsVersion: seen, content: docOf('mine') });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(docText((await call<Note>(app, 'notes:get', { id: note.id })).content).trim()).toBe('theirs again');
    expect(await revisionTexts()).toEqual([]);
  });

  it('notes:save with a stale baseVersion writes nothing and answers conflict; the current one saves', async () => {
    const stale = note.version + 1; // the app's version before the CLI's save
    const refused = await app.dispatch('notes:save', { id: note.id, content: docOf('mine'), baseVersion: stale });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(docText((await call<Note>(app, 'notes:get', { id: note.id })).content).trim()).toBe('theirs');
    const saved = await app.dispatch('notes:save', { id: note.id, content: docOf('mine'), baseVersion: await theirsVersion() });
    expect(saved).toMatchObject({ ok: true });
  });
});
