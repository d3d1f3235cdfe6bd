import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import {
  ImportFormatSchema,
  type CandidateEvent,
  type EventCard,
  type EventQuery,
  type EventSearchResult,
  type ImportFormat,
  type ImportJob,
  type ImportReport,
  type Result,
  type Source,
  editedRecordsPhrase,
} from '../../core/index';
import type { Backend } from '../container';
import { EXIT, PROGRAM, UsageError, cell, isBadInput, tsvCell, unwrap, withBackend, type CliIo, type CommandContext, type CommandSpec, type OptionValues } from './cli-support';
import { eventRecords, formatFuzzyDate, runEvent, runSource, sourceRecords } from './record-commands';

export { formatFuzzyDate } from './record-commands';

/** How often `import` asks for the job's progress. */
const POLL_MS = 100;

/** Default number of events `events` prints. */
const DEFAULT_EVENT_LIMIT = 100;

/** The contract's largest page (events:search and sources:search `limit`). */
const PAGE_SIZE = 1000;

/** A date filter as the contract takes it: YYYY, YYYY-MM or YYYY-MM-DD. */
const DATE_FILTER = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The help line of `--replace-edited` (import and sample). */
const REPLACE_EDITED_DETAIL = "  --replace-edited  take the file's version of events and sources you edited by hand";

/** Source without its text, as sources:search returns it. */
type SourceSummary = Omit<Source, 'text'>;

/** The library commands (issue 3), merged into the CLI's command table. */
export const LIBRARY_COMMANDS: Record<string, CommandSpec> = {
  sample: {
    usage: 'sample [--replace-edited]',
    summary: 'load the sample library (2025 rare-earth export controls, US–China talks) once',
    options: { 'replace-edited': { type: 'boolean' } },
    details: [REPLACE_EDITED_DETAIL, '                    (default: events and sources you edited are kept)'],
    run: runSample,
  },
  import: {
    usage: `import FILE... [--format ${[...ImportFormatSchema.options, 'auto'].join('|')}] [--dataset NAME] [--replace-edited]`,
    synopsis: 'import FILE... [--format F] [--dataset NAME] [--replace-edited]',
    summary: 'import event or article files and print each import report',
    options: { format: { type: 'string' }, dataset: { type: 'string' }, 'replace-edited': { type: 'boolean' } },
    operands: { name: 'FILE', min: 1 },
    details: [
      '  FILE...           GDELT 2.0 (.export.CSV or .zip) or 1.0 files, ACLED CSV, Briefing Desk CSV/JSON,',
      '                    CSL-JSON, saved HTML pages, text/Markdown, RSS/Atom feeds',
      '  --format F        read every FILE as F instead of detecting it from the content:',
      `                    ${[...ImportFormatSchema.options, 'auto'].join(', ')} (default: auto)`,
      '  --dataset NAME    the dataset name (default: from the file name); importing a newer file',
      '                    into the same dataset updates its events in place',
      REPLACE_EDITED_DETAIL,
      '                    (default: they are kept, and the report says how many)',
    ],
    notes: [
      'A file that cannot be imported changes nothing: "FILE:LINE: reason" goes to stderr, the other',
      'files are still imported, and the exit status is 2. Ctrl+C cancels the running import.',
    ],
    run: runImport,
  },
  events: {
    usage: 'events [--query Q] [--from DATE] [--to DATE] [--actor A] [--country C] [--type T] [--limit N] [--json]',
    synopsis: 'events [--query Q] [filters] [--json]',
    summary: 'search the events: "date<TAB>type<TAB>actors<TAB>summary<TAB>id"',
    options: {
      query: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      actor: { type: 'string' },
      country: { type: 'string' },
      type: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    },
    details: [
      '  --query Q         full-text search over summaries, actors, places and source titles',
      '  --from DATE       on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)',
      '  --to DATE         on or before DATE',
      '  --actor A         an actor name',
      '  --country C       a country (name or code)',
      '  --type T          an event type (label or code)',
      `  --limit N         at most N events (default ${DEFAULT_EVENT_LIMIT})`,
      '  --json            print a JSON array of whole event records instead (as "event ID --json":',
      '                    external id, type, actors, location, figures, sources, dataset and version)',
    ],
    run: runEvents,
  },
  event: {
    usage: 'event EVENT_ID [--json]',
    summary: 'print one event: every field, then the sources it cites',
    options: { json: { type: 'boolean' } },
    operands: { name: 'EVENT_ID', min: 1, max: 1 },
    details: ['  EVENT_ID          an event id (see "briefing-desk events")', '  --json            print the whole event record as JSON instead'],
    notes: ['An id with no event is bad input: one line on stderr, exit 2.'],
    run: runEvent,
  },
  sources: {
    usage: 'sources [--query Q] [--json]',
    summary: 'list or search the sources: "id<TAB>published<TAB>publisher<TAB>title"',
    options: { query: { type: 'string' }, json: { type: 'boolean' } },
    details: ['  --query Q         full-text search over titles, publishers and text', '  --json            print a JSON array of whole source records (with their text) instead'],
    run: runSources,
  },
  source: {
    usage: 'source SOURCE_ID [--json]',
    summary: 'print one source: every field, then its text',
    options: { json: { type: 'boolean' } },
    operands: { name: 'SOURCE_ID', min: 1, max: 1 },
    details: ['  SOURCE_ID         a source id (see "briefing-desk sources")', '  --json            print the whole source record (with its text) as JSON instead'],
    notes: ['An id with no source is bad input: one line on stderr, exit 2.'],
    run: runSource,
  },
  extract: {
    usage: 'extract SOURCE_ID [--json]',
    summary: 'propose candidate events from an article: "date<TAB>sentence"',
    options: { json: { type: 'boolean' } },
    operands: { name: 'SOURCE_ID', min: 1, max: 1 },
    details: ['  SOURCE_ID         a source id (see "briefing-desk sources")', '  --json            print a JSON array of candidate events instead'],
    run: runExtract,
  },
};

