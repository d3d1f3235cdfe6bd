import { describe, expect, it } from 'vitest';
import type { SourcingIssue } from '../../core/citations/sourcing-check';
import type { ApiClient, ApiError, CallInput, CallName, CallOutput, ExportJob, Paper, Result } from '../../core/index';
import { createExportStore, defaultPaperFor, exportFileNameOf, type ExportPhase, type ExportStoreDeps, type SavedExport } from './export-store';

type Handler<N extends CallName> = (input: CallInput<N>) => Result<CallOutput<N>> | Promise<Result<CallOutput<N>>>;
type Handlers = { [N in CallName]?: Handler<N> };

/** A fake backend: answers the export calls from handlers and records every call. */
function fakeClient(handlers: Handlers): Pick<ApiClient, 'call'> & { calls: { name: CallName; input: unknown }[] } {
  const calls: { name: CallName; input: unknown }[] = [];
  return {
    calls,
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
      calls.push({ name, input });
      const handler = handlers[name] as Handler<N> | undefined;
      if (!handler) return { ok: false, error: { code: 'unknown_call', message: `no fake for ${name}` } };
      return handler(input);
    },
  };
}

function job(patch: Partial<ExportJob> = {}): ExportJob {
  return {
    id: 'job-1',
    noteId: 'n-1',
    format: 'pdf',
    paper: 'a4',
    state: 'running',
    step: 'Laying out',
    percent: 10,
    fileName: '2025-06-10 Rare earths.pdf',
    mime: 'application/pdf',
    size: null,
    pages: null,
    failure: null,
    startedAt: '2025-06-10T10:00:00.000Z',
    finishedAt: null,
    ...patch,
  };
}

const issue = (kind: SourcingIssue['kind'], pos: number | null = 5): SourcingIssue => ({ kind, message: `${kind} here`, pos });

interface Harness {
  store: ReturnType<typeof createExportStore>;
  client: ReturnType<typeof fakeClient>;
  /** The jobs handed to the shell to save. */
  saved: ExportJob[];
  toasts: string[];
  shown: (number | null)[];
  phases: ExportPhase[];
  prefs: { format: string; paper: string }[];
  /** Sends the job's progress to `store` instead (a second store on the same backend), after `gate`. */
  retarget(store: ReturnType<typeof createExportStore>, gate?: Promise<void>): void;
}

/** A store over a fake backend whose job reports `statuses` as job-progress events, then ends. */
function harness(options: {
  handlers?: Handlers;
  statuses?: ExportJob[];
  issues?: SourcingIssue[];
  settleError?: ApiError | null;
  save?: (job: ExportJob) => Result<SavedExport | null>;
  remembered?: { paper?: Paper };
  defaultPaper?: Paper;
} = {}): Harness {
  const statuses = [...(options.statuses ?? [job({ percent: 60, step: 'Printing pages' }), job({ state: 'done', percent: 100, step: 'Done', size: 14 })])];
  let target: ReturnType<typeof createExportStore> | null = null;
  let gate: Promise<void> = Promise.resolve();
  /** The backend's progress events for one job, one per task, until it ends (or the store stopped waiting). */
  const feed = async (): Promise<void> => {
    await gate;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (!target || target.getState().phase !== 'exporting') return;
      const next = statuses.shift();
      if (!next) return;
      target.jobUpdated(next);
      if (next.state !== 'running') return;
    }
  };
  const client = fakeClient({
    'export:preview': (input) => ({ ok: true, value: { html: `<html><body><h1>Rare earths</h1><p>paper ${input.paper}</p></body></html>`, fileBase: '2025-06-10 Rare earths' } }),
    'export:start': (input) => {
      void feed();
      return { ok: true, value: job({ format: input.format, paper: input.paper ?? 'a4', fileName: `2025-06-10 Rare earths.${input.format}`, percent: 0 }) };
    },
    'export:cancel': () => ({ ok: true, value: job({ state: 'cancelled' }) }),
    ...options.handlers,
  });
  const saved: ExportJob[] = [];
  const toasts: string[] = [];
  const shown: (number | null)[] = [];
  const prefs: { format: string; paper: string }[] = [];
  const deps: ExportStoreDeps = {
    client,
    openNoteId: () => 'n-1',
    settle: async () => options.settleError ?? null,
    checkSourcing: async () => options.issues ?? [],
    showInEditor: (pos) => shown.push(pos),
    save: async (finished) => {
      saved.push(finished);
      return options.save ? options.save(finished) : { ok: true, value: { fileName: finished.fileName, path: null } };
    },
    notify: (message) => toasts.push(message),
    prefs: { load: () => options.remembered ?? {}, save: (value) => prefs.push(value) },
    defaultPaper: options.defaultPaper ?? 'a4',
  };
  const store = createExportStore(deps);
  target = store;
  const phases: ExportPhase[] = [];
  store.subscribe(() => {
    const phase = store.getState().phase;
    if (phases[phases.length - 1] !== phase) phases.push(phase);
  });
  return {
    store,
    client,
    saved,
    toasts,
    shown,
    phases,
    prefs,
    retarget(next, nextGate = Promise.resolve()) {
      target = next;
      gate = nextGate;
    },
  };
}

