import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { type Download, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createNote, editorBody, loadSample, openEvent, readNoteByTitle, waitSaved } from './helpers';

const run = promisify(execFile);

/** An Admiralty grade as the Analyst style prints it after a source: "[B2]". */
const GRADE = /\[[A-F][1-6]\]/;

async function download(page: Page, start: () => Promise<void>): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), start()]);
  return file;
}

/** Exports the open note in `format` through the dialog and returns the downloaded file's path. */
async function exportAs(page: Page, format: 'pdf' | 'md' | 'html', screenshot?: string): Promise<string> {
  await page.getByTestId('export-button').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await dialog.locator(`[data-testid="export-format"][data-format="${format}"]`).click();
  // The dialog names the style every format uses: the note's own.
  await expect(dialog.getByTestId('export-citation-style')).toHaveAttribute('data-style', 'analyst');
  await expect(dialog.getByTestId('export-citation-style')).toContainText('Analyst');
  await expect(dialog.getByTestId('export-start')).toBeEnabled();
  if (screenshot) await page.screenshot({ path: screenshot });
  const file = await download(page, () => dialog.getByTestId('export-start').click());
  await expect(dialog).toHaveCount(0);
  const path = await file.path();
  if (!path) throw new Error(`the ${format} download has no file`);
  return path;
}

test('the citation style survives edits of every other field, a reload, and goes out in every export', async ({ page, app }, testInfo) => {
  // Three downloads and a PDF print on a loaded machine.
  test.setTimeout(120_000);
  await createNote(page, 'negotiation-brief', 'London talks');
  const style = page.getByTestId('citation-style');
  await style.selectOption('analyst');
  await waitSaved(page);

  // A graded source cited in the BLUF, so the style is visible: the Sources entry ends with its grade.
  await loadSample(page);
  await editorBody(page).locator('p').first().click();
  await openEvent(page, 'Lutnick Greer London', /6 Jun 2025/);
  await page.getByTestId('insert-sentence').click();
  const entries = page.getByTestId('sources-entry');
  await expect(entries.first()).toContainText(GRADE);
  await waitSaved(page);

  // Every other field, one after the other, the way an analyst fills the header.
  const title = page.getByTestId('note-title-input');
  await title.fill('London talks: rare earths');
  await title.press('Tab');
  const author = page.getByTestId('author-input');
  await author.fill('J. Analyst');
  await author.press('Tab');
  await page.getByTestId('status-select').selectOption('in-review');
  await page.getByTestId('marking-select').selectOption('TLP:GREEN');
  // Typed as an analyst writes it; the field reads it as 2025-06-10.
  await page.getByTestId('date-input').fill('10 June 2025');
  const tags = page.getByTestId('tags-input');
  await tags.fill('trade, london');
  await tags.press('Enter');
  await waitSaved(page);
  await expect(style).toHaveValue('analyst');
  await expect(entries.first()).toContainText(GRADE);

  const stored = (await readNoteByTitle(app.workspaceDir, 'London talks: rare earths')).json as { note: { meta: Record<string, unknown> } };
  expect(stored.note.meta).toEqual({
    title: 'London talks: rare earths',
    author: 'J. Analyst',
    date: '2025-06-10',
    status: 'in-review',
    marking: 'TLP:GREEN',
    // The template's own tag, then the two typed.
    tags: ['meeting', 'trade', 'london'],
    citationStyle: 'analyst',
  });

  // After a reload the header shows what was saved, the style first of all.
  await page.reload();
  await page.getByTestId('note-row').filter({ hasText: 'London talks: rare earths' }).click();
  await expect(editorBody(page)).toBeVisible();
  await expect(style).toHaveValue('analyst');
  await expect(style.locator('option:checked')).toHaveText(/^Analyst/);
  await expect(page.getByTestId('author-input')).toHaveValue('J. Analyst');
  await expect(page.getByTestId('status-select')).toHaveValue('in-review');
  await expect(page.getByTestId('marking-select')).toHaveValue('TLP:GREEN');
  // Shown unambiguously in the default display format, whatever the browser's locale.
  await expect(page.getByTestId('date-input')).toHaveValue('10 Jun 2025');
  await expect(page.getByTestId('date-input')).toHaveAttribute('data-iso', '2025-06-10');
  await expect(page.locator('.bd-tag')).toHaveText(['meeting', 'trade', 'london']);
  await expect(entries.first()).toContainText(GRADE);
  await page.screenshot({ path: testInfo.outputPath('note-header.png') });

  // Every export uses the Analyst style: the grades are there.
  const markdown = await readFile(await exportAs(page, 'md', testInfo.outputPath('export-dialog.png')), 'utf8');
  expect(markdown.replace(/\\([[\]])/g, '$1')).toMatch(GRADE);
  const html = await readFile(await exportAs(page, 'html'), 'utf8');
  expect(html).toMatch(GRADE);
  const pdf = await exportAs(page, 'pdf');
  const { stdout: pdfText } = await run('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
  expect(pdfText).toMatch(GRADE);
  expect(pdfText).toContain('London talks: rare earths');
});

test('dates in the app follow the "Show dates as" setting: 7 Dec 2026 by default, ISO on request', async ({ page }) => {
  await createNote(page, 'situation-brief', 'Dates');
  const noteDate = page.getByTestId('date-input');
  await expect(noteDate).toHaveValue(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
  await loadSample(page);
  await openEvent(page, 'Lutnick Greer London', /6 Jun 2025/);
  const card = page.getByTestId('event-card').filter({ hasText: /Lutnick|London/ }).first();
  await expect(card.locator('.bd-event-card__date')).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);

  await page.getByRole('button', { name: 'Settings' }).click();
  const format = page.getByTestId('settings-date-format');
  await expect(format).toHaveValue('day-month-year');
  // Each choice shows today's date in it; the default is never the ambiguous 12/07/2026 form.
  await expect(format.locator('option:checked')).not.toHaveText(/\d{1,2}\/\d{1,2}\/\d{4}/);
  await format.selectOption('iso');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-dialog')).toHaveCount(0);

  await expect(page.getByTestId('event-detail').locator('.bd-detail__date')).toHaveText('2025-06-06');
  await expect(card.locator('.bd-event-card__date')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await expect(noteDate).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);

  // The setting is kept: after a reload dates are still ISO.
  await page.reload();
  await page.getByTestId('events-tab').click();
  await expect(page.getByTestId('event-card').first().locator('.bd-event-card__date')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
});
