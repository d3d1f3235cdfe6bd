import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Note, NoteSummary, Revision, RevisionSummary, StoreProblem } from '../../../core/index';
import type { Backend } from '../../container';
import { type TestClock, type TestWorkspace, createTestWorkspace, docOf, testClock } from '../testing/fixtures';
import { REVISION_INTERVAL_MS } from './revision-service';

type ListResult = { notes: NoteSummary[]; total: number; tags: string[] };
type SaveResult = { id: string; version: number; updatedAt: string; revisionTaken: boolean };

describe('NoteService', () => {
  let ws: TestWorkspace;
  let clock: TestClock;
  let backend: Backend;

  beforeEach(async () => {
    ws = await createTestWorkspace();
    clock = testClock();
    backend = await ws.open({ now: clock.now });
  });
  afterEach(() => ws.cleanup());

  const call = async <T>(name: string, input: unknown = {}, on: Backend = backend): Promise<T> => {
    const result = await on.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  const create = (input: Record<string, unknown> = {}): Promise<Note> => call<Note>('notes:create', { templateId: 'situation-brief', ...input });
  const save = (id: string, input: Record<string, unknown>): Promise<SaveResult> => call<SaveResult>('notes:save', { id, ...input });

  describe('create', () => {
    it('fills {{title}}, {{date}}, {{author}} and {{marking}} from the input, the template and the settings', async () => {
      await call('settings:update', { author: 'Ana Analyst', defaultMarking: 'official-sensitive', locale: 'de-DE' });
      const note = await create({ date: '2025-06-10' });
      expect(note.meta).toEqual({ title: 'Situation brief — 10. Juni 2025', author: 'Ana Analyst', date: '2025-06-10', status: 'draft', marking: 'official-sensitive', tags: ['situation'], citationStyle: null });
      expect(note.id).toMatch(/^n-20250610-[0-9a-f]{8}$/);
      expect(note.templateId).toBe('situation-brief');
      const [heading, byline, , guidance] = note.content.content!;
      expect(heading?.content?.[0]?.text).toBe('Situation brief — 10. Juni 2025');
      expect(byline?.content?.[0]?.text).toBe('Prepared by Ana Analyst on 10. Juni 2025 — official-sensitive — {{unknown}}');
      expect(guidance?.attrs?.guidance).toBe('Bottom line for Ana Analyst.');
    });

    it('takes title, author, marking and locale from the request, and the marking in its canonical form', async () => {
      const note = await create({ title: 'Sahel update', author: 'B', marking: 'tlp amber+strict', date: '2025-06-10', locale: 'en-US' });
      expect(note.meta).toMatchObject({ title: 'Sahel update', author: 'B', marking: 'TLP:AMBER+STRICT' });
      expect(note.content.content?.[0]?.content?.[0]?.text).toBe('Sahel update');
      expect(note.content.content?.[1]?.content?.[0]?.text).toBe('Prepared by B on June 10, 2025 — TLP:AMBER+STRICT — {{unknown}}');
    });

    it('uses today on the analyst clock and en-GB when no locale is set', async () => {
      const note = await create();
      expect(note.meta.date).toBe('2025-06-10');
      expect(note.meta.title).toBe('Situation brief — 10 June 2025');
      expect(note.meta.marking).toBe('TLP:AMBER');
    });

    it('says which template is missing', async () => {
      expect(await backend.dispatch('notes:create', { templateId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('"nope"') } });
    });
  });

  describe('list', () => {
    it('sorts by update, filters by words (accent- and case-insensitive), tag, status and trash, and lists tags', async () => {
      const a = await create({ title: 'Évaluation du Sahel' });
      const b = await create({ title: 'Rare earths' });
      const c = await create({ title: 'Shipping' });
      await save(a.id, { content: docOf('Mali junta extends transition'), meta: { tags: ['Sahel', 'sahel', ' Mali '] } });
      await save(b.id, { meta: { status: 'final', tags: ['China'] } });
      await call('notes:trash', { id: c.id });

      const all = await call<ListResult>('notes:list', {});
      expect(all.notes.map((n) => n.id)).toEqual([b.id, a.id]);
      expect(all.total).toBe(2);
      expect(all.tags).toEqual(['China', 'Mali', 'Sahel']);
      expect(all.notes[1]).toMatchObject({ excerpt: 'Mali junta extends transition', words: 4, tags: ['Sahel', 'Mali'] });

      expect((await call<ListResult>('notes:list', { query: 'evaluation JUNTA' })).notes.map((n) => n.id)).toEqual([a.id]);
      expect((await call<ListResult>('notes:list', { query: 'evaluation china' })).total).toBe(0);
      expect((await call<ListResult>('notes:list', { tag: 'sahel' })).notes.map((n) => n.id)).toEqual([a.id]);
      expect((await call<ListResult>('notes:list', { status: 'final' })).notes.map((n) => n.id)).toEqual([b.id]);
      const trash = await call<ListResult>('notes:list', { trashed: true });
      expect(trash.notes.map((n) => n.id)).toEqual([c.id]);
      expect(trash.tags).toEqual(['situation']);
      const limited = await call<ListResult>('notes:list', { limit: 1 });
      expect(limited).toMatchObject({ total: 2, notes: [expect.objectContaining({ id: b.id })] });
    });

    it('sees notes another process created, changed or deleted since the last list', async () => {
      const mine = await create({ title: 'Mine' });
      const other = await ws.open({ now: clock.now });
      const theirs = await call<Note>('notes:create', { templateId: 'situation-brief', title: 'Theirs' }, other);
      await call('notes:save', { id: mine.id, meta: { title: 'Renamed elsewhere' } }, other);
      expect((await call<ListResult>('notes:list')).notes.map((n) => n.title).sort()).toEqual(['Renamed elsewhere', 'Theirs']);
      await call('notes:delete', { id: theirs.id, confirm: true }, other);
      expect((await call<ListResult>('notes:list')).notes.map((n) => n.title)).toEqual(['Renamed elsewhere']);
      expect(await call<{ noteCount: number }>('workspace:info')).toMatchObject({ noteCount: 1, path: ws.workspaceDir, appVersion: '9.9.9-test' });
    });

    it('drops a note whose file is damaged with no backup, and workspace:problems names it', async () => {
      const keep = await create({ title: 'Keep' });
      const lost = await create({ title: 'Lost' });
      await writeFile(join(ws.workspaceDir, 'notes', `${lost.id}.json`), '{"schemaVersion":1,');
      expect((await call<ListResult>('notes:list')).notes.map((n) => n.id)).toEqual([keep.id]);
      const problems = await call<StoreProblem[]>('workspace:problems');
      expect(problems).toEqual([expect.objectContaining({ noteId: lost.id, restoredFromBackup: false, file: `notes/${lost.id}.json` })]);
      expect(await backend.dispatch('notes:get', { id: lost.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    });

    it('restores a damaged note from its backup when the workspace is opened', async () => {
      const note = await create({ title: 'Before' });
      await save(note.id, { meta: { title: 'After' } });
      await writeFile(join(ws.workspaceDir, 'notes', `${note.id}.json`), 'not json');
      const reopened = await ws.open({ now: clock.now });
      expect((await call<ListResult>('notes:list', {}, reopened)).notes.map((n) => n.title)).toEqual(['Before']);
      expect(await call<StoreProblem[]>('workspace:problems', {}, reopened)).toEqual([expect.objectContaining({ noteId: note.id, title: 'Before', restoredFromBackup: true })]);
    });

    it('migrates an unversioned note file when the workspace is opened', async () => {
      const note = await create({ title: 'Old format' });
      await writeFile(join(ws.workspaceDir, 'notes', `${note.id}.json`), JSON.stringify(note));
      const reopened = await ws.open({ now: clock.now });
      expect((await call<ListResult>('notes:list', {}, reopened)).notes.map((n) => n.title)).toEqual(['Old format']);
      expect(JSON.parse(await readFile(join(ws.workspaceDir, 'notes', `${note.id}.json`), 'utf8'))).toEqual({ schemaVersion: 1, note });
    });
  });

  describe('save', () => {
    it('bumps version and updatedAt, writes nothing when nothing changed', async () => {
      const note = await create();
      const saved = await save(note.id, { content: docOf('Hello'), meta: { status: 'in-review' } });
      expect(saved.version).toBe(2);
      expect(saved.updatedAt > note.updatedAt).toBe(true);
      const same = await save(note.id, { content: docOf('Hello'), meta: { status: 'in-review' } });
      expect(same).toMatchObject({ version: 2, updatedAt: saved.updatedAt, revisionTaken: false });
      const got = await call<Note>('notes:get', { id: note.id });
      expect(got).toMatchObject({ version: 2, content: docOf('Hello'), meta: { status: 'in-review' } });
    });

    it('refuses a document the editor cannot open, and an unknown note', async () => {
      const note = await create();
      const before = await ws.listing();
      const bad = await backend.dispatch('notes:save', { id: note.id, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'image' }] }] } });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('image') } });
      expect(await ws.listing()).toEqual(before);
      expect(await backend.dispatch('notes:save', { id: 'n-20250101-00000000', meta: { title: 'x' } })).toMatchObject({
        ok: false,
        error: { code: 'not_found', message: 'There is no note with id n-20250101-00000000; it may have been deleted.' },
      });
    });

    it.each(['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'file:///etc/passwd'])(
      'refuses a link mark to %j with invalid_input and writes nothing',
      async (href) => {
        const note = await create();
        const before = await ws.listing();
        const content = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href } }] }] }] };
        const bad = await backend.dispatch('notes:save', { id: note.id, content });
        expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('is not allowed') } });
        expect(await ws.listing()).toEqual(before);
      },
    );
  });

  describe('revisions', () => {
    it('takes an interval revision of the previous text at most once per 10 minutes of editing', async () => {
      const note = await create();
      const first = await save(note.id, { content: docOf('v1') });
      expect(first.revisionTaken).toBe(true); // no revision yet: the template text is kept
      clock.advance(60_000);
      expect((await save(note.id, { content: docOf('v2') })).revisionTaken).toBe(false);
      expect((await save(note.id, { meta: { title: 'title only' } })).revisionTaken).toBe(false);
      clock.advance(REVISION_INTERVAL_MS);
      expect((await save(note.id, { content: docOf('v3') })).revisionTaken).toBe(true);
      clock.advance(REVISION_INTERVAL_MS - 5_000);
      expect((await save(note.id, { content: docOf('v4') })).revisionTaken).toBe(false);

      const revisions = await call<RevisionSummary[]>('revisions:list', { noteId: note.id });
      expect(revisions.map((r) => r.reason)).toEqual(['interval', 'interval']);
      const newest = await call<Revision>('revisions:get', { noteId: note.id, revisionId: revisions[0]!.id });
      expect(newest.content).toEqual(docOf('v2'));
      expect(newest.title).toBe('title only');
    });

    it('takes a manual snapshot, and returns the latest instead of a duplicate', async () => {
      const note = await create();
      await save(note.id, { content: docOf('draft') });
      const manual = await call<RevisionSummary>('notes:snapshot', { id: note.id });
      expect(manual.reason).toBe('manual');
      const again = await call<RevisionSummary>('notes:snapshot', { id: note.id });
      expect(again.id).toBe(manual.id);
      await save(note.id, { content: docOf('draft 2') });
      expect((await call<RevisionSummary>('notes:snapshot', { id: note.id })).id).not.toBe(manual.id);
      expect((await call<RevisionSummary[]>('revisions:list', { noteId: note.id })).map((r) => r.reason)).toEqual(['manual', 'manual', 'interval']);
    });

    it('restoring makes the current text a before-restore revision, then saves the old body and title', async () => {
      const note = await create({ title: 'Original' });
      await save(note.id, { content: docOf('old words') });
      const kept = await call<RevisionSummary>('notes:snapshot', { id: note.id });
      await save(note.id, { content: docOf('new words'), meta: { title: 'Renamed', status: 'final' } });

      const restored = await call<Note>('revisions:restore', { noteId: note.id, revisionId: kept.id });

      expect(restored.content).toEqual(docOf('old words'));
      expect(restored.meta).toMatchObject({ title: 'Original', status: 'final' });
      const history = await call<RevisionSummary[]>('revisions:list', { noteId: note.id });
      expect(history[0]).toMatchObject({ reason: 'before-restore', title: 'Renamed' });
      const before = await call<Revision>('revisions:get', { noteId: note.id, revisionId: history[0]!.id });
      expect(before.content).toEqual(docOf('new words'));
    });

    it('refuses a revision id that is a path (invalid_input, checked by the contract)', async () => {
      const note = await create();
      for (const revisionId of ['../../settings', `../${note.id}`, 'r-1/../../x']) {
        expect(await backend.dispatch('revisions:get', { noteId: note.id, revisionId })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
    });
  });

  describe('library actions', () => {
    it('duplicates, trashes, restores, deletes for ever and empties the trash', async () => {
      const note = await create({ title: 'Brief' });
      await call('notes:snapshot', { id: note.id });
      const copy = await call<Note>('notes:duplicate', { id: note.id });
      expect(copy).toMatchObject({ meta: { title: 'Copy of Brief' }, content: note.content, trashedAt: null, version: 1 });
      expect(copy.id).not.toBe(note.id);

      const trashed = await call<NoteSummary>('notes:trash', { id: note.id });
      expect(trashed.trashedAt).not.toBeNull();
      expect(trashed.updatedAt).toBe(note.updatedAt);
      expect((await call<NoteSummary>('notes:restore', { id: note.id })).trashedAt).toBeNull();

      await call('notes:delete', { id: note.id, confirm: true });
      const files = await ws.listing();
      expect(files.filter((file) => file.includes(note.id))).toEqual([]);
      expect(await backend.dispatch('notes:get', { id: note.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });

      await call('notes:trash', { id: copy.id });
      expect(await call('notes:empty-trash', { confirm: true })).toEqual({ deleted: 1 });
      expect((await call<ListResult>('notes:list', { trashed: true })).total).toBe(0);
      expect(await readdir(join(ws.workspaceDir, 'notes'))).toEqual([]);
    });
  });
});