const names = (client: Harness['client']): string[] => client.calls.map((call) => call.name);

describe('export store', () => {
  it('runs the whole flow: check, preview, export, poll, save, toast', async () => {
    const h = harness();
    await h.store.open();
    expect(h.store.getState().phase).toBe('ready');
    expect(h.store.getState().preview?.html).toContain('Rare earths');
    expect(exportFileNameOf(h.store.getState())).toBe('2025-06-10 Rare earths.pdf');

    await h.store.start();
    expect(h.phases).toEqual(['checking', 'ready', 'exporting', 'done']);
    // Progress came as events (no export:status polling), and the store never fetches the bytes:
    // the shell's save takes the finished job (Electron's main saves it itself).
    expect(names(h.client)).toEqual(['export:preview', 'export:start']);
    expect(h.client.calls[1]!.input).toEqual({ id: 'n-1', format: 'pdf', paper: 'a4', keepEmpty: false });
    expect(h.saved).toEqual([expect.objectContaining({ id: 'job-1', state: 'done', size: 14 })]);
    expect(h.toasts).toEqual(['Exported 2025-06-10 Rare earths.pdf']);
    expect(h.store.getState().saved).toEqual({ fileName: '2025-06-10 Rare earths.pdf', path: null });
  });

  it('names the folder in the toast when Electron saved to a path', async () => {
    const h = harness({ save: () => ({ ok: true, value: { fileName: 'brief.pdf', path: '/home/ana/Briefs/brief.pdf' } }) });
    await h.store.open();
    await h.store.start();
    expect(h.toasts).toEqual(['Exported brief.pdf to /home/ana/Briefs']);
  });

  it('shows the progress of each job-progress event', async () => {
    const seen: string[] = [];
    const h = harness({ statuses: [job({ percent: 30, step: 'Laying out' }), job({ percent: 80, step: 'Printing pages' }), job({ state: 'done', percent: 100 })] });
    h.store.subscribe(() => {
      const current = h.store.getState().job;
      if (current && h.store.getState().phase === 'exporting') seen.push(`${current.step} ${current.percent}`);
    });
    await h.store.open();
    await h.store.start();
    expect(seen).toEqual(['Laying out 0', 'Laying out 30', 'Printing pages 80', 'Laying out 100']);
  });

  it('stops on the blocking sourcing findings only, and goes on with Export anyway', async () => {
    const h = harness({ issues: [issue('uncited-paragraph'), issue('broken-citation', 12), issue('single-source'), issue('stale-fact', 30), issue('marking-below-sources', null), issue('weak-sources')] });
    await h.store.open();
    expect(h.store.getState().phase).toBe('issues');
    expect(h.store.getState().issues.map((item) => item.kind)).toEqual(['broken-citation', 'stale-fact', 'marking-below-sources']);
    // The preview was fetched during the check, so it is there at once.
    expect(h.store.getState().preview).not.toBeNull();
    h.store.proceed();
    expect(h.store.getState().phase).toBe('ready');
    await h.store.start();
    expect(h.store.getState().phase).toBe('done');
  });

  it('goes straight to ready when only advisory findings exist', async () => {
    const h = harness({ issues: [issue('uncited-paragraph'), issue('single-source'), issue('weak-sources')] });
    await h.store.open();
    expect(h.store.getState().phase).toBe('ready');
  });

  it('lists empty sections as information: never a stop, kept for the dialog', async () => {
    const empty = { ...issue('empty-section', 40), heading: 'Objectives' };
    const h = harness({ issues: [issue('uncited-paragraph'), empty] });
    await h.store.open();
    expect(h.store.getState().phase).toBe('ready');
    expect(h.store.getState().issues).toEqual([]);
    expect(h.store.getState().emptySections).toEqual([empty]);
  });

  it('"Keep empty sections" fetches the preview again and goes with the export; it is off again at the next open', async () => {
    const h = harness();
    await h.store.open();
    expect(h.store.getState().keepEmpty).toBe(false);
    h.store.setKeepEmpty(true);
    await flush();
    const previews = h.client.calls.filter((call) => call.name === 'export:preview').map((call) => (call.input as { keepEmpty: boolean }).keepEmpty);
    expect(previews).toEqual([false, true]);
    await h.store.start();
    expect(h.client.calls.find((call) => call.name === 'export:start')?.input).toEqual({ id: 'n-1', format: 'pdf', paper: 'a4', keepEmpty: true });
    await h.store.open();
    expect(h.store.getState().keepEmpty).toBe(false);
    expect((h.client.calls[h.client.calls.length - 1]!.input as { keepEmpty: boolean }).keepEmpty).toBe(false);
  });

  it('Show closes the dialog and jumps to the finding', async () => {
    const h = harness({ issues: [issue('stale-fact', 30), issue('broken-citation', 12)] });
    await h.store.open();
    h.store.showIssue(1);
    expect(h.store.getState().phase).toBe('idle');
    expect(h.shown).toEqual([12]);
  });

  it('does not export what autosave could not write', async () => {
    const h = harness({ settleError: { code: 'io', message: 'The disk is full.' } });
    await h.store.open();
    expect(h.store.getState().phase).toBe('failed');
    expect(h.store.getState().error?.message).toMatch(/could not be saved.*The disk is full/);
    expect(names(h.client)).toEqual([]);
  });

  it('keeps the dialog usable with the backend message when Chromium is missing', async () => {
    const message = 'No Chromium was found to print the PDF. Install one with: sudo apt install chromium, or set CHROMIUM_PATH.';
    const h = harness({ statuses: [job({ state: 'failed', failure: { code: 'unavailable', message } }), job({ format: 'md', state: 'done', percent: 100 })] });
    await h.store.open();
    await h.store.start();
    expect(h.store.getState().phase).toBe('failed');
    expect(h.store.getState().error).toEqual({ code: 'unavailable', message });
    expect(h.saved).toHaveLength(0);
    // Another format works from the same dialog.
    h.store.setFormat('md');
    expect(h.store.getState().phase).toBe('ready');
    await h.store.start();
    expect(h.store.getState().phase).toBe('done');
  });

  it('reports a refused start (export:start error) in the dialog', async () => {
    const h = harness({ handlers: { 'export:start': () => ({ ok: false, error: { code: 'not_found', message: 'The note was deleted.' } }) } });
    await h.store.open();
    await h.store.start();
    expect(h.store.getState()).toMatchObject({ phase: 'failed', error: { message: 'The note was deleted.' } });
  });

  it('reports a save that failed and one that was cancelled in the save dialog', async () => {
    const failing = harness({ save: () => ({ ok: false, error: { code: 'io', message: 'Permission denied: /read-only/brief.pdf' } }) });
    await failing.store.open();
    await failing.store.start();
    expect(failing.store.getState()).toMatchObject({ phase: 'failed', error: { message: 'Permission denied: /read-only/brief.pdf' } });
    expect(failing.toasts).toEqual([]);

    const dismissed = harness({ save: () => ({ ok: true, value: null }) });
    await dismissed.store.open();
    await dismissed.store.start();
    expect(dismissed.store.getState().phase).toBe('ready');
    expect(dismissed.toasts).toEqual([]);
  });

  it('cancels a running job: export:cancel, no save', async () => {
    let release: () => void = () => undefined;
    const h = harness({ statuses: [job({ percent: 40 }), job({ state: 'done', percent: 100 })] });
    // The job's progress waits until the test has pressed Cancel.
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = createExportStoreHeld(h, gate);
    await store.open();
    const running = store.start();
    await Promise.resolve();
    await Promise.resolve();
    expect(store.getState().phase).toBe('exporting');
    await store.cancel();
    release();
    await running;
    expect(store.getState().phase).toBe('cancelled');
    expect(names(h.client)).toContain('export:cancel');
    expect(h.saved).toHaveLength(0);
    // Export again works after a cancel.
    await store.start();
    expect(store.getState().phase).toBe('done');
  });

  it('a job the backend reports cancelled ends as cancelled', async () => {
    const h = harness({ statuses: [job({ state: 'cancelled' })] });
    await h.store.open();
    await h.store.start();
    expect(h.store.getState().phase).toBe('cancelled');
    expect(h.saved).toHaveLength(0);
  });

  it('closing during an export cancels the job', async () => {
    let release: () => void = () => undefined;
    const h = harness();
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = createExportStoreHeld(h, gate);
    await store.open();
    const running = store.start();
    await Promise.resolve();
    await Promise.resolve();
    store.close();
    release();
    await running;
    expect(store.getState().phase).toBe('idle');
    expect(names(h.client)).toContain('export:cancel');
    expect(h.saved).toHaveLength(0);
  });

  it('fetches the preview again when the paper changes, remembers the choice, and shows only the latest answer', async () => {
    const answers: ((value: Result<CallOutput<'export:preview'>>) => void)[] = [];
    const h = harness({
      handlers: {
        'export:preview': () => new Promise((resolve) => answers.push(resolve)),
      },
    });
    const opening = h.store.open();
    await flush();
    answers[0]!({ ok: true, value: { html: '<p>a4</p>', fileBase: 'x' } });
    await opening;
    expect(h.store.getState().preview).toMatchObject({ html: '<p>a4</p>', paper: 'a4' });

    h.store.setPaper('letter');
    h.store.setPaper('a4');
    h.store.setPaper('letter');
    await flush();
    expect(h.client.calls.filter((call) => call.name === 'export:preview').map((call) => (call.input as { paper: string }).paper)).toEqual(['a4', 'letter', 'a4', 'letter']);
    // Answers arrive out of order: the last request wins.
    answers[3]!({ ok: true, value: { html: '<p>letter</p>', fileBase: 'x' } });
    answers[1]!({ ok: true, value: { html: '<p>stale</p>', fileBase: 'x' } });
    await flush();
    expect(h.store.getState().preview).toMatchObject({ html: '<p>letter</p>', paper: 'letter' });
    expect(h.prefs[h.prefs.length - 1]).toEqual({ format: 'pdf', paper: 'letter' });
  });

  it('starts from the remembered paper, else the locale default', () => {
    expect(harness({ remembered: { paper: 'letter' } }).store.getState().paper).toBe('letter');
    expect(harness({ defaultPaper: 'letter' }).store.getState().paper).toBe('letter');
    expect(harness().store.getState().paper).toBe('a4');
  });

  it('shows a preview error and can retry', async () => {
    let fail = true;
    const h = harness({
      handlers: {
        'export:preview': () => (fail ? { ok: false, error: { code: 'internal', message: 'The renderer broke.' } } : { ok: true, value: { html: '<p>ok</p>', fileBase: 'x' } }),
      },
    });
    await h.store.open();
    expect(h.store.getState()).toMatchObject({ phase: 'ready', preview: null, previewError: { message: 'The renderer broke.' } });
    fail = false;
    await h.store.reloadPreview();
    expect(h.store.getState()).toMatchObject({ preview: { html: '<p>ok</p>' }, previewError: null });
  });

  it('does nothing without an open note, and ignores a second open', async () => {
    const h = harness();
    const none = createExportStore({ ...depsOf(h), openNoteId: () => null });
    await none.open();
    expect(none.getState().phase).toBe('idle');
    await h.store.open();
    await h.store.open();
    expect(names(h.client).filter((name) => name === 'export:preview')).toHaveLength(1);
  });
});

