import { z } from 'zod';
import { NoteSchema, RevisionSchema, SettingsSchema, TimestampSchema } from '../../../core/index';
import { type MigrationPlan, wrapAs } from './migrations';

/** What the store needs to know about one kind of workspace file. */
export interface FileKind<T> {
  /** For messages: "note", "settings"… */
  label: string;
  /** The whole file at the current version, envelope included. */
  schema: z.ZodType<T>;
  migrations: MigrationPlan;
  /** Keep `NAME.bak` and restore it when the file is damaged (not worth it for immutable files). */
  backup: boolean;
  /** Title of the thing in the file, for problem reports. */
  titleOf?: (data: T) => string;
}

/** `notes/<id>.json`. */
export const NoteFileSchema = z.object({ schemaVersion: z.literal(1), note: NoteSchema });
export type NoteFile = z.infer<typeof NoteFileSchema>;

export const NOTE_FILE: FileKind<NoteFile> = {
  label: 'note',
  schema: NoteFileSchema,
  migrations: { current: 1, steps: { 0: wrapAs('note') } },
  backup: true,
  titleOf: (data) => data.note.meta.title,
};

/** `revisions/<noteId>/<revisionId>.json`: written once, never replaced. */
export const RevisionFileSchema = z.object({ schemaVersion: z.literal(1), revision: RevisionSchema });
export type RevisionFile = z.infer<typeof RevisionFileSchema>;

export const REVISION_FILE: FileKind<RevisionFile> = {
  label: 'revision',
  schema: RevisionFileSchema,
  migrations: { current: 1, steps: { 0: wrapAs('revision') } },
  backup: false,
  titleOf: (data) => data.revision.title,
};

/** `settings.json`. */
export const SettingsFileSchema = z.object({ schemaVersion: z.literal(1), settings: SettingsSchema });
export type SettingsFile = z.infer<typeof SettingsFileSchema>;

export const SETTINGS_FILE: FileKind<SettingsFile> = {
  label: 'settings',
  schema: SettingsFileSchema,
  migrations: { current: 1, steps: { 0: wrapAs('settings') } },
  backup: true,
};

/** `workspace.json`: identifies the folder as a Briefing Desk workspace. */
export const WorkspaceFileSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().min(1),
  createdAt: TimestampSchema,
});
export type WorkspaceFile = z.infer<typeof WorkspaceFileSchema>;

export const WORKSPACE_FILE: FileKind<WorkspaceFile> = {
  label: 'workspace',
  schema: WorkspaceFileSchema,
  // Unversioned workspace.json had the same fields; migrate() stamps the version.
  migrations: { current: 1, steps: { 0: (data) => data } },
  backup: true,
};
