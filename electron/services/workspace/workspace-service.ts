import { randomUUID } from 'node:crypto';
import { access, constants, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, type CallOutput, type StoreProblem } from '../../../core/index';
import { removeStaleTempFiles } from '../store/atomic-write';
import { WORKSPACE_FILE, type WorkspaceFile } from '../store/file-kinds';
import type { JsonStore } from '../store/json-store';
import type { ProblemLog } from '../store/problem-log';
import { LAYOUT, WORKSPACE_DIRS } from './workspace-layout';

/**
 * Makes sure `dir` is a usable workspace folder: creates it (and its sub-folders) when missing and
 * checks that it can be read and written. Throws AppError('io') naming the folder and what to do.
 */
export async function ensureWorkspaceFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    for (const sub of WORKSPACE_DIRS) await mkdir(join(dir, sub), { recursive: true });
    await access(dir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new AppError(
      'io',
      `Cannot use the workspace folder ${dir} (${code}): it must be a folder you can read and write. Fix its permissions or choose another folder with --workspace DIR or $BRIEFING_DESK_WORKSPACE.`,
    );
  }
}

/** Facts about the open workspace: `workspace:info` and `workspace:problems`. */
export class WorkspaceService {
  constructor(
    private readonly store: JsonStore,
    private readonly problemLog: ProblemLog,
    private readonly deps: { appVersion: string; now: () => Date; countNotes: () => Promise<number> },
  ) {}

  /** Reads workspace.json, creating it on first open (running migrations on older ones), and tidies up after crashed writers. */
  async open(): Promise<WorkspaceFile> {
    for (const dir of ['.', ...WORKSPACE_DIRS]) await removeStaleTempFiles(this.store.abs(dir));
    const file = await this.store.update<WorkspaceFile>(LAYOUT.workspaceFile, WORKSPACE_FILE, (current) =>
      current ?? { schemaVersion: 1, id: randomUUID(), createdAt: this.deps.now().toISOString() },
    );
    if (!file) throw new AppError('internal', `${LAYOUT.workspaceFile} could not be created.`);
    return file;
  }

  /** `workspace:info`. */
  async info(): Promise<CallOutput<'workspace:info'>> {
    return { path: this.store.root, noteCount: await this.deps.countNotes(), appVersion: this.deps.appVersion };
  }

  /**
   * `workspace:problems`: this process's problems and those other processes logged since the app
   * last showed the list (asked by the app only; the CLI prints its own as they happen).
   */
  async problems(): Promise<StoreProblem[]> {
    await this.problemLog.takeUnseen();
    return this.problemLog.all();
  }
}
