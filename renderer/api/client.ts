import type { ApiClient, ApiError, CallInput, CallName, CallOutput, DesktopBridge, Result } from '../../core/index';
import { BRIDGE_GLOBAL, WORKSPACE_EVENTS, WorkspaceEventSchema, isAllowedLinkHref, type WorkspaceEvent, type WorkspaceEventListener } from '../../core/index';

/** Key under which the browser edition keeps its launch token for the tab's lifetime. */
export const TOKEN_STORAGE_KEY = 'briefing-desk.token';

/** Shown when the browser edition's server does not answer or answers something that is not ours. */
export const SERVER_DOWN_MESSAGE = 'The Briefing Desk server is not responding. Is it still running? Restart it with npm start.';

/** Keepalive requests are capped by browsers at 64 KiB per page; stay under it. */
const KEEPALIVE_LIMIT_BYTES = 60 * 1024;

import { MAX_UPLOAD_BYTES } from '../../core/api/bridge';
import { fileTooLargeMessage } from '../../core/domain/import-limits';

export { MAX_UPLOAD_BYTES };

/** The renderer's one client: contract calls plus what the shell offers around them. */
export interface AppClient extends ApiClient {
  /** Which transport was chosen at start. */
  readonly transport: 'desktop' | 'http';
  /**
   * Last-chance call while the page unloads (browser edition): a keepalive request that outlives
   * the page. Returns false when it could not be sent (too large for keepalive, or no HTTP).
   */
  saveOnUnload<N extends CallName>(name: N, input: CallInput<N>): boolean;
  /** Opens an http(s)/mailto link outside the app; anything else is refused. */
  openExternal(url: string): Promise<Result<null>>;
  /** Electron only: registers the save the main process waits for before closing the window. */
  onBeforeClose(listener: () => Promise<void>): () => void;
  /** Hands a picked or dropped file to the backend; `import:start` then takes `{ uploadId, fileName }`. */
  upload(file: File): Promise<Result<{ uploadId: string }>>;
  /**
   * Listens to the workspace event channel (`workspace:events`): what changed in the workspace,
   * whoever changed it, and import/export progress. Both transports reconnect by themselves; each
   * (re)connection starts with a `connected` event, after which a listener refreshes what it shows
   * (events may have been missed meanwhile). Returns the unsubscribe function.
   */
  subscribe(listener: WorkspaceEventListener): () => void;
}

/** Waits before reconnecting the event stream, per failed attempt in a row; the last one repeats. */
export const RECONNECT_DELAYS_MS = [100, 250, 500, 1000];

/** Listeners of the event channel, fanned out from one connection; a throwing listener does not stop the rest. */
function createFanOut(start: (deliver: (raw: unknown) => void) => () => void): (listener: WorkspaceEventListener) => () => void {
  const listeners = new Set<WorkspaceEventListener>();
  let stop: (() => void) | null = null;
  const deliver = (raw: unknown): void => {
    // The contract's schema, as for every answer: anything else is not our backend speaking.
    const parsed = WorkspaceEventSchema.safeParse(raw);
    if (!parsed.success) return;
    for (const listener of [...listeners]) {
      try {
        listener(parsed.data);
      } catch (error) {
        console.error('A workspace event listener failed:', error);
      }
    }
  };
  return (listener) => {
    listeners.add(listener);
    stop ??= start(deliver);
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0 || !stop) return;
      stop();
      stop = null;
    };
  };
}

/** Splits a server-sent-events buffer into complete events' data, keeping the unfinished rest. */
export function takeSseData(buffer: string): { data: string[]; rest: string } {
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  const data: string[] = [];
  for (const block of blocks) {
    const lines = block.split(/\r?\n/).filter((line) => line.startsWith('data:'));
    if (lines.length > 0) data.push(lines.map((line) => line.slice(line.startsWith('data: ') ? 6 : 5)).join('\n'));
  }
  return { data, rest };
}

