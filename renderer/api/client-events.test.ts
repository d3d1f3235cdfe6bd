import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DesktopBridge, WorkspaceEvent } from '../../core/index';
import { createBridgeClient, createHttpClient, takeSseData, type HttpEnvironment } from './client';

const CHANGED: WorkspaceEvent = { type: 'note-changed', noteId: 'note-abcdef', version: 3, updatedAt: '2026-01-01T00:00:00.000Z', trashed: false, origin: 'elsewhere' };

/** An event stream whose chunks the test pushes; closing it ends the response like a server going away. */
function streamResponse(): { response: Response; push(text: string): void; end(): void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => (controller = c) });
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    push: (text) => controller.enqueue(new TextEncoder().encode(text)),
    end: () => controller.close(),
  };
}

function environment(fetch: HttpEnvironment['fetch']): HttpEnvironment {
  const storage = new Map<string, string>();
  return {
    fetch,
    location: { href: 'http://127.0.0.1:4000/?token=tok-123' },
    history: { state: null, replaceState: () => undefined },
    sessionStorage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
    open: () => null,
  };
}

async function until(condition: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(condition()).toBe(true), { timeout: 5000, interval: 5 });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('takeSseData', () => {
  it.each([
    { buffer: 'data: {"a":1}\n\n', data: ['{"a":1}'], rest: '' },
    { buffer: 'data: {"a":1}\n\ndata: {"b"', data: ['{"a":1}'], rest: 'data: {"b"' },
    { buffer: ': alive\n\ndata:{"c":2}\r\n\r\n', data: ['{"c":2}'], rest: '' },
    { buffer: 'data: one\ndata: two\n\n', data: ['one\ntwo'], rest: '' },
    { buffer: '', data: [], rest: '' },
  ])('$buffer', ({ buffer, data, rest }) => {
    expect(takeSseData(buffer)).toEqual({ data, rest });
  });
});

describe('HTTP client subscription', () => {
  it('reads the token-carrying event stream as it arrives and delivers only events of the contract', async () => {
    const stream = streamResponse();
    const fetch = vi.fn<HttpEnvironment['fetch']>().mockResolvedValueOnce(stream.response).mockReturnValue(new Promise(() => undefined));
    const client = createHttpClient(environment(fetch));
    const seen: WorkspaceEvent[] = [];
    const unsubscribe = client.subscribe((event) => seen.push(event));

    await until(() => fetch.mock.calls.length === 1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).toBe('http://127.0.0.1:4000/api/workspace%3Aevents');
    expect(init?.method).toBe('GET');
    expect(init?.headers).toMatchObject({ Authorization: 'Bearer tok-123' });

    // An event split across chunks, a heartbeat, something that is not an event, and a second event.
    stream.push('data: {"type":"conn');
    stream.push('ected"}\n\n: alive\n\ndata: {"type":"note-changed","noteId":"../x"}\n\n');
    stream.push(`data: ${JSON.stringify(CHANGED)}\n\n`);
    await until(() => seen.length === 2);
    expect(seen).toEqual([{ type: 'connected' }, CHANGED]);

    unsubscribe();
    expect((init?.signal as AbortSignal).aborted).toBe(true);
  });

  it('connects again when the server goes away, and a second listener shares the one stream', async () => {
    const first = streamResponse();
    const second = streamResponse();
    const fetch = vi
      .fn<HttpEnvironment['fetch']>()
      .mockResolvedValueOnce(first.response)
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(second.response)
      .mockReturnValue(new Promise(() => undefined));
    const client = createHttpClient(environment(fetch));
    const a: string[] = [];
    const b: string[] = [];
    const stopA = client.subscribe((event) => a.push(event.type));
    const stopB = client.subscribe((event) => b.push(event.type));
    first.push('data: {"type":"connected"}\n\n');
    await until(() => a.length === 1);
    first.end(); // the server restarted

    await until(() => fetch.mock.calls.length === 3);
    second.push(`data: {"type":"connected"}\n\ndata: ${JSON.stringify(CHANGED)}\n\n`);
    await until(() => a.length === 3);
    expect(a).toEqual(['connected', 'connected', 'note-changed']);
    expect(b).toEqual(a);
    stopA();
    stopB();
  });
});

describe('bridge client subscription (Electron)', () => {
  it('subscribes to the bridge once and drops payloads that are not workspace events', () => {
    let push: ((event: WorkspaceEvent) => void) | null = null;
    const unsubscribeBridge = vi.fn();
    const bridge = {
      subscribe: vi.fn((listener: (event: WorkspaceEvent) => void) => {
        push = listener;
        return unsubscribeBridge;
      }),
    } as unknown as DesktopBridge;
    const client = createBridgeClient(bridge);
    const seen: WorkspaceEvent[] = [];
    const stop1 = client.subscribe((event) => seen.push(event));
    const stop2 = client.subscribe(() => undefined);
    expect(bridge.subscribe).toHaveBeenCalledTimes(1);
    push!(CHANGED);
    push!({ type: 'note-deleted' } as unknown as WorkspaceEvent);
    expect(seen).toEqual([CHANGED]);
    stop1();
    expect(unsubscribeBridge).not.toHaveBeenCalled();
    stop2();
    expect(unsubscribeBridge).toHaveBeenCalledTimes(1);
  });
});
