import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { createNote, editorBody, readNoteByTitle, typeAtEnd, waitSaved, workspaceJsonFiles } from './helpers';

const TEMPLATES: { id: string; headings: string[] }[] = [
  { id: 'situation-brief', headings: ['BLUF', 'Situation', 'Key developments', 'Assessment', 'Outlook', 'Indicators to watch', 'Sources'] },
  { id: 'negotiation-brief', headings: ['BLUF', 'Objectives', 'Their likely asks', 'Our response', 'Talking points', 'Background', 'Sources'] },
  { id: 'policy-options-memo', headings: ['BLUF', 'Decision required', 'Background', 'Options', 'Recommendation', 'Risks', 'Sources'] },
  { id: 'daily-summary', headings: ['Key judgments', 'Items', 'Intelligence gaps', 'Sources'] },
  { id: 'market-note', headings: ['BLUF', 'Supply', 'Demand', 'Prices', 'Policy drivers', 'Outlook', 'Risks', 'Sources'] },
];

for (const template of TEMPLATES) {
  test(`a note from the ${template.id} template has its sections and guidance`, async ({ page }) => {
    await createNote(page, template.id);
    for (const heading of template.headings) {
      await expect(editorBody(page).locator('h2', { hasText: new RegExp(`^${heading}`) })).toBeVisible();
    }
    // Guidance is a placeholder on an empty block, not text to delete.
    const guided = editorBody(page).locator('[data-guidance]').first();
    await expect(guided).toHaveAttribute('data-placeholder', /.+/);
    await expect(guided).toHaveText('');
    await expect(page.getByTestId('note-title-input')).not.toHaveValue('');
    await expect(page.getByTestId('note-row')).toHaveCount(1);
  });
}

test('typed text survives a reload, and the guidance disappears when typing', async ({ page }) => {
  await createNote(page, 'situation-brief', 'Rare earths: London talks');
  const bluf = editorBody(page).locator('p[data-guidance]').first();
  await bluf.click();
  await page.keyboard.type('China is using export licensing of seven rare earths as leverage in the London talks.');
  await expect(bluf).not.toHaveAttribute('data-placeholder', /.+/);
  await waitSaved(page);
  await page.reload();
  await page.getByTestId('note-row').filter({ hasText: 'Rare earths: London talks' }).click();
  await expect(editorBody(page)).toContainText('China is using export licensing of seven rare earths');
});

test('rename from the header shows in the list and after a restart', async ({ page, app }) => {
  await createNote(page, 'daily-summary', 'Daily summary draft');
  const title = page.getByTestId('note-title-input');
  await title.fill('Daily summary — 10 June 2025');
  await title.press('Enter');
  await expect(page.getByTestId('note-row').first()).toContainText('Daily summary — 10 June 2025');
  await waitSaved(page);
  const url = await app.restart();
  await page.goto(url);
  await expect(page.getByTestId('note-row').first()).toContainText('Daily summary — 10 June 2025');
});

test('move to trash and restore', async ({ page }) => {
  await createNote(page, 'market-note', 'Dysprosium prices');
  await waitSaved(page);
  await page.getByTestId('note-menu-button').click();
  await page.getByTestId('menu-trash').click();
  await expect(page.getByTestId('note-row').filter({ hasText: 'Dysprosium prices' })).toHaveCount(0);
  await page.getByTestId('trash-toggle').click();
  const trashed = page.getByTestId('note-row').filter({ hasText: 'Dysprosium prices' });
  await expect(trashed).toHaveCount(1);
  await trashed.hover();
  await trashed.getByTestId('restore-button').click();
  await expect(page.getByTestId('note-row').filter({ hasText: 'Dysprosium prices' })).toHaveCount(0);
  await page.getByTestId('trash-toggle').click();
  await expect(page.getByTestId('note-row').filter({ hasText: 'Dysprosium prices' })).toHaveCount(1);
});

