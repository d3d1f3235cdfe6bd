import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createNote, editorBody, expectVisibleFocus, focusState, loadSample } from './helpers';

/**
 * Runs axe-core on the page as it is and fails on any serious or critical violation, listing each
 * rule with the elements it found (moderate and minor findings are printed, not failed).
 */
async function expectNoSeriousViolations(page: Page, view: string, exclude?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  if (exclude) builder.exclude(exclude);
  const { violations } = await builder.analyze();
  const lines = violations.map((violation) => `${violation.impact ?? 'unknown'} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  if (lines.length) console.log(`axe on ${view}:\n  ${lines.join('\n  ')}`);
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`), `serious or critical axe violations on ${view}`).toEqual([]);
}

test('axe: the note library, the editor and settings', async ({ page }) => {
  test.setTimeout(120_000);
  await expect(page.getByTestId('new-note-button')).toBeVisible();
  await expectNoSeriousViolations(page, 'the empty note library');

  await createNote(page, 'negotiation-brief', 'US–China London talks');
  await expect(page.getByTestId('note-row')).toHaveCount(1);
  await expectNoSeriousViolations(page, 'the library and the editor with a negotiation brief');

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('settings-dialog')).toBeVisible();
  await expectNoSeriousViolations(page, 'settings');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings-dialog')).toHaveCount(0);

  // The trash: its rows hold Restore and Delete buttons.
  await page.getByTestId('note-menu-button').click();
  await page.getByTestId('menu-trash').click();
  await page.getByTestId('trash-toggle').click();
  await expect(page.getByTestId('restore-button')).toBeVisible();
  await expectNoSeriousViolations(page, 'the trash');
});

test('axe: the Events and Sources tabs with the sample library, and the source reader', async ({ page }) => {
  test.setTimeout(120_000);
  await createNote(page, 'negotiation-brief');
  await loadSample(page);
  await expect(page.getByTestId('event-card').first()).toBeVisible();
  await expectNoSeriousViolations(page, 'the Events tab');

  await page.getByTestId('sources-tab').click();
  await expect(page.getByTestId('source-row').first()).toBeVisible();
  await expectNoSeriousViolations(page, 'the Sources tab');

  await page.getByTestId('source-row').first().click();
  await expect(page.getByTestId('reader-text')).toBeVisible();
  await expectNoSeriousViolations(page, 'the source reader');
});

test('axe: the export dialog', async ({ page }) => {
  test.setTimeout(120_000);
  await createNote(page, 'situation-brief', 'Rare earths');
  await page.getByTestId('export-button').click();
  const anyway = page.getByTestId('export-anyway');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.or(anyway)).toBeVisible();
  if (await anyway.isVisible()) {
    await expectNoSeriousViolations(page, 'the export check');
    await anyway.click();
  }
  await expect(dialog.getByTestId('export-start')).toBeEnabled({ timeout: 15_000 });
  await expect(dialog.getByTestId('export-preview')).toBeVisible();
  // Not inside the preview: it is the exported document (no scripts may run in its sandbox, so axe
  // cannot either, and waits on it); the dialog's own controls are all checked.
  await expectNoSeriousViolations(page, 'the export dialog', 'iframe[data-testid="export-preview"]');
});

test('every stop of Tab through the window shows the focus indicator', async ({ page }) => {
  test.setTimeout(90_000);
  await createNote(page, 'negotiation-brief', 'Focus walk');
  await loadSample(page);
  // From the top of the window to the note body: the library, the note's top bar, the toolbar, the header.
  await page.getByRole('button', { name: 'Settings' }).focus();
  const seen: string[] = [(await focusState(page)).element];
  const missing: string[] = [];
  for (let step = 0; step < 80; step++) {
    await page.keyboard.press('Tab');
    const state = await focusState(page);
    seen.push(state.element);
    if (!state.visible) missing.push(`${state.element} (${state.indicator})`);
    if (await editorBody(page).evaluate((body) => body === document.activeElement)) break;
  }
  // The walk went through the controls the issue names.
  for (const name of ['new-note-button', 'export-button', 'trash-toggle', 'note-title-input', 'note-menu-button', 'sidebar-toggle']) {
    expect(seen.some((element) => element.includes(`data-testid="${name}"`)), `${name} was reached by Tab: ${seen.join(' → ')}`).toBe(true);
  }
  expect(seen.at(-1)).toContain('note-editor');
  // The research sidebar, from its resizer to the end of its controls.
  await page.getByTestId('sidebar-resize').focus();
  await expectVisibleFocus(page, '[data-testid="sidebar-resize"]');
  for (let step = 0; step < 15; step++) {
    await page.keyboard.press('Tab');
    if (!(await page.evaluate(() => document.activeElement?.closest('[data-testid="research-sidebar"]') !== null))) break;
    const state = await focusState(page);
    seen.push(state.element);
    if (!state.visible) missing.push(`${state.element} (${state.indicator})`);
  }
  expect(seen).toContain('div[data-testid="event-list"] "Events"');
  expect(missing, `focus stops without a visible indicator; walk: ${seen.join(' → ')}`).toEqual([]);
});

test('the sidebar resizer is a focusable separator the arrow keys move', async ({ page }) => {
  const sidebar = page.getByTestId('research-sidebar');
  const handle = page.getByTestId('sidebar-resize');
  await expect(handle).toHaveAttribute('role', 'separator');
  await expect(handle).toHaveAttribute('aria-orientation', 'vertical');
  const before = Number(await handle.getAttribute('aria-valuenow'));
  const width = (await sidebar.boundingBox())!.width;
  await handle.focus();
  await expectVisibleFocus(page, '[data-testid="sidebar-resize"]');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await sidebar.boundingBox())!.width).toBeGreaterThan(width + 40);
  await expect.poll(async () => Number(await handle.getAttribute('aria-valuenow'))).toBeGreaterThan(before + 40);
  await page.keyboard.press('Home');
  await expect(handle).toHaveAttribute('aria-valuenow', await handle.getAttribute('aria-valuemin') ?? '');
  await page.keyboard.press('ArrowRight');
  // Not narrower than the minimum.
  await expect(handle).toHaveAttribute('aria-valuenow', await handle.getAttribute('aria-valuemin') ?? '');
});

test('the sidebar tabs are one Tab stop; the arrow keys change the tab', async ({ page }) => {
  const events = page.getByTestId('events-tab');
  const sources = page.getByTestId('sources-tab');
  await expect(events).toHaveAttribute('aria-selected', 'true');
  await expect(sources).toHaveAttribute('tabindex', '-1');
  await events.focus();
  await page.keyboard.press('ArrowRight');
  await expect(sources).toHaveAttribute('aria-selected', 'true');
  await expectVisibleFocus(page, '[data-testid="sources-tab"]');
  await expect(page.getByTestId('source-search')).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByTestId('history-tab')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(events).toHaveAttribute('aria-selected', 'true');
  await expectVisibleFocus(page, '[data-testid="events-tab"]');
  // Tab goes on into the panel, not to the next tab.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('sidebar-collapse')).toBeFocused();
});
