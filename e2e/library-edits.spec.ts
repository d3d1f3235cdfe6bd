import { expect, test } from './fixtures';
import { createNote, editorBody, loadSample, openEvent } from './helpers';

const EDITED = 'My reading: Trump and Xi spoke by phone about trade and rare earths';

test('loading the sample again keeps the event the analyst edited, says so, and takes the sample\'s version only when asked', async ({ page }) => {
  // A long journey (a note, an edit, two sample loads) on a machine that may be busy.
  test.setTimeout(90_000);
  await loadSample(page);

  // A note cites the event as a sentence.
  await createNote(page, 'situation-brief', 'Edits brief');
  const body = editorBody(page);
  await body.locator('p').first().click();
  await openEvent(page, 'phone call', /2025/);
  const summary = page.getByTestId('event-detail').locator('.bd-detail__summary');
  const original = (await summary.textContent()) ?? '';
  expect(original).not.toBe('');
  await expect(page.getByTestId('insert-sentence')).toBeEnabled();
  await page.getByTestId('insert-sentence').click();
  await expect(body.locator('[data-provenance-event]').first()).toBeVisible();

  // The analyst edits the event in the sidebar; the fact citing it is flagged, and reviewed.
  await page.getByTestId('edit-event').click();
  await page.getByTestId('event-summary').fill(EDITED);
  await page.getByTestId('save-event').click();
  await expect(summary).toHaveText(EDITED);
  const stale = body.getByTestId('stale-fact');
  await expect(stale).toHaveCount(1);
  await stale.click();
  await page.getByTestId('stale-fact-review').click();
  await expect(stale).toHaveCount(0);

  // Loading the sample again (from the library menu) keeps the edit and says so; the fact is not flagged.
  await page.getByTestId('detail-back').click();
  await page.getByTestId('research-menu-button').click();
  await page.getByTestId('menu-load-sample').click();
  const kept = page.getByTestId('import-kept-edited');
  await expect(kept).toContainText(/kept 1 event you edited/i);
  await openEvent(page, 'my reading', /2025/);
  await expect(summary).toHaveText(EDITED);
  await expect(stale).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('kept.png') });

  // The analyst takes the sample's version: the event is replaced, and the fact citing it is flagged.
  const replace = page.getByTestId('import-replace-edited');
  await expect(replace).toHaveText("Use the sample's version for 1 edited event");
  await replace.click();
  await expect(page.getByTestId('import-replaced-edited')).toContainText(/took the sample's version of 1 event you edited/i);
  // The open event shows the sample's version, and searching for the edit finds nothing.
  await expect(summary).toHaveText(original);
  await expect(stale).toHaveCount(1);
  await page.getByTestId('detail-back').click();
  await expect(page.getByTestId('event-card').filter({ hasText: EDITED })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('replaced.png') });
});

test('a re-imported file keeps the event the analyst edited until the analyst takes the file\'s version', async ({ page }) => {
  test.setTimeout(90_000);
  const file = (summary: string) => ({
    name: 'my-events.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        briefingDesk: 'events',
        version: 1,
        dataset: 'My events',
        sources: [{ id: 's1', title: 'Talks resume', publisher: 'Wire', url: 'https://example.org/talks' }],
        events: [
          { id: 'e1', date: '2025-06-09', summary, type: 'Negotiation', sources: ['s1'] },
          { id: 'e2', date: '2025-06-10', summary: 'Talks extended by a day', type: 'Negotiation', sources: ['s1'] },
        ],
      }),
    ),
  });
  await page.getByTestId('events-tab').click();
  await page.getByTestId('import-input').setInputFiles(file('Delegations meet in London'));
  await expect(page.getByTestId('import-report').getByTestId('report-imported')).toHaveText('2', { timeout: 20_000 });

  await openEvent(page, 'delegations', /2025/);
  await page.getByTestId('edit-event').click();
  await page.getByTestId('event-summary').fill('Delegations meet at Lancaster House');
  await page.getByTestId('save-event').click();
  const summary = page.getByTestId('event-detail').locator('.bd-detail__summary');
  await expect(summary).toHaveText('Delegations meet at Lancaster House');
  await page.getByTestId('detail-back').click();

  // A newer version of the file changes the edited event: kept, and the report says so.
  await page.getByTestId('import-input').setInputFiles(file('Delegations meet in London for two days'));
  const report = page.getByTestId('import-report');
  await expect(report.getByTestId('import-kept-edited')).toContainText('Kept 1 event you edited', { timeout: 20_000 });
  await expect(report.getByTestId('report-unchanged')).toHaveText('2');
  await openEvent(page, 'delegations', /2025/);
  await expect(summary).toHaveText('Delegations meet at Lancaster House');

  // The analyst takes the file's version: the same file is imported again and the event replaced.
  const replace = report.getByTestId('import-replace-edited');
  await expect(replace).toHaveText("Use the file's version for 1 edited event");
  await replace.click();
  await expect(report.getByTestId('import-replaced-edited')).toHaveText("Took the file's version of 1 event you edited.", { timeout: 20_000 });
  await expect(report.getByTestId('report-updated')).toHaveText('1');
  await expect(summary).toHaveText('Delegations meet in London for two days');
});
