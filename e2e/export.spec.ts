import { readFile } from 'node:fs/promises';
import { type Download, type Locator, type Page } from '@playwright/test';
import { expect, test, type AppServer } from './fixtures';
import { createNote, editorBody, loadSample, openEvent, waitSaved } from './helpers';

// Each test loads the sample library, cites, and exports twice (a PDF print among them) while the
// server's own printer warms up beside the test's browser: more than the default 30 s on two cores.
test.describe.configure({ timeout: 90_000 });

/** A situation brief with one cited fact (the 5 June 2025 call) in its first paragraph. */
async function briefWithFact(page: Page, title: string): Promise<Locator> {
  await loadSample(page);
  await createNote(page, 'situation-brief', title);
  await editorBody(page).locator('p').first().click();
  await openEvent(page, 'phone call', /5 Jun 2025/);
  await page.getByTestId('insert-sentence').click();
  const fact = editorBody(page).locator('p', { hasText: '5 June 2025' });
  await expect(fact.getByTestId('citation')).toHaveText(/^\[1/);
  await waitSaved(page);
  return fact;
}

/** Clicks Export (or presses a key) and returns the download it starts. */
async function downloadFrom(page: Page, start: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), start()]);
  return download;
}

async function downloadedText(download: Download): Promise<Buffer> {
  const file = await download.path();
  return readFile(file);
}

/** A contract call straight to the server, as another client would make it. */
async function api(page: Page, app: AppServer, name: string, input: unknown): Promise<unknown> {
  const response = await page.request.post(`${app.origin}/api/${name}`, { headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' }, data: input });
  const body = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
  return body.value;
}

const TITLE = 'Rare earths export brief';

test('export from the UI: preview, PDF download and Markdown with footnotes', async ({ page }, testInfo) => {
  await briefWithFact(page, TITLE);
  // The field shows the date in the display format; its ISO value is what file names use.
  const date = (await page.getByTestId('date-input').getAttribute('data-iso')) ?? '';
  expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  // Export… from the top bar: no blocking sourcing findings, so the dialog opens on its choices.
  await page.getByTestId('export-button').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('export-issues-dialog')).toHaveCount(0);
  await expect(dialog.locator('[data-testid="export-format"][data-format="pdf"] input')).toBeChecked();
  // Playwright's browser says en-US: US Letter by default.
  await expect(dialog.locator('[data-testid="export-paper"][data-paper="letter"] input')).toBeChecked();

  // The preview is the export HTML in a sandboxed frame without scripts: the title and the Sources entry.
  const frame = dialog.getByTestId('export-preview');
  await expect(frame).toHaveAttribute('sandbox', '');
  const preview = page.frameLocator('[data-testid="export-preview"]');
  await expect(preview.getByText(TITLE).first()).toBeVisible();
  await expect(preview.getByText(/^Sources$/).first()).toBeAttached();
  await expect(preview.locator('body')).toContainText('5 June 2025');
  await expect(dialog.getByTestId('export-file-name')).toHaveText(`${date} ${TITLE}.pdf`);
  await page.screenshot({ path: testInfo.outputPath('export-dialog.png') });

  // Paper: A4 re-renders the preview, and the choice is remembered for the next export.
  await dialog.locator('[data-testid="export-paper"][data-paper="a4"]').click();
  await expect(dialog.locator('[data-testid="export-paper"][data-paper="a4"] input')).toBeChecked();
  await expect(dialog.getByText(/^A4 · \d+%$/)).toBeVisible();
  await expect(preview.getByText(TITLE).first()).toBeVisible();

  // PDF: a download named from the date and the title, starting with %PDF.
  const pdf = await downloadFrom(page, () => dialog.getByTestId('export-start').click());
  expect(pdf.suggestedFilename()).toBe(`${date} ${TITLE}.pdf`);
  const pdfBytes = await downloadedText(pdf);
  expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('toast').filter({ hasText: `Exported ${date} ${TITLE}.pdf` })).toBeVisible();

  // Ctrl+P opens it again with the remembered paper; Markdown is chosen and Enter exports.
  await editorBody(page).click();
  await page.keyboard.press('Control+p');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('[data-testid="export-paper"][data-paper="a4"] input')).toBeChecked();
  await dialog.locator('[data-testid="export-format"][data-format="md"]').click();
  await expect(dialog.getByTestId('export-file-name')).toHaveText(`${date} ${TITLE}.md`);
  const markdown = await downloadFrom(page, () => page.keyboard.press('Enter'));
  expect(markdown.suggestedFilename()).toBe(`${date} ${TITLE}.md`);
  const text = (await downloadedText(markdown)).toString('utf8');
  expect(text).toMatch(/^---\n[\s\S]*title:.*Rare earths export brief/);
  const references = [...new Set([...text.matchAll(/\[\^(\d+)\](?!:)/g)].map((match) => match[1]))];
  expect(references.length).toBeGreaterThanOrEqual(1);
  for (const reference of references) expect(text).toContain(`[^${reference}]: `);

  // Escape closes the dialog without exporting.
  await page.keyboard.press('Control+p');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('a broken citation stops the export until the analyst looks or exports anyway', async ({ page, app }, testInfo) => {
  const fact = await briefWithFact(page, 'Brief with a deleted source');
  const ids = JSON.parse((await fact.getByTestId('citation').first().getAttribute('data-source-ids')) ?? '[]') as string[];
  expect(ids.length).toBeGreaterThanOrEqual(1);
  // Another client deletes the cited source: the UI has not heard of it, the check before export asks the library.
  for (const id of ids) await api(page, app, 'sources:delete', { id, confirm: true });

  await page.getByTestId('note-menu-button').click();
  await page.getByTestId('menu-export').click();
  const issues = page.getByTestId('export-issues-dialog');
  await expect(issues).toBeVisible();
  await expect(issues.locator('[data-testid="export-issue"][data-kind="broken-citation"]').first()).toContainText(/no longer in the library/);
  await expect(issues.getByTestId('export-go-back')).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('export-issues.png') });

  // Show: the dialog closes and the Sourcing panel lists the same problem, with the cursor at it.
  await issues.getByTestId('export-issue-show').first().click();
  await expect(issues).toHaveCount(0);
  await expect(page.getByTestId('sourcing-panel').locator('[data-testid="sourcing-item"][data-kind="broken-citation"]').first()).toBeVisible();
  await expect(editorBody(page)).toBeFocused();

  // Again, and Export anyway: the choices, then a standalone HTML file without scripts.
  await page.keyboard.press('Control+p');
  await expect(issues).toBeVisible();
  await issues.getByTestId('export-anyway').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await dialog.locator('[data-testid="export-format"][data-format="html"]').click();
  const html = await downloadFrom(page, () => dialog.getByTestId('export-start').click());
  expect(html.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2} Brief with a deleted source\.html$/);
  const text = (await downloadedText(html)).toString('utf8');
  expect(text).toContain('Brief with a deleted source');
  expect(text).not.toMatch(/<script/i);
});
