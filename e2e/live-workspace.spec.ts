import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, Route } from '@playwright/test';
import { ROOT, expect, test, type AppServer } from './fixtures';
import { editorBody, resultCount } from './helpers';

/**
 * One live workspace: the built CLI (another process) changes the workspace while the app is open,
 * and the app shows each change without a reload, through the workspace event channel.
 */

interface EventCard {
  id: string;
  date: { date: string };
  summary: string;
}

/** Something only this page load has: gone if the app reloaded. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { liveMarker?: number }).liveMarker = 42;
  });
}

async function expectSamePage(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(42);
}

async function cliOk(app: AppServer, ...args: string[]): Promise<string> {
  const result = await app.cli(...args);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim();
}

/** The first sample event, for `insert` (the sample library must be loaded). */
async function someEvent(app: AppServer): Promise<EventCard> {
  const events = JSON.parse(await cliOk(app, 'events', '--json', '--limit', '1000')) as EventCard[];
  const event = events.find((candidate) => candidate.summary.length > 20);
  expect(event).toBeTruthy();
  return event!;
}

/** The first words of an event's summary, as the inserted fact sentence carries them ("On 10 June 2025, the …"). */
const opening = (event: EventCard): RegExp => new RegExp(event.summary.split(/\s+/).slice(0, 4).join(' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');

async function openNoteRow(page: Page, title: string): Promise<void> {
  await page.getByTestId('note-row').filter({ hasText: title }).click();
  await expect(editorBody(page)).toBeVisible();
  await expect(page.getByTestId('note-title-input')).toHaveValue(title);
}

test.describe('one live workspace', () => {
  // Each test starts the built CLI several times (a fresh Node process that loads the app's bundle,
  // some with an import worker and jsdom): seconds apiece on a busy machine, so three times the budget.
  test.slow();
  test('a note, a change to the open note, the sample library and a template made outside the app appear without a reload', async ({ app, page }) => {
    await expect(page.getByTestId('note-row')).toHaveCount(0);
    await markPage(page);

    // A note made by the CLI shows up in the list.
    const noteId = await cliOk(app, 'new', '--template', 'situation-brief', '--title', 'Made on the command line');
    await expect(page.getByTestId('note-row').filter({ hasText: 'Made on the command line' })).toBeVisible();
    await openNoteRow(page, 'Made on the command line');

    // The sample library loaded by the CLI shows up in the research sidebar.
    await page.getByTestId('events-tab').click();
    await cliOk(app, 'sample');
    await expect.poll(() => resultCount(page.getByTestId('result-count')), { timeout: 10_000 }).toBeGreaterThanOrEqual(15);

    // The CLI changes the open note (nothing unsaved here): the editor takes it in place.
    const event = await someEvent(app);
    await cliOk(app, 'insert', noteId, '--event', event.id);
    await expect(editorBody(page)).toContainText(opening(event));
    await expect(page.getByTestId('conflict-banner')).toHaveCount(0);

    // A template file added to the workspace (a colleague's, copied in) is offered in New note.
    const blank = JSON.parse(await readFile(join(ROOT, 'templates', 'blank.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(app.workspaceDir, 'templates', 'weekly-outlook.json'), JSON.stringify({ ...blank, id: 'weekly-outlook', name: 'Weekly outlook' }));
    await page.getByTestId('new-note-button').click();
    await expect(page.locator('[data-testid="template-option"][data-template-id="weekly-outlook"]')).toBeVisible();
    await page.keyboard.press('Escape');

    await expectSamePage(page);
  });

  for (const keep of ['mine', 'theirs'] as const) {
    test(`an open note changed by the CLI under unsaved edits asks, and "${keep === 'mine' ? 'Keep mine' : 'Take theirs'}" keeps the other version as a revision`, async ({ app, page, request }) => {
      await cliOk(app, 'sample');
      const event = await someEvent(app);
      const noteId = await cliOk(app, 'new', '--template', 'blank', '--title', 'Shared note');
      await openNoteRow(page, 'Shared note');
      await markPage(page);

      // The analyst's save is slow to arrive (held here) while the CLI writes the same note.
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      let held = false;
      await page.route(/\/api\/notes%3Asave$/, async (route: Route) => {
        if (!held) {
          held = true;
          await released;
        }
        await route.continue();
      });
      await editorBody(page).click();
      await page.keyboard.type('My own assessment.');
      await expect.poll(() => held, { timeout: 10_000 }).toBe(true);
      await cliOk(app, 'insert', noteId, '--event', event.id);
      release();

      // Both versions, side by side; nothing is written until the analyst chooses.
      const dialog = page.getByTestId('conflict-dialog');
      await expect(dialog).toBeVisible();
      await expect(dialog.getByTestId('conflict-mine')).toContainText('My own assessment.');
      await expect(dialog.getByTestId('conflict-theirs')).toContainText(opening(event));
      await expect(page.getByTestId('conflict-banner')).toBeVisible();
      await dialog.getByTestId(keep === 'mine' ? 'conflict-keep-mine' : 'conflict-take-theirs').click();
      await expect(page.getByTestId('conflict-banner')).toHaveCount(0);

      const mine = /My own assessment\./;
      const kept = keep === 'mine' ? mine : opening(event);
      const setAside = keep === 'mine' ? opening(event) : mine;
      await expect(editorBody(page)).toContainText(kept);
      await expect(editorBody(page)).not.toContainText(setAside);

      const auth = { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' };
      const api = async <T>(name: string, input: unknown): Promise<T> => {
        const body = (await (await request.post(`${app.origin}/api/${name}`, { headers: auth, data: input })).json()) as { ok: boolean; value: T };
        expect(body.ok).toBe(true);
        return body.value;
      };
      const stored = JSON.stringify((await api<{ content: unknown }>('notes:get', { id: noteId })).content);
      expect(stored).toMatch(kept);
      expect(stored).not.toMatch(setAside);
      const revisions = await api<{ id: string; reason: string }[]>('revisions:list', { noteId });
      const conflict = revisions.find((revision) => revision.reason === 'conflict');
      expect(conflict).toBeTruthy();
      const revision = await api<{ content: unknown }>('revisions:get', { noteId, revisionId: conflict!.id });
      expect(JSON.stringify(revision.content)).toMatch(setAside);

      // The history says why that version is there.
      await expectSamePage(page);
    });
  }
});
