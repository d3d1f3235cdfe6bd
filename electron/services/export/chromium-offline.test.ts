import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_NETLOG_ENV, ChromiumPrinter, OFFLINE_CHROMIUM_ARGS, chromiumLaunchArgs, findChromium } from './chromium-printer';
import { isLoopbackHost, outsideLoopback, readNetLog } from './net-log';
import type { PrintOptions } from './pdf-printer';

const OPTIONS: PrintOptions = { paper: 'a4', headerTemplate: '<span></span>', footerTemplate: '<span class="pageNumber"></span>', margin: { top: '20mm', right: '20mm', bottom: '20mm', left: '20mm' } };

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bd-offline-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A NetLog as Chromium writes it: the constants on the first line, then one event per line. */
function netLog(events: { type: string; source?: string; id?: number; params?: Record<string, unknown> }[], complete = true): string {
  const eventTypes = [...new Set(events.map((event) => event.type))];
  const sourceTypes = [...new Set(events.map((event) => event.source ?? 'URL_REQUEST'))];
  const constants = { logEventTypes: Object.fromEntries(eventTypes.map((name, index) => [name, index])), logSourceType: Object.fromEntries(sourceTypes.map((name, index) => [name, index])) };
  const lines = events.map((event) => JSON.stringify({ params: event.params, phase: 0, source: { id: event.id ?? 1, type: sourceTypes.indexOf(event.source ?? 'URL_REQUEST') }, time: '1', type: eventTypes.indexOf(event.type) }));
  const body = `{"constants":${JSON.stringify(constants)},\n"events": [\n${lines.join(',\n')}`;
  return complete ? `${body}\n],\n"polledData": {}\n}\n` : `${body.slice(0, -20)}`;
}

