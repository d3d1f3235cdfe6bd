import { spawnSync } from 'node:child_process';
import { readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/index';
import { makeTempDir, removeDir } from '../testing/fixtures';
import { FileLocks, lockPathOf } from './file-lock';

/** A pid that is certainly not running: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid ?? 999_999;
}

describe('FileLocks', () => {
  let dir: string;
  let target: string;
  beforeEach(async () => {
    dir = await makeTempDir();
    target = join(dir, 'counter.json');
    await writeFile(target, '0');
  });
  afterEach(() => removeDir(dir));

  const increment = async (): Promise<void> => {
    const value = Number(await readFile(target, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    await writeFile(target, String(value + 1));
  };

  it('serialises read-modify-write: no increment is lost, even across lock instances', async () => {
    const a = new FileLocks();
    const b = new FileLocks(); // a second instance shares only the lock file, like another process
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).withLock(target, increment)));
    expect(await readFile(target, 'utf8')).toBe('40');
    expect(await readdir(dir)).toEqual(['counter.json']);
  });

  it('releases the lock when the work throws', async () => {
    const locks = new FileLocks();
    await expect(locks.withLock(target, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(locks.withLock(target, async () => 'again')).resolves.toBe('again');
    expect(await readdir(dir)).toEqual(['counter.json']);
  });

  it('breaks a lock left by a dead process', async () => {
    await writeFile(lockPathOf(target), JSON.stringify({ pid: deadPid(), host: hostname(), at: Date.now(), nonce: 'dead' }));
    const started = Date.now();
    await new FileLocks({ timeoutMs: 5_000 }).withLock(target, increment);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await readFile(target, 'utf8')).toBe('1');
  });

  it('breaks a lock older than staleMs even when its process lives', async () => {
    await writeFile(lockPathOf(target), JSON.stringify({ pid: process.pid, host: hostname(), at: 0, nonce: 'old' }));
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPathOf(target), old, old);
    await new FileLocks({ staleMs: 10_000, timeoutMs: 5_000 }).withLock(target, increment);
    expect(await readFile(target, 'utf8')).toBe('1');
  });

  it('waits for a live lock and gives up with a conflict naming the lock file', async () => {
    await writeFile(lockPathOf(target), JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now(), nonce: 'live' }));
    const error = await new FileLocks({ timeoutMs: 300 }).withLock(target, increment).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('conflict');
    expect((error as AppError).message).toContain(lockPathOf(target));
    expect(await readFile(target, 'utf8')).toBe('0');
  });
});
