import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

/** node:http directly: fetch forbids setting Host, and the test must control every header. */
function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolveReply, rejectReply) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolveReply({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', rejectReply);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** True when a TCP connection to host:port succeeds within a second. */
function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolveConnect) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolveConnect(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

test.describe('browser edition server security', () => {
  test('API calls need the launch token', async ({ app, request }) => {
    const url = `${app.origin}/api/templates:list`;
    const none = await request.post(url, { data: {} });
    expect(none.status()).toBe(401);
    expect(await none.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    const wrong = await request.post(url, { data: {}, headers: { Authorization: 'Bearer not-the-token' } });
    expect(wrong.status()).toBe(401);

    const right = await request.post(url, { data: {}, headers: { Authorization: `Bearer ${app.token}` } });
    expect(right.status()).toBe(200);
    expect(await right.json()).toMatchObject({ ok: true });
  });

  test('a foreign Host header gets 403 (DNS rebinding)', async ({ app }) => {
    for (const host of ['evil.example', `evil.example:${app.port}`, `127.0.0.1.nip.io:${app.port}`]) {
      const page = await rawRequest(app.port, { path: '/', headers: { Host: host } });
      expect(page.status, host).toBe(403);
      const call = await rawRequest(app.port, {
        method: 'POST',
        path: '/api/templates:list',
        headers: { Host: host, Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(call.status, host).toBe(403);
    }
    const local = await rawRequest(app.port, { path: '/', headers: { Host: `localhost:${app.port}` } });
    expect(local.status).toBe(200);
  });

  test('a cross-origin POST is refused even with the token', async ({ app }) => {
    const reply = await rawRequest(app.port, {
      method: 'POST',
      path: '/api/notes:create',
      headers: { Origin: 'http://evil.example', Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ templateId: 'blank' }),
    });
    expect(reply.status).toBe(403);
    expect(await readdir(join(app.workspaceDir, 'notes')).catch(() => [])).toEqual([]);
  });

  test('a cross-origin page cannot call the API from a browser', async ({ app, page, browser }) => {
    // Another origin on the same machine (another port): the page's fetch must not create a note.
    const other = await browser.newPage();
    await other.route('http://attacker.localtest/', (route) => route.fulfill({ contentType: 'text/html', body: '<title>evil</title>' }));
    await other.goto('http://attacker.localtest/');
    const outcome = await other.evaluate(
      async ({ origin, token }) => {
        try {
          const response = await fetch(`${origin}/api/notes:create`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify({ templateId: 'blank' }),
          });
          return `status ${response.status}`;
        } catch {
          return 'blocked';
        }
      },
      { origin: app.origin, token: app.token },
    );
    expect(outcome).not.toBe('status 200');
    await other.close();
    const notes = await app.cli('notes');
    expect(notes.stdout).toBe('');
    await expect(page).toHaveTitle(/Briefing Desk/);
  });

  test('POST needs Content-Type: application/json', async ({ app }) => {
    const reply = await rawRequest(app.port, {
      method: 'POST',
      path: '/api/templates:list',
      headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(reply.status).toBe(415);
  });

  test('a malformed request gets invalid_input and writes nothing', async ({ app, request }) => {
    const headers = { Authorization: `Bearer ${app.token}` };
    const bad = await request.post(`${app.origin}/api/notes:create`, { headers, data: { templateId: 'situation-brief', title: 7, extra: '<script>' } });
    expect(bad.status()).toBe(200);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const unparsable = await rawRequest(app.port, {
      method: 'POST',
      path: '/api/notes:create',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: '{"templateId": ',
    });
    expect(unparsable.status).toBe(400);
    expect(JSON.parse(unparsable.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    expect(await readdir(join(app.workspaceDir, 'notes')).catch(() => [])).toEqual([]);
    const listed = await request.post(`${app.origin}/api/notes:list`, { headers, data: {} });
    expect(await listed.json()).toMatchObject({ ok: true, value: { notes: [] } });
  });

  test('import:start refuses a path on this machine (forbidden, nothing imported); the CLI still imports by path', async ({ app, request }) => {
    const headers = { Authorization: `Bearer ${app.token}` };
    const call = async (name: string, data: unknown): Promise<unknown> => (await request.post(`${app.origin}/api/${name}`, { headers, data })).json();
    const folder = await mkdtemp(join(tmpdir(), 'bd-e2e-path-'));
    try {
      const outside = join(folder, 'outside.csv');
      await writeFile(outside, 'id,date,summary\n1,2025-06-05,Read from the analyst\'s disk\n');
      for (const path of ['/etc/hostname', '/dev/zero', outside]) {
        expect(await call('import:start', { path, fileName: 'outside.csv', format: 'csv' }), path).toMatchObject({
          ok: false,
          error: { code: 'forbidden', message: expect.stringContaining('Import button') },
        });
      }
      expect(await call('import:list', {})).toEqual({ ok: true, value: [] });
      expect(await call('library:stats', {})).toMatchObject({ ok: true, value: { events: 0, sources: 0 } });

      const imported = await app.cli('import', outside, '--format', 'csv');
      expect(imported.code, imported.stderr).toBe(0);
      expect(await call('library:stats', {})).toMatchObject({ ok: true, value: { events: 1 } });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('listens on 127.0.0.1 only', async ({ app }) => {
    expect(new URL(app.url).hostname).toBe('127.0.0.1');
    expect(await canConnect('127.0.0.1', app.port)).toBe(true);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((info) => info && info.family === 'IPv4' && info.address !== '127.0.0.1')
      .map((info) => info!.address);
    for (const address of others) expect(await canConnect(address, app.port), address).toBe(false);
  });

  test('every response carries the CSP without unsafe-eval', async ({ app, request }) => {
    for (const path of ['/', '/api/templates:list', '/missing.js']) {
      const response = path.startsWith('/api/')
        ? await request.post(`${app.origin}${path}`, { data: {}, headers: { Authorization: `Bearer ${app.token}` } })
        : await request.get(`${app.origin}${path}`);
      const csp = response.headers()['content-security-policy'] ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-eval');
      expect(response.headers()['x-content-type-options']).toBe('nosniff');
    }
  });
});
