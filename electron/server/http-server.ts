import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WORKSPACE_EVENTS, type ApiError, type WorkspaceEvent, type WorkspaceEventListener } from '../../core/index';
import { fileTooLargeMessage } from '../../core/domain/import-limits';
import type { Dispatch } from '../api/dispatcher';
import { SECURITY_HEADERS } from './security-headers';
import { resolveStaticFile } from './static-files';
import { MAX_UPLOAD_BYTES, cleanUploadName, formatBytes, stageUpload, uploadStagerOf, type UploadCapableBackend } from './upload';

/** The only address the browser edition listens on: never reachable from another machine. */
export const LOOPBACK_HOST = '127.0.0.1';

/** Largest API request body. A 30,000-word note is ~1–3 MB of TipTap JSON; this leaves headroom. */
export const MAX_BODY_BYTES = 50 * 1024 * 1024;

/** How often an idle event stream gets a comment line, so proxies and the client see it is alive. */
const EVENT_HEARTBEAT_MS = 15_000;

/** The workspace event channel of a backend that has one (the real Backend: `services.events`). */
export interface EventCapableBackend {
  services?: { events?: { subscribe(listener: WorkspaceEventListener): () => void; ready(): Promise<void> } };
}

/** Options for {@link startServer}. */
export interface ServerOptions {
  /**
   * `dispatch` for contract calls (the backend's untrusted one: requests may not name files on
   * this machine) and, for `POST /api/upload`, the library's upload service when the backend has
   * one. The server is a transport; the backend stays the caller's to close.
   */
  backend: { dispatch: Dispatch } & UploadCapableBackend & EventCapableBackend;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Where problems go (stderr in the CLI). */
  log?: (line: string) => void;
  /** Fixed token (tests); a fresh random one otherwise. */
  token?: string;
  /** Largest accepted API body; MAX_BODY_BYTES by default. */
  maxBodyBytes?: number;
  /** Largest accepted upload (`POST /api/upload`); MAX_UPLOAD_BYTES (200 MB) by default. */
  maxUploadBytes?: number;
}

/** A running browser-edition server. */
export interface RunningServer {
  /** `http://127.0.0.1:PORT/?token=…`, the address to open. */
  url: string;
  port: number;
  token: string;
  /** Stops accepting connections and ends open ones (after in-flight requests finish, at most ~2 s). */
  close(): Promise<void>;
}

/** Thrown when the port cannot be used, with a sentence for the user. */
export class ListenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListenError';
  }
}