test('delete for ever asks first, then removes the note file', async ({ page, app }) => {
  await createNote(page, 'blank', 'Scratch');
  await waitSaved(page);
  const { id } = await readNoteByTitle(app.workspaceDir, 'Scratch');
  await page.getByTestId('note-menu-button').click();
  await page.getByTestId('menu-trash').click();
  await page.getByTestId('trash-toggle').click();
  const row = page.getByTestId('note-row').filter({ hasText: 'Scratch' });
  await row.hover();
  await row.getByTestId('delete-forever-button').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('Scratch');
  await page.getByTestId('confirm-button').click();
  await expect(row).toHaveCount(0);
  const files = await workspaceJsonFiles(app.workspaceDir);
  expect(files.filter((file) => file.includes(id))).toEqual([]);
});

test('the marking shows as a banner at the top and the bottom in its TLP colour', async ({ page }) => {
  await createNote(page, 'situation-brief', 'Marked note');
  await page.getByTestId('marking-select').selectOption('TLP:RED');
  for (const position of ['top', 'bottom']) {
    const banner = page.getByTestId(`marking-banner-${position}`);
    await expect(banner).toBeVisible();
    await expect(banner).toHaveText('TLP:RED');
    await expect(banner).toHaveCSS('color', 'rgb(255, 43, 43)');
    await expect(banner).toHaveCSS('background-color', 'rgb(0, 0, 0)');
  }
  await page.getByTestId('marking-select').selectOption({ label: 'Other classification…' });
  const other = page.getByLabel('Classification line');
  await other.fill('official-sensitive');
  await other.press('Enter');
  await expect(page.getByTestId('marking-banner-bottom')).toHaveText('OFFICIAL-SENSITIVE');
  await waitSaved(page);
  await page.reload();
  await page.getByTestId('note-row').filter({ hasText: 'Marked note' }).click();
  await expect(page.getByTestId('marking-banner-top')).toHaveText('OFFICIAL-SENSITIVE');
});

