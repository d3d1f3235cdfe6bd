import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SaveDialogOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportJob, Note } from '../../core/index';
import type { Backend } from '../container';
import { type TestWorkspace, createTestWorkspace, makeTempDir, removeDir } from '../services/testing/fixtures';
import { createExportSaver, type SaveDialogAnswer } from './export-saver';

/**
 * Main's export save against the real export service of a temp workspace, a fake save dialog (the
 * Electron binary cannot run here) and a real folder to write into.
 */
describe('the export saver (Electron main)', () => {
  let ws: TestWorkspace;
  let backend: Backend;
  let folder: string;
  let note: Note;
  let answers: SaveDialogAnswer[];
  let dialogs: SaveDialogOptions[];

  beforeEach(async () => {
    ws = await createTestWorkspace();
    backend = await ws.open();
    folder = await makeTempDir('bd-save-');
    const created = await backend.dispatch('notes:create', { templateId: 'situation-brief', title: 'Rare earths: talks?', date: '2025-06-10' });
    if (!created.ok) throw new Error(created.error.message);
    note = created.value as Note;
    answers = [];
    dialogs = [];
  });
  afterEach(async () => {
    await ws.cleanup();
    await removeDir(folder);
  });

  const saver = () =>
    createExportSaver({
      take: (jobId) => backend.services.exports.takeFile(jobId),
      showSaveDialog: async (options) => {
        dialogs.push(options);
        return answers.shift() ?? { canceled: true };
      },
      defaultFolder: () => '/home/analyst/Documents',
    });

  async function finishedExport(format: 'md' | 'html'): Promise<ExportJob> {
    const started = await backend.dispatch('export:start', { id: note.id, format });
    if (!started.ok) throw new Error(started.error.message);
    const id = (started.value as ExportJob).id;
    let job: ExportJob | null = null;
    await vi.waitFor(async () => {
      const status = await backend.dispatch('export:status', { jobId: id });
      if (!status.ok) throw new Error(status.error.message);
      job = status.value as ExportJob;
      expect(job.state).toBe('done');
    });
    return job!;
  }

  it('takes the job, shows the dialog with the suggested name and writes the bytes where the analyst chose', async () => {
    const job = await finishedExport('md');
    const target = join(folder, 'my brief.md');
    answers.push({ canceled: false, filePath: target });
    const save = saver();
    expect(await save.save(job.id)).toEqual({ ok: true, value: { path: target, fileName: 'my brief.md' } });
    expect(dialogs[0]).toMatchObject({
      defaultPath: join('/home/analyst/Documents', job.fileName),
      filters: [{ name: 'Markdown', extensions: ['md'] }],
      properties: expect.arrayContaining(['showOverwriteConfirmation']),
    });
    expect(job.fileName).toBe('2025-06-10 Rare earths talks.md');
    const written = await readFile(target, 'utf8');
    expect(written).toContain('Rare earths: talks?');
    expect(Buffer.byteLength(written)).toBe(job.size);
    // Atomic: no temp file left beside it.
    expect(await readdir(folder)).toEqual(['my brief.md']);
    // The job is forgotten once taken.
    expect(await backend.dispatch('export:status', { jobId: job.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // The next dialog opens in the folder of the last save.
    const next = await finishedExport('html');
    expect(await save.save(next.id)).toEqual({ ok: true, value: null });
    expect(dialogs[1]).toMatchObject({ defaultPath: join(folder, next.fileName), filters: [{ name: 'HTML', extensions: ['html'] }] });
    expect(await readdir(folder)).toEqual(['my brief.md']);
  });

  it('reports a folder it cannot write to as an io error naming the path, and leaves nothing behind', async () => {
    const job = await finishedExport('md');
    const target = join(folder, 'missing', 'brief.md');
    answers.push({ canceled: false, filePath: target });
    expect(await saver().save(job.id)).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringContaining(target) } });
    expect(await readdir(folder)).toEqual([]);
  });

  it.each([
    ['no job id', undefined, 'invalid_input'],
    ['a job id that is not a string', 42, 'invalid_input'],
    ['an over-long job id', 'x'.repeat(65), 'invalid_input'],
    ['an unknown job', 'ex-0000000000000000', 'not_found'],
  ])('refuses %s without showing a dialog', async (_what, jobId, code) => {
    expect(await saver().save(jobId)).toMatchObject({ ok: false, error: { code } });
    expect(dialogs).toEqual([]);
  });
});
