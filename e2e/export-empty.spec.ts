import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect, test, type AppServer } from './fixtures';
import { createNote, editorBody, loadSample, openEvent, waitSaved } from './helpers';

/**
 * Exports leave out what was never filled: a negotiation brief with only its Background written
 * previews and exports without the template's other headings, unless "Keep empty sections" is ticked.
 */
const TITLE = 'London talks brief';
const WRITTEN = 'He Lifeng leads the Chinese delegation; talks resume at Lancaster House.';
const EMPTY = ['BLUF', 'Objectives', 'Their likely asks', 'Our response', 'Talking points'];

async function markdownDownload(page: Page, start: () => Promise<void>): Promise<string> {
  const [download] = (await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), start()])) as [Download, void];
  expect(download.suggestedFilename()).toMatch(/ London talks brief\.md$/);
  return readFile(await download.path(), 'utf8');
}

test('the export leaves out empty sections unless the analyst keeps them', async ({ page }, testInfo) => {
  // A whole journey with two downloads; 30 s is tight on a loaded machine.
  test.setTimeout(90_000);
  await createNote(page, 'negotiation-brief', TITLE);
  // Fill one section: the first guidance paragraph under "Background".
  await editorBody(page).locator('xpath=//h2[normalize-space()="Background"]/following-sibling::p[1]').click();
  await page.keyboard.insertText(WRITTEN);
  await expect(editorBody(page)).toContainText(WRITTEN);
  await waitSaved(page);

  // The Sourcing panel lists the empty sections as information.
  await page.getByTestId('sourcing-tab').click();
  const info = page.getByTestId('sourcing-panel').locator('[data-testid="sourcing-item"][data-kind="empty-section"]');
  await expect(info.filter({ hasText: '“Talking points” has nothing in it yet; it will be left out of the export.' })).toHaveCount(1);
  await expect(info.filter({ hasText: '“Background”' })).toHaveCount(0);
  await page.getByTestId('sourcing-panel').screenshot({ path: testInfo.outputPath('sourcing-empty-sections.png') });

  // No blocking finding: the dialog opens on its choices, the hint names what is left out.
  await page.getByTestId('export-button').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('export-issues-dialog')).toHaveCount(0);
  const keep = dialog.getByTestId('export-keep-empty').locator('input');
  await expect(keep).not.toBeChecked();
  await expect(dialog.getByTestId('export-keep-empty-hint')).toContainText('“BLUF”, “Objectives”, “Their likely asks”, “Our response” and 2 more have nothing in them yet');

  const preview = page.frameLocator('[data-testid="export-preview"]');
  await expect(preview.locator('body')).toContainText(WRITTEN);
  await expect(preview.locator('h1, h2, h3, h4').filter({ hasText: 'Background' })).toHaveCount(1);
  for (const heading of EMPTY) await expect(preview.locator('body')).not.toContainText(heading);
  await page.screenshot({ path: testInfo.outputPath('export-empty-left-out.png') });

  // Ticked: the preview shows every heading of the template.
  await dialog.getByTestId('export-keep-empty').click();
  await expect(keep).toBeChecked();
  await expect(dialog.getByTestId('export-keep-empty-hint')).toHaveText('Every heading is exported, even with nothing under it yet.');
  await expect(preview.locator('h1, h2, h3, h4').filter({ hasText: 'Talking points' })).toHaveCount(1);
  for (const heading of EMPTY) await expect(preview.locator('body')).toContainText(heading);
  await page.screenshot({ path: testInfo.outputPath('export-empty-kept.png') });

  // Markdown with the box ticked keeps the headings.
  await dialog.locator('[data-testid="export-format"][data-format="md"]').click();
  const kept = await markdownDownload(page, () => dialog.getByTestId('export-start').click());
  for (const heading of EMPTY) expect(kept).toMatch(new RegExp(`^#+ ${heading}$`, 'm'));
  await expect(dialog).toHaveCount(0);

  // The next export starts unticked again: the Markdown holds only what was written.
  await page.getByTestId('export-button').click();
  await expect(dialog).toBeVisible();
  await expect(keep).not.toBeChecked();
  const pruned = await markdownDownload(page, () => dialog.getByTestId('export-start').click());
  expect(pruned).toContain(WRITTEN);
  expect(pruned).toMatch(/^#+ Background$/m);
  for (const heading of EMPTY) expect(pruned).not.toContain(heading);
});

test('"Before you export" names the empty sections as information under the problems', async ({ page, app }, testInfo) => {
  test.setTimeout(90_000);
  await loadSample(page);
  await createNote(page, 'negotiation-brief', TITLE);
  await editorBody(page).locator('xpath=//h2[normalize-space()="Background"]/following-sibling::p[1]').click();
  await openEvent(page, 'phone call', /5 Jun 2025/);
  await page.getByTestId('insert-sentence').click();
  const citation = editorBody(page).getByTestId('citation').first();
  await expect(citation).toHaveText(/^\[1/);
  await waitSaved(page);
  // Another client deletes the cited source: a blocking finding, so the dialog stops first.
  const ids = JSON.parse((await citation.getAttribute('data-source-ids')) ?? '[]') as string[];
  for (const id of ids) await api(page, app, 'sources:delete', { id, confirm: true });

  await page.getByTestId('export-button').click();
  const issues = page.getByTestId('export-issues-dialog');
  await expect(issues).toBeVisible();
  await expect(issues.locator('[data-testid="export-issue"][data-kind="broken-citation"]').first()).toBeVisible();
  // Information, not a problem: not among the listed findings, named in a line of its own.
  await expect(issues.locator('[data-testid="export-issue"][data-kind="empty-section"]')).toHaveCount(0);
  await expect(issues.getByTestId('export-issues-empty-sections')).toContainText('“BLUF”, “Objectives”, “Their likely asks”, “Our response” and 1 more have nothing in them yet');
  await page.screenshot({ path: testInfo.outputPath('export-issues-empty-sections.png') });
  await issues.getByTestId('export-anyway').click();
  await expect(page.getByTestId('export-dialog').getByTestId('export-keep-empty').locator('input')).not.toBeChecked();
});

/** A contract call straight to the server, as another client would make it. */
async function api(page: Page, app: AppServer, name: string, input: unknown): Promise<unknown> {
  const response = await page.request.post(`${app.origin}/api/${name}`, { headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' }, data: input });
  const body = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
  return body.value;
}
