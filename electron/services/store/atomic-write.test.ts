import { mkdir, readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../testing/fixtures';
import { backupPathOf, removeStaleTempFiles, writeFileAtomic } from './atomic-write';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('writes the whole content and leaves no temp file', async () => {
    const target = join(dir, 'note.json');
    const big = JSON.stringify({ text: 'x'.repeat(2_000_000) });
    await writeFileAtomic(target, big);
    expect(await readFile(target, 'utf8')).toBe(big);
    expect(await readdir(dir)).toEqual(['note.json']);
  });

  it.each([
    ['text, as UTF-8', 'Rare earths — “London”', Buffer.from('Rare earths — “London”', 'utf8')],
    ['bytes', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff])],
    ['chunks, in order', [new Uint8Array([1, 2]), new Uint8Array([]), new Uint8Array([3])], Buffer.from([1, 2, 3])],
  ] as const)('writes %s', async (_label, data, expected) => {
    const target = join(dir, 'file.bin');
    await writeFileAtomic(target, data);
    expect(await readFile(target)).toEqual(expected);
    expect(await readdir(dir)).toEqual(['file.bin']);
  });

  it('copies the file being replaced to NAME.bak before replacing it', async () => {
    const target = join(dir, 'note.json');
    await writeFileAtomic(target, 'one', { backup: true });
    expect(await readdir(dir)).toEqual(['note.json']);
    await writeFileAtomic(target, 'two', { backup: true });
    expect(await readFile(backupPathOf(target), 'utf8')).toBe('one');
    await writeFileAtomic(target, 'three', { backup: true });
    expect(await readFile(backupPathOf(target), 'utf8')).toBe('two');
    expect(await readFile(target, 'utf8')).toBe('three');
    expect((await readdir(dir)).sort()).toEqual(['note.json', 'note.json.bak']);
  });

  it('keeps no backup unless asked', async () => {
    const target = join(dir, 'rev.json');
    await writeFileAtomic(target, 'one');
    await writeFileAtomic(target, 'two');
    expect(await readdir(dir)).toEqual(['rev.json']);
  });

  it('removes its temp file and leaves the old file alone when the rename fails', async () => {
    const target = join(dir, 'taken');
    await mkdir(target);
    await writeFile(join(target, 'inside'), 'keep');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['taken']);
    expect(await readFile(join(target, 'inside'), 'utf8')).toBe('keep');
  });

  it('concurrent writers of one file each leave a complete file (last rename wins)', async () => {
    const target = join(dir, 'race.json');
    const versions = Array.from({ length: 20 }, (_, i) => JSON.stringify({ i, pad: String(i).repeat(50_000) }));
    await Promise.all(versions.map((text) => writeFileAtomic(target, text)));
    expect(versions).toContain(await readFile(target, 'utf8'));
    expect(await readdir(dir)).toEqual(['race.json']);
  });
});

describe('removeStaleTempFiles', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('removes old temp files of crashed writes and keeps recent ones and real files', async () => {
    const old = join(dir, '.note.json.tmp-123-abcd1234');
    const recent = join(dir, '.other.json.tmp-456-00ff00ff');
    await writeFile(old, '{"half');
    await writeFile(recent, '{"in progress');
    await writeFile(join(dir, 'note.json'), '{}');
    const past = new Date(Date.now() - 120_000);
    await utimes(old, past, past);
    expect(await removeStaleTempFiles(dir)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['.other.json.tmp-456-00ff00ff', 'note.json']);
  });
});
