import { type IncomingMessage, request } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkspaceEvent } from '../../core/index';
import { createBackend, type Backend } from '../container';
import { makeTempDir, removeDir } from '../services/testing/fixtures';
import { startServer, type RunningServer } from './http-server';

const PATH = '/api/workspace%3Aevents';

let root: string;
let backend: Backend;
/** A second backend on the same folder: the CLI in another process writes like this. */
let other: Backend;
let server: RunningServer;

/** Opens the stream with raw node:http (fetch cannot set Host or Origin) and collects its events. */
function open(headers: Record<string, string>): Promise<{ res: IncomingMessage; events: WorkspaceEvent[]; body: () => string; ended: Promise<void>; close: () => void }> {
  return new Promise((resolveOpen, rejectOpen) => {
    const req = request({ host: '127.0.0.1', port: server.port, method: 'GET', path: PATH, headers }, (res) => {
      let text = '';
      const events: WorkspaceEvent[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        for (const match of chunk.matchAll(/^data: (.*)$/gm)) events.push(JSON.parse(match[1]!) as WorkspaceEvent);
      });
      const ended = new Promise<void>((done) => res.on('end', () => done()));
      resolveOpen({ res, events, body: () => text, ended, close: () => req.destroy() });
    });
    req.on('error', rejectOpen);
    req.end();
  });
}

function withToken(extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${server.token}`, ...extra };
}

beforeAll(async () => {
  root = await makeTempDir('bd-events-');
  const rendererDir = join(root, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Briefing Desk</title>');
  const options = { workspaceDir: join(root, 'workspace'), builtinTemplatesDir: resolve(__dirname, '..', '..', 'templates'), appVersion: '0.0.0-test' };
  backend = await createBackend(options);
  other = await createBackend({ ...options, processName: 'cli' });
  server = await startServer({ backend, rendererDir, port: 0 });
});

afterAll(async () => {
  await server.close();
  await backend.close();
  await other.close();
  await removeDir(root);
});

describe('GET /api/workspace:events', () => {
  it('streams the workspace events as server-sent events, connected first, to a caller with the token', async () => {
    const stream = await open(withToken());
    expect(stream.res.statusCode).toBe(200);
    expect(stream.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.res.headers['cache-control']).toBe('no-store');
    expect(stream.res.headers['content-security-policy']).toBeTruthy();
    await vi.waitFor(() => expect(stream.events[0]).toEqual({ type: 'connected' }), { timeout: 5000 });

    const created = await other.trustedDispatch('notes:create', { templateId: 'blank' });
    expect(created.ok).toBe(true);
    const id = created.ok ? (created.value as { id: string }).id : '';
    await vi.waitFor(() => expect(stream.events).toContainEqual(expect.objectContaining({ type: 'note-created', noteId: id, origin: 'elsewhere' })), { timeout: 5000 });
    stream.close();
    // The server lets go of a closed stream's subscription.
    await vi.waitFor(() => expect(backend.services.events.size).toBe(0), { timeout: 5000 });
  });

  it.each<{ name: string; headers: Record<string, string>; status: number; token?: boolean }>([
    { name: 'no token', headers: {}, status: 401 },
    { name: 'a wrong token', headers: { Authorization: 'Bearer not-the-token' }, status: 401 },
    { name: 'another origin', headers: { Origin: 'http://evil.example' }, status: 403, token: true },
    { name: 'another site by Sec-Fetch-Site', headers: { 'Sec-Fetch-Site': 'cross-site' }, status: 403, token: true },
    { name: 'a rebinding Host', headers: { Host: 'evil.example:80' }, status: 403, token: true },
  ])('refuses $name with $status and no events', async ({ headers, status, token }) => {
    const stream = await open(token ? withToken(headers) : headers);
    expect(stream.res.statusCode).toBe(status);
    await stream.ended;
    expect(stream.body()).not.toContain('data:');
  });

  it('answers only GET', async () => {
    const reply = await new Promise<number>((resolveReply, rejectReply) => {
      const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: PATH, headers: withToken({ 'Content-Type': 'application/json' }) }, (res) => {
        res.resume();
        resolveReply(res.statusCode ?? 0);
      });
      req.on('error', rejectReply);
      req.end('{}');
    });
    expect(reply).toBe(405);
  });
});
