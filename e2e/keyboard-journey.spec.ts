import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { editorBody, expectVisibleFocus, focusState, resultCount } from './helpers';

const TITLE = 'London talks: rare earth licences';

/**
 * Presses Tab (or Shift+Tab) until `selector` has the focus, checking on the way that every stop
 * shows the focus indicator; fails after `max` presses.
 */
async function tabTo(page: Page, selector: string, options: { back?: boolean; max?: number } = {}): Promise<void> {
  for (let press = 0; press <= (options.max ?? 20); press++) {
    if ((await page.locator(`${selector}:focus`).count()) > 0) return expectVisibleFocus(page);
    if (press > 0) {
      const state = await focusState(page);
      expect(state.visible, `${state.element}, on the way to ${selector}, shows no focus (${state.indicator})`).toBe(true);
    }
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${options.back ? 'Shift+Tab' : 'Tab'} never reached ${selector}; the focus is on ${(await focusState(page)).element}`);
}

test('create a note from a template, find an event, cite it and export a PDF with the keyboard only', async ({ page, app }) => {
  test.setTimeout(120_000);
  // Set-up, not part of the journey: the sample library, loaded the way the README's CLI does it.
  const sample = await app.cli('sample');
  expect(sample.code, sample.stderr).toBe(0);
  await page.reload();
  await expect(page.getByTestId('new-note-button')).toBeVisible();

  // 1. A new note from the negotiation brief: Alt+N, a title, the template cards (one Tab stop,
  //    arrows choose), Enter creates it and puts the cursor where writing starts.
  await page.keyboard.press('Alt+N');
  const dialog = page.getByTestId('new-note-dialog');
  await expect(dialog).toBeVisible();
  await expectVisibleFocus(page, '[data-testid="new-note-title"]');
  await page.keyboard.type(TITLE);
  await tabTo(page, '[data-testid="template-option"]');
  const negotiation = dialog.locator('[data-template-id="negotiation-brief"]');
  for (let press = 0; press < 10 && (await negotiation.getAttribute('aria-checked')) !== 'true'; press++) await page.keyboard.press('ArrowRight');
  await expect(negotiation).toHaveAttribute('aria-checked', 'true');
  await expectVisibleFocus(page, '[data-template-id="negotiation-brief"]');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('note-title-input')).toHaveValue(TITLE);
  await expect(editorBody(page)).toBeFocused();
  await expectVisibleFocus(page, '[data-testid="note-editor"]');
  const citations = editorBody(page).getByTestId('citation');
  await expect(citations).toHaveCount(0);

  // 2. Find the event: Ctrl+Shift+K puts the cursor in the research search; ↓ goes to the results,
  //    Enter opens the selected one.
  await page.keyboard.press('Control+Shift+K');
  await expectVisibleFocus(page, '[data-testid="event-search"]');
  const all = await resultCount(page.getByTestId('result-count'));
  await page.keyboard.type('rare earth');
  // Results arrive as the query is typed (and debounced): wait for those of the whole query.
  await expect
    .poll(async () => {
      const count = await resultCount(page.getByTestId('result-count'));
      return count > 0 && count < all;
    }, { timeout: 10_000 })
    .toBe(true);
  await page.keyboard.press('ArrowDown');
  await expectVisibleFocus(page, '[data-testid="event-list"]');
  await expect(page.getByTestId('event-card').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('event-detail');
  await expect(detail.locator('.bd-detail__summary')).toContainText(/\w/);
  await expectVisibleFocus(page, '[data-testid="event-detail"]');

  // 3. Insert it as a cited sentence: Tab to the button, Enter. The sentence lands where the cursor was.
  await tabTo(page, '[data-testid="insert-sentence"]');
  await page.keyboard.press('Enter');
  await expect(citations).toHaveCount(1);
  await expect(citations.first()).toHaveText(/1/);
  await expect(editorBody(page)).toContainText(/2025/);
  // The cursor is back in the text, after the sentence, ready to write on.
  await expect(editorBody(page)).toBeFocused();
  await expectVisibleFocus(page);

  // 4. Export a PDF: Ctrl+P; past the sourcing check if it has findings; the format radios by
  //    Shift+Tab and arrows; Enter exports.
  await page.keyboard.press('Control+p');
  const exportDialog = page.getByTestId('export-dialog');
  const anyway = page.getByTestId('export-anyway');
  await expect(exportDialog.or(anyway)).toBeVisible();
  if (await anyway.isVisible()) {
    await expectVisibleFocus(page, '[data-testid="export-go-back"]');
    await tabTo(page, '[data-testid="export-anyway"]');
    await page.keyboard.press('Enter');
  }
  const start = exportDialog.getByTestId('export-start');
  await expect(start).toBeEnabled({ timeout: 15_000 });
  await expect(start).toBeFocused();
  await expectVisibleFocus(page);
  await tabTo(page, 'input[name="export-format"]', { back: true });
  const pdf = exportDialog.locator('[data-testid="export-format"][data-format="pdf"] input');
  for (let press = 0; press < 4 && !(await pdf.isChecked()); press++) await page.keyboard.press('ArrowUp');
  await expect(pdf).toBeChecked();
  await expect(pdf).toBeFocused();
  await expectVisibleFocus(page);
  await expect(start).toHaveText('Export PDF');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/ London talks- rare earth licences\.pdf$|London talks.*\.pdf$/);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(exportDialog).toHaveCount(0);
});
