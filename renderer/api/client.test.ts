// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopBridge } from '../../core/index';
import { MAX_UPLOAD_BYTES, SERVER_DOWN_MESSAGE, TOKEN_STORAGE_KEY, createAppClient, createBridgeClient } from './client';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('HTTP client (browser edition)', () => {
  beforeEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/?token=secret-token-123&view=x#top');
    vi.restoreAllMocks();
  });

  it('takes the token from the URL once, keeps it for reloads and removes it from the address bar', async () => {
    const fetchMock = vi.spyOn(window, 'fetch').mockResolvedValue(jsonResponse({ ok: true, value: { path: '/w', noteCount: 0, appVersion: '0.1.0' } }));
    const client = createAppClient();
    expect(client.transport).toBe('http');
    expect(window.location.search).toBe('?view=x');
    expect(window.location.hash).toBe('#top');
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('secret-token-123');

    const result = await client.call('workspace:info', {});
    expect(result).toEqual({ ok: true, value: { path: '/w', noteCount: 0, appVersion: '0.1.0' } });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(String(url)).toBe(`${window.location.origin}/api/workspace%3Ainfo`);
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ Authorization: 'Bearer secret-token-123', 'Content-Type': 'application/json' });

    // A reload has no token in the URL any more: the stored one is used.
    const again = createAppClient();
    await again.call('workspace:info', {});
    expect(fetchMock.mock.calls[1]![1]?.headers).toMatchObject({ Authorization: 'Bearer secret-token-123' });
  });

  it('passes backend errors through as data', async () => {
    vi.spyOn(window, 'fetch').mockResolvedValue(jsonResponse({ ok: false, error: { code: 'unauthorized', message: 'Wrong token' } }, 401));
    const result = await createAppClient().call('notes:get', { id: 'note-abcdef' });
    expect(result).toEqual({ ok: false, error: { code: 'unauthorized', message: 'Wrong token' } });
  });

  it('says the server is not responding on network failure or a non-JSON answer', async () => {
    vi.spyOn(window, 'fetch').mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValueOnce(new Response('<html>proxy error</html>', { status: 502 }));
    const client = createAppClient();
    expect(await client.call('settings:get', {})).toEqual({ ok: false, error: { code: 'io', message: SERVER_DOWN_MESSAGE } });
    expect(await client.call('settings:get', {})).toEqual({ ok: false, error: { code: 'io', message: SERVER_DOWN_MESSAGE } });
  });

  it('sends unload saves with keepalive, and refuses bodies keepalive cannot carry', () => {
    const fetchMock = vi.spyOn(window, 'fetch').mockResolvedValue(jsonResponse({ ok: true, value: null }));
    const client = createAppClient();
    const small = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'last words' }] }] };
    expect(client.saveOnUnload('notes:save', { id: 'note-abcdef', content: small })).toBe(true);
    expect(fetchMock.mock.calls[0]![1]).toMatchObject({ keepalive: true, method: 'POST' });

    const huge = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x'.repeat(70 * 1024) }] }] };
    expect(client.saveOnUnload('notes:save', { id: 'note-abcdef', content: huge })).toBe(false);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('uploads a file as raw bytes with the token, octet-stream and the encoded name', async () => {
    const fetchMock = vi.spyOn(window, 'fetch').mockResolvedValue(jsonResponse({ ok: true, value: { uploadId: 'up-12345678' } }));
    const client = createAppClient();
    const file = new File(['GLOBALEVENTID\t1'], 'Übersicht 2025.csv', { type: 'text/csv' });
    expect(await client.upload(file)).toEqual({ ok: true, value: { uploadId: 'up-12345678' } });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(String(url)).toBe(`${window.location.origin}/api/upload`);
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe(file);
    expect(init?.headers).toMatchObject({
      Authorization: 'Bearer secret-token-123',
      'Content-Type': 'application/octet-stream',
      'X-File-Name': '%C3%9Cbersicht%202025.csv',
    });
  });

  it('passes an upload refusal through and calls a foreign answer a server problem', async () => {
    vi.spyOn(window, 'fetch')
      .mockResolvedValueOnce(jsonResponse({ ok: false, error: { code: 'invalid_input', message: 'The file is larger than 200 MB' } }, 413))
      .mockResolvedValueOnce(jsonResponse({ ok: true, value: { something: 'else' } }));
    const client = createAppClient();
    const file = new File(['x'], 'a.csv');
    expect(await client.upload(file)).toEqual({ ok: false, error: { code: 'invalid_input', message: 'The file is larger than 200 MB' } });
    expect(await client.upload(file)).toEqual({ ok: false, error: { code: 'io', message: SERVER_DOWN_MESSAGE } });
  });

  it('refuses a file over the limit without sending it', async () => {
    const fetchMock = vi.spyOn(window, 'fetch');
    const file = new File(['x'], 'huge.CSV');
    Object.defineProperty(file, 'size', { value: MAX_UPLOAD_BYTES + 1 });
    const result = await createAppClient().upload(file);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/^"huge\.CSV" is \d+ MB; Briefing Desk imports files of at most 200 MB .*split -l 200000/);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('opens only http, https and mailto links', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const client = createAppClient();
    expect((await client.openExternal('https://example.org/report')).ok).toBe(true);
    expect(open).toHaveBeenCalledWith('https://example.org/report', '_blank', 'noopener,noreferrer');
    const refused = await client.openExternal('javascript:alert(1)');
    expect(refused.ok).toBe(false);
    expect(open).toHaveBeenCalledTimes(1);
  });
});

