import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CallOutput, Note, NoteSummary, ParsedInput } from '../../../core/index';
import { noteIdOfFileName } from '../workspace/workspace-layout';
import { normalizeForSearch, matchesAllWords, queryWords } from './note-search';
import { summarize } from './note-model';

interface Entry {
  summary: NoteSummary;
  /** Title and body, case- and accent-folded, for `query`. */
  haystack: string;
  updatedMs: number;
  /** The file's mtime and size when read; -1 marks an entry to re-read on the next scan. */
  mtimeNs: bigint;
  size: bigint;
}

const READ_CONCURRENCY = 32;
const UNKNOWN = -1n;

/**
 * Summaries and search text of every note, in memory, so listing 5,000 notes never touches their
 * files. Other processes (the CLI) write notes too: a scan first compares the notes/ folder's
 * mtime (every atomic write creates and renames a file there, which changes it), and only when it
 * moved does it stat the files and re-read those whose mtime or size changed.
 */
export class NoteIndex {
  private readonly entries = new Map<string, Entry>();
  private dirMtimeNs: bigint | null = null;
  private scanning: Promise<void> = Promise.resolve();

  constructor(
    private readonly notesDir: string,
    private readonly readNote: (id: string) => Promise<Note | null>,
  ) {}

  /** Brings the index up to date with the folder. Scans run one after another, never in parallel. */
  refresh(): Promise<void> {
    const run = this.scanning.catch(() => undefined).then(() => this.scan());
    this.scanning = run;
    return run;
  }

  /** Records a note this process just wrote; the file is re-stat'ed on the next scan. */
  put(note: Note): void {
    this.entries.set(note.id, entryOf(note, UNKNOWN, UNKNOWN));
  }

  /** Forgets a deleted note. */
  remove(id: string): void {
    this.entries.delete(id);
  }

  /** Notes outside the trash. */
  activeCount(): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.summary.trashedAt === null) count += 1;
    return count;
  }

  /** Ids of the notes in the trash. */
  trashedIds(): string[] {
    return [...this.entries.values()].filter((entry) => entry.summary.trashedAt !== null).map((entry) => entry.summary.id);
  }

  /** `notes:list` over the index (call {@link refresh} first). */
  list(filter: ParsedInput<'notes:list'>): CallOutput<'notes:list'> {
    const trashed = filter.trashed ?? false;
    const words = queryWords(filter.query);
    const tag = filter.tag?.toLowerCase();
    const tags = new Map<string, string>();
    const matches: Entry[] = [];
    for (const entry of this.entries.values()) {
      const { summary } = entry;
      if ((summary.trashedAt !== null) !== trashed) continue;
      for (const t of summary.tags) if (!tags.has(t.toLowerCase())) tags.set(t.toLowerCase(), t);
      if (filter.status && summary.status !== filter.status) continue;
      if (tag && !summary.tags.some((t) => t.toLowerCase() === tag)) continue;
      if (!matchesAllWords(entry.haystack, words)) continue;
      matches.push(entry);
    }
    matches.sort((a, b) => b.updatedMs - a.updatedMs || (a.summary.id < b.summary.id ? -1 : 1));
    const limited = filter.limit ? matches.slice(0, filter.limit) : matches;
    return {
      notes: limited.map((entry) => entry.summary),
      total: matches.length,
      tags: [...tags.values()].sort((a, b) => a.localeCompare(b)),
    };
  }

  private async scan(): Promise<void> {
    const dir = await stat(this.notesDir, { bigint: true });
    if (dir.mtimeNs === this.dirMtimeNs) return;
    // Taken before reading: a change during the scan moves the mtime again and is caught next time.
    this.dirMtimeNs = dir.mtimeNs;
    try {
      await this.rescan();
    } catch (error) {
      this.dirMtimeNs = null;
      throw error;
    }
  }

  private async rescan(): Promise<void> {
    const ids = (await readdir(this.notesDir)).map(noteIdOfFileName).filter((id): id is string => id !== null);
    const present = new Set<string>();
    await forEachLimited(ids, READ_CONCURRENCY, async (id) => {
      const file = await statIfExists(join(this.notesDir, `${id}.json`));
      if (!file) return;
      present.add(id);
      const known = this.entries.get(id);
      if (known && known.mtimeNs === file.mtimeNs && known.size === file.size) return;
      const note = await this.readNote(id);
      if (note) this.entries.set(id, entryOf(note, file.mtimeNs, file.size));
      else present.delete(id);
    });
    for (const id of [...this.entries.keys()]) if (!present.has(id)) this.entries.delete(id);
  }
}

function entryOf(note: Note, mtimeNs: bigint, size: bigint): Entry {
  const { summary, text } = summarize(note);
  return {
    summary,
    haystack: normalizeForSearch(`${summary.title}\n${text}`),
    updatedMs: Date.parse(summary.updatedAt),
    mtimeNs,
    size,
  };
}

async function statIfExists(path: string): Promise<{ mtimeNs: bigint; size: bigint } | null> {
  try {
    const info = await stat(path, { bigint: true });
    return { mtimeNs: info.mtimeNs, size: info.size };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Runs `fn` over `items` with at most `limit` at a time (thousands of parallel reads would exhaust file handles). */
async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await fn(item as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