async function runSample(values: OptionValues, context: CommandContext): Promise<number> {
  const input = values['replace-edited'] === true ? { replaceEdited: true } : {};
  return withBackend(context, async (backend) => {
    const loaded = unwrap<{ events: number; sources: number; added: boolean; report: ImportReport }>(await backend.dispatch('library:load-sample', input));
    context.io.stdout.write(
      loaded.added
        ? `Loaded the sample library: ${loaded.events} events, ${loaded.sources} sources.\n`
        : 'The sample library is already loaded; nothing was added.\n',
    );
    for (const line of editedLines(loaded.report)) context.io.stdout.write(`${line}\n`);
    return EXIT.ok;
  });
}

/**
 * What an import did with records the analyst edited: "kept 1 event you edited (use
 * --replace-edited to take the file's version)" and/or "took the file's version of 1 event you
 * edited". Nothing when it met none.
 */
export function editedLines(report: ImportReport): string[] {
  const lines: string[] = [];
  const kept = editedRecordsPhrase(report.keptEdited);
  if (kept) lines.push(`kept ${kept} you edited (use --replace-edited to take the file's version)`);
  const replaced = editedRecordsPhrase(report.replacedEdited);
  if (replaced) lines.push(`took the file's version of ${replaced} you edited`);
  return lines;
}

// ── import ────────────────────────────────────────────────────────────────────────────────

/** How one file's import ended. */
type ImportOutcome = 'imported' | 'rejected' | 'failed' | 'cancelled';

function parseFormat(raw: string | boolean | undefined): ImportFormat | undefined {
  if (raw === undefined || raw === true || raw === 'auto') return undefined;
  const parsed = ImportFormatSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`--format must be one of ${[...ImportFormatSchema.options, 'auto'].join(', ')} (got "${String(raw)}")`);
  return parsed.data;
}

async function runImport(values: OptionValues, context: CommandContext): Promise<number> {
  const format = parseFormat(values.format);
  const dataset = typeof values.dataset === 'string' ? values.dataset.trim() : undefined;
  if (dataset === '') throw new UsageError('--dataset needs a name');
  const replaceEdited = values['replace-edited'] === true;
  return withBackend(context, async (backend) => {
    let exitCode: number = EXIT.ok;
    for (const file of context.operands) {
      const outcome = await importFile(backend, context.io, file, { format, dataset, replaceEdited });
      if (outcome === 'cancelled') return EXIT.failed;
      // A rejected file is bad input (2) and outranks a run-time failure (1); the other files still import.
      if (outcome === 'rejected') exitCode = EXIT.usage;
      else if (outcome === 'failed' && exitCode === EXIT.ok) exitCode = EXIT.failed;
    }
    return exitCode;
  });
}

