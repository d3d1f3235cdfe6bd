import { join } from 'node:path';
import { checkId } from '../store/safe-id';

/**
 * The layout of a workspace folder. Every file carries `schemaVersion` (see store/migrations.ts).
 *
 *   workspace.json                      { schemaVersion, id, createdAt }: marks the folder as a workspace
 *   settings.json                       { schemaVersion, settings }      (core/domain/settings.ts)
 *   notes/<noteId>.json                 { schemaVersion, note }          one file per note
 *   notes/<noteId>.json.bak             the last good copy, refreshed before each replace
 *   notes/<noteId>.corrupt-<stamp>.json a damaged file moved aside (never deleted by the app)
 *   revisions/<noteId>/<revisionId>.json { schemaVersion, revision }     written once
 *   templates/<templateId>.json         the analyst's own templates (core/domain/template.ts)
 *   library/                            the event library (services/library/library-files.ts)
 *   logs/problems.jsonl                 damaged files moved aside, restored or rebuilt, by any process (store/problem-log.ts)
 *
 * Next to any file being written there may briefly be `.NAME.tmp-*` (atomic write) and `NAME.lock`
 * (cross-process lock); readers ignore both.
 */
export const LAYOUT = {
  workspaceFile: 'workspace.json',
  settingsFile: 'settings.json',
  notesDir: 'notes',
  revisionsDir: 'revisions',
  templatesDir: 'templates',
  libraryDir: 'library',
  logsDir: 'logs',
} as const;

/** Folders created when a workspace is opened (library/ is created by the feature that uses it). */
export const WORKSPACE_DIRS = [LAYOUT.notesDir, LAYOUT.revisionsDir, LAYOUT.templatesDir] as const;

const NOTE_FILE_NAME = /^([a-z0-9][a-z0-9-]{5,63})\.json$/;

/*
 * Ids become file names only through these helpers, and each checks its id against the contract's
 * schema (store/safe-id.ts): services are called directly too (the CLI, other services), so a path
 * like `../../x` is refused here with invalid_input before any file, lock or folder is touched.
 */

/** Workspace-relative path of a note file; AppError('invalid_input') for anything but a note id. */
export function notePath(noteId: string): string {
  return join(LAYOUT.notesDir, `${checkId('note', noteId)}.json`);
}

/** Workspace-relative folder of a note's revisions. */
export function revisionDirPath(noteId: string): string {
  return join(LAYOUT.revisionsDir, checkId('note', noteId));
}

/** Workspace-relative path of one revision. */
export function revisionPath(noteId: string, revisionId: string): string {
  return join(LAYOUT.revisionsDir, checkId('note', noteId), `${checkId('revision', revisionId)}.json`);
}

/** Workspace-relative path of an own template. */
export function ownTemplatePath(templateId: string): string {
  return join(LAYOUT.templatesDir, `${checkId('template', templateId)}.json`);
}

/** The note id of a file name in notes/, or null for backups, temp files and quarantined files. */
export function noteIdOfFileName(name: string): string | null {
  return NOTE_FILE_NAME.exec(name)?.[1] ?? null;
}

/** The note a workspace-relative path belongs to (note file or one of its revisions), if any. */
export function noteIdOfPath(relPath: string): string | null {
  const parts = relPath.split(/[\\/]/);
  if (parts[0] === LAYOUT.notesDir && parts.length === 2) return noteIdOfFileName(parts[1]!);
  if (parts[0] === LAYOUT.revisionsDir && parts.length === 3) return parts[1] ?? null;
  return null;
}

/** Where a damaged file is moved: `NAME.corrupt-<stamp>.json` next to it. */
export function quarantinePathOf(path: string, stamp: string): string {
  return `${path.replace(/\.json$/, '')}.corrupt-${stamp}.json`;
}
