import type { StoreProblem } from '../../../core/index';

const MAX_PROBLEMS = 200;

/**
 * Problems the store met since the workspace was opened, newest last, for `workspace:problems`.
 * Kept in memory: a problem found by another process (the CLI) was already repaired there, and the
 * damaged file stays on disk as NAME.corrupt-*.json for anyone who looks.
 */
export class ProblemLog {
  private readonly problems: StoreProblem[] = [];

  /** Records a problem once (the same file and message are not repeated). */
  add(problem: StoreProblem): void {
    if (this.problems.some((known) => known.file === problem.file && known.message === problem.message)) return;
    this.problems.push(problem);
    if (this.problems.length > MAX_PROBLEMS) this.problems.shift();
  }

  /** A copy of every problem recorded. */
  all(): StoreProblem[] {
    return [...this.problems];
  }
}
