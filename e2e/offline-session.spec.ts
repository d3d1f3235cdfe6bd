import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Download, Page, Request } from '@playwright/test';
import { CHROMIUM_NETLOG_ENV } from '../electron/services/export/chromium-printer';
import { isLoopbackHost, outsideLoopback, readNetLog } from '../electron/services/export/net-log';
import { ROOT, expect, test } from './fixtures';
import { createNote, editorBody, loadSample, openEvent, typeAtEnd, waitSaved } from './helpers';

/**
 * Offline means offline for every process: one whole browser-edition session (start, sample,
 * import of a saved web page full of remote links, writing, a citation, an export in each format)
 * while recording (a) every request the page makes, (b) the
 * browser showing the app (its NetLog: Chromium's own background traffic), (c) every connection and
 * name lookup of the server (e2e/network-recorder.cjs, preloaded with NODE_OPTIONS) and (d) the
 * printing Chromium's NetLog. Outside loopback: zero, in each.
 */

const RECORDER = path.join(ROOT, 'e2e', 'network-recorder.cjs');
const REAL = path.join(ROOT, 'test-fixtures', 'real');
const RECORD_ENV = 'BRIEFING_DESK_NET_RECORD';

interface NetRecord {
  pid: number;
  thread: number;
  kind: string;
  target: string;
}

let recordDir = '';
let recordFile = '';
let netLogDir = '';
const saved: Record<string, string | undefined> = {};

