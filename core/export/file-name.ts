import { EXPORT_FORMATS, type ExportFormat } from '../domain/export';
import type { NoteMeta } from '../domain/note';

/** Longest file base name; well under every file system's 255-byte limit even in UTF-8. */
const MAX_BASE = 120;
const UNTITLED = 'Untitled note';
/** Reserved device names on Windows, with or without an extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * Invisible characters that change how a name reads, dropped without a trace: the bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the direction marks
 * (U+200E, U+200F, U+061C) — "Invoice \u202Efdp.exe" displays as "Invoice exe.pdf" — and the
 * zero-width characters and byte order mark, which make two names that look the same differ.
 */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Path separators, the characters Windows refuses, and C0/C1 control characters and DEL: each becomes a space. */
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g;

/**
 * Text made safe as (part of) a file name on Windows, macOS and Linux — the one rule for every file
 * name Briefing Desk suggests or writes (export jobs, the CLI's --out files, the desktop save
 * dialog): NFC, no path separators or reserved characters, no control, bidirectional or zero-width
 * characters, whitespace collapsed, no leading or trailing dots and spaces. '' when nothing is left.
 */
export function safeFileName(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(INVISIBLE, '')
      .replace(UNSAFE, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      // Windows drops trailing dots and spaces; a leading dot hides the file on macOS and Linux.
      .replace(/^[.\s]+|[.\s]+$/g, '')
  );
}

/** Cuts at a word boundary when there is one near the end, and never inside a surrogate pair. */
function truncate(value: string, max: number): string {
  const chars = Array.from(value);
  if (chars.length <= max) return value;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  const result = space > max * 0.6 ? cut.slice(0, space) : cut;
  return result.replace(/[.\s]+$/, '');
}

/** "2025-06-10 Rare earths and the London talks" — date then title, characters that are unsafe in file names on Windows/macOS/Linux removed, at most 120 chars, "Untitled note" when the title is empty. */
export function exportFileBase(meta: Pick<NoteMeta, 'title' | 'date'>): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(meta.date) ? meta.date : '';
  let title = safeFileName(meta.title);
  if (title === '' || WINDOWS_RESERVED.test(title)) title = title === '' ? UNTITLED : `${title} note`;
  const base = date ? `${date} ${title}` : title;
  return truncate(base, MAX_BASE);
}

/** exportFileBase + "." + EXPORT_FORMATS[format].extension */
export function exportFileName(meta: Pick<NoteMeta, 'title' | 'date'>, format: ExportFormat): string {
  return `${exportFileBase(meta)}.${EXPORT_FORMATS[format].extension}`;
}
