import { expect, test } from './fixtures';
import { createNote, editorBody, loadSample, openEvent, waitSaved } from './helpers';

test('cited facts: insert events, live numbering, style switch, a deleted source and the Sourcing panel', async ({ page }) => {
  await loadSample(page);

  // Without an open note the insert buttons are disabled and say why.
  await openEvent(page, 'phone call', /5 Jun 2025/);
  await expect(page.getByTestId('insert-sentence')).toBeDisabled();
  await expect(page.getByTestId('insert-sentence')).toHaveAttribute('title', /Open a note/);

  await createNote(page, 'situation-brief', 'Trade talks brief');
  const body = editorBody(page);
  // The cursor goes into the BLUF paragraph (the first empty paragraph, right under its heading).
  await body.locator('p').first().click();

  // The 5 June 2025 call as a sentence: its citation is numbered first and its sources are listed.
  await expect(page.getByTestId('insert-sentence')).toBeEnabled();
  await page.getByTestId('insert-sentence').click();
  const call = body.locator('p', { hasText: '5 June 2025' });
  await expect(call).toHaveCount(1);
  const firstCitation = call.getByTestId('citation');
  await expect(firstCitation).toHaveText(/^\[1(\]|[–,])/);
  const entries = page.getByTestId('sources-entry');
  const callSources = await entries.count();
  expect(callSources).toBeGreaterThanOrEqual(1);
  await expect(entries.first()).toContainText(/Trump|Xi|call/i);
  // The fact carries its provenance mark.
  await expect(call.locator('[data-provenance-event]').first()).toBeVisible();

  // A second event, from another source: the next number.
  await openEvent(page, 'Lutnick Greer London', /6 Jun 2025/);
  await page.getByTestId('insert-sentence').click();
  const talks = body.locator('p', { hasText: /Bessent|Lutnick|London/ }).filter({ has: page.locator('[data-citation]') });
  await expect(talks).toHaveCount(1);
  await expect(talks.getByTestId('citation')).toHaveText(`[${callSources + 1}]`);
  await expect(entries).toHaveCount(callSources + 1);

  // Deleting the first sentence renumbers the remaining citation to [1].
  await call.click({ clickCount: 3, position: { x: 4, y: 6 } });
  await page.keyboard.press('Backspace');
  await expect(body.locator('p', { hasText: '5 June 2025' })).toHaveCount(0);
  await expect(talks.getByTestId('citation')).toHaveText('[1]');
  await expect(entries).toHaveCount(1);
  const numericEntry = (await entries.first().textContent()) ?? '';

  // APA: the Sources section switches to author-date entries, the citation to (Author, year).
  await page.getByTestId('citation-style').selectOption('apa');
  await expect.poll(async () => (await entries.first().textContent()) ?? '').not.toBe(numericEntry);
  await expect(entries.first()).toContainText('2025');
  await expect(talks.getByTestId('citation')).toHaveText(/\(.*2025.*\)/);
  await waitSaved(page);

  // Clicking the citation opens its source in the Sources tab; delete it there.
  await talks.getByTestId('citation').click();
  await expect(page.getByTestId('source-reader')).toBeVisible();
  await expect(page.getByTestId('reader-title')).toContainText('London');
  await page.getByTestId('delete-source').click();
  await expect(page.getByTestId('citing-notes')).toContainText('Trade talks brief');
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('delete-dialog')).toHaveCount(0);

  // The citation turns into a broken marker, and the Sourcing panel lists it.
  await expect(talks.getByTestId('citation-broken')).toBeVisible();
  await page.getByTestId('sourcing-tab').click();
  const panel = page.getByTestId('sourcing-panel');
  await expect(panel).toBeVisible();
  const broken = panel.locator('[data-testid="sourcing-item"][data-kind="broken-citation"]');
  await expect(broken).toHaveCount(1);
  await expect(broken).toContainText(/no longer in the library/);
  // Clicking the item puts the cursor at the citation.
  await broken.click();
  await expect(body).toBeFocused();
  await waitSaved(page);

  // Reload: the citation, its broken marker and the note's style are all kept.
  await page.reload();
  await page.getByTestId('note-row').filter({ hasText: 'Trade talks brief' }).first().click();
  await expect(editorBody(page)).toBeVisible();
  await expect(page.getByTestId('citation-style')).toHaveValue('apa');
  const kept = editorBody(page).locator('p', { hasText: /Bessent|Lutnick|London/ });
  await expect(kept.getByTestId('citation-broken')).toBeVisible();
  await expect(editorBody(page).locator('p', { hasText: '5 June 2025' })).toHaveCount(0);
  await page.getByTestId('sourcing-tab').click();
  await expect(page.locator('[data-testid="sourcing-item"][data-kind="broken-citation"]')).toHaveCount(1);
});

test('a source reader passage is quoted inline and as a block quote, and picked events become a chronology', async ({ page }) => {
  await loadSample(page);
  await createNote(page, 'blank', 'Quotes');
  const body = editorBody(page);
  await body.click();

  // Pick two events (checkbox and Ctrl+click) and insert them as a chronology, oldest first.
  await page.getByTestId('event-search').fill('London');
  const cards = page.getByTestId('event-card');
  await expect(cards.nth(1)).toBeVisible();
  await cards.nth(0).getByTestId('event-check').check();
  await cards.nth(1).click({ modifiers: ['Control'] });
  await expect(page.getByTestId('pick-bar')).toContainText('2 events picked');
  await page.getByTestId('insert-chronology').click();
  const items = body.locator('ul > li');
  await expect(items).toHaveCount(2);
  const dates = await items.allTextContents();
  // "9 June 2025 — …" or a range, "9–10 June 2025 — …": the first day counts.
  const parsed = dates.map((text) => {
    const match = /^(\d{1,2})(?:–\d{1,2})? (\w+) (\d{4})/.exec(text);
    return match ? Date.parse(`${match[1]} ${match[2]} ${match[3]}`) : Number.NaN;
  });
  expect(parsed.every((value) => Number.isFinite(value))).toBe(true);
  expect(parsed[0]!).toBeLessThanOrEqual(parsed[1]!);
  await expect(page.getByTestId('pick-bar')).toHaveCount(0);

  // Cite a source from the reader, then quote a selected passage both ways.
  await page.keyboard.press('Control+End');
  await page.getByTestId('sources-tab').click();
  await page.getByTestId('source-search').fill('rare earths London');
  await page.getByTestId('source-row').first().click();
  await expect(page.getByTestId('source-reader')).toBeVisible();
  await page.getByTestId('cite-source').click();
  const citations = body.getByTestId('citation');
  const before = await citations.count();
  expect(before).toBeGreaterThanOrEqual(3);

  const paragraph = page.getByTestId('reader-text').locator('p').first();
  await paragraph.selectText();
  await paragraph.dispatchEvent('mouseup');
  await expect(page.getByTestId('selected-passage')).toBeVisible();
  const quote = ((await paragraph.textContent()) ?? '').trim().slice(0, 30);
  await page.getByTestId('quote-inline').click();
  await expect(body).toContainText(`“${quote}`);
  await page.getByTestId('quote-block').click();
  await expect(body.locator('blockquote')).toContainText(quote);
  await expect(body.locator('blockquote').getByTestId('citation')).toHaveCount(1);
  await expect(citations).toHaveCount(before + 2);
});
