import { randomUUID } from 'node:crypto';
import { appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StoreProblemSchema, type StoreProblem } from '../../../core/index';
import { writeFileAtomic } from './atomic-write';

const MAX_PROBLEMS = 200;

/** The log is rotated once it passes this size (one older file is kept): it only ever holds rare repairs. */
const MAX_LOG_BYTES = 256 * 1024;

/** File names inside the log folder (WORKSPACE/logs/). */
export const PROBLEM_LOG_FILES = {
  current: 'problems.jsonl',
  previous: 'problems.1.jsonl',
  /** `{ "lastSeenId": … }`: the newest entry the app has shown. */
  seen: 'problems-seen.json',
} as const;

/** One line of problems.jsonl: the problem, an id to mark it seen by, and the process that met it. */
interface LoggedProblem {
  id: string;
  by: string;
  problem: StoreProblem;
}

/** Where the log lives and who is told about each new problem. */
export interface ProblemLogOptions {
  /** The folder of problems.jsonl (WORKSPACE/logs); absent keeps problems in memory only (tests). */
  dir?: string;
  /** Which process records (`app`, `cli`…), kept in each line for whoever reads the log. */
  processName?: string;
  /** Called once for each new problem (the CLI prints a `warning:` line). */
  onProblem?: (problem: StoreProblem) => void;
}

/**
 * Problems the store met (files moved aside, restored, rebuilt), for `workspace:problems`.
 * Each is kept in memory for this process and appended to WORKSPACE/logs/problems.jsonl, so a
 * problem another process met (the CLI quarantined a file, the library was rebuilt there) is
 * reported by the app at its next start. `problems-seen.json` remembers the newest entry the app
 * has shown, so each is shown once; the log itself stays for anyone who wants the whole history.
 */
export class ProblemLog {
  private readonly problems: StoreProblem[] = [];
  private readonly ids = new Set<string>();

  constructor(private readonly options: ProblemLogOptions = {}) {}

  /** Records a problem once (the same file and message are not repeated) and appends it to the workspace log. */
  add(problem: StoreProblem): void {
    if (this.problems.some((known) => known.file === problem.file && known.message === problem.message)) return;
    const id = randomUUID();
    this.remember(id, problem);
    this.append({ id, by: this.options.processName ?? 'app', problem });
    this.options.onProblem?.(problem);
  }

  /** Every problem recorded by this process and those read from the log by {@link takeUnseen}, oldest first. */
  all(): StoreProblem[] {
    return [...this.problems].sort((a, b) => a.at.localeCompare(b.at));
  }

  /**
   * Adds the problems in the workspace log that the app has not shown yet (another process's, or
   * this one's after its last report) and marks the whole log seen. Called when the app asks for
   * the problems it is about to show (`workspace:problems`), never by the CLI.
   */
  async takeUnseen(): Promise<void> {
    const dir = this.options.dir;
    if (!dir) return;
    const entries = [...readEntries(join(dir, PROBLEM_LOG_FILES.previous)), ...readEntries(join(dir, PROBLEM_LOG_FILES.current))];
    const last = entries.at(-1);
    if (!last) return;
    const lastSeenId = readLastSeenId(join(dir, PROBLEM_LOG_FILES.seen));
    const seenAt = lastSeenId === null ? -1 : entries.findIndex((entry) => entry.id === lastSeenId);
    // An id no longer in the log was rotated out: everything left is newer than it.
    for (const entry of entries.slice(seenAt + 1)) this.remember(entry.id, entry.problem);
    if (last.id === lastSeenId) return;
    try {
      await writeFileAtomic(join(dir, PROBLEM_LOG_FILES.seen), `${JSON.stringify({ lastSeenId: last.id })}\n`);
    } catch {
      // Not marking them seen only means they are shown again next time.
    }
  }

  private remember(id: string, problem: StoreProblem): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    this.problems.push(problem);
    if (this.problems.length > MAX_PROBLEMS) this.problems.shift();
  }

  /**
   * Appends one line. Synchronous and small, so lines of concurrent processes do not interleave
   * (O_APPEND) and the line is there before the process goes on (or exits).
   */
  private append(entry: LoggedProblem): void {
    const dir = this.options.dir;
    if (!dir) return;
    try {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, PROBLEM_LOG_FILES.current);
      const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
      if (size > MAX_LOG_BYTES) renameSync(file, join(dir, PROBLEM_LOG_FILES.previous));
      // A line torn by a crash gets its end here, so it does not swallow this one.
      const torn = size > 0 && size <= MAX_LOG_BYTES && lastByteOf(file) !== 0x0a;
      appendFileSync(file, `${torn ? '\n' : ''}${JSON.stringify(entry)}\n`, 'utf8');
    } catch {
      // The log is a report: failing to write it must not turn a repaired file into a failed call.
    }
  }
}

/** The entries of one log file; lines that do not parse (a torn last line) are skipped. */
function readEntries(file: string): LoggedProblem[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const entries: LoggedProblem[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const raw = JSON.parse(line) as Partial<LoggedProblem>;
      const problem = StoreProblemSchema.safeParse(raw.problem);
      if (typeof raw.id === 'string' && problem.success) entries.push({ id: raw.id, by: typeof raw.by === 'string' ? raw.by : 'unknown', problem: problem.data });
    } catch {
      // skipped
    }
  }
  return entries;
}

function lastByteOf(file: string): number | null {
  const fd = openSync(file, 'r');
  try {
    const byte = Buffer.alloc(1);
    const size = fstatSync(fd).size;
    return size > 0 && readSync(fd, byte, 0, 1, size - 1) === 1 ? byte[0]! : null;
  } finally {
    closeSync(fd);
  }
}

function readLastSeenId(file: string): string | null {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { lastSeenId?: unknown };
    return typeof raw.lastSeenId === 'string' ? raw.lastSeenId : null;
  } catch {
    return null;
  }
}
