// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient, CallInput, CallName, CallOutput, ExportJob, Result } from '../../core/index';
import { base64ToBytes, createExportSaver } from './download';

const PDF = new TextEncoder().encode('%PDF-1.7');

function job(): ExportJob {
  return {
    id: 'ex-0011223344556677',
    noteId: 'n-1',
    format: 'pdf',
    paper: 'a4',
    state: 'done',
    step: 'Done',
    percent: 100,
    fileName: '2025-06-10 Rare earths.pdf',
    mime: 'application/pdf',
    size: PDF.length,
    pages: 1,
    failure: null,
    startedAt: '2025-06-10T09:00:00.000Z',
    finishedAt: '2025-06-10T09:00:01.000Z',
  };
}

/** A fake backend answering export:take with `base64`, recording every call. */
function fakeClient(base64 = btoa(String.fromCharCode(...PDF))): Pick<ApiClient, 'call'> & { calls: { name: CallName; input: unknown }[] } {
  const calls: { name: CallName; input: unknown }[] = [];
  return {
    calls,
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
      calls.push({ name, input });
      if (name !== 'export:take') return { ok: false, error: { code: 'unknown_call', message: name } };
      const value: CallOutput<'export:take'> = { fileName: '2025-06-10 Rare earths.pdf', mime: 'application/pdf', base64 };
      return { ok: true, value } as Result<CallOutput<N>>;
    },
  };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  delete (window as unknown as Record<string, unknown>).briefingDesk;
});

describe('createExportSaver', () => {
  it('browser edition: takes the bytes and clicks a temporary <a download> with the file name, then revokes the URL', async () => {
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

    const client = fakeClient();
    const result = await createExportSaver(client, window)(job());
    expect(result).toEqual({ ok: true, value: { fileName: '2025-06-10 Rare earths.pdf', path: null } });
    expect(client.calls).toEqual([{ name: 'export:take', input: { jobId: 'ex-0011223344556677' } }]);
    expect(clicked).toEqual([{ download: '2025-06-10 Rare earths.pdf', href: 'blob:test/1', attached: true }]);
    expect(blobs[0]!.type).toBe('application/pdf');
    expect(blobs[0]!.size).toBe(PDF.length);
    // The link is gone at once; the URL lives until the browser has taken the bytes.
    expect(document.querySelectorAll('a[download]')).toHaveLength(0);
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/1');
  });

  it('browser edition: damaged base64 is an error, and nothing is downloaded', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const result = await createExportSaver(fakeClient('not base64 at all!'), window)(job());
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('damaged') } });
    expect(click).not.toHaveBeenCalled();
  });

  it('Electron: sends only the job id to the main process (no bytes cross), and reports where it saved', async () => {
    const calls: unknown[][] = [];
    (window as unknown as Record<string, unknown>).briefingDesk = {
      saveExport: async (...args: unknown[]): Promise<Result<{ path: string; fileName: string } | null>> => {
        calls.push(args);
        return { ok: true, value: { path: '/home/ana/Briefs/renamed.pdf', fileName: 'renamed.pdf' } };
      },
    };
    const client = fakeClient();
    const result = await createExportSaver(client, window)(job());
    expect(result).toEqual({ ok: true, value: { fileName: 'renamed.pdf', path: '/home/ana/Briefs/renamed.pdf' } });
    expect(calls).toEqual([['ex-0011223344556677']]);
    expect(client.calls).toEqual([]);
  });

  it('Electron: a cancelled save dialog is null, a failed write or a throwing bridge is an error', async () => {
    const bridge: { saveExport: (jobId: string) => Promise<Result<{ path: string; fileName: string } | null>> } = { saveExport: async () => ({ ok: true, value: null }) };
    (window as unknown as Record<string, unknown>).briefingDesk = bridge;
    const save = createExportSaver(fakeClient(), window);
    expect(await save(job())).toEqual({ ok: true, value: null });

    bridge.saveExport = async () => ({ ok: false, error: { code: 'io', message: 'EACCES: permission denied' } });
    expect(await save(job())).toEqual({ ok: false, error: { code: 'io', message: 'EACCES: permission denied' } });

    bridge.saveExport = async () => {
      throw new Error('IPC closed');
    };
    expect(await save(job())).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringContaining('IPC closed') } });
  });
});

describe('base64ToBytes', () => {
  it('decodes binary bytes exactly', () => {
    const bytes = new Uint8Array([0, 1, 127, 128, 200, 255]);
    const base64 = btoa(String.fromCharCode(...bytes));
    expect([...base64ToBytes(base64)]).toEqual([...bytes]);
  });
});