/** What the HTTP transport needs from its environment; tests pass fakes. */
export interface HttpEnvironment {
  fetch: typeof fetch;
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
  open: (url: string, target: string, features: string) => unknown;
}

function ioError(message = SERVER_DOWN_MESSAGE): Result<never> {
  return { ok: false, error: { code: 'io', message } };
}

/** Refuses a file over the hosts' limit before any byte is read or sent. */
function tooLarge(file: File): Result<never> | null {
  if (file.size <= MAX_UPLOAD_BYTES) return null;
  // The backend's own words: the size, the limit and how to split the file.
  return { ok: false, error: { code: 'invalid_input', message: fileTooLargeMessage(file.name, file.size, MAX_UPLOAD_BYTES) } };
}

/** An upload answer must carry a string uploadId; anything else is not our server. */
function asUploadResult(result: Result<unknown> | null): Result<{ uploadId: string }> | null {
  if (!result) return null;
  if (!result.ok) return result;
  const uploadId = (result.value as { uploadId?: unknown } | null)?.uploadId;
  return typeof uploadId === 'string' ? { ok: true, value: { uploadId } } : null;
}

function isApiError(value: unknown): value is ApiError {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<ApiError>;
  return typeof candidate.code === 'string' && typeof candidate.message === 'string';
}

/** Accepts only our envelope; anything else means we are not talking to Briefing Desk. */
function asResult(body: unknown): Result<unknown> | null {
  if (!body || typeof body !== 'object') return null;
  const envelope = body as { ok?: unknown; value?: unknown; error?: unknown };
  if (envelope.ok === true) return { ok: true, value: envelope.value };
  if (envelope.ok === false && isApiError(envelope.error)) return { ok: false, error: envelope.error };
  return null;
}

/**
 * Takes the launch token from `?token=` (first load), keeps it in sessionStorage so a reload still
 * works, and removes it from the address bar so it does not end up in screenshots or bookmarks.
 */
export function takeLaunchToken(env: Pick<HttpEnvironment, 'location' | 'history' | 'sessionStorage'>): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      env.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the token still works for this page's lifetime.
    }
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return env.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The browser edition's transport: `POST /api/<name>` with the launch token. */
export function createHttpClient(env: HttpEnvironment): AppClient {
  const token = takeLaunchToken(env);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const uploadHeaders = (file: File): Record<string, string> => ({
    ...headers,
    'Content-Type': 'application/octet-stream',
    // Header values are Latin-1 only; percent-encoding carries any file name.
    'X-File-Name': encodeURIComponent(file.name),
  });
  const endpoint = (name: string): string => new URL(`api/${encodeURIComponent(name)}`, apiBase(env.location.href)).toString();
  const eventHeaders: Record<string, string> = { Accept: 'text/event-stream', ...(token && { Authorization: `Bearer ${token}` }) };

  /**
   * The event stream: fetch (not EventSource, which cannot send the token header) reading
   * `GET /api/workspace:events` as it arrives; when it ends or fails (the server restarted, the
   * laptop slept) it connects again after a short, growing wait.
   */
  const subscribe = createFanOut((deliver) => {
    const controller = new AbortController();
    let failures = 0;
    const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
    const readOnce = async (): Promise<void> => {
      const response = await env.fetch(endpoint(WORKSPACE_EVENTS), { method: 'GET', headers: eventHeaders, signal: controller.signal, cache: 'no-store' });
      if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        const taken = takeSseData(buffer);
        buffer = taken.rest;
        for (const data of taken.data) {
          failures = 0;
          try {
            deliver(JSON.parse(data) as unknown);
          } catch {
            // Not JSON: not an event of ours; skip it.
          }
        }
      }
    };
    void (async () => {
      while (!controller.signal.aborted) {
        try {
          await readOnce();
        } catch {
          // Reconnect below, unless we were stopped.
        }
        if (controller.signal.aborted) return;
        await wait(RECONNECT_DELAYS_MS[Math.min(failures, RECONNECT_DELAYS_MS.length - 1)]!);
        failures += 1;
      }
    })();
    return () => controller.abort();
  });

  return {
    transport: 'http',
    subscribe,
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
      let response: Response;
      try {
        response = await env.fetch(endpoint(name), { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
      } catch {
        return ioError();
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return ioError();
      }
      const result = asResult(body);
      if (!result) return ioError();
      return result as Result<CallOutput<N>>;
    },
    saveOnUnload(name, input) {
      const body = JSON.stringify(input ?? {});
      if (new Blob([body]).size > KEEPALIVE_LIMIT_BYTES) return false;
      try {
        void env.fetch(endpoint(name), { method: 'POST', headers, body, keepalive: true }).catch(() => undefined);
        return true;
      } catch {
        return false;
      }
    },
    async openExternal(url) {
      if (!isAllowedLinkHref(url)) return refusedLink(url);
      env.open(url, '_blank', 'noopener,noreferrer');
      return { ok: true, value: null };
    },
    onBeforeClose() {
      return () => undefined;
    },
    async upload(file) {
      const refused = tooLarge(file);
      if (refused) return refused;
      let response: Response;
      try {
        // The File itself is the body: the browser streams it from disk.
        response = await env.fetch(endpoint('upload'), { method: 'POST', headers: uploadHeaders(file), body: file });
      } catch {
        return ioError();
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return ioError();
      }
      return asUploadResult(asResult(body)) ?? ioError();
    },
  };
}

