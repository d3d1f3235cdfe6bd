import { randomBytes } from 'node:crypto';

/** A timestamp that is safe and sortable in file names: 20250610T101500123Z (UTC). */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** A note id such as `n-20250610-ab12cd34`: the creation day (UTC) and 32 random bits; matches NoteIdSchema. */
export function newNoteId(now: Date): string {
  return `n-${fileStamp(now).slice(0, 8)}-${randomHex(4)}`;
}

/**
 * A revision id such as `r-20250610101500123-ab12cd`: ids of one note sort in creation order
 * (ties within a millisecond broken at random), and the time can be read back without the file.
 */
export function newRevisionId(now: Date): string {
  return `r-${fileStamp(now).replace(/[TZ]/g, '')}-${randomHex(3)}`;
}

/** The creation time encoded in a revision id, or null for ids of another shape. */
export function revisionIdTime(id: string): number | null {
  const match = /^r-(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})-/.exec(id);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, ms] = match.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!);
}
