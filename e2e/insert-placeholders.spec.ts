import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createNote, editorBody, loadSample, openEvent, waitSaved } from './helpers';

// Each test loads the sample library and exports: more than the default 30 s on a loaded machine.
test.describe.configure({ timeout: 90_000 });

/** A template placeholder paragraph, by the start of its guidance. */
const guidance = (page: Page, start: string) => editorBody(page).locator(`p[data-guidance^="${start}"]`);

/**
 * The card of one event: opened first (openEvent checks the detail, so the results have settled),
 * then back to the list, where its "+•" button is.
 */
async function eventCard(page: Page, query: string, date: RegExp, text: string) {
  await openEvent(page, query, date);
  await page.getByTestId('detail-back').click();
  const card = page.getByTestId('event-card').filter({ hasText: text }).filter({ hasText: date }).first();
  await expect(card).toBeVisible();
  return card;
}

/** Exports the open note as Markdown and returns the file's text. */
async function exportMarkdown(page: Page): Promise<string> {
  await page.getByTestId('export-button').click();
  const dialog = page.getByTestId('export-dialog');
  const issues = page.getByTestId('export-issues-dialog');
  await expect(dialog.or(issues)).toBeVisible();
  // Sourcing findings (e.g. sections still empty) are not what this test is about.
  if (await issues.isVisible()) await issues.getByTestId('export-anyway').click();
  await expect(dialog).toBeVisible();
  await dialog.locator('[data-testid="export-format"][data-format="md"]').click();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), dialog.getByTestId('export-start').click()]);
  return readFile(await download.path(), 'utf8');
}