/** Imports one file: start the job on its absolute path, follow it, print its report or its failure. */
async function importFile(backend: Backend, io: CliIo, file: string, options: { format?: ImportFormat; dataset?: string; replaceEdited: boolean }): Promise<ImportOutcome> {
  const path = resolve(file);
  const problem = await fileProblem(path);
  if (problem) {
    io.stderr.write(`${file}: ${problem}\n`);
    return 'rejected';
  }
  const input: Record<string, string | boolean> = { path, fileName: basename(path) };
  if (options.format) input.format = options.format;
  if (options.dataset) input.dataset = options.dataset;
  if (options.replaceEdited) input.replaceEdited = true;
  // The CLI is the analyst's own command naming a file: the trusted entry point takes paths.
  const started = await backend.trustedDispatch('import:start', input);
  if (!started.ok) {
    io.stderr.write(`${file}: ${cell(started.error.message)}\n`);
    return isBadInput(started.error) ? 'rejected' : 'failed';
  }
  const job = await followJob(backend, io, file, started.value as ImportJob);
  if (!job.ok) {
    io.stderr.write(`${file}: ${cell(job.error.message)}\n`);
    return 'failed';
  }
  return reportJob(io, file, job.value);
}

/** Why `path` cannot be imported before we even try, or null. */
async function fileProblem(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? null : 'not a file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    return error instanceof Error ? error.message : String(error);
  }
}

const FINISHED: ReadonlySet<ImportJob['state']> = new Set(['done', 'failed', 'cancelled']);

/**
 * Polls `import:status` until the job has finished, drawing a progress line on a terminal. An
 * aborted signal (Ctrl+C) asks the backend to cancel, which leaves the library as it was.
 */
async function followJob(backend: Backend, io: CliIo, file: string, first: ImportJob): Promise<Result<ImportJob>> {
  const progress = io.stderr.isTTY === true;
  let job = first;
  let cancelRequested = false;
  try {
    while (!FINISHED.has(job.state)) {
      if (progress) io.stderr.write(`\r\u001b[K${file}: ${job.state} ${job.rows.toLocaleString('en-US')} rows, ${Math.round(job.percent)}%`);
      if (io.signal?.aborted && !cancelRequested) {
        cancelRequested = true;
        const cancelled = await backend.dispatch('import:cancel', { jobId: job.id });
        if (!cancelled.ok) return cancelled;
        job = cancelled.value as ImportJob;
        continue;
      }
      await sleep(POLL_MS, io.signal);
      const status = await backend.dispatch('import:status', { jobId: job.id });
      if (!status.ok) return status;
      job = status.value as ImportJob;
    }
  } finally {
    if (progress) io.stderr.write('\r\u001b[K');
  }
  return { ok: true, value: job };
}

/** Waits `ms`, or less when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolveSleep) => {
    if (signal?.aborted) {
      resolveSleep();
      return;
    }
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolveSleep();
    }
  });
}

function reportJob(io: CliIo, file: string, job: ImportJob): ImportOutcome {
  if (job.state === 'cancelled') {
    io.stderr.write(`${file}: import cancelled; the library is unchanged\n`);
    return 'cancelled';
  }
  if (job.state === 'failed' || !job.report) {
    const failure = job.failure;
    const where = failure?.line != null ? `${file}:${failure.line}` : file;
    io.stderr.write(`${where}: ${cell(failure?.message ?? 'the import failed without a reason')}\n`);
    return 'rejected';
  }
  io.stdout.write(formatReport(file, job.report));
  const samples = job.report.warningSamples;
  for (const warning of samples) io.stderr.write(`${formatWarning(file, warning)}\n`);
  const unlisted = job.report.counts.warnings - samples.length;
  if (unlisted > 0) io.stderr.write(`${file}: … and ${unlisted} more warning${unlisted === 1 ? '' : 's'}\n`);
  return 'imported';
}

/** "line 3: reason" (the report's sample form) as "FILE:3: warning: reason", like a rejected file's line. */
function formatWarning(file: string, sample: string): string {
  const match = /^line (\d+):\s*(.*)$/s.exec(sample);
  return match ? `${file}:${match[1]}: warning: ${cell(match[2]!)}` : `${file}: warning: ${cell(sample)}`;
}

/**
 * The import report: a heading line, then one "label  count" line per figure, then (only when the
 * import met records the analyst edited) what it did with them (see editedLines).
 */
export function formatReport(file: string, report: ImportReport): string {
  const { counts } = report;
  const rows: [string, number][] = [
    ['imported', counts.imported],
    ['updated', counts.updated],
    ['unchanged', counts.unchanged],
    ['removed upstream', counts.removedUpstream],
    ['duplicates skipped', counts.duplicatesSkipped],
    ['rejected', counts.rejected],
    ['warnings', counts.warnings],
    ['sources imported', counts.sourcesImported],
  ];
  const dataset = report.datasetName ? ` into dataset "${report.datasetName}"` : '';
  const seconds = (report.durationMs / 1000).toFixed(1);
  const lines = [
    `${file}: ${report.format}${dataset}, ${seconds} s`,
    ...rows.map(([label, count]) => `  ${label.padEnd(20)}${String(count).padStart(9)}`),
    ...editedLines(report).map((line) => `  ${line}`),
  ];
  return `${lines.join('\n')}\n`;
}

