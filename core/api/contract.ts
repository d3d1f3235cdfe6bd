import { z } from 'zod';
import {
  DocSchema,
  IsoDateSchema,
  MarkingSchema,
  NoteIdSchema,
  NoteMetaPatchSchema,
  NoteMetaSchema,
  NoteSchema,
  NoteStatusSchema,
  NoteSummarySchema,
  RevisionIdSchema,
  RevisionSchema,
  RevisionSummarySchema,
} from '../domain/note';
import { SafeUrlSchema } from '../domain/safe-url';
import { SettingsPatchSchema, SettingsSchema, StyleIdSchema } from '../domain/settings';
import { TemplateIdSchema, TemplateProblemSchema, TemplateSummarySchema } from '../domain/template';
import {
  CandidateEventSchema,
  DatasetSchema,
  EventQuerySchema,
  EventSchema,
  EventSearchResultSchema,
  FuzzyDateSchema,
  GradeSchema,
  ImportFormatSchema,
  ImportJobSchema,
  ImportReportSchema,
  LibraryIdSchema,
  LocationSchema,
  ActorSchema,
  EventTypeSchema,
  EventFiguresSchema,
  ReliabilitySchema,
  SourceSchema,
  UploadIdSchema,
} from '../domain/library';
import { ExportFormatSchema, ExportJobSchema, KeepEmptySchema, PaperSchema } from '../domain/export';

const Empty = z.object({}).strict();

/** Most ids one `events:get-many` takes (as many as `notes:insert-events` inserts at once). */
export const EVENTS_GET_MANY_MAX = 500;
const ById = z.object({ id: NoteIdSchema }).strict();

/** A file the store found unreadable, moved aside and (where it could) restored from its .bak. */
export const StoreProblemSchema = z.object({
  /** The workspace-relative file. */
  file: z.string(),
  /** The note concerned, when the file was a note. */
  noteId: z.string().nullable(),
  /** Title from the restored copy, when there was one. */
  title: z.string().nullable(),
  /** Where the unreadable file now is. */
  quarantinedAs: z.string(),
  restoredFromBackup: z.boolean(),
  at: z.string(),
  message: z.string(),
});
export type StoreProblem = z.infer<typeof StoreProblemSchema>;

/** Fields of an event the analyst edits (hand-made events, accepted candidates, edits). */
export const EventDraftSchema = z
  .object({
    date: FuzzyDateSchema,
    endDate: FuzzyDateSchema.nullable().optional(),
    summary: z.string().trim().min(1, 'An event needs a summary').max(2000),
    type: EventTypeSchema.optional(),
    actors: z.array(ActorSchema).max(50).optional(),
    location: LocationSchema.nullable().optional(),
    figures: EventFiguresSchema.optional(),
    sourceIds: z.array(LibraryIdSchema).max(200).optional(),
  })
  .strict();
export type EventDraft = z.infer<typeof EventDraftSchema>;

/** Fields of a source the analyst edits. */
export const SourceDraftSchema = z
  .object({
    title: z.string().trim().min(1, 'A source needs a title').max(500),
    publisher: z.string().max(200).optional(),
    authors: z.array(z.string().max(200)).max(50).optional(),
    published: FuzzyDateSchema.nullable().optional(),
    // The one URL rule (http, https, mailto only): a javascript: or data: link is refused here, not stored.
    url: SafeUrlSchema.nullable().optional(),
    language: z.string().max(35).nullable().optional(),
    text: z.string().max(2_000_000).optional(),
    grade: GradeSchema.optional(),
    tags: z.array(z.string().max(60)).max(50).optional(),
  })
  .strict();
export type SourceDraft = z.infer<typeof SourceDraftSchema>;

/**
 * The one API contract. Every call is `domain:verb` with a zod input and output schema; the
 * backend parses inputs with these before any service runs, in every host (Electron IPC, the
 * browser edition's HTTP server, the CLI).
 */
