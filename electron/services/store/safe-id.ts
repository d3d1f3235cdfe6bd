import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ZodType } from 'zod';
import { AppError, LibraryIdSchema, NoteIdSchema, RevisionIdSchema, StyleIdSchema, TemplateIdSchema, UploadIdSchema } from '../../../core/index';

/**
 * Every kind of id that becomes (part of) a file name, with the schema the contract checks it by.
 * The contract parses ids before a handler runs, but services are also called directly (the CLI,
 * other services): the path helpers check again here, so no id reaches the file system unchecked.
 */
const ID_KINDS = {
  note: { schema: NoteIdSchema, label: 'note' },
  revision: { schema: RevisionIdSchema, label: 'revision' },
  template: { schema: TemplateIdSchema, label: 'template' },
  style: { schema: StyleIdSchema, label: 'citation style' },
  upload: { schema: UploadIdSchema, label: 'upload' },
  library: { schema: LibraryIdSchema, label: 'library' },
} satisfies Record<string, { schema: ZodType<string>; label: string }>;

/** The kinds of ids {@link checkId} knows. */
export type IdKind = keyof typeof ID_KINDS;

/** Longest part of a refused id quoted back in the message (the id may be megabytes of anything). */
const MAX_SHOWN = 60;

/**
 * Returns `id` when it has the shape of its kind (lowercase letters, digits and dashes: never a
 * separator, `.` or `..`, NUL or an absolute path); otherwise throws AppError('invalid_input')
 * before anything touches the disk.
 */
export function checkId(kind: IdKind, id: unknown): string {
  const { schema, label } = ID_KINDS[kind];
  const parsed = schema.safeParse(id);
  if (parsed.success) return parsed.data;
  throw new AppError('invalid_input', `${shown(id)} is not a ${label} id; ids are lowercase letters, digits and dashes, as Briefing Desk lists them.`, [
    { path: 'id', message: `not a ${label} id` },
  ]);
}

/**
 * The absolute path of `relPath` inside `root`; AppError('forbidden') when it would leave the root
 * (`..`, an absolute path) or holds a NUL. The last line of defence under the id checks: every
 * workspace path the JSON store builds goes through it.
 */
export function insideRoot(root: string, relPath: string): string {
  const target = resolve(root, relPath);
  const rel = relative(root, target);
  if (relPath.includes('\u0000') || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new AppError('forbidden', `${shown(relPath)} is outside the workspace; Briefing Desk only reads and writes files inside it.`);
  }
  return target;
}

/** An id quoted for a message: control characters escaped, cut to a readable length. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);
}
