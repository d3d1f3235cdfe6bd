import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createNote, editorBody, loadSample, waitSaved } from './helpers';

const TOP_BAR_CONTROLS = ['library-toggle', 'save-state', 'export-button', 'note-menu-button', 'sidebar-toggle'];

/** A negotiation brief, the sample library in the sidebar, and Ctrl+S: the widest save state ("Saved · revision kept"). */
async function briefWithRevision(page: Page): Promise<void> {
  await createNote(page, 'negotiation-brief', 'US–China London talks: rare earth export licences');
  await loadSample(page);
  await editorBody(page).click();
  await waitSaved(page);
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toHaveText('Saved · revision kept');
}

/** For each top-bar control: whether its centre is inside the window and the control itself is what is there. */
async function reachable(page: Page): Promise<Record<string, boolean>> {
  return page.evaluate((ids) => {
    const result: Record<string, boolean> = {};
    for (const id of ids) {
      const element = document.querySelector(`[data-testid="${id}"]`);
      if (!element) {
        result[id] = false;
        continue;
      }
      const box = element.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      const hit = document.elementFromPoint(x, y);
      result[id] = x > 0 && x < window.innerWidth && y > 0 && y < window.innerHeight && hit !== null && element.contains(hit);
    }
    return result;
  }, TOP_BAR_CONTROLS);
}

test('at 1024×700 every top-bar control stays visible and clickable after Ctrl+S', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1024, height: 700 });
  await briefWithRevision(page);
  await page.screenshot({ path: testInfo.outputPath('1024x700.png') });
  expect(await reachable(page)).toEqual(Object.fromEntries(TOP_BAR_CONTROLS.map((id) => [id, true])));
  // Nothing of the note pane runs under the sidebar.
  const pane = await page.locator('.bd-note-pane').boundingBox();
  const sidebar = await page.getByTestId('research-sidebar').boundingBox();
  expect(pane!.x + pane!.width).toBeLessThanOrEqual(sidebar!.x + 1);
  expect(await page.locator('.bd-note-topbar').evaluate((bar) => bar.scrollWidth <= bar.clientWidth)).toBe(true);
  // The sidebar tabs all fit beside the hide button.
  const tabs = await page.locator('.bd-tabs__list').evaluate((list) => ({ content: list.scrollWidth, shown: list.clientWidth }));
  expect(tabs.content).toBeLessThanOrEqual(tabs.shown);

  // Real clicks reach them: the note menu opens, the toggle hides the sidebar.
  await page.getByTestId('note-menu-button').click();
  await expect(page.getByTestId('menu-rename')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByTestId('sidebar-toggle').click();
  await expect(page.getByTestId('research-sidebar')).toHaveCount(0);
});

test('at 1920×1080 the text column, the header and the sidebar keep their measure', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await briefWithRevision(page);
  await page.screenshot({ path: testInfo.outputPath('1920x1080.png') });
  // A readable line: the text column does not stretch with the window, and sits in the pane's middle.
  const prose = (await editorBody(page).boundingBox())!;
  const pane = (await page.locator('.bd-note-pane').boundingBox())!;
  expect(prose.width).toBeLessThanOrEqual(760);
  expect(Math.abs(prose.x + prose.width / 2 - (pane.x + pane.width / 2))).toBeLessThan(20);
  // The sidebar keeps its own width (the default), the top bar one line, the toolbar one row.
  expect(Math.round((await page.getByTestId('research-sidebar').boundingBox())!.width)).toBe(440);
  expect((await page.locator('.bd-note-topbar').boundingBox())!.height).toBeLessThanOrEqual(45);
  expect((await page.locator('.bd-toolbar').boundingBox())!.height).toBeLessThan(50);
  // The header fields sit in rows of equal columns; the citation style's long names get two.
  const status = (await page.getByTestId('status-select').boundingBox())!;
  const style = (await page.getByTestId('citation-style').boundingBox())!;
  expect(style.width).toBeGreaterThan(status.width * 1.8);
  expect(await reachable(page)).toEqual(Object.fromEntries(TOP_BAR_CONTROLS.map((id) => [id, true])));
});