/**
 * Starts the browser edition's HTTP server (node:http only): the built renderer as static files and
 * `POST /api/<domain:verb>` into `backend.dispatch`. Guards, in order: the Host header must name
 * our loopback origin (DNS rebinding), state-changing requests must not come from another origin
 * (CSRF), API calls need the per-launch bearer token, a JSON content type and a bounded body.
 * `POST /api/upload` (same guards, raw bytes as application/octet-stream, the file name in
 * X-File-Name, percent-encoded) stages a file for `import:start` and answers `{ uploadId }`.
 * `GET /api/workspace:events` (same token, same-origin only) streams the workspace events as
 * server-sent events: `data: <WorkspaceEvent JSON>` per event, `connected` first.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenDigest = digest(token);
  const log = options.log ?? (() => undefined);
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const maxUploadBytes = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  let port = 0;
  /** Open event streams, ended when the server closes (they would otherwise hold it open). */
  const streams = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`briefing-desk: request ${req.method} ${req.url} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, failure({ code: 'internal', message: 'The server failed while answering this request.' }));
      else res.destroy();
    });
  });
  // Slow-loris style clients should not hold the server forever; a 50 MB body on loopback is fast.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  // Node closes an idle keep-alive connection after 5 s; a client that reuses it just then (the page
  // after a pause, a script between two slow steps) gets ECONNRESET for a request the server never
  // saw. One analyst on loopback holds a handful of sockets: keep them two minutes.
  server.keepAliveTimeout = 120_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port)) {
      sendText(res, 403, 'Forbidden: this server only answers to 127.0.0.1 or localhost on its own port.');
      return;
    }
    const method = req.method ?? 'GET';
    const isSafeMethod = method === 'GET' || method === 'HEAD';
    if (!isSafeMethod && isCrossOrigin(req, port)) {
      sendJson(res, 403, failure({ code: 'forbidden', message: 'Cross-origin requests are refused.' }));
      return;
    }
    const pathname = pathOf(req.url);
    if (pathname === null) {
      sendText(res, 400, 'Bad request.');
      return;
    }
    if (pathname.startsWith('/api/')) {
      await handleApi(req, res, method, pathname.slice('/api/'.length));
      return;
    }
    if (!isSafeMethod) {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method not allowed.');
      return;
    }
    await serveStatic(req, res, method, pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, rawName: string): Promise<void> {
    if (!hasValidToken(req.headers.authorization, tokenDigest)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      sendJson(res, 401, failure({ code: 'unauthorized', message: 'Missing or wrong token: open the address that `serve` printed (it ends in ?token=…).' }));
      return;
    }
    if (rawName === WORKSPACE_EVENTS || rawName === encodeURIComponent(WORKSPACE_EVENTS)) {
      await handleEvents(req, res, method);
      return;
    }
    if (method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendJson(res, 405, failure({ code: 'invalid_input', message: 'API calls are POST requests.' }));
      return;
    }
    if (rawName === 'upload') {
      await handleUpload(req, res);
      return;
    }
    if (mediaType(req.headers['content-type']) !== 'application/json') {
      sendJson(res, 415, failure({ code: 'invalid_input', message: 'API calls need Content-Type: application/json.' }));
      return;
    }
    let name: string;
    try {
      name = decodeURIComponent(rawName);
    } catch {
      sendJson(res, 400, failure({ code: 'invalid_input', message: 'The call name in the URL is not valid.' }));
      return;
    }
    const body = await readBody(req, maxBodyBytes);
    if (body === 'too-large') {
      res.setHeader('Connection', 'close');
      sendJson(res, 413, failure({ code: 'invalid_input', message: `The request is larger than ${formatBytes(maxBodyBytes)}.` }));
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
    } catch {
      sendJson(res, 400, failure({ code: 'invalid_input', message: 'The request body is not valid JSON.' }));
      return;
    }
    // App-level errors are data: 200 with { ok: false, error } so the client has one path for them.
    const result = await options.backend.dispatch(name, input);
    sendJson(res, 200, result);
  }

  /** `GET /api/workspace:events`: the token was checked by the caller. */
  async function handleEvents(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (method !== 'GET') {
      res.setHeader('Allow', 'GET');
      sendJson(res, 405, failure({ code: 'invalid_input', message: 'The workspace event stream is a GET request.' }));
      return;
    }
    // A read, but a stream of the analyst's data: no other origin may hold it open.
    if (isCrossOrigin(req, port)) {
      sendJson(res, 403, failure({ code: 'forbidden', message: 'Cross-origin requests are refused.' }));
      return;
    }
    const hub = options.backend.services?.events;
    if (!hub) {
      sendJson(res, 501, failure({ code: 'internal', message: 'This server has no workspace event channel.' }));
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    const write = (event: WorkspaceEvent): void => {
      if (!res.writableEnded) res.write(`data: ${JSON.stringify(event)}\n\n`);
    };
    const unsubscribe = hub.subscribe(write);
    streams.add(res);
    const heartbeat = setInterval(() => {
      if (!res.writableEnded) res.write(': alive\n\n');
    }, EVENT_HEARTBEAT_MS);
    heartbeat.unref();
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
    // After the watcher has its baseline: every change made from now on reaches this stream.
    await hub.ready();
    write({ type: 'connected' });
  }

  /** `POST /api/upload`: the token, method and origin were checked by the caller. */
  async function handleUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (mediaType(req.headers['content-type']) !== 'application/octet-stream') {
      sendJson(res, 415, failure({ code: 'invalid_input', message: 'Uploads need Content-Type: application/octet-stream (the file\'s raw bytes).' }));
      return;
    }
    const fileName = uploadName(req.headers['x-file-name']);
    if (fileName === null) {
      sendJson(res, 400, failure({ code: 'invalid_input', message: 'Uploads need the file name in the X-File-Name header (percent-encoded).' }));
      return;
    }
    const body = await readBody(req, maxUploadBytes);
    if (body === 'too-large') {
      res.setHeader('Connection', 'close');
      const declared = Number(req.headers['content-length']);
      const size = Number.isSafeInteger(declared) && declared > maxUploadBytes ? declared : null;
      sendJson(res, 413, failure({ code: 'invalid_input', message: fileTooLargeMessage(fileName, size, maxUploadBytes) }));
      return;
    }
    if (!uploadStagerOf(options.backend)) {
      sendJson(res, 501, failure({ code: 'internal', message: 'This server cannot take uploads (the library is not available).' }));
      return;
    }
    // Like contract calls, an app-level failure is data: 200 with { ok: false, error }.
    sendJson(res, 200, await stageUpload(options.backend, fileName, body));
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, method: string, pathname: string): Promise<void> {
    const file = await resolveStaticFile(options.rendererDir, pathname);
    if (!file && pathname === '/favicon.ico') {
      // Browsers ask for it unprompted; "nothing here" without a console error.
      res.writeHead(204, { ...SECURITY_HEADERS, 'Cache-Control': 'no-cache' });
      res.end();
      return;
    }
    if (!file) {
      const missingBuild = pathname === '/' || pathname === '/index.html';
      sendText(res, 404, missingBuild ? 'The renderer is not built (dist/renderer/index.html is missing). Run: npm run build' : 'Not found.');
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': file.contentType,
      'Content-Length': String(file.size),
      'Cache-Control': file.cacheControl,
    });
    if (method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise<void>((resolveStream, rejectStream) => {
      const stream = createReadStream(file.path);
      stream.on('error', rejectStream);
      res.on('close', () => {
        stream.destroy();
        resolveStream();
      });
      stream.pipe(res);
    });
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') rejectListen(new ListenError(`port ${options.port} is already in use; pick another with --port N, or --port 0 for any free port`));
      else if (error.code === 'EACCES') rejectListen(new ListenError(`port ${options.port} needs special rights here; use a port above 1023, or --port 0`));
      else rejectListen(error);
    });
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${LOOPBACK_HOST}:${port}/?token=${token}`,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        for (const stream of streams) stream.end();
        server.closeIdleConnections();
        // Give in-flight requests (a save) a moment, then cut keep-alive connections that linger.
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
      return closing;
    },
  };
}

