import { readFile, readdir, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { loadSample, resultCount } from './helpers';

/** The count the Events tab shows once the library has loaded. */
async function eventsShown(page: Page): Promise<number> {
  await page.getByTestId('events-tab').click();
  const result = page.getByTestId('result-count');
  await expect.poll(() => resultCount(result), { timeout: 15_000 }).toBeGreaterThan(0);
  return resultCount(result);
}

test('a damaged library manifest is rebuilt, the CLI warns, and the app reports it at its next start, once', async ({ page, app }) => {
  // Four server starts, a sample import and a CLI run, on a machine shared with other test runs.
  test.setTimeout(90_000);
  const all = await loadSample(page);
  const manifest = path.join(app.workspaceDir, 'library', 'manifest.json');
  await app.kill('SIGTERM');

  // The CLI meets the damage first: it repairs, says so on stderr, and succeeds.
  await truncate(manifest, 25);
  const cli = await app.cli('events', '--limit', '1');
  expect(cli.code).toBe(0);
  expect(cli.stdout.trim().split('\n')).toHaveLength(1);
  expect(cli.stderr).toMatch(/^warning: The library manifest library\/manifest\.json could not be read: .*rebuilt from \d+ data files/m);

  // The app, started afterwards, reports what the CLI did and shows every event.
  await page.goto(await app.restart());
  const banner = page.getByTestId('problems-banner');
  await expect(banner).toContainText('The library manifest library/manifest.json could not be read');
  await expect(banner).toContainText(/rebuilt from \d+ data files/);
  expect(await eventsShown(page)).toBe(all);
  // Dismissed, it stays in Settings for the session.
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);
  await page.getByRole('button', { name: 'Settings' }).click();
  const listed = page.getByTestId('settings-problems');
  await listed.locator('summary').click();
  await expect(listed).toContainText(/rebuilt from \d+ data files/);
  await page.keyboard.press('Escape');

  // Shown once: the next start is quiet. The log keeps the history.
  await page.goto(await app.restart());
  expect(await eventsShown(page)).toBe(all);
  await expect(banner).toHaveCount(0);
  const log = await readFile(path.join(app.workspaceDir, 'logs', 'problems.jsonl'), 'utf8');
  expect(log.trim().split('\n')).toHaveLength(1);

  // Damaged while the app is stopped, repaired by the app itself.
  await app.kill('SIGTERM');
  await writeFile(manifest, '{"schemaVersion":1,"generation":');
  await page.goto(await app.restart());
  await expect(banner).toContainText(/The library manifest library\/manifest\.json could not be read.*(rebuilt|restored)/);
  expect(await eventsShown(page)).toBe(all);
  const aside = (await readdir(path.join(app.workspaceDir, 'library'))).filter((name) => name.startsWith('manifest.corrupt-'));
  expect(aside).toHaveLength(2);
  await page.screenshot({ path: test.info().outputPath('library-recovered.png') });
});
