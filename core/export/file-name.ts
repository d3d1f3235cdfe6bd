import { EXPORT_FORMATS, type ExportFormat } from '../domain/export';
import type { NoteMeta } from '../domain/note';

/** Longest file base name; well under every file system's 255-byte limit even in UTF-8. */
const MAX_BASE = 120;
const UNTITLED = 'Untitled note';
/** Reserved device names on Windows, with or without an extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** A title made safe as part of a file name on Windows, macOS and Linux. */
function safeTitle(title: string): string {
  return (
    title
      .normalize('NFC')
      // Path separators, Windows' reserved characters and control characters.
      .replace(/[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g, ' ')
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
  let title = safeTitle(meta.title);
  if (title === '' || WINDOWS_RESERVED.test(title)) title = title === '' ? UNTITLED : `${title} note`;
  const base = date ? `${date} ${title}` : title;
  return truncate(base, MAX_BASE);
}

/** exportFileBase + "." + EXPORT_FORMATS[format].extension */
export function exportFileName(meta: Pick<NoteMeta, 'title' | 'date'>, format: ExportFormat): string {
  return `${exportFileBase(meta)}.${EXPORT_FORMATS[format].extension}`;
}