describe('defaultPaperFor', () => {
  it.each([
    ['en-US', 'letter'],
    ['en-us', 'letter'],
    ['en-CA', 'letter'],
    ['en-GB', 'a4'],
    ['fr-CA', 'a4'],
    ['de-DE', 'a4'],
    ['en', 'a4'],
    ['', 'a4'],
    [undefined, 'a4'],
  ])('%s → %s', (language, paper) => {
    expect(defaultPaperFor(language)).toBe(paper);
  });
});

describe('exportFileNameOf', () => {
  const preview = { html: '', fileBase: '2025-06-10 Rare earths', paper: 'a4' as const };
  it.each([
    [{ job: null, preview, format: 'pdf' as const }, '2025-06-10 Rare earths.pdf'],
    [{ job: null, preview, format: 'docx' as const }, '2025-06-10 Rare earths.docx'],
    [{ job: null, preview, format: 'md' as const }, '2025-06-10 Rare earths.md'],
    [{ job: job({ fileName: 'From the job.pdf' }), preview, format: 'pdf' as const }, 'From the job.pdf'],
    // A job of another format says nothing about the format chosen now.
    [{ job: job({ fileName: 'From the job.pdf' }), preview, format: 'html' as const }, '2025-06-10 Rare earths.html'],
    [{ job: null, preview: null, format: 'pdf' as const }, null],
  ])('%#', (state, expected) => {
    expect(exportFileNameOf(state)).toBe(expected);
  });
});

/** Microtasks settle: the fake client answers in a few ticks. */
async function flush(): Promise<void> {
  for (let index = 0; index < 10; index++) await Promise.resolve();
}

const depsByHarness = new WeakMap<Harness, ExportStoreDeps>();

function depsOf(h: Harness): ExportStoreDeps {
  const known = depsByHarness.get(h);
  if (known) return known;
  const deps: ExportStoreDeps = {
    client: h.client,
    openNoteId: () => 'n-1',
    settle: async () => null,
    checkSourcing: async () => [],
    showInEditor: (pos) => h.shown.push(pos),
    save: async (finished) => {
      h.saved.push(finished);
      return { ok: true, value: { fileName: finished.fileName, path: null } };
    },
    notify: (message) => h.toasts.push(message),
    prefs: { load: () => ({}), save: () => undefined },
    defaultPaper: 'a4',
  };
  depsByHarness.set(h, deps);
  return deps;
}

/** A second store on the harness's fake backend whose job progress is held until `gate` opens. */
function createExportStoreHeld(h: Harness, gate: Promise<void>) {
  const store = createExportStore(depsOf(h));
  h.retarget(store, gate);
  return store;
}