/** The server serves the renderer at its root; API calls go to `/api/…` of the same origin. */
function apiBase(href: string): string {
  const url = new URL(href);
  return `${url.origin}/`;
}

function refusedLink(url: string): Result<null> {
  return { ok: false, error: { code: 'forbidden', message: `Only http, https and mailto links can be opened (refused: ${url.slice(0, 80)}).` } };
}

/** The Electron transport: the preload's bridge, already typed and checked in the main process. */
export function createBridgeClient(bridge: DesktopBridge): AppClient {
  // One bridge subscription for all listeners; main resends `connected` after a reload of the window.
  const subscribe = createFanOut((deliver) => bridge.subscribe((event: WorkspaceEvent) => deliver(event)));
  return {
    transport: 'desktop',
    subscribe,
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
      try {
        const result = await bridge.call(name, input ?? {});
        return (asResult(result) ?? ioError('The Briefing Desk main process gave an answer the window cannot read.')) as Result<CallOutput<N>>;
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return ioError(`The Briefing Desk main process did not answer: ${detail}`);
      }
    },
    // Electron's main process waits for onBeforeClose instead; nothing to send here.
    saveOnUnload: () => false,
    async openExternal(url) {
      if (!isAllowedLinkHref(url)) return refusedLink(url);
      try {
        return await bridge.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK -- our IPC/HTTP call, not shell.openExternal; main allows only http, https and mailto
      } catch {
        return ioError('The link could not be handed to the system browser.');
      }
    },
    onBeforeClose: (listener) => bridge.onBeforeClose(listener),
    async upload(file) {
      const refused = tooLarge(file);
      if (refused) return refused;
      try {
        const result = await bridge.upload(file.name, await file.arrayBuffer());
        return asUploadResult(asResult(result)) ?? ioError('The Briefing Desk main process gave an answer the window cannot read.');
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return ioError(`"${file.name}" could not be handed to the main process: ${detail}`);
      }
    },
  };
}

/** Picks the transport once at start: the Electron bridge when the preload exposed one, else HTTP. */
export function createAppClient(): AppClient {
  const bridge = (window as unknown as Record<string, DesktopBridge | undefined>)[BRIDGE_GLOBAL];
  if (bridge && typeof bridge.call === 'function') return createBridgeClient(bridge);
  return createHttpClient({
    fetch: window.fetch.bind(window),
    location: window.location,
    history: window.history,
    sessionStorage: window.sessionStorage,
    open: (url, target, features) => window.open(url, target, features),
  });
}
