// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../core/index';
import { createFileSaver } from './download';

const file = { fileName: '2025-06-10 Rare earths.pdf', mime: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.7') };

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  delete (window as unknown as Record<string, unknown>).briefingDesk;
});

describe('createFileSaver', () => {
  it('browser edition: clicks a temporary <a download> with the file name, then revokes the URL', async () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:test/1';
    });
    URL.revokeObjectURL = vi.fn();
    const clicked: { download: string; href: string; attached: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href, attached: this.isConnected });
    });

    const result = await createFileSaver(window)(file);
    expect(result).toEqual({ ok: true, value: { fileName: file.fileName, path: null } });
    expect(clicked).toEqual([{ download: file.fileName, href: 'blob:test/1', attached: true }]);
    expect(blobs[0]!.type).toBe('application/pdf');
    expect(blobs[0]!.size).toBe(file.bytes.length);
    // The link is gone at once; the URL lives until the browser has taken the bytes.
    expect(document.querySelectorAll('a[download]')).toHaveLength(0);
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/1');
  });

  it('Electron: hands the exact bytes to bridge.saveFile and reports the path', async () => {
    const calls: { fileName: string; mime: string; data: ArrayBuffer }[] = [];
    // A view into a larger buffer: only the file's bytes may cross the bridge.
    const big = new Uint8Array(64);
    big.set(file.bytes, 10);
    const view = big.subarray(10, 10 + file.bytes.length);
    (window as unknown as Record<string, unknown>).briefingDesk = {
      saveFile: async (fileName: string, mime: string, data: ArrayBuffer): Promise<Result<{ path: string } | null>> => {
        calls.push({ fileName, mime, data });
        return { ok: true, value: { path: '/home/ana/Briefs/renamed.pdf' } };
      },
    };
    const result = await createFileSaver(window)({ ...file, bytes: view });
    expect(result).toEqual({ ok: true, value: { fileName: 'renamed.pdf', path: '/home/ana/Briefs/renamed.pdf' } });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.fileName).toBe(file.fileName);
    expect(calls[0]!.data.byteLength).toBe(file.bytes.length);
    expect([...new Uint8Array(calls[0]!.data)]).toEqual([...file.bytes]);
  });

  it('Electron: a cancelled save dialog is null, a failed write or a throwing bridge is an error', async () => {
    const bridge: { saveFile: (...args: unknown[]) => Promise<Result<{ path: string } | null>> } = { saveFile: async () => ({ ok: true, value: null }) };
    (window as unknown as Record<string, unknown>).briefingDesk = bridge;
    const save = createFileSaver(window);
    expect(await save(file)).toEqual({ ok: true, value: null });

    bridge.saveFile = async () => ({ ok: false, error: { code: 'io', message: 'EACCES: permission denied' } });
    expect(await save(file)).toEqual({ ok: false, error: { code: 'io', message: 'EACCES: permission denied' } });

    bridge.saveFile = async () => {
      throw new Error('IPC closed');
    };
    expect(await save(file)).toMatchObject({ ok: false, error: { message: expect.stringContaining('IPC closed') } });
  });
});
