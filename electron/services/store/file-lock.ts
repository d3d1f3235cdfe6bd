import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import { AppError } from '../../../core/index';

/*
 * Locking strategy: a lock FILE per target, not one writer process.
 *
 * The app and the CLI are separate processes that may run at the same time on one workspace, and
 * the CLI must work when the app is not running, so "send every write through the app" would need
 * a daemon. A lock file next to each target (`NAME.lock`, created with O_CREAT|O_EXCL, i.e.
 * `open(…, 'wx')`) needs nothing running, works on every OS and file system we care about, and
 * locks one note rather than the whole workspace. The holder writes its pid, host, time and a
 * random nonce into it. Waiters retry with a small, jittered backoff. A lock is stale when its
 * process is dead (same host only: a pid means nothing on another machine) or when it is older
 * than `staleMs` (a write takes milliseconds). A stale lock is broken by renaming it aside and
 * checking the nonce, so two waiters breaking the same stale lock cannot remove a fresh one.
 *
 * Inside one process, writes to the same file are also chained on a promise per path, so they
 * queue in order without polling the disk.
 */

/** Tuning of {@link FileLocks}. */
export interface FileLockOptions {
  /** A lock older than this is considered abandoned. */
  staleMs?: number;
  /** Give up waiting after this long. */
  timeoutMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  at: number;
  nonce: string;
}

interface LockSeen {
  owner: Partial<LockOwner> | null;
  mtimeMs: number;
}

const DEFAULT_STALE_MS = 10_000;
const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_BACKOFF_MS = 50;

/** The lock file guarding `target`. */
export function lockPathOf(target: string): string {
  return `${target}.lock`;
}

/** Serialises work on a file across async tasks of this process and across processes. */
export class FileLocks {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly staleMs: number;
  private readonly timeoutMs: number;

  constructor(options: FileLockOptions = {}) {
    this.staleMs = options.staleMs ?? DEFAULT_STALE_MS;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Runs `fn` while holding the lock of `target`; the lock is released whatever `fn` does. */
  async withLock<T>(target: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(target) ?? Promise.resolve();
    let done!: () => void;
    const mine = previous.then(() => new Promise<void>((resolve) => (done = resolve)));
    this.queues.set(target, mine);
    await previous;
    try {
      const owner = await this.acquire(lockPathOf(target), target);
      try {
        return await fn();
      } finally {
        await release(lockPathOf(target), owner);
      }
    } finally {
      done();
      if (this.queues.get(target) === mine) this.queues.delete(target);
    }
  }

  /** Resolves when every queued piece of work of this process has finished. */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  private async acquire(lockPath: string, target: string): Promise<LockOwner> {
    const owner: LockOwner = { pid: process.pid, host: hostname(), at: Date.now(), nonce: randomBytes(8).toString('hex') };
    const deadline = Date.now() + this.timeoutMs;
    let backoff = 2;
    for (;;) {
      if (await tryCreate(lockPath, owner)) return owner;
      if (await this.breakIfStale(lockPath)) continue;
      if (Date.now() > deadline) {
        throw new AppError(
          'conflict',
          `${basename(target)} is locked by another Briefing Desk process. Try again in a moment; if no other Briefing Desk is running, delete ${lockPath}.`,
        );
      }
      await sleep(backoff + Math.random() * backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  /** Removes the lock when its holder is gone; true when the caller should retry at once. */
  private async breakIfStale(lockPath: string): Promise<boolean> {
    const seen = await readLock(lockPath);
    if (!seen) return true;
    if (!isStale(seen, this.staleMs)) return false;
    const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await rename(lockPath, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
      throw error;
    }
    const moved = await readLock(aside);
    // Someone broke the stale lock and took a fresh one between our read and our rename: put theirs back.
    if (moved && moved.owner?.nonce !== seen.owner?.nonce) await link(aside, lockPath).catch(() => undefined);
    await rm(aside, { force: true });
    return true;
  }
}

async function tryCreate(lockPath: string, owner: LockOwner): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(owner), 'utf8');
  } finally {
    await handle.close();
  }
  return true;
}

async function readLock(lockPath: string): Promise<LockSeen | null> {
  try {
    const [info, text] = await Promise.all([stat(lockPath), readFile(lockPath, 'utf8')]);
    return { owner: parseOwner(text), mtimeMs: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The holder's details; null while the holder has created the file but not yet written it. */
function parseOwner(text: string): Partial<LockOwner> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Partial<LockOwner>) : null;
  } catch {
    return null;
  }
}

function isStale(seen: LockSeen, staleMs: number): boolean {
  if (Date.now() - seen.mtimeMs > staleMs) return true;
  const owner = seen.owner;
  if (!owner || typeof owner.pid !== 'number' || owner.host !== hostname()) return false;
  return !isProcessAlive(owner.pid);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the lock only if it is still ours (it may have been broken as stale meanwhile). */
async function release(lockPath: string, owner: LockOwner): Promise<void> {
  const seen = await readLock(lockPath);
  if (seen?.owner?.nonce !== owner.nonce) return;
  await rm(lockPath, { force: true });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
