import { AppError, type Note, type NoteMeta, type NoteMetaPatch, type NoteSummary, countWords, docText, excerptOf } from '../../../core/index';

const MAX_TAGS = 50;
/**
 * excerptOf() flattens whitespace over the whole text before cutting 160 characters; on a long
 * note that is most of the cost of indexing it, so it gets a prefix that is long enough.
 */
const EXCERPT_SOURCE_CHARS = 1000;
const MAX_TAG_LENGTH = 60;

/** The library row of a note, with the note's plain text (computed once, reused for search). */
export function summarize(note: Note): { summary: NoteSummary; text: string } {
  const text = docText(note.content);
  const { meta } = note;
  return {
    text,
    summary: {
      id: note.id,
      title: meta.title,
      author: meta.author,
      date: meta.date,
      status: meta.status,
      marking: meta.marking,
      tags: meta.tags,
      createdAt: note.createdAt,
      updatedAt: note.updatedAt,
      trashedAt: note.trashedAt,
      excerpt: excerptOf(text.slice(0, EXCERPT_SOURCE_CHARS)),
      words: countWords(text),
    },
  };
}

/** Tags as stored: trimmed, non-empty, at most 60 characters, no case-insensitive duplicates, at most 50. */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().slice(0, MAX_TAG_LENGTH);
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    kept.push(tag);
  }
  return kept.slice(0, MAX_TAGS);
}

/** Applies a metadata patch; absent fields keep their value. */
export function mergeMeta(meta: NoteMeta, patch: NoteMetaPatch): NoteMeta {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as NoteMetaPatch;
  return { ...meta, ...defined, tags: cleanTags(defined.tags ?? meta.tags) };
}

/** Structural equality of JSON data (documents and metadata come from the same serialiser). */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Today's date on the analyst's machine as YYYY-MM-DD. */
export function localIsoDate(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The error for a note that is not there. */
export function noteNotFound(id: string): AppError {
  return new AppError('not_found', `There is no note with id ${id}; it may have been deleted.`);
}
