import { z } from 'zod';
import {
  DocSchema,
  IsoDateSchema,
  MarkingSchema,
  NoteIdSchema,
  NoteMetaPatchSchema,
  NoteSchema,
  NoteStatusSchema,
  NoteSummarySchema,
  RevisionSchema,
  RevisionSummarySchema,
} from '../domain/note';
import { SettingsPatchSchema, SettingsSchema } from '../domain/settings';
import { TemplateIdSchema, TemplateProblemSchema, TemplateSummarySchema } from '../domain/template';

const Empty = z.object({}).strict();
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
      })
      .strict(),
    output: z.object({ id: NoteIdSchema, version: z.number().int(), updatedAt: z.string(), revisionTaken: z.boolean() }),
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
    input: z.object({ noteId: NoteIdSchema, revisionId: z.string().min(1).max(80) }).strict(),
    output: RevisionSchema,
  },
  'revisions:restore': {
    input: z.object({ noteId: NoteIdSchema, revisionId: z.string().min(1).max(80) }).strict(),
    output: NoteSchema,
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
