import { describe, expect, it, vi } from 'vitest';
import type { CallInput, CallName, ImportJob, ImportReport, Result } from '../../core/index';
import { SAMPLE_ITEM_NAME, createImportStore } from './import-store';
import type { ResearchClient } from './research-client';

/** A report with the given edited records kept and replaced. */
function report(kept: string[] = [], replaced: string[] = []): ImportReport {
  return {
    file: 'a.json',
    format: 'json',
    datasetId: null,
    datasetName: 'A',
    counts: { imported: 0, updated: replaced.length, unchanged: 3, removedUpstream: 0, duplicatesSkipped: 0, rejected: 0, warnings: 0, sourcesImported: 0 },
    removedEventIds: [],
    warningSamples: [],
    durationMs: 5,
    keptEdited: { events: kept, sources: [] },
    replacedEdited: { events: replaced, sources: [] },
  };
}

/** A fake backend: imports and sample loads answer with a report that depends on `replaceEdited`. */
function fakeClient(keptIds: string[]) {
  const calls: { name: CallName; input: unknown }[] = [];
  const answer = (input: { replaceEdited?: boolean }): ImportReport => (input.replaceEdited ? report([], keptIds) : report(keptIds));
  const client: ResearchClient = {
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<never>> {
      calls.push({ name, input });
      if (name === 'import:start') {
        const job: ImportJob = { id: `job-${calls.length}`, file: 'a.json', state: 'done', rows: 3, percent: 100, report: answer(input as { replaceEdited?: boolean }), failure: null };
        return { ok: true, value: job as never };
      }
      if (name === 'library:load-sample') return { ok: true, value: { events: 3, sources: 2, added: false, report: answer(input as { replaceEdited?: boolean }) } as never };
      return { ok: false, error: { code: 'not_found', message: `no fake for ${name}` } };
    },
    openExternal: async () => ({ ok: true, value: null }),
    upload: async () => ({ ok: true, value: { uploadId: 'up-abcdefgh' } }),
  };
  return { client, calls };
}

describe('the import store and edited records', () => {
  it('imports the same file again with replaceEdited when the analyst takes the file\'s version', async () => {
    const fake = fakeClient(['ev-aaaa1111']);
    const finished = vi.fn();
    const imports = createImportStore(fake.client, { pollMs: 1, onFinished: finished });
    await imports.importFiles([new File(['{}'], 'a.json')]);
    const [item] = imports.getState().items;
    expect(item!.report!.keptEdited).toEqual({ events: ['ev-aaaa1111'], sources: [] });
    expect(fake.calls.find((call) => call.name === 'import:start')?.input).toEqual({ uploadId: 'up-abcdefgh', fileName: 'a.json' });

    await imports.replaceEdited(item!.key);
    const starts = fake.calls.filter((call) => call.name === 'import:start');
    expect(starts).toHaveLength(2);
    expect(starts[1]!.input).toEqual({ uploadId: 'up-abcdefgh', fileName: 'a.json', replaceEdited: true });
    const after = imports.getState().items;
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ key: item!.key, phase: 'done', report: { replacedEdited: { events: ['ev-aaaa1111'] } } });
    expect(finished).toHaveBeenCalledTimes(2);
    // Nothing kept any more: a second press does nothing.
    await imports.replaceEdited(item!.key);
    expect(fake.calls.filter((call) => call.name === 'import:start')).toHaveLength(2);
  });

  it('shows a sample load only when it kept edits, and loads the sample\'s version when asked', async () => {
    const quiet = createImportStore(fakeClient([]).client);
    expect(await quiet.loadSample()).toBeNull();
    expect(quiet.getState().items).toEqual([]);

    const fake = fakeClient(['ev-aaaa1111']);
    const finished = vi.fn();
    const imports = createImportStore(fake.client, { onFinished: finished });
    expect(await imports.loadSample()).toBeNull();
    const [item] = imports.getState().items;
    expect(item).toMatchObject({ kind: 'sample', fileName: SAMPLE_ITEM_NAME, phase: 'done', report: { keptEdited: { events: ['ev-aaaa1111'] } } });
    expect(fake.calls.at(-1)).toEqual({ name: 'library:load-sample', input: {} });

    await imports.replaceEdited(item!.key);
    expect(fake.calls.at(-1)).toEqual({ name: 'library:load-sample', input: { replaceEdited: true } });
    expect(imports.getState().items).toEqual([expect.objectContaining({ key: item!.key, phase: 'done', report: expect.objectContaining({ replacedEdited: { events: ['ev-aaaa1111'], sources: [] } }) })]);
    expect(finished).toHaveBeenCalledOnce();
  });
});