/** True for `127.0.0.1:PORT` and `localhost:PORT` (case-insensitive); anything else is a rebinding attempt. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const normalized = host.trim().toLowerCase();
  return normalized === `${LOOPBACK_HOST}:${port}` || normalized === `localhost:${port}`;
}

/**
 * True when a state-changing request comes from another site: an Origin header that is not ours,
 * or the browser's Sec-Fetch-Site saying cross-site / same-site (another port on localhost is
 * "same-site" — still not us).
 */
export function isCrossOrigin(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const allowed = [`http://${LOOPBACK_HOST}:${port}`, `http://localhost:${port}`];
    if (!allowed.includes(origin.toLowerCase())) return true;
  }
  const fetchSite = headerValue(req.headers['sec-fetch-site']);
  return fetchSite === 'cross-site' || fetchSite === 'same-site';
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Compares digests in constant time, so neither the token's content nor its length leaks. */
function hasValidToken(authorization: string | undefined, expected: Buffer): boolean {
  if (!authorization) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return false;
  return timingSafeEqual(digest(match[1]!), expected);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value)?.trim().toLowerCase();
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The X-File-Name header, percent-decoded and reduced to a plain file name; null when unusable. */
function uploadName(header: string | string[] | undefined): string | null {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) return null;
  try {
    return cleanUploadName(decodeURIComponent(raw));
  } catch {
    return null;
  }
}

function pathOf(url: string | undefined): string | null {
  try {
    return new URL(url ?? '/', 'http://placeholder').pathname;
  } catch {
    return null;
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve('too-large');
  }
  return new Promise((resolveBody, rejectBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        resolveBody('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!tooLarge) resolveBody(Buffer.concat(chunks));
    });
    req.on('error', rejectBody);
  });
}

function failure(error: ApiError): { ok: false; error: ApiError } {
  return { ok: false, error };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(payload.length),
    'Cache-Control': 'no-store',
  });
  res.end(payload);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  const payload = Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(payload.length),
    'Cache-Control': 'no-store',
  });
  res.end(payload);
}