/** The lines of a Markdown section, from its heading to the next heading. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => new RegExp(`^#+ ${heading}$`).test(line));
  expect(start, `heading "${heading}" in the Markdown`).toBeGreaterThanOrEqual(0);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line.startsWith('#'));
  return (end === -1 ? rest : rest.slice(0, end)).filter((line) => line.trim() !== '');
}

test('an event inserted as a bullet in the empty "Supporting point…" bullet becomes that bullet', async ({ page }, testInfo) => {
  await loadSample(page);
  await createNote(page, 'negotiation-brief', 'London talks brief');

  // The analyst writes the opening message and the defensive line, then puts the cursor in the empty supporting point.
  await guidance(page, 'Opening message').click();
  await page.keyboard.type('Hold the line on export controls.');
  await guidance(page, 'Defensive line').click();
  await page.keyboard.type('We do not comment on licensing cases.');
  await guidance(page, 'Supporting point').click();

  const card = await eventCard(page, 'Lancaster House', /9(–10)? Jun 2025/, 'Lancaster House');
  await card.getByTestId('card-insert-bullet').click();

  // The Talking points list: three bullets, the middle one the fact with its citation; none empty, none nested.
  const body = editorBody(page);
  const list = body.locator('ul').filter({ hasText: 'Hold the line on export controls.' });
  const items = list.locator(':scope > li');
  await expect(items).toHaveCount(3);
  await expect(items.nth(1)).toContainText(/9(–10)? June 2025/);
  await expect(items.nth(1).getByTestId('citation')).toHaveCount(1);
  await expect(list.locator('li ul, li ol')).toHaveCount(0);
  await expect(guidance(page, 'Supporting point')).toHaveCount(0);
  for (const item of await items.all()) await expect(item).not.toHaveText('');
  await page.screenshot({ path: testInfo.outputPath('supporting-point.png') });

  // One undo brings the placeholder back; redo puts the fact in again.
  await page.keyboard.press('Control+z');
  await expect(guidance(page, 'Supporting point')).toHaveCount(1);
  await expect(list.getByTestId('citation')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(items.nth(1).getByTestId('citation')).toHaveCount(1);
  await waitSaved(page);

  // Markdown: the section is three top-level bullets with text, no empty "- " and no nested bullet.
  const markdown = await exportMarkdown(page);
  const talkingPoints = section(markdown, 'Talking points');
  expect(talkingPoints).toHaveLength(3);
  for (const line of talkingPoints) expect(line).toMatch(/^- \S/);
  expect(talkingPoints[1]).toMatch(/^- .*9(–10)? June 2025.*\[\^\d+\]/);
  // No nested bullet anywhere in the body (the YAML front matter lists its tags indented).
  expect(markdown.slice(markdown.indexOf('\n# '))).not.toMatch(/^[ \t]+[-*] /m);
});

test('a chronology at an empty paragraph placeholder replaces it, and a dropped card fills an empty bullet', async ({ page }) => {
  await loadSample(page);
  await createNote(page, 'negotiation-brief', 'History brief');
  await guidance(page, 'The history that matters').click();

  await page.getByTestId('event-search').fill('London');
  const cards = page.getByTestId('event-card');
  await expect(cards.nth(1)).toBeVisible();
  await cards.nth(0).getByTestId('event-check').check();
  await cards.nth(1).getByTestId('event-check').check();
  await expect(page.getByTestId('pick-bar')).toContainText('2 events picked');
  await page.getByTestId('insert-chronology').click();

  // Background: the first placeholder, then the chronology where the second was, with nothing empty around it.
  const body = editorBody(page);
  await expect(guidance(page, 'The history that matters')).toHaveCount(0);
  const chronology = body.locator('p[data-guidance^="Who is in the room"] + ul');
  await expect(chronology.locator(':scope > li')).toHaveCount(2);
  await expect(chronology.getByTestId('citation')).toHaveCount(2);
  // The chronology is followed by the Sources heading, not by a left-over empty paragraph.
  await expect(body.locator('p[data-guidance^="Who is in the room"] + ul + h2')).toHaveText('Sources');

  // An event card dragged onto the empty "Likely ask" bullet becomes that bullet's text.
  const asks = body.locator('ul').filter({ has: page.locator('p[data-guidance^="Likely ask"]') });
  await expect(asks.locator(':scope > li')).toHaveCount(1);
  await cards.filter({ hasText: /London/ }).first().dragTo(guidance(page, 'Likely ask'));
  await expect(guidance(page, 'Likely ask')).toHaveCount(0);
  const asked = body.locator('h2:has-text("Their likely asks") ~ ul').first();
  await expect(asked.locator(':scope > li')).toHaveCount(1);
  await expect(asked.locator(':scope > li > p')).toHaveCount(1);
  await expect(asked.getByTestId('citation').first()).toBeVisible();
  await expect(asked.locator('li ul')).toHaveCount(0);

  const markdown = await exportMarkdown(page);
  const asksLines = section(markdown, 'Their likely asks');
  expect(asksLines).toHaveLength(1);
  expect(asksLines[0]).toMatch(/^- \S.*\[\^\d+\]/);
  const background = section(markdown, 'Background');
  expect(background).toHaveLength(2);
  for (const line of background) expect(line).toMatch(/^- \d{1,2}(–\d{1,2})? \w+ 2025 — /);
});

test('a source cited in an empty table cell becomes the cell’s text', async ({ page }) => {
  await loadSample(page);
  await createNote(page, 'negotiation-brief', 'Table brief');
  // An empty block shows its guidance through the "is-empty" class; filled, it keeps the attribute as typing does.
  const placeholder = editorBody(page).locator('td p.is-empty[data-guidance="The ask, in a few words."]');
  await expect(placeholder).toHaveCount(1);
  await guidance(page, 'The ask, in a few words.').click();

  await page.getByTestId('sources-tab').click();
  await page.getByTestId('source-search').fill('Rare Earths Dominate');
  await page.getByTestId('source-row').first().click();
  await expect(page.getByTestId('source-reader')).toBeVisible();
  await page.getByTestId('cite-source').click();

  const filled = editorBody(page).locator('td').filter({ has: page.getByTestId('citation') });
  await expect(filled).toHaveCount(1);
  await expect(filled.locator('p')).toHaveCount(1);
  await expect(placeholder).toHaveCount(0);
  // The cell stays in its row, the first of the body rows.
  await expect(editorBody(page).locator('tr').nth(1).locator('td').first().getByTestId('citation')).toHaveCount(1);
});
