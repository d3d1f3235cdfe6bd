import type { Node as PmNode } from '@tiptap/pm/model';
import { numericInText } from '../../../../core/citations/numeric-label';
import type { CitationLocator, SourceSnapshot } from '../../../../core/editor/citation';
import type { CitationCallbacks } from '../citations-state/citation-callbacks';
import type { CitationsStateValue } from '../citations-state/citations-state';
import type { FormattedCitation } from '../citations-state/note-format';

/** What a citation node shows. */
export interface CitationLabel {
  text: string;
  /** A note style's citation: `text` is the note number, shown superscript; `note` is the note. */
  isNote: boolean;
  note: string | null;
  /** Some (or all) of its sources are missing: deleted from the library or without a snapshot. */
  broken: boolean;
  /** Tooltip of a broken citation. */
  problem: string | null;
  /** Set when a cited source was edited in the library since it was cited: what changed. */
  changed: string | null;
}

/** The fields of a cited source whose change the analyst should review. */
const REVIEWED_FIELDS = ['title', 'publisher', 'published', 'url', 'grade'] as const;

/**
 * What changed in a cited source since the citation's snapshot was taken (the snapshot is what the
 * analyst saw when citing; saving the citation's edit popover takes a new one, i.e. reviews it).
 */
export function sourceChanges(node: PmNode, sourceId: string, callbacks: CitationCallbacks): string[] {
  const stored = (node.attrs.snapshots as Record<string, SourceSnapshot> | null)?.[sourceId];
  const current = callbacks.getSource?.(sourceId);
  if (!stored || !current) return [];
  return REVIEWED_FIELDS.filter((field) => (stored[field] ?? null) !== (current[field] ?? null));
}

/** Tooltip of a citation whose source was deleted. */
export const SOURCE_DELETED_TEXT = 'Source deleted from the library';
const SOURCE_UNKNOWN_TEXT = 'Source missing: this citation has no record of it';

/** The snapshot a citation holds for a source, with the library's current data over it. */
export function snapshotFor(node: PmNode, sourceId: string, callbacks: CitationCallbacks): SourceSnapshot | null {
  const stored = (node.attrs.snapshots as Record<string, SourceSnapshot> | null)?.[sourceId] ?? null;
  const current = callbacks.getSource?.(sourceId) ?? null;
  if (!current) return stored;
  return {
    title: current.title,
    publisher: current.publisher,
    published: current.published,
    grade: current.grade,
    url: current.url,
    authors: current.authors ?? stored?.authors ?? [],
    type: current.type ?? stored?.type ?? 'webpage',
  };
}

/** Why a source of a citation cannot be rendered, or null when it can. */
export function sourceProblem(node: PmNode, sourceId: string, callbacks: CitationCallbacks): string | null {
  if (callbacks.getSourceStatus?.(sourceId) === 'deleted') return SOURCE_DELETED_TEXT;
  if (!snapshotFor(node, sourceId, callbacks)) return SOURCE_UNKNOWN_TEXT;
  return null;
}

/**
 * What a citation node shows: its label from core's formatNoteCitations run over the whole note
 * (`formatted`: "(CNA, 2025a)", or the note number of a note style), else the numbers from the
 * numbering ("[2, p. 4]") until the lazily loaded CSL engine has formatted the note.
 * Missing sources show as "[?]" (after the label of the others), never throw.
 */
export function citationLabel(node: PmNode, state: CitationsStateValue, callbacks: CitationCallbacks, formatted: FormattedCitation | null): CitationLabel {
  const ids = (node.attrs.sourceIds as string[] | null) ?? [];
  const isNote = formatted?.kind === 'note';
  const note = formatted?.note ?? null;
  if (ids.length === 0) return { text: isNote ? formatted.label : '[?]', isNote, note, broken: true, problem: 'This citation names no source', changed: null };
  const good: string[] = [];
  let problem: string | null = null;
  for (const id of ids) {
    const reason = sourceProblem(node, id, callbacks);
    if (reason) problem ??= reason;
    else good.push(id);
  }
  if (good.length === 0) return { text: isNote ? `${formatted.label}[?]` : '[?]', isNote, note, broken: true, problem, changed: null };
  const broken = problem !== null;
  const locator = node.attrs.locator as CitationLocator | null;
  const text = formatted && formatted.label !== '' ? formatted.label : numericInText(good, state.numbering, locator);
  const changedFields = [...new Set(good.flatMap((id) => sourceChanges(node, id, callbacks)))];
  const changed = changedFields.length
    ? `The source was edited in the library since it was cited (${changedFields.join(', ')}). Double-click to review the citation.`
    : null;
  return { text: broken ? `${text}[?]` : text, isNote, note, broken, problem, changed };
}
