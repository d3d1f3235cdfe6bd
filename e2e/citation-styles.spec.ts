import { expect, test } from './fixtures';
import { createNote, editorBody, loadSample, openEvent, waitSaved } from './helpers';

test('Chicago notes: superscript note numbers in document order, the note on hover, the bibliography as Sources', async ({ page }) => {
  await loadSample(page);
  await createNote(page, 'situation-brief', 'Notes style brief');
  const body = editorBody(page);
  await body.locator('p').first().click();

  await openEvent(page, 'phone call', /5 Jun 2025/);
  await page.getByTestId('insert-sentence').click();
  await openEvent(page, 'Lutnick Greer London', /6 Jun 2025/);
  await page.getByTestId('insert-sentence').click();
  const citations = body.locator('[data-citation]');
  await expect(citations).toHaveCount(2);
  await expect(citations.first()).toHaveText(/^\[1/);

  await page.getByTestId('citation-style').selectOption('chicago');
  // Each citation is one note, numbered in document order, set superscript.
  await expect(citations).toHaveText(['1', '2']);
  await expect(citations.first()).toHaveClass(/is-note/);
  const align = await citations.first().evaluate((node) => getComputedStyle(node).verticalAlign);
  expect(align).toBe('super');
  // Hovering shows the note as the style writes it.
  await citations.first().hover();
  const note = page.getByTestId('citation-card-note');
  await expect(note).toBeVisible();
  await expect(note).toHaveText(/^1\. .*“.+”/);
  await page.screenshot({ path: test.info().outputPath('chicago-notes.png') });
  // The Sources section is the bibliography: no numbers in front of the entries.
  const entries = page.getByTestId('sources-entry');
  await expect(entries.first()).not.toHaveText(/^\d+\./);
  await waitSaved(page);

  // Back to APA: author-date labels; the text and the list agree on each source's year.
  await page.getByTestId('citation-style').selectOption('apa');
  await expect(citations.first()).toHaveText(/^\(.+, 2025[a-z]?\)$/);
  await expect(citations.first()).not.toHaveClass(/is-note/);
});