// ── events, sources, extract ─────────────────────────────────────────────────────────────

function parseLimit(raw: string | boolean | undefined): number {
  if (raw === undefined || typeof raw === 'boolean') return DEFAULT_EVENT_LIMIT;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw new UsageError(`--limit must be a whole number of at least 1 (got "${raw}")`);
  return Number(raw);
}

function dateFilter(option: string, raw: string | boolean | undefined): string | undefined {
  if (raw === undefined || typeof raw === 'boolean') return undefined;
  if (!DATE_FILTER.test(raw)) throw new UsageError(`--${option} must be a date as YYYY, YYYY-MM or YYYY-MM-DD (got "${raw}")`);
  return raw;
}

async function runEvents(values: OptionValues, context: CommandContext): Promise<number> {
  const limit = parseLimit(values.limit);
  const query: EventQuery = {};
  const from = dateFilter('from', values.from);
  const to = dateFilter('to', values.to);
  if (from) query.from = from;
  if (to) query.to = to;
  for (const key of ['query', 'actor', 'country', 'type'] as const) {
    const value = values[key];
    if (typeof value === 'string' && value.trim() !== '') query[key] = value;
  }
  // Relevance only means something with search words; a plain listing reads best newest first.
  query.sort = query.query ? 'relevance' : 'date-desc';
  return withBackend(context, async (backend) => {
    const events: EventCard[] = [];
    let total = 0;
    while (events.length < limit) {
      const page = unwrap<EventSearchResult>(await backend.dispatch('events:search', { ...query, offset: events.length, limit: Math.min(PAGE_SIZE, limit - events.length) }));
      total = page.total;
      events.push(...page.events);
      if (page.events.length === 0 || events.length >= total) break;
    }
    const { io } = context;
    if (values.json === true) {
      // Whole records, not the search's cards (which drop the external id, location, figures…).
      const records = await eventRecords(backend, events.map((event) => event.id));
      io.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
    } else {
      for (const event of events) {
        io.stdout.write(`${formatFuzzyDate(event.date)}\t${tsvCell(event.type)}\t${tsvCell(event.actors.join('; '))}\t${tsvCell(event.summary)}\t${event.id}\n`);
      }
    }
    // The count goes to stderr so stdout stays the list alone.
    if (total > events.length) io.stderr.write(`${PROGRAM}: showing ${events.length} of ${total} events — use --limit N for more\n`);
    return EXIT.ok;
  });
}

async function runSources(values: OptionValues, context: CommandContext): Promise<number> {
  const input: { query?: string } = {};
  if (typeof values.query === 'string' && values.query.trim() !== '') input.query = values.query;
  return withBackend(context, async (backend) => {
    const sources: SourceSummary[] = [];
    for (;;) {
      const page = unwrap<{ total: number; sources: SourceSummary[] }>(await backend.dispatch('sources:search', { ...input, offset: sources.length, limit: PAGE_SIZE }));
      sources.push(...page.sources);
      if (page.sources.length === 0 || sources.length >= page.total) break;
    }
    const { io } = context;
    if (values.json === true) {
      const records = await sourceRecords(backend, sources.map((source) => source.id));
      io.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
      return EXIT.ok;
    }
    for (const source of sources) {
      const published = source.published ? formatFuzzyDate(source.published) : '';
      io.stdout.write(`${source.id}\t${published}\t${tsvCell(source.publisher)}\t${tsvCell(source.title)}\n`);
    }
    return EXIT.ok;
  });
}

async function runExtract(values: OptionValues, context: CommandContext): Promise<number> {
  const id = context.operands[0]!;
  return withBackend(context, async (backend) => {
    const candidates = unwrap<CandidateEvent[]>(await backend.dispatch('sources:extract', { id }));
    const { io } = context;
    if (values.json === true) {
      io.stdout.write(`${JSON.stringify(candidates, null, 2)}\n`);
      return EXIT.ok;
    }
    for (const candidate of candidates) io.stdout.write(`${formatFuzzyDate(candidate.date)}\t${tsvCell(candidate.sentence)}\n`);
    return EXIT.ok;
  });
}