describe('bridge client (Electron)', () => {
  it('uses the preload bridge when present and turns a throwing bridge into an io error', async () => {
    const bridge: DesktopBridge = {
      call: vi.fn().mockResolvedValueOnce({ ok: true, value: { author: 'A', defaultMarking: 'TLP:AMBER', locale: '' } }).mockRejectedValueOnce(new Error('IPC closed')),
      openExternal: vi.fn().mockResolvedValue({ ok: true, value: null }),
      onBeforeClose: vi.fn(() => () => undefined),
      upload: vi.fn().mockResolvedValue({ ok: true, value: { uploadId: 'up-abcdefgh' } }),
      saveExport: vi.fn().mockResolvedValue({ ok: true, value: null }),
      subscribe: vi.fn(() => () => undefined),
      appVersion: '0.1.0',
    };
    (window as unknown as { briefingDesk?: DesktopBridge }).briefingDesk = bridge;
    try {
      const client = createAppClient();
      expect(client.transport).toBe('desktop');
      expect(await client.call('settings:get', {})).toEqual({ ok: true, value: { author: 'A', defaultMarking: 'TLP:AMBER', locale: '' } });
      const failed = await client.call('settings:get', {});
      expect(failed.ok).toBe(false);
      expect(!failed.ok && failed.error.code).toBe('io');
      expect((await createBridgeClient(bridge).openExternal('file:///etc/passwd')).ok).toBe(false);
      expect(bridge.openExternal).not.toHaveBeenCalled();

      // Uploads go through the bridge as the file's name and its bytes.
      const file = new File(['abc'], 'feed.xml');
      // jsdom's File has no arrayBuffer() (browsers and Electron do).
      Object.defineProperty(file, 'arrayBuffer', { value: () => Promise.resolve(new TextEncoder().encode('abc').buffer) });
      expect(await client.upload(file)).toEqual({ ok: true, value: { uploadId: 'up-abcdefgh' } });
      const [name, data] = vi.mocked(bridge.upload).mock.calls[0]!;
      expect(name).toBe('feed.xml');
      expect(new TextDecoder().decode(data)).toBe('abc');
    } finally {
      delete (window as unknown as { briefingDesk?: DesktopBridge }).briefingDesk;
    }
  });
});
