import type { Node as PmNode } from '@tiptap/pm/model';
import { numericInText } from '../../../../core/citations/numeric-label';
import type { CitationLocator, SourceSnapshot } from '../../../../core/editor/citation';
import { citationEngine } from '../../../citations/citation-engine';
import type { CitationCallbacks } from '../citations-state/citation-callbacks';
import type { CitationsStateValue } from '../citations-state/citations-state';

/** What a citation node shows. */
export interface CitationLabel {
  text: string;
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
 * The in-text label of a citation node through core's formatInText: "[n]" from the numbering for
 * numeric and note styles ("[2, p. 4]" with a locator), the CSL citation for author-date styles
 * (numbers until the lazily loaded CSL engine is there).
 * Missing sources show as "[?]" (after the label of the others), never throw.
 */
export function citationLabel(node: PmNode, state: CitationsStateValue, callbacks: CitationCallbacks): CitationLabel {
  const ids = (node.attrs.sourceIds as string[] | null) ?? [];
  if (ids.length === 0) return { text: '[?]', broken: true, problem: 'This citation names no source', changed: null };
  const good: string[] = [];
  let problem: string | null = null;
  for (const id of ids) {
    const reason = sourceProblem(node, id, callbacks);
    if (reason) problem ??= reason;
    else good.push(id);
  }
  if (good.length === 0) return { text: '[?]', broken: true, problem, changed: null };
  const broken = problem !== null;
  const snapshots = new Map<string, SourceSnapshot>();
  for (const id of good) {
    const snapshot = snapshotFor(node, id, callbacks);
    if (snapshot) snapshots.set(id, snapshot);
  }
  const locator = node.attrs.locator as CitationLocator | null;
  // Numbers need no engine; until its chunk has loaded, author-date styles show them too (the
  // citations-state extension refreshes every label when it arrives).
  const engine = citationEngine();
  let text = numericInText(good, state.numbering, locator);
  if (engine) {
    try {
      // Numbers for numeric and note styles (cheap), the CSL engine's citation for author-date ones (cached there).
      text = engine.formatInText(state.styleId, good, state.numbering, snapshots, locator);
    } catch {
      // A broken added style must not break the note: keep the numbers.
    }
  }
  const changedFields = [...new Set(good.flatMap((id) => sourceChanges(node, id, callbacks)))];
  const changed = changedFields.length
    ? `The source was edited in the library since it was cited (${changedFields.join(', ')}). Double-click to review the citation.`
    : null;
  return { text: broken ? `${text}[?]` : text, broken, problem, changed };
}