export const contract = {
  'workspace:info': {
    input: Empty,
    output: z.object({ path: z.string(), noteCount: z.number().int(), appVersion: z.string() }),
  },
  'workspace:problems': {
    input: Empty,
    output: z.array(StoreProblemSchema),
  },
  'settings:get': { input: Empty, output: SettingsSchema },
  'settings:update': { input: SettingsPatchSchema.strict(), output: SettingsSchema },

  'templates:list': {
    input: Empty,
    output: z.object({ templates: z.array(TemplateSummarySchema), problems: z.array(TemplateProblemSchema) }),
  },
  'templates:save-from-note': {
    input: z.object({ noteId: NoteIdSchema, name: z.string().trim().min(1).max(100), description: z.string().max(500).optional() }).strict(),
    output: TemplateSummarySchema,
  },
  'templates:rename': {
    input: z.object({ id: TemplateIdSchema, name: z.string().trim().min(1).max(100) }).strict(),
    output: TemplateSummarySchema,
  },
  'templates:duplicate': {
    input: z.object({ id: TemplateIdSchema, name: z.string().trim().min(1).max(100).optional() }).strict(),
    output: TemplateSummarySchema,
  },
  'templates:delete': {
    input: z.object({ id: TemplateIdSchema }).strict(),
    output: z.object({ id: TemplateIdSchema }),
  },

  'notes:list': {
    input: z
      .object({
        /** Words matched against title and body, all of them must occur. */
        query: z.string().max(500).optional(),
        tag: z.string().max(60).optional(),
        status: NoteStatusSchema.optional(),
        /** false (default): the library; true: the trash. */
        trashed: z.boolean().optional(),
        limit: z.number().int().min(1).max(10000).optional(),
      })
      .strict(),
    output: z.object({
      notes: z.array(NoteSummarySchema),
      /** Matching notes before `limit`. */
      total: z.number().int(),
      /** Every tag in use, for the filter menu. */
      tags: z.array(z.string()),
    }),
  },
  'notes:get': { input: ById, output: NoteSchema },
  'notes:create': {
    input: z
      .object({
        templateId: TemplateIdSchema,
        title: z.string().max(300).optional(),
        marking: MarkingSchema.optional(),
        author: z.string().max(200).optional(),
        date: IsoDateSchema.optional(),
        /** BCP 47 locale for `{{date}}`; the workspace setting, else en-GB, when absent. */
        locale: z.string().max(35).optional(),
      })
      .strict(),
    output: NoteSchema,
  },
  'notes:save': {
    input: z
      .object({
        id: NoteIdSchema,
        content: DocSchema.optional(),
        meta: NoteMetaPatchSchema.strict().optional(),
        /**
         * The version the content was edited from. When the stored note has moved on (the CLI or
         * another window changed it), the content is not written: `conflict`, and the app asks the
         * analyst (`notes:resolve-conflict`). Absent: last writer wins (the CLI, scripts).
         */
        baseVersion: z.number().int().nonnegative().optional(),
      })
      .strict(),
    output: z.object({
      id: NoteIdSchema,
      version: z.number().int(),
      updatedAt: z.string(),
      revisionTaken: z.boolean(),
      /** The note's metadata after the save, with what other writers (the CLI, another window) changed. */
      meta: NoteMetaSchema,
    }),
  },
  /**
   * The open note changed elsewhere (the CLI, another window) while the analyst had unsaved edits:
   * they chose. `mine` saves their text over the stored note, which is kept first as a 'conflict'
   * revision; `theirs` keeps the stored note and records their text as a 'conflict' revision.
   * `theirsVersion` is the stored version the analyst saw: if it moved again, `conflict`.
   */
  'notes:resolve-conflict': {
    input: z
      .object({
        id: NoteIdSchema,
        keep: z.enum(['mine', 'theirs']),
        theirsVersion: z.number().int().nonnegative(),
        content: DocSchema,
        meta: NoteMetaPatchSchema.strict().optional(),
      })
      .strict(),
    output: NoteSchema,
  },
  'notes:snapshot': {
    input: z.object({ id: NoteIdSchema }).strict(),
    output: RevisionSummarySchema,
  },
  'notes:duplicate': { input: ById, output: NoteSchema },
  'notes:trash': { input: ById, output: NoteSummarySchema },
  'notes:restore': { input: ById, output: NoteSummarySchema },
  'notes:delete': {
    input: z.object({ id: NoteIdSchema, confirm: z.literal(true, { message: 'Deleting for ever needs confirm: true' }) }).strict(),
    output: z.object({ id: NoteIdSchema }),
  },
  'notes:empty-trash': {
    input: z.object({ confirm: z.literal(true, { message: 'Emptying the trash needs confirm: true' }) }).strict(),
    output: z.object({ deleted: z.number().int() }),
  },

  'revisions:list': {
    input: z.object({ noteId: NoteIdSchema }).strict(),
    output: z.array(RevisionSummarySchema),
  },
  'revisions:get': {
    input: z.object({ noteId: NoteIdSchema, revisionId: RevisionIdSchema }).strict(),
    output: RevisionSchema,
  },
  'revisions:restore': {
    input: z.object({ noteId: NoteIdSchema, revisionId: RevisionIdSchema }).strict(),
    output: NoteSchema,
  },
  // ── Event and source library (issue 3) ──────────────────────────────────────────────
  'library:stats': {
    input: Empty,
    output: z.object({ events: z.number().int(), sources: z.number().int(), datasets: z.array(DatasetSchema) }),
  },
  /**
   * Loads the sample library (again). Events and sources the analyst edited are kept and listed in
   * the report's `keptEdited`, unless `replaceEdited` asks for the sample's version of them.
   */
  'library:load-sample': {
    input: z.object({ replaceEdited: z.boolean().optional() }).strict(),
    output: z.object({ events: z.number().int(), sources: z.number().int(), added: z.boolean(), report: ImportReportSchema }),
  },
  /** Notes whose content mentions the id (citations, provenance marks): asked before deleting. */
  'library:citing-notes': {
    input: z.object({ id: LibraryIdSchema }).strict(),
    output: z.array(z.object({ noteId: NoteIdSchema, title: z.string() })),
  },
  'library:delete-dataset': {
    input: z.object({ id: LibraryIdSchema, confirm: z.literal(true, { message: 'Deleting a dataset needs confirm: true' }) }).strict(),
    output: z.object({ id: LibraryIdSchema, eventsDeleted: z.number().int() }),
  },
  'events:search': { input: EventQuerySchema, output: EventSearchResultSchema },
  'events:get': {
    input: z.object({ id: LibraryIdSchema }).strict(),
    output: z.object({ event: EventSchema, sources: z.array(SourceSchema) }),
  },
  /**
   * Several events at once (a chronology, a multi-event drop): one call instead of one `events:get`
   * each. Events come back in the order asked (an id asked twice, once); each source they cite comes
   * once in `sources`; ids with no event are listed in `missing` rather than failing the call.
   */
  'events:get-many': {
    input: z.object({ ids: z.array(LibraryIdSchema).min(1).max(EVENTS_GET_MANY_MAX) }).strict(),
    output: z.object({ events: z.array(EventSchema), sources: z.array(SourceSchema), missing: z.array(LibraryIdSchema) }),
  },
  'events:create': { input: EventDraftSchema, output: EventSchema },
  'events:update': {
    input: z.object({ id: LibraryIdSchema, patch: EventDraftSchema.partial() }).strict(),
    output: EventSchema,
  },
  'events:delete': {
    input: z.object({ id: LibraryIdSchema, confirm: z.literal(true, { message: 'Deleting an event needs confirm: true' }) }).strict(),
    output: z.object({ id: LibraryIdSchema }),
  },
  'sources:search': {
    input: z
      .object({
        query: z.string().max(500).optional(),
        reliability: z.array(ReliabilitySchema).optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    output: z.object({ total: z.number().int(), sources: z.array(SourceSchema.omit({ text: true })) }),
  },
  'sources:get': { input: z.object({ id: LibraryIdSchema }).strict(), output: SourceSchema },
  'sources:create': { input: SourceDraftSchema, output: SourceSchema },
  'sources:update': {
    input: z.object({ id: LibraryIdSchema, patch: SourceDraftSchema.partial() }).strict(),
    output: SourceSchema,
  },
  'sources:delete': {
    input: z.object({ id: LibraryIdSchema, confirm: z.literal(true, { message: 'Deleting a source needs confirm: true' }) }).strict(),
    output: z.object({ id: LibraryIdSchema }),
  },
  /** Candidate events from the article's dated sentences. */
  'sources:extract': { input: z.object({ id: LibraryIdSchema }).strict(), output: z.array(CandidateEventSchema) },
  /** Accepts an (edited) candidate as an event linked to its source. */
  'sources:accept-candidate': {
    input: z.object({ sourceId: LibraryIdSchema, event: EventDraftSchema }).strict(),
    output: EventSchema,
  },
  /**
   * Starts importing a file staged by the transport's upload (browser: POST /api/upload; Electron:
   * bridge.upload) or, for the CLI and Electron main's own file dialog, a path on this machine
   * (`path` is host-only: the renderer and HTTP callers get `forbidden`).
   */
  'import:start': {
    input: z
      .object({
        uploadId: UploadIdSchema.optional(),
        path: z.string().min(1).optional(),
        fileName: z.string().min(1).max(300),
        format: ImportFormatSchema.optional(),
        dataset: z.string().trim().min(1).max(200).optional(),
        /** Take the file's version of events and sources the analyst edited (else they are kept and reported). */
        replaceEdited: z.boolean().optional(),
      })
      .strict()
      .refine((input) => Boolean(input.uploadId) !== Boolean(input.path), { message: 'Give exactly one of uploadId and path' }),
    output: ImportJobSchema,
    hostOnly: {
      path: 'Import the file through the app instead: the Import button, or drop the file on the window (it is uploaded). The command line takes paths: briefing-desk import FILE.',
    },
  },
  'import:status': { input: z.object({ jobId: z.string().min(1).max(64) }).strict(), output: ImportJobSchema },
  'import:cancel': { input: z.object({ jobId: z.string().min(1).max(64) }).strict(), output: ImportJobSchema },
  'import:list': { input: Empty, output: z.array(ImportJobSchema) },
  // ── Cited facts (issue 4) ───────────────────────────────────────────────────────────
  /** Citation styles: the built-ins (core/citations) and the analyst's added .csl files. */
  'citations:styles': {
    input: Empty,
    output: z.object({
      styles: z.array(z.object({ id: z.string(), name: z.string(), builtIn: z.boolean(), kind: z.enum(['numeric', 'note', 'author-date']) })),
      defaultStyle: z.string(),
    }),
  },
  /** The CSL XML of an added style (built-ins ship with the renderer). */
  'citations:style-xml': {
    input: z.object({ id: StyleIdSchema }).strict(),
    output: z.object({ id: z.string(), xml: z.string() }),
  },
  /** Adds a .csl file; a broken one is rejected with the reason. */
  'citations:add-style': {
    input: z.object({ fileName: z.string().min(1).max(300), xml: z.string().min(1).max(2_000_000) }).strict(),
    output: z.object({ id: z.string(), name: z.string(), builtIn: z.boolean(), kind: z.enum(['numeric', 'note', 'author-date']) }),
  },
  'citations:delete-style': {
    input: z.object({ id: StyleIdSchema }).strict(),
    output: z.object({ id: z.string() }),
  },
  /** Where cited events and sources stand now, for stale/broken flags and the Sourcing panel. */
  'library:provenance': {
    input: z.object({ eventIds: z.array(LibraryIdSchema).max(5000), sourceIds: z.array(LibraryIdSchema).max(5000) }).strict(),
    output: z.object({
      events: z.array(
        z.object({ id: LibraryIdSchema, status: z.enum(['current', 'deleted']), datasetVersion: z.number().int(), updatedAt: z.string().nullable(), removedUpstream: z.boolean() }),
      ),
      sources: z.array(
        z.object({ id: LibraryIdSchema, status: z.enum(['current', 'deleted']), updatedAt: z.string().nullable(), source: SourceSchema.omit({ text: true }).nullable() }),
      ),
    }),
  },
  /** Appends events as cited facts at the end of a note, before its Sources section (the CLI's `insert`). */
  'notes:insert-events': {
    input: z
      .object({ id: NoteIdSchema, eventIds: z.array(LibraryIdSchema).min(1).max(500), as: z.enum(['sentence', 'bullet', 'chronology']).default('sentence') })
      .strict(),
    output: z.object({ id: NoteIdSchema, version: z.number().int(), inserted: z.number().int() }),
  },
  // ── Export (issue 5) ────────────────────────────────────────────────────────────────
  /**
   * The HTML the PDF is printed from (the same export renderer), for the in-app preview. It is a
   * standalone document: styles and fonts inline, no scripts, no remote references.
   */
  'export:preview': {
    input: z.object({ id: NoteIdSchema, paper: PaperSchema.default('a4'), keepEmpty: KeepEmptySchema }).strict(),
    output: z.object({ html: z.string(), fileBase: z.string() }),
  },
  /** Starts exporting a note (as saved); progress arrives as `job-progress` events (`workspace:events`; `export:status` after a reconnect), then `export:take` the bytes. */
  'export:start': {
    input: z.object({ id: NoteIdSchema, format: ExportFormatSchema, paper: PaperSchema.default('a4'), keepEmpty: KeepEmptySchema }).strict(),
    output: ExportJobSchema,
  },
  'export:status': { input: z.object({ jobId: z.string().min(1).max(64) }).strict(), output: ExportJobSchema },
  'export:cancel': { input: z.object({ jobId: z.string().min(1).max(64) }).strict(), output: ExportJobSchema },
  /** The finished file, base64-encoded; the backend forgets it afterwards. */
  'export:take': {
    input: z.object({ jobId: z.string().min(1).max(64) }).strict(),
    output: z.object({ fileName: z.string(), mime: z.string(), base64: z.string() }),
  },
} as const;

/** The contract's type. */
export type Contract = typeof contract;
/** Every call name. */
export type CallName = keyof Contract;
/** What a call takes (before parsing: defaults may be omitted). */
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
/** What a call takes after parsing. */
export type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>;
/** What a call returns. */
export type CallOutput<N extends CallName> = z.output<Contract[N]['output']>;

/**
 * Who is calling. `trusted`: this machine's own code that chose a file for the analyst (the CLI,
 * Electron main's own dialogs). `untrusted`: requests from the renderer (IPC) and over HTTP, which
 * import through uploads and may not name files on the analyst's disk.
 */
export type CallerTrust = 'trusted' | 'untrusted';

/**
 * Input fields of `name` that only a trusted caller may send, each with what an untrusted caller
 * should do instead. A field that names a file or folder on this machine belongs here (the
 * dispatcher refuses it with `forbidden` before parsing; a test checks no such field is missed).
 */
export function hostOnlyFields(name: CallName): Readonly<Record<string, string>> {
  const spec: { input: unknown; hostOnly?: Readonly<Record<string, string>> } = contract[name];
  return spec.hostOnly ?? {};
}

/** All call names, for hosts that register one handler per call. */
export const CALL_NAMES = Object.keys(contract) as CallName[];

/** True when `name` is a call of the contract. */
export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** The handlers a backend provides: one per call, taking parsed input. */
export type Handlers = { [N in CallName]: (input: ParsedInput<N>) => Promise<CallOutput<N>> };

/** The typed client the renderer uses, whatever the transport. */
export type ApiClient = {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<import('./result').Result<CallOutput<N>>>;
};
