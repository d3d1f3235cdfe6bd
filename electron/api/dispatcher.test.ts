import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CALL_NAMES, type Handlers, contract, hostOnlyFields } from '../../core/index';
import { createDispatcher } from './dispatcher';

/** Handlers that record what reached them, so a refused call can be shown never to run. */
function recordingHandlers(): { handlers: Handlers; calls: string[] } {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    CALL_NAMES.map((name) => [
      name,
      (input: unknown) => {
        calls.push(name);
        return Promise.resolve(input);
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

/** Top-level field names of a call's input (every input is a zod object, some with defaults or refinements). */
function inputFields(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

describe('caller trust in the dispatcher', () => {
  const pathInputs: [string, Record<string, unknown>][] = [
    ['an absolute path', { path: '/etc/hostname', fileName: 'hostname' }],
    ['a device', { path: '/dev/zero', fileName: 'zero.csv' }],
    ['a path beside an upload id', { path: '/etc/hostname', uploadId: 'up-0123456789abcdef', fileName: 'x.csv' }],
    ['an empty path', { path: '', fileName: 'x.csv' }],
    ['a path of the wrong type', { path: 42, fileName: 'x.csv' }],
  ];

  it.each(pathInputs)('refuses import:start with %s from an untrusted caller, before any handler runs', async (_label, input) => {
    const { handlers, calls } = recordingHandlers();
    const dispatch = createDispatcher(handlers, { trust: 'untrusted' });
    const result = await dispatch('import:start', input);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/^import:start: "path" names a file on this computer.*Import button.*briefing-desk import FILE/s), issues: [{ path: 'path' }] },
    });
    expect(calls).toEqual([]);
  });

  it('lets an untrusted caller import an upload, and a trusted one (the CLI) name a path', async () => {
    const { handlers, calls } = recordingHandlers();
    const untrusted = createDispatcher(handlers, { trust: 'untrusted' });
    expect(await untrusted('import:start', { uploadId: 'up-0123456789abcdef', fileName: 'x.csv' })).toMatchObject({ ok: true });
    // An explicit undefined (possible over IPC's structured clone) names no file.
    expect(await untrusted('import:start', { uploadId: 'up-0123456789abcdef', path: undefined, fileName: 'x.csv' })).toMatchObject({ ok: true });
    const trusted = createDispatcher(handlers, { trust: 'trusted' });
    expect(await trusted('import:start', { path: '/tmp/events.csv', fileName: 'events.csv' })).toMatchObject({ ok: true, value: { path: '/tmp/events.csv' } });
    expect(calls).toEqual(['import:start', 'import:start', 'import:start']);
  });

  it('declares every input field that could name a file or folder as host-only', () => {
    // A field called like this reaches the file system; it must be listed in the contract's hostOnly.
    const pathLike = /^(path|paths|file|files|filePath|outputPath|dir|directory|folder|destination|dest|workspace|workspaceDir|workspacePath)$/i;
    const undeclared: string[] = [];
    for (const name of CALL_NAMES) {
      const hostOnly = hostOnlyFields(name);
      for (const field of inputFields(contract[name].input)) if (pathLike.test(field) && !(field in hostOnly)) undeclared.push(`${name}.${field}`);
    }
    expect(undeclared).toEqual([]);
    expect(Object.keys(hostOnlyFields('import:start'))).toEqual(['path']);
  });
});
