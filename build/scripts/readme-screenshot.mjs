// Makes docs/screenshot.png for the README from the real app: a fresh workspace with a few notes,
// the browser edition, the system Chromium. Usage: node build/scripts/readme-screenshot.mjs
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensure } from './ensure.mjs';
import { OUT, ROOT } from './lib.mjs';

await ensure({ quiet: true });
const { chromium } = await import('@playwright/test');

const workspace = await mkdtemp(join(tmpdir(), 'bd-shot-'));
const server = spawn(process.execPath, [OUT.cli, 'serve', '--port', '0', '--no-open', '--workspace', workspace], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const match = /ready at (\S+)/.exec(out);
    if (match) resolve(match[1]);
  });
  server.once('exit', () => reject(new Error(out)));
});
const { origin, searchParams } = new URL(url);
const token = searchParams.get('token');
async function call(name, input) {
  const response = await fetch(`${origin}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  const result = await response.json();
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

const text = (value, marks) => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
const p = (...content) => ({ type: 'paragraph', content });
const h2 = (value) => ({ type: 'heading', attrs: { level: 2 }, content: [text(value)] });
const li = (value) => ({ type: 'listItem', content: [p(text(value))] });

await call('settings:update', { author: 'J. Morgan, Trade desk' });
await call('library:load-sample', {});
for (const [templateId, title, marking] of [
  ['daily-summary', 'Daily summary — 9 June 2025', 'TLP:GREEN'],
  ['negotiation-brief', 'London talks: US asks and Chinese red lines', 'TLP:AMBER+STRICT'],
  ['market-note', 'Dysprosium and terbium: price gap widens', 'TLP:CLEAR'],
]) {
  await call('notes:create', { templateId, title, marking, date: '2025-06-09' });
}
const note = await call('notes:create', { templateId: 'situation-brief', title: 'China’s rare-earth export controls and the London talks', marking: 'TLP:AMBER', date: '2025-06-10' });
await call('notes:save', {
  id: note.id,
  meta: { tags: ['rare earths', 'US–China'], status: 'in-review' },
  content: {
    type: 'doc',
    content: [
      h2('BLUF'),
      p(
        text('Beijing is using the export licensing of seven medium and heavy rare earths as its main lever in the London talks. We assess it is '),
        text('likely', [{ type: 'bold' }]),
        text(' (moderate confidence) to approve more licences for US automakers’ suppliers while keeping the regime in place.'),
      ),
      h2('Situation'),
      p(
        text('On 4 April 2025 China’s commerce ministry put samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium, and magnets containing them, under export licensing. Delegations led by Treasury Secretary Scott Bessent and Vice Premier He Lifeng met in '),
        text('London on 9–10 June', [{ type: 'highlight' }]),
        text(', after a Trump–Xi call on 5 June.'),
      ),
      h2('Key developments'),
      { type: 'bulletList', content: [li('China’s May exports to the US fell 34.5% year on year.'), li('Temporary licences were granted to suppliers of some US automakers.'), li('The US restricted exports of chip-design software to China in late May.')] },
      h2('Assessment'),
      { type: 'paragraph', attrs: { guidance: 'What it means: your judgement, with likelihood and confidence.' } },
      h2('Outlook'),
      { type: 'paragraph', attrs: { guidance: 'What happens next, over which period, and what would change your view.' } },
      h2('Sources'),
      { type: 'sourcesSection' },
    ],
  },
});

// Two cited facts from the sample library, inserted as the app's "Insert as sentence" does.
const { events } = await call('events:search', { query: 'Lancaster House', limit: 1 });
const call5June = await call('events:search', { query: 'phone', limit: 1 });
await call('notes:insert-events', { id: note.id, eventIds: [call5June.events[0].id, events[0].id], as: 'sentence' });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
await page.goto(url);
await page.getByTestId('note-row').filter({ hasText: 'London talks' }).first().waitFor();
await page.getByTestId('note-row').filter({ hasText: 'rare-earth export controls' }).click();
await page.locator('[data-testid="note-editor"][contenteditable="true"]').waitFor();
await page.locator('[data-testid="citation"]').first().waitFor();
await page.locator('[data-testid="citation"]').first().scrollIntoViewIfNeeded();
await page.getByTestId('event-search').fill('rare earth');
await page.waitForTimeout(800);
const out = process.argv[2] ?? join(ROOT, 'docs', 'screenshot.png');
await page.screenshot({ path: out });
await browser.close();
server.kill('SIGTERM');
await rm(workspace, { recursive: true, force: true });
process.stderr.write(`Wrote ${out}\n`);