test('pasting hostile HTML keeps structure and leaves no script, handler or javascript: link', async ({ page, app }) => {
  await createNote(page, 'blank', 'Paste test');
  await editorBody(page).click();
  await page.evaluate(() => {
    (window as unknown as { __pwned: number }).__pwned = 0;
    const html = `
      <style>p { color: red }</style><script>window.__pwned = 1</script>
      <h2 onclick="window.__pwned = 2">Rare earths</h2>
      <p style="color:red" onmouseover="window.__pwned = 3">Licensing of <b>seven</b> <i>elements</i>
        <a href="javascript:window.__pwned=4">click</a> <a href="https://www.reuters.com/">Reuters</a></p>
      <img src="x" onerror="window.__pwned = 5">
      <ul><li>Samarium</li><li>Dysprosium</li></ul>
      <table><tr><th>Element</th><th>Use</th></tr><tr><td>Terbium</td><td>Magnets</td></tr></table>
      <iframe src="https://example.org"></iframe><svg onload="window.__pwned = 6"></svg>`;
    const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', 'Rare earths');
    const target = document.querySelector('[data-testid="note-editor"]')!;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  const body = editorBody(page);
  await expect(body.locator('h2', { hasText: 'Rare earths' })).toBeVisible();
  await expect(body.locator('strong', { hasText: 'seven' })).toBeVisible();
  await expect(body.locator('em', { hasText: 'elements' })).toBeVisible();
  await expect(body.locator('a[href="https://www.reuters.com/"]')).toHaveText('Reuters');
  await expect(body.locator('li')).toHaveCount(2);
  await expect(body.locator('table th', { hasText: 'Element' })).toBeVisible();
  const dom = await body.innerHTML();
  expect(dom).not.toMatch(/<script|<style|<iframe|<svg|<img|javascript:/i);
  expect(dom).not.toMatch(/\son[a-z]+=/i);
  await page.mouse.move(10, 10);
  expect(await page.evaluate(() => (window as unknown as { __pwned: number }).__pwned)).toBe(0);
  await waitSaved(page);
  const saved = await readNoteByTitle(app.workspaceDir, 'Paste test');
  expect(saved.text).not.toMatch(/script|onerror|onclick|javascript:/i);
});

test('the history panel restores a revision, keeping the current text as a revision', async ({ page }) => {
  await createNote(page, 'blank', 'Revisions');
  await typeAtEnd(page, 'First version of the assessment.');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state').first()).toContainText('revision');
  await page.keyboard.type(' Second thoughts added later.');
  await page.keyboard.press('Control+s');
  await expect(editorBody(page)).toContainText('Second thoughts');
  await page.getByTestId('history-tab').click();
  const rows = page.getByTestId('history-panel').getByTestId('revision-row');
  // Newest first: the two Ctrl+S versions (and the template as it was before the first edit).
  await expect(rows.filter({ hasText: 'Ctrl+S' })).toHaveCount(2);
  const before = await rows.count();
  await rows.filter({ hasText: '5 words' }).click();
  await page.getByTestId('restore-revision-button').click();
  await page.getByTestId('confirm-button').click();
  await expect(editorBody(page)).toContainText('First version of the assessment.');
  await expect(editorBody(page)).not.toContainText('Second thoughts');
  // The text that was replaced is now a revision of its own.
  await expect(rows).toHaveCount(before + 1);
  await expect(rows.first()).toContainText('9 words');
  await page.reload();
  await page.getByTestId('note-row').filter({ hasText: 'Revisions' }).click();
  await expect(editorBody(page)).not.toContainText('Second thoughts');
});

test('a server killed with SIGKILL while the analyst types loses at most the last second', async ({ page, app }) => {
  test.setTimeout(60_000);
  await createNote(page, 'blank', 'Crash test');
  await editorBody(page).click();
  await page.keyboard.press('Control+End');
  const typedAt: { word: string; at: number }[] = [];
  for (let i = 1; i <= 40; i += 1) {
    const word = `w${String(i).padStart(3, '0')} `;
    await page.keyboard.type(word);
    typedAt.push({ word: word.trim(), at: Date.now() });
    await page.waitForTimeout(60);
  }
  const killedAt = Date.now();
  await app.kill('SIGKILL');

  for (const file of await workspaceJsonFiles(app.workspaceDir)) {
    const raw = await readFile(file, 'utf8');
    expect(() => JSON.parse(raw), `${file} parses`).not.toThrow();
  }
  const saved = await readNoteByTitle(app.workspaceDir, 'Crash test');
  const mustHave = typedAt.filter((entry) => entry.at <= killedAt - 1000);
  expect(mustHave.length).toBeGreaterThan(10);
  for (const entry of mustHave) expect(saved.text).toContain(entry.word);

  const url = await app.restart();
  await page.goto(url);
  await page.getByTestId('note-row').filter({ hasText: 'Crash test' }).click();
  await expect(editorBody(page)).toContainText(mustHave.at(-1)!.word);
});

test('a damaged note file is moved aside, restored from its backup, and the UI names the note', async ({ page, app }) => {
  await createNote(page, 'blank', 'Damaged note');
  await typeAtEnd(page, 'Text that must survive.');
  await waitSaved(page);
  await typeAtEnd(page, ' More.');
  await waitSaved(page);
  const { id } = await readNoteByTitle(app.workspaceDir, 'Damaged note');
  await app.kill('SIGTERM');
  await writeFile(path.join(app.workspaceDir, 'notes', `${id}.json`), '{"schemaVersion": 1, "note": {"id": "trunc');
  const url = await app.restart();
  await page.goto(url);
  const banner = page.getByTestId('problems-banner');
  await expect(banner).toContainText('Damaged note');
  await expect(banner).toContainText('corrupt');
  await page.getByTestId('note-row').filter({ hasText: 'Damaged note' }).click();
  await expect(editorBody(page)).toContainText('Text that must survive.');
  const quarantined = (await readdir(path.join(app.workspaceDir, 'notes'))).filter((name) => name.includes('.corrupt-'));
  expect(quarantined).toHaveLength(1);
});
