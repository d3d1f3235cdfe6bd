import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreProblem } from '../../../core/index';
import { makeTempDir, removeDir } from '../testing/fixtures';
import { PROBLEM_LOG_FILES, ProblemLog } from './problem-log';

function problem(file: string, message = `${file} was damaged`): StoreProblem {
  return { file, noteId: null, title: null, quarantinedAs: `${file}.corrupt`, restoredFromBackup: false, at: '2026-12-07T10:00:00.000Z', message };
}

describe('ProblemLog', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('appends each new problem to the workspace log, once, and tells the listener', async () => {
    const told: string[] = [];
    const log = new ProblemLog({ dir, processName: 'cli', onProblem: (p) => told.push(p.file) });
    log.add(problem('settings.json'));
    log.add(problem('settings.json'));
    log.add(problem('library/manifest.json'));
    expect(told).toEqual(['settings.json', 'library/manifest.json']);
    const lines = (await readFile(join(dir, PROBLEM_LOG_FILES.current), 'utf8')).trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { by: string; problem: StoreProblem }).problem.file)).toEqual(['settings.json', 'library/manifest.json']);
  });

  it('gives the app what other processes logged since it last looked, skipping a torn line', async () => {
    new ProblemLog({ dir, processName: 'cli' }).add(problem('notes/n-1.json'));
    await appendFile(join(dir, PROBLEM_LOG_FILES.current), '{"id":"torn","by":"cli","probl');
    const app = new ProblemLog({ dir });
    await app.takeUnseen();
    expect(app.all().map((p) => p.file)).toEqual(['notes/n-1.json']);

    new ProblemLog({ dir, processName: 'cli' }).add(problem('notes/n-2.json'));
    const next = new ProblemLog({ dir });
    await next.takeUnseen();
    expect(next.all().map((p) => p.file)).toEqual(['notes/n-2.json']);
  });

  it('rotates the log past its size and still knows what was seen', async () => {
    const writer = new ProblemLog({ dir, processName: 'cli' });
    writer.add(problem('first.json'));
    const app = new ProblemLog({ dir });
    await app.takeUnseen();
    // Fill the log past its cap: the next line starts a new file, the old one is kept as problems.1.jsonl.
    await appendFile(join(dir, PROBLEM_LOG_FILES.current), `${' '.repeat(300 * 1024)}\n`);
    writer.add(problem('second.json'));
    expect((await stat(join(dir, PROBLEM_LOG_FILES.previous))).size).toBeGreaterThan(300 * 1024);
    const later = new ProblemLog({ dir });
    await later.takeUnseen();
    expect(later.all().map((p) => p.file)).toEqual(['second.json']);
  });

  it('shows everything left when the last seen entry was rotated out', async () => {
    await writeFile(join(dir, PROBLEM_LOG_FILES.seen), '{"lastSeenId":"gone"}\n');
    new ProblemLog({ dir, processName: 'cli' }).add(problem('a.json'));
    const app = new ProblemLog({ dir });
    await app.takeUnseen();
    expect(app.all().map((p) => p.file)).toEqual(['a.json']);
  });
});