async function hostsIn(text: string): Promise<{ hosts: readonly string[]; outside: string[] }> {
  const file = join(dir, `log-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, text);
  const contacts = await readNetLog(file);
  return { hosts: contacts.hosts, outside: outsideLoopback(contacts) };
}

describe('readNetLog', () => {
  it.each([
    ['a request URL', [{ type: 'URL_REQUEST_START_JOB', params: { url: 'https://update.googleapis.com/service/update2/json?x=1', method: 'POST' } }], ['update.googleapis.com']],
    ['a DNS lookup', [{ type: 'HOST_RESOLVER_MANAGER_REQUEST', params: { host: 'https://accounts.google.com' } }, { type: 'DNS_TRANSACTION', params: { hostname: 'accounts.google.com' } }], ['accounts.google.com']],
    ['a TCP connect', [{ type: 'TCP_CONNECT', source: 'SOCKET', params: { address_list: ['[2001:db8::5]:443', '192.0.2.7:443'] } }], ['192.0.2.7', '2001:db8::5']],
    ['a proxy', [{ type: 'HTTP_STREAM_JOB_CONTROLLER_PROXY_SERVER_RESOLVED', params: { proxy_chain: '[http://proxy.corp:3128]' } }, { type: 'PROXY_RESOLUTION_SERVICE_RESOLVED_PROXY_LIST', params: { proxy_info: 'PROXY 10.0.0.9:3128' } }], ['10.0.0.9', 'proxy.corp']],
    ['a socket-pool group', [{ type: 'SOCKET_POOL_CONNECT_JOB_CREATED', params: { group_id: 'pm/https://clients2.google.com <null>' } }], ['clients2.google.com']],
    ['a DNS datagram sent', [{ type: 'UDP_CONNECT', source: 'UDP_SOCKET', id: 7, params: { address: '10.255.255.53:53' } }, { type: 'UDP_BYTES_SENT', source: 'UDP_SOCKET', id: 7, params: { byte_count: 40 } }], ['10.255.255.53']],
  ])('counts %s', async (_name, events, expected) => {
    const { hosts, outside } = await hostsIn(netLog(events));
    expect(hosts).toEqual(expected);
    expect(outside).toEqual(expected);
  });

  it.each([
    ['a page request refused by a route before it reached the network', [{ type: 'CORS_REQUEST', params: { url: 'https://example.com/image.png' } }]],
    ["Chromium's IPv6 route probe, a UDP connect that sends nothing", [{ type: 'UDP_CONNECT', source: 'UDP_SOCKET', id: 3, params: { address: '[2001:4860:4860::8888]:443' } }, { type: 'UDP_LOCAL_ADDRESS', source: 'UDP_SOCKET', id: 3, params: { address: '[fd00::2]:5000' } }]],
    ['data: and about: URLs', [{ type: 'URL_REQUEST_START_JOB', params: { url: 'data:text/html,<p>x</p>' } }, { type: 'REQUEST_ALIVE', params: { url: 'about:blank' } }]],
    ['no proxy', [{ type: 'HTTP_STREAM_JOB_CONTROLLER_PROXY_SERVER_RESOLVED', params: { proxy_chain: '[direct://]' } }, { type: 'PROXY_RESOLUTION_SERVICE_RESOLVED_PROXY_LIST', params: { proxy_info: 'DIRECT' } }]],
  ])('does not count %s', async (_name, events) => {
    expect((await hostsIn(netLog(events))).hosts).toEqual([]);
  });

  it('keeps loopback apart and reads a log cut short by a killed browser up to its last whole event', async () => {
    const events = [
      { type: 'URL_REQUEST_START_JOB', params: { url: 'http://localhost:1/ListAccounts' } },
      { type: 'URL_REQUEST_START_JOB', params: { url: 'http://127.0.0.1:4000/api/notes:list' } },
      { type: 'URL_REQUEST_START_JOB', params: { url: 'https://www.google.com/' } },
      { type: 'URL_REQUEST_START_JOB', params: { url: 'https://cut.example/' } },
    ];
    const { hosts, outside } = await hostsIn(netLog(events, false));
    expect(hosts).toEqual(['127.0.0.1', 'localhost', 'www.google.com']);
    expect(outside).toEqual(['www.google.com']);
  });

  it.each([
    ['localhost', true],
    ['app.localhost', true],
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['~NOTFOUND', true],
    ['10.0.0.1', false],
    ['192.168.1.1', false],
    ['2001:4860:4860::8888', false],
    ['localhost.example.com', false],
    ['update.googleapis.com', false],
  ])('isLoopbackHost(%s) is %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

/** A proxy that answers nothing and records the first line of every connection (CONNECT host:443, GET http://…). */
async function recordingProxy(): Promise<{ server: Server; url: string; seen: string[] }> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', (chunk) => {
      seen.push(chunk.toString('latin1').split('\r\n')[0] ?? '');
      socket.destroy();
    });
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.once('close', () => sockets.forEach((socket) => socket.destroy()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

async function netLogsIn(folder: string): Promise<{ files: number; events: number; outside: string[]; evidence: string[] }> {
  const files = (await readdir(folder)).filter((name) => name.endsWith('.json'));
  const outside = new Set<string>();
  const evidence: string[] = [];
  let events = 0;
  for (const name of files) {
    const contacts = await readNetLog(join(folder, name));
    events += contacts.events;
    for (const host of outsideLoopback(contacts)) outside.add(host);
    evidence.push(...contacts.evidence.filter((line) => !isLoopbackHost(line.split(' ').pop() ?? '')));
  }
  return { files: files.length, events, outside: [...outside].sort(), evidence };
}

describe('the printing Chromium is offline', () => {
  it('lists each flag once, and refuses proxies and every non-loopback name', () => {
    expect(new Set(OFFLINE_CHROMIUM_ARGS).size).toBe(OFFLINE_CHROMIUM_ARGS.length);
    expect(OFFLINE_CHROMIUM_ARGS).toEqual(expect.arrayContaining(['--no-proxy-server', '--host-resolver-rules=MAP * ~NOTFOUND', '--disable-background-networking', '--disable-component-update', '--disable-sync']));
    // One --disable-features list: Chromium keeps only the last, so a second one would undo the first.
    expect(OFFLINE_CHROMIUM_ARGS.filter((arg) => arg.startsWith('--disable-features=')).length).toBe(1);
  });

  it('a real PDF export, with a proxy in the environment, reaches no host outside loopback', { timeout: 60_000 }, async () => {
    const netLogDir = join(dir, 'netlog-export');
    const proxy = await recordingProxy();
    const env = { ...process.env, [CHROMIUM_NETLOG_ENV]: netLogDir, HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, ALL_PROXY: proxy.url, http_proxy: proxy.url, https_proxy: proxy.url, all_proxy: proxy.url, no_proxy: '', NO_PROXY: '' };
    const printer = new ChromiumPrinter({ env });
    try {
      // The note names remote resources, as an imported page can: the context refuses them before the network.
      const html = `<!doctype html><html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter"></head><body><h1>Offline brief</h1><p>Text <img src="https://example.com/logo.png"></p></body></html>`;
      const pdf = await printer.print(html, OPTIONS);
      expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    } finally {
      // Closing writes the NetLog's end; the reader copes without it, but then every event is there.
      await printer.close();
      await new Promise((resolve) => proxy.server.close(resolve));
    }
    const logs = await netLogsIn(netLogDir);
    expect(logs.files).toBe(1);
    expect(logs.events).toBeGreaterThan(20);
    expect(logs.evidence).toEqual([]);
    expect(logs.outside).toEqual([]);
    expect(proxy.seen).toEqual([]);
  });

  it('the NetLog check can fail: a request the browser does try is counted, even though it fails inside the browser', { timeout: 60_000 }, async () => {
    const executablePath = await findChromium();
    expect(executablePath).not.toBeNull();
    const file = join(dir, 'probe.netlog.json');
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: executablePath!, args: chromiumLaunchArgs(file), headless: true });
    try {
      const page = await browser.newPage();
      // An image the page asks for (no route refuses it here). The host-resolver rule makes the name
      // fail at once, without a DNS query; the NetLog still shows the attempt. (Not a main-frame
      // navigation: its failure page runs Chromium's DNS probe, which asks 8.8.8.8 past every rule.
      // The printer never navigates: it sets content and its route refuses everything but data:.)
      const failed = page.waitForEvent('requestfailed');
      await page.setContent('<img src="http://briefing-desk-probe.example/x.png">');
      expect((await failed).failure()?.errorText).toMatch(/ERR_NAME_NOT_RESOLVED/);
    } finally {
      await browser.close();
    }
    expect(outsideLoopback(await readNetLog(file))).toEqual(['briefing-desk-probe.example']);
  });
});
