import { z } from 'zod';
import { ExportJobSchema } from '../domain/export';
import { ImportJobSchema } from '../domain/library';
import { NoteIdSchema } from '../domain/note';

/**
 * The workspace event channel (`workspace:events`): the one subscription of the contract, next to
 * the `domain:verb` calls. The backend watches the workspace folder and pushes these to every open
 * window: server-sent events in the browser edition (`GET /api/workspace:events`, with the launch
 * token), IPC in Electron (`bd:workspace-event`), and the same typed `subscribe(listener)` in the
 * renderer's one client. Events say WHAT changed; the renderer asks the usual calls for the data.
 */
export const WORKSPACE_EVENTS = 'workspace:events';

/**
 * Who made a change: `app` when this backend process wrote it (a window of this app, so two windows
 * agree), `elsewhere` when another process did (the CLI, another app instance, a sync tool). A
 * window tells its own saves from another window's by the note's version, not by this tag.
 */
export const EventOriginSchema = z.enum(['app', 'elsewhere']);
export type EventOrigin = z.infer<typeof EventOriginSchema>;

const NoteEventFields = {
  noteId: NoteIdSchema,
  /** The note's version as stored now (the version `notes:save` returns). */
  version: z.number().int().nonnegative(),
  updatedAt: z.string(),
  /** True when the note is in the trash. */
  trashed: z.boolean(),
  origin: EventOriginSchema,
};

/** Parts of the event library that a change touched. */
export const LibraryPartSchema = z.enum(['events', 'sources', 'datasets']);
export type LibraryPart = z.infer<typeof LibraryPartSchema>;

/** Import and export jobs as the progress line shows them. */
export const JobProgressSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('import'), job: ImportJobSchema }),
  z.object({ kind: z.literal('export'), job: ExportJobSchema }),
]);
export type JobProgressDetail = z.infer<typeof JobProgressSchema>;

/** One event of the workspace channel. */
export const WorkspaceEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('note-created'), ...NoteEventFields }),
  z.object({ type: z.literal('note-changed'), ...NoteEventFields }),
  z.object({ type: z.literal('note-deleted'), noteId: NoteIdSchema, origin: EventOriginSchema }),
  z.object({ type: z.literal('library-changed'), parts: z.array(LibraryPartSchema).min(1), origin: EventOriginSchema }),
  z.object({ type: z.literal('templates-changed'), origin: EventOriginSchema }),
  z.object({ type: z.literal('settings-changed'), origin: EventOriginSchema }),
  z.object({
    type: z.literal('job-progress'),
    id: z.string(),
    kind: z.enum(['import', 'export']),
    state: z.string(),
    /** Work done of `total` (percent for both kinds: rows are not known up front). */
    done: z.number().min(0),
    total: z.number().min(0),
    /** What the job is doing, for the progress line ("Parsing", "Printing pages"). */
    message: z.string(),
    /** The job as `import:status` / `export:status` would answer it. */
    detail: JobProgressSchema,
  }),
  /**
   * Sent first on every (re)connection: a window that was disconnected refreshes everything,
   * since it may have missed events meanwhile.
   */
  z.object({ type: z.literal('connected') }),
]);
export type WorkspaceEvent = z.infer<typeof WorkspaceEventSchema>;
/** The event names. */
export type WorkspaceEventType = WorkspaceEvent['type'];

/** A listener of the workspace channel. */
export type WorkspaceEventListener = (event: WorkspaceEvent) => void;

/** The job-progress event of an import or export job. */
export function jobProgressEvent(detail: JobProgressDetail): WorkspaceEvent {
  if (detail.kind === 'import') {
    const { job } = detail;
    const message = job.state === 'failed' ? (job.failure?.message ?? 'Failed') : `${job.state[0]!.toUpperCase()}${job.state.slice(1)}${job.rows ? ` · ${job.rows} rows` : ''}`;
    return { type: 'job-progress', id: job.id, kind: 'import', state: job.state, done: job.percent, total: 100, message, detail };
  }
  const { job } = detail;
  return { type: 'job-progress', id: job.id, kind: 'export', state: job.state, done: job.percent, total: 100, message: job.step, detail };
}