// The fixture starts the server with this process's environment: set it for this file only.
test.beforeAll(async () => {
  recordDir = await mkdtemp(path.join(tmpdir(), 'bd-offline-e2e-'));
  recordFile = path.join(recordDir, 'node-network.jsonl');
  netLogDir = path.join(recordDir, 'netlog');
  for (const name of ['NODE_OPTIONS', RECORD_ENV, CHROMIUM_NETLOG_ENV]) saved[name] = process.env[name];
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(RECORDER)}`.trim();
  process.env[RECORD_ENV] = recordFile;
  process.env[CHROMIUM_NETLOG_ENV] = netLogDir;
});

test.afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await rm(recordDir, { recursive: true, force: true });
});

// Sample, import, citation and four exports (a PDF print among them) on two loaded cores.
test.describe.configure({ timeout: 120_000 });

async function records(): Promise<NetRecord[]> {
  const text = await readFile(recordFile, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as NetRecord);
}

/** The host a record names: `host:port` of a connect, the name of a lookup; null for an IPC path or a marker. */
function recordHost(entry: NetRecord): string | null {
  if (entry.kind === 'loaded' || entry.target.startsWith('path ') || entry.target === 'connected peer') return null;
  if (entry.kind.includes('connect') || entry.kind === 'udp-send') return entry.target.replace(/^\[?(.*?)\]?:\d+$/, '$1');
  return entry.target;
}

function outsideRecords(entries: NetRecord[]): NetRecord[] {
  return entries.filter((entry) => {
    const host = recordHost(entry);
    return host !== null && !isLoopbackHost(host);
  });
}

/** A page request stays offline when it goes to the server's own origin or never leaves the browser (data:, blob:, about:). */
function outsidePage(url: string, origin: string): boolean {
  if (/^(data|blob|about):/.test(url)) return false;
  const parsed = new URL(url);
  return parsed.origin !== origin && !isLoopbackHost(parsed.hostname);
}

async function exportAs(page: Page, format: 'pdf' | 'docx' | 'md' | 'html'): Promise<Buffer> {
  await page.getByTestId('export-button').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await dialog.locator(`[data-testid="export-format"][data-format="${format}"]`).click();
  await expect(dialog.locator(`[data-testid="export-format"][data-format="${format}"] input`)).toBeChecked();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), dialog.getByTestId('export-start').click()]);
  await expect(dialog).toHaveCount(0);
  return readFile(await (download as Download).path());
}

/** Runs `node -e script` with the recorder preloaded, as the server is. */
function runRecorded(script: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { env: { ...process.env }, stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

test('a whole session reaches nothing outside loopback: page, browser, server and printer', async ({ app, playwright, launchOptions }, testInfo) => {
  // The test's own browser (playwright.config.ts's flags) with a NetLog, closed at the end so the log is whole.
  const browserNetLog = path.join(recordDir, 'test-browser.netlog.json');
  // The browser is the analyst's own, and Chromium's Hunspell spellchecker fetches its dictionary
  // (redirector.gvt1.com/edgedl/chrome/dict/…) the first time any page shows an editable field. A
  // browser kept offline has its dictionaries installed or spellchecking off; this profile has it
  // off, so the log shows what the app causes (CI once caught that fetch here, on a fresh profile).
  const profile = path.join(recordDir, 'test-browser-profile');
  await mkdir(path.join(profile, 'Default'), { recursive: true });
  await writeFile(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ browser: { enable_spellchecking: false }, spellcheck: { dictionaries: [], dictionary: '' } }));
  const context = await playwright.chromium.launchPersistentContext(profile, { ...launchOptions, args: [...(launchOptions.args ?? []), `--log-net-log=${browserNetLog}`, '--net-log-capture-mode=Everything'] });
  const pageRequests: string[] = [];
  // On the context, before the first page opens: the app's own load is counted too, and every frame's.
  context.on('request', (request: Request) => void pageRequests.push(request.url()));
  const page = await context.newPage();
  page.on('websocket', (socket) => void pageRequests.push(socket.url()));
  await page.goto(app.url);

  await loadSample(page);

  // A real saved page (Le Monde) that names dozens of remote images, scripts and ad servers.
  await page.getByTestId('events-tab').click();
  await page.getByTestId('import-input').setInputFiles(path.join(REAL, 'article-lemonde-1.html'));
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 30_000 });
  // A web page becomes one source (it adds no events).
  await expect(report).toContainText(/\b1 sources? added/);

  await createNote(page, 'situation-brief', 'Offline session brief');
  await typeAtEnd(page, 'Assessment written offline.');
  await editorBody(page).locator('p').first().click();
  await openEvent(page, 'phone call', /5 Jun 2025/);
  await page.getByTestId('insert-sentence').click();
  await expect(editorBody(page).getByTestId('citation').first()).toHaveText(/^\[1/);
  await waitSaved(page);

  const pdf = await exportAs(page, 'pdf');
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const docx = await exportAs(page, 'docx');
  expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
  const markdown = (await exportAs(page, 'md')).toString('utf8');
  expect(markdown).toContain('Assessment written offline.');
  const html = (await exportAs(page, 'html')).toString('utf8');
  expect(html).toMatch(/^<!doctype html>/i);
  await page.screenshot({ path: testInfo.outputPath('offline-session.png') });

  // SIGTERM closes the backend, and with it the printer's Chromium, which then completes its NetLog.
  const serverPid = app.serverProcess?.pid;
  const origin = app.origin;
  await app.kill('SIGTERM');
  await context.close();

  // (a) The page: every request went to the server's own origin or stayed in the browser.
  const outsidePageRequests = pageRequests.filter((url) => outsidePage(url, origin));
  expect(pageRequests.length).toBeGreaterThan(20);
  expect(outsidePageRequests).toEqual([]);

  // (b) The browser showing the app: beyond the page's requests, Chromium's own background traffic.
  const shown = await readNetLog(browserNetLog);
  expect(shown.events).toBeGreaterThan(20);
  expect(outsideLoopback(shown), shown.evidence.join('; ')).toEqual([]);

  // (c) The server: the recorder ran in it (so silence means something), and it reached no host but loopback.
  const server = (await records()).filter((entry) => entry.pid === serverPid);
  expect(server.filter((entry) => entry.kind === 'loaded').length).toBeGreaterThanOrEqual(1);
  expect(outsideRecords(server)).toEqual([]);

  // (d) The printing Chromium: a NetLog per launch, none naming a host outside loopback.
  const logs = (await readdir(netLogDir)).filter((name) => name.endsWith('.json'));
  expect(logs.length).toBeGreaterThanOrEqual(1);
  let netLogEvents = 0;
  for (const name of logs) {
    const contacts = await readNetLog(path.join(netLogDir, name));
    netLogEvents += contacts.events;
    expect(outsideLoopback(contacts), `${name}: ${contacts.evidence.join('; ')}`).toEqual([]);
  }
  expect(netLogEvents).toBeGreaterThan(20);

  const serverContacts = server.filter((entry) => entry.kind !== 'loaded').map((entry) => `${entry.kind} ${entry.target}`);
  const threads = server.filter((entry) => entry.kind === 'loaded').length;
  const description = `page requests ${pageRequests.length} (outside 0); test browser NetLog ${shown.events} events (outside 0); server (recorder in ${threads} threads) connects/lookups ${serverContacts.length} [${serverContacts.join(', ')}] (outside 0); printer NetLogs ${logs.length} with ${netLogEvents} events (outside 0)`;
  testInfo.annotations.push({ type: 'offline', description });
  console.log(description);
});

test('the recorder can fail: it sees a connection and a lookup of a process it is preloaded in', async () => {
  const before = (await records()).length;
  // Loopback only (a throwaway server and "localhost" from the hosts file): the control itself sends nothing out.
  const script = `const net = require('net'); const dns = require('dns');
    const server = net.createServer((socket) => socket.destroy()).listen(0, '127.0.0.1', () => {
      const socket = net.connect(server.address().port, '127.0.0.1', () => { socket.end(); dns.lookup('localhost', () => server.close()); });
    });`;
  expect(await runRecorded(script)).toBe(0);
  const added = (await records()).slice(before);
  expect(added.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['loaded', 'connect', 'dns.lookup']));
  expect(added.some((entry) => entry.kind === 'connect' && /^127\.0\.0\.1:\d+$/.test(entry.target))).toBe(true);
  expect(outsideRecords(added)).toEqual([]);
  // The same record for a remote host is counted as outside.
  expect(outsideRecords([{ pid: 1, thread: 0, kind: 'connect', target: 'update.googleapis.com:443' }, { pid: 1, thread: 0, kind: 'dns.lookup', target: 'accounts.google.com' }])).toHaveLength(2);
});
