import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError, type Note } from '../../../core/index';
import { docOf, makeTempDir, removeDir, testClock } from '../testing/fixtures';
import { NOTE_FILE, type NoteFile } from './file-kinds';
import { FileLocks } from './file-lock';
import { JsonStore } from './json-store';
import { ProblemLog } from './problem-log';

function note(title: string, overrides: Partial<Note> = {}): Note {
  return {
    id: 'n-20250610-aaaa1111',
    meta: { title, author: 'A. Analyst', date: '2025-06-10', status: 'draft', marking: 'TLP:AMBER', tags: [], citationStyle: null },
    content: docOf(`Body of ${title}`),
    createdAt: '2025-06-10T09:00:00.000Z',
    updatedAt: '2025-06-10T09:00:00.000Z',
    trashedAt: null,
    templateId: null,
    version: 1,
    ...overrides,
  };
}

const PATH = 'notes/n-20250610-aaaa1111.json';

describe('JsonStore', () => {
  let root: string;
  let problems: ProblemLog;
  let store: JsonStore;
  const file = (name: string): string => join(root, 'notes', name);

  beforeEach(async () => {
    root = await makeTempDir();
    problems = new ProblemLog();
    store = new JsonStore(root, { locks: new FileLocks(), problems, now: testClock('2025-06-10T10:15:00.000Z').now });
    await store.create<NoteFile>(PATH, NOTE_FILE, { schemaVersion: 1, note: note('First') });
  });
  afterEach(() => removeDir(root));

  it('refreshes the .bak with the previous good file before each replace', async () => {
    await store.update<NoteFile>(PATH, NOTE_FILE, (current) => ({ schemaVersion: 1, note: { ...current!.note, meta: { ...current!.note.meta, title: 'Second' } } }));
    const backup = JSON.parse(await readFile(file('n-20250610-aaaa1111.json.bak'), 'utf8')) as NoteFile;
    expect(backup.note.meta.title).toBe('First');
    expect((await store.read(PATH, NOTE_FILE))?.note.meta.title).toBe('Second');
  });

  it('quarantines a file that is not JSON, restores the .bak and reports the note', async () => {
    await store.update<NoteFile>(PATH, NOTE_FILE, () => ({ schemaVersion: 1, note: note('Second') }));
    await writeFile(file('n-20250610-aaaa1111.json'), '{"schemaVersion":1,"note":{"id":"n-2025');

    const restored = await store.read(PATH, NOTE_FILE);

    expect(restored?.note.meta.title).toBe('First');
    const names = (await readdir(join(root, 'notes'))).sort();
    expect(names).toEqual(['n-20250610-aaaa1111.corrupt-20250610T101500001Z.json', 'n-20250610-aaaa1111.json', 'n-20250610-aaaa1111.json.bak']);
    expect(await readFile(file(names[0]!), 'utf8')).toBe('{"schemaVersion":1,"note":{"id":"n-2025');
    const [problem] = problems.all();
    expect(problem).toMatchObject({
      file: PATH,
      noteId: 'n-20250610-aaaa1111',
      title: 'First',
      quarantinedAs: 'notes/n-20250610-aaaa1111.corrupt-20250610T101500001Z.json',
      restoredFromBackup: true,
    });
    expect(problem?.message).toMatch(/not valid JSON.*last good copy was restored/);
  });

  it('quarantines valid JSON that fails the schema, and never writes over it', async () => {
    await writeFile(file('n-20250610-aaaa1111.json'), JSON.stringify({ schemaVersion: 1, note: { ...note('Bad'), meta: { title: 5 } } }));
    await store.update<NoteFile>(PATH, NOTE_FILE, (current) => current);
    const [problem] = problems.all();
    expect(problem?.message).toMatch(/shape of a note file \(note\.meta/);
    const quarantined = await readFile(join(root, problem!.quarantinedAs), 'utf8');
    expect(quarantined).toContain('"title":5');
  });

  it('drops a damaged file with no backup: the read finds nothing and the problem names the note', async () => {
    await writeFile(file('n-20250610-aaaa1111.json'), 'garbage');
    expect(await store.read(PATH, NOTE_FILE)).toBeNull();
    expect((await readdir(join(root, 'notes'))).sort()).toEqual(['n-20250610-aaaa1111.corrupt-20250610T101500001Z.json']);
    expect(problems.all()[0]).toMatchObject({ noteId: 'n-20250610-aaaa1111', title: null, restoredFromBackup: false });
    expect(problems.all()[0]?.message).toMatch(/no longer in the library/);
  });

  it('does not restore a backup that is itself damaged', async () => {
    await writeFile(file('n-20250610-aaaa1111.json.bak'), '{');
    await writeFile(file('n-20250610-aaaa1111.json'), '}');
    expect(await store.read(PATH, NOTE_FILE)).toBeNull();
    expect(problems.all()[0]?.restoredFromBackup).toBe(false);
  });

  it('migrates an unversioned note file on read and writes it back as version 1, keeping the original as .bak', async () => {
    const legacy = note('Legacy');
    await writeFile(file('n-20250610-aaaa1111.json'), JSON.stringify(legacy));
    const read = await store.read(PATH, NOTE_FILE);
    expect(read).toEqual({ schemaVersion: 1, note: legacy });
    expect(JSON.parse(await readFile(file('n-20250610-aaaa1111.json'), 'utf8'))).toEqual({ schemaVersion: 1, note: legacy });
    expect(JSON.parse(await readFile(file('n-20250610-aaaa1111.json.bak'), 'utf8'))).toEqual(legacy);
    expect(problems.all()).toEqual([]);
  });

  it('leaves a file from a newer version alone and reports it', async () => {
    const newer = JSON.stringify({ schemaVersion: 7, note: {} });
    await writeFile(file('n-20250610-aaaa1111.json'), newer);
    const error = await store.read(PATH, NOTE_FILE).catch((caught: unknown) => caught);
    expect((error as AppError).code).toBe('conflict');
    expect(await readFile(file('n-20250610-aaaa1111.json'), 'utf8')).toBe(newer);
    expect(problems.all()[0]?.message).toMatch(/newer version of Briefing Desk/);
  });

  it('refuses to write data it could not read back', async () => {
    const before = await readFile(file('n-20250610-aaaa1111.json'), 'utf8');
    const error = await store
      .update<NoteFile>(PATH, NOTE_FILE, () => ({ schemaVersion: 1, note: { ...note('x'), id: 'BAD ID' } }))
      .catch((caught: unknown) => caught);
    expect((error as AppError).code).toBe('invalid_input');
    expect(await readFile(file('n-20250610-aaaa1111.json'), 'utf8')).toBe(before);
  });

  it('create refuses to replace an existing file', async () => {
    const error = await store.create<NoteFile>(PATH, NOTE_FILE, { schemaVersion: 1, note: note('Other') }).catch((caught: unknown) => caught);
    expect((error as AppError).code).toBe('conflict');
  });
});
