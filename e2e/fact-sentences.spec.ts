import { expect, test } from './fixtures';
import { createNote, editorBody, loadSample, openEvent } from './helpers';

/** Issue 9 §5–6 in the real app: the inserted sentence is the event's summary after its date; extraction proposes the headline. */

test('a sample event inserts as its own summary led by its date, said once, before its citation', async ({ page }) => {
  // Loading the sample, making a note and searching take several round trips on a loaded machine.
  test.slow();
  await loadSample(page);
  await createNote(page, 'situation-brief', 'London talks');
  const body = editorBody(page);
  await body.locator('p').first().click();
  await openEvent(page, 'Lancaster House', /Jun 2025/);
  await page.getByTestId('insert-sentence').click();
  const sentence =
    'On 9–10 June 2025, Bessent, Lutnick and Greer met Vice Premier He Lifeng at Lancaster House in London, with rare earth shipments and US export controls at the centre; the first day ended with talks set to continue.';
  const fact = body.locator('p', { hasText: 'Lancaster House' });
  await expect(fact).toHaveCount(1);
  await expect(fact.locator('[data-provenance-event]').first()).toHaveText(sentence);
  await expect(fact.getByTestId('citation')).toHaveCount(1);
  // Nothing before the date, nothing said twice.
  const text = (await fact.textContent()) ?? '';
  expect(text.startsWith(sentence)).toBe(true);
  expect(text.split('Lancaster House')).toHaveLength(2);
});

test("extraction in the source reader proposes the headline's event with its own date", async ({ page }) => {
  test.slow();
  await loadSample(page);
  await page.getByTestId('sources-tab').click();
  await page.getByTestId('source-search').fill('trade talks on June 9');
  await page.getByTestId('source-row').filter({ hasText: 'US, China to hold trade talks on June 9 in London' }).first().click();
  await expect(page.getByTestId('reader-title')).toContainText('US, China to hold trade talks');
  await page.getByTestId('extract-events').click();
  const first = page.getByTestId('candidate').first();
  await expect(first.locator('blockquote')).toHaveText('US, China to hold trade talks on June 9 in London, Trump says');
  await expect(first.getByTestId('candidate-date')).toHaveValue('2025-06-09');
});
