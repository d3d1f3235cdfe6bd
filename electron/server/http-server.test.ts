import { request } from 'node:http';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackend, type Backend } from '../container';
import { startServer, type RunningServer } from './http-server';
import { CONTENT_SECURITY_POLICY } from './security-headers';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let root: string;
let backend: Backend;
let server: RunningServer;

/** Raw node:http, because fetch does not let a test set Host or send odd requests. */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolveReply, rejectReply) => {
    const req = request({ host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolveReply({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', rejectReply);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function api(name: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
  return send({
    method: 'POST',
    path: `/api/${name}`,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...headers },
    body,
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bd-server-'));
  const rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Briefing Desk</title>');
  await writeFile(join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'outside the renderer');
  backend = await createBackend({
    workspaceDir: join(root, 'workspace'),
    builtinTemplatesDir: resolve(__dirname, '..', '..', 'templates'),
    appVersion: '0.0.0-test',
  });
  server = await startServer({ backend, rendererDir, port: 0, maxBodyBytes: 1024, maxUploadBytes: 4096 });
});

afterAll(async () => {
  await server.close();
  await backend.close();
  await rm(root, { recursive: true, force: true });
});

describe('browser edition server', () => {
  it('listens on a random port of 127.0.0.1 and prints a tokenized URL', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('serves index.html for / with no-cache and the security headers', async () => {
    const reply = await send({ path: '/?token=abc' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-cache');
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(reply.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(reply.body).toContain('<title>Briefing Desk</title>');
  });

  it('keeps idle connections two minutes and says so, so a client never reuses one the server just closed', async () => {
    // Node's default is 5 s: a request sent on a connection idle that long met ECONNRESET.
    const reply = await send({ path: '/', headers: { Connection: 'keep-alive' } });
    expect(reply.headers['keep-alive']).toBe('timeout=120');
  });

  it('serves hashed assets with their MIME type and a long cache', async () => {
    const reply = await send({ path: '/assets/app-1234.js' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(reply.headers['cache-control']).toContain('immutable');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/assets', '/nope.js'])(
    'does not serve %s',
    async (path) => {
      const reply = await send({ path });
      expect(reply.status).toBe(404);
      expect(reply.body).not.toContain('outside the renderer');
    },
  );

  it('allows only GET and HEAD for static files', async () => {
    expect((await send({ method: 'HEAD', path: '/' })).status).toBe(200);
    const reply = await send({ method: 'PUT', path: '/index.html', headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
  });

  it('answers a contract call with the result envelope', async () => {
    const reply = await api('templates:list', '{}');
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(reply.body) as { ok: boolean; value: { templates: unknown[] } };
    expect(body.ok).toBe(true);
    expect(body.value.templates.length).toBeGreaterThanOrEqual(5);
  });

  it('accepts a percent-encoded call name (what the renderer sends)', async () => {
    const reply = await api('templates%3Alist', '{}');
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true });
  });

  it('returns app errors as data with 200', async () => {
    const unknown = await api('notes:frobnicate', '{}');
    expect(unknown.status).toBe(200);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('rejects a malformed request as invalid_input and writes nothing', async () => {
    const before = await readdir(join(root, 'workspace', 'notes'));
    const reply = await api('notes:create', JSON.stringify({ templateId: 'situation-brief', title: 42, evil: true }));
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await readdir(join(root, 'workspace', 'notes'))).toEqual(before);
  });

  it('answers 400 invalid_input to a body that is not JSON', async () => {
    const reply = await api('notes:list', '{not json');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { Authorization: 'Bearer wrong-token' }],
    ['a token of the right length but wrong', { Authorization: `Bearer ${'x'.repeat(32)}` }],
    ['the token in another scheme', { Authorization: 'Basic abc' }],
  ])('answers 401 to %s', async (_label, headers) => {
    const reply = await send({ method: 'POST', path: '/api/templates:list', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it.each(['evil.example', `evil.example:${0}`, '127.0.0.1', '127.0.0.1:1', 'localhost.evil.example'])('answers 403 to Host %s', async (host) => {
    const reply = await send({ path: '/', headers: { Host: host } });
    expect(reply.status).toBe(403);
    const apiReply = await api('templates:list', '{}', { Host: host });
    expect(apiReply.status).toBe(403);
  });

  it('accepts Host localhost:PORT', async () => {
    const reply = await api('templates:list', '{}', { Host: `localhost:${server.port}` });
    expect(reply.status).toBe(200);
  });

  it('refuses cross-origin state-changing requests', async () => {
    expect((await api('notes:create', '{"templateId":"blank"}', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('notes:create', '{"templateId":"blank"}', { Origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await api('notes:create', '{"templateId":"blank"}', { Origin: 'null' })).status).toBe(403);
    expect((await api('notes:create', '{"templateId":"blank"}', { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await api('notes:create', '{"templateId":"blank"}', { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    const notes = JSON.parse((await api('notes:list', '{}')).body) as { value: { notes: unknown[] } };
    expect(notes.value.notes).toEqual([]);
  });

  it('accepts same-origin requests from the page', async () => {
    const reply = await api('templates:list', '{}', { Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' });
    expect(reply.status).toBe(200);
  });

  it('answers 415 to a POST without Content-Type: application/json', async () => {
    const reply = await api('templates:list', '{}', { 'Content-Type': 'text/plain' });
    expect(reply.status).toBe(415);
    const charset = await api('templates:list', '{}', { 'Content-Type': 'application/json; charset=utf-8' });
    expect(charset.status).toBe(200);
  });

  it('answers 405 to GET on the API', async () => {
    const reply = await send({ path: '/api/templates:list', headers: { Authorization: `Bearer ${server.token}` } });
    expect(reply.status).toBe(405);
  });

  it('answers 413 to a body over the limit', async () => {
    const reply = await api('notes:list', JSON.stringify({ query: 'x'.repeat(2000) }));
    expect(reply.status).toBe(413);
  });

  describe('POST /api/upload', () => {
    function upload(body: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
      return send({
        method: 'POST',
        path: '/api/upload',
        headers: { 'Content-Type': 'application/octet-stream', Authorization: `Bearer ${server.token}`, 'X-File-Name': 'events.csv', ...headers },
        body,
      });
    }

    it('answers 401 without the token', async () => {
      const reply = await send({ method: 'POST', path: '/api/upload', headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': 'a.csv' }, body: 'x' });
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    });

    it('refuses another origin and another Host like every API call', async () => {
      expect((await upload('x', { Origin: 'http://evil.example' })).status).toBe(403);
      expect((await upload('x', { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
      expect((await upload('x', { Host: 'evil.example' })).status).toBe(403);
    });

    it('answers 415 to another content type', async () => {
      for (const type of ['application/json', 'text/csv', 'multipart/form-data; boundary=x']) {
        const reply = await upload('x', { 'Content-Type': type });
        expect(reply.status, type).toBe(415);
        expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('application/octet-stream') } });
      }
    });

    it('answers 400 without a usable file name', async () => {
      for (const name of ['', '%E0%A4%A', '..', '%2F']) {
        const reply = await upload('x', { 'X-File-Name': name });
        expect(reply.status, name).toBe(400);
      }
    });

    it('answers 413 with a clear JSON error to a file over the limit', async () => {
      const reply = await upload(Buffer.alloc(5000, 65));
      expect(reply.status).toBe(413);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^"events\.csv" is too large; Briefing Desk imports files of at most 4 KB .*Split it into smaller files/) } });
    });

    it('stages the bytes and answers 200 with an uploadId that import:start takes', async () => {
      const bytes = Buffer.from('id,date,summary\n1,2025-06-05,Trump and Xi speak by phone\n', 'utf8');
      const reply = await upload(bytes, { 'X-File-Name': encodeURIComponent('June calls é.csv') });
      expect(reply.status).toBe(200);
      const body = JSON.parse(reply.body) as { ok: true; value: { uploadId: string } };
      expect(body).toMatchObject({ ok: true, value: { uploadId: expect.stringMatching(/^[a-z0-9-]{8,64}$/) } });
      const started = JSON.parse((await api('import:start', JSON.stringify({ uploadId: body.value.uploadId, fileName: 'June calls é.csv', format: 'csv' }))).body) as {
        ok: boolean;
        value: { id: string };
      };
      expect(started.ok).toBe(true);
      // The staged bytes are what gets imported; wait for the job so nothing writes after the test.
      let state = '';
      await vi.waitFor(
        async () => {
          const status = JSON.parse((await api('import:status', JSON.stringify({ jobId: started.value.id }))).body) as { value: { state: string } };
          state = status.value.state;
          expect(['done', 'failed', 'cancelled']).toContain(state);
        },
        { timeout: 10_000, interval: 50 },
      );
      expect(state).toBe('done');
    });
  });

  describe('import:start never reads a path a request names', () => {
    it('refuses `path` with forbidden (valid token), imports nothing and says what to do', async () => {
      const outside = join(root, 'outside.csv');
      await writeFile(outside, 'id,date,summary\n1,2025-06-05,Read from the analyst\'s disk\n');
      const before = JSON.parse((await api('library:stats', '{}')).body) as { value: { events: number } };
      const jobsBefore = JSON.parse((await api('import:list', '{}')).body) as { value: unknown[] };
      const attempts = [
        { path: '/etc/hostname', fileName: 'hostname' },
        { path: outside, fileName: 'outside.csv', format: 'csv' },
        { path: '/dev/zero', fileName: 'zero.csv', format: 'csv' },
        // With an upload id as well, or empty: still a path from a request.
        { path: outside, uploadId: 'up-0123456789abcdef', fileName: 'outside.csv' },
        { path: '', fileName: 'x.csv' },
      ];
      for (const input of attempts) {
        const reply = await api('import:start', JSON.stringify(input));
        expect(reply.status, input.path).toBe(200);
        expect(JSON.parse(reply.body), input.path).toMatchObject({
          ok: false,
          error: { code: 'forbidden', message: expect.stringMatching(/Import button.*drop the file.*briefing-desk import FILE/s) },
        });
      }
      expect((JSON.parse((await api('import:list', '{}')).body) as { value: unknown[] }).value).toHaveLength(jobsBefore.value.length);
      expect(JSON.parse((await api('library:stats', '{}')).body)).toMatchObject({ ok: true, value: { events: before.value.events } });
    });
  });

  describe('POST /api/upload transport details', () => {
    let recording: RunningServer;
    const staged: { fileName: string; bytes: Uint8Array }[] = [];

    beforeAll(async () => {
      const stager = {
        stage: (fileName: string, bytes: Uint8Array) => {
          staged.push({ fileName, bytes });
          return Promise.resolve('upload-0001');
        },
      };
      recording = await startServer({ backend: { dispatch: backend.dispatch, services: { uploads: stager } }, rendererDir: join(root, 'renderer'), port: 0 });
    });

    afterAll(() => recording.close());

    it('hands the exact bytes and a plain file name (no path) to the upload service', async () => {
      const bytes = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
      const reply = await new Promise<Reply>((resolveReply, rejectReply) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: recording.port,
            method: 'POST',
            path: '/api/upload',
            headers: { 'Content-Type': 'application/octet-stream', Authorization: `Bearer ${recording.token}`, 'X-File-Name': encodeURIComponent('..\\..\\secret/../Übersicht.csv') },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolveReply({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          },
        );
        req.on('error', rejectReply);
        req.end(bytes);
      });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { uploadId: 'upload-0001' } });
      expect(staged).toHaveLength(1);
      expect(staged[0]!.fileName).toBe('Übersicht.csv');
      expect(Buffer.from(staged[0]!.bytes).equals(bytes)).toBe(true);
    });
  });
});
