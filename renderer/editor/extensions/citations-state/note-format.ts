import type { Node as PmNode } from '@tiptap/pm/model';
import type { EditorView } from '@tiptap/pm/view';
import type { CitationCluster, NoteCitations } from '../../../../core/citations/note-citations';
import type { CitationStyleKind } from '../../../../core/citations/style-catalog';
import { BUILTIN_STYLES } from '../../../../core/citations/style-catalog';
import type { CitationLocator, SourceSnapshot } from '../../../../core/editor/citation';
import { citationEngine } from '../../../citations/citation-engine';
import type { CitationCallbacks } from './citation-callbacks';

/** The citation nodes of a document in document order, as clusters for core's formatNoteCitations. */
export interface DocClusters {
  clusters: CitationCluster[];
  nodes: PmNode[];
  /** Cluster index by the citation node's document position. */
  indexByPos: Map<number, number>;
}

const clustersByDoc = new WeakMap<PmNode, DocClusters>();

/** The clusters of a document (the walk core/citations/numbering does), once per document. */
export function clustersOf(doc: PmNode): DocClusters {
  const known = clustersByDoc.get(doc);
  if (known) return known;
  const result: DocClusters = { clusters: [], nodes: [], indexByPos: new Map() };
  const add = (node: PmNode, pos: number): void => {
    const raw = node.attrs.sourceIds as unknown;
    const sourceIds = Array.isArray(raw) ? raw.filter((id): id is string => typeof id === 'string' && id !== '') : [];
    result.indexByPos.set(pos, result.clusters.length);
    result.clusters.push({ sourceIds, locator: (node.attrs.locator as CitationLocator | null) ?? null });
    result.nodes.push(node);
  };
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      let offset = pos + 1;
      for (let index = 0; index < node.childCount; index += 1) {
        const child = node.child(index);
        if (child.type.name === 'citation') add(child, offset);
        offset += child.nodeSize;
      }
      return false;
    }
    if (node.type.name === 'citation') {
      add(node, pos);
      return false;
    }
    return !node.isLeaf && node.type.name !== 'sourcesSection';
  });
  clustersByDoc.set(doc, result);
  return result;
}

/**
 * The snapshots of every cited source: the first one the citation nodes hold per id, in document
 * order, with what the library currently knows laid over it.
 */
export function mergeSnapshots(nodes: readonly PmNode[], callbacks: CitationCallbacks): Map<string, SourceSnapshot> {
  const snapshots = new Map<string, SourceSnapshot>();
  for (const node of nodes) {
    const stored = node.attrs.snapshots as Record<string, SourceSnapshot> | null;
    for (const id of (node.attrs.sourceIds as string[] | null) ?? []) {
      const snapshot = stored?.[id];
      if (snapshot && !snapshots.has(id)) snapshots.set(id, snapshot);
    }
  }
  if (callbacks.getSource) {
    for (const [id, snapshot] of snapshots) {
      const current = callbacks.getSource(id);
      if (current) snapshots.set(id, { ...snapshot, ...current, authors: current.authors ?? snapshot.authors, type: current.type ?? snapshot.type });
    }
  }
  return snapshots;
}

/** A formatted note and what it was formatted from. */
interface Formatted {
  styleId: string;
  /** The citations-state version it was made for: while that is current, it is exact. */
  version: number;
  result: NoteCitations;
  /** Label and note by cluster content (ids + locator), to show something close while a newer run waits. */
  byContent: Map<string, { label: string; note: string | null }>;
}

interface Holder {
  formatted: Formatted | null;
  timer: ReturnType<typeof setTimeout> | null;
}

const holders = new WeakMap<EditorView, Holder>();

/**
 * How long the CSL run of author-date and note styles waits after the last edit that touched a
 * citation: it formats the whole note (about a millisecond per citation), so it runs once typing
 * pauses, not on every keystroke. Numeric styles need no engine for their labels and update at once.
 */
export const FORMAT_DEBOUNCE_MS = 250;

const contentKey = (cluster: CitationCluster): string => JSON.stringify([cluster.sourceIds, cluster.locator]);

function holderOf(view: EditorView): Holder {
  let holder = holders.get(view);
  if (!holder) {
    holder = { formatted: null, timer: null };
    holders.set(view, holder);
  }
  return holder;
}

/** The kind of a style without the engine (built-ins); added styles count as numeric until the engine says. */
export function catalogKind(styleId: string): CitationStyleKind {
  return BUILTIN_STYLES.find((style) => style.id === styleId)?.kind ?? 'numeric';
}

function formatNow(view: EditorView, styleId: string, version: number, callbacks: CitationCallbacks): boolean {
  const engine = citationEngine();
  if (!engine) return false;
  const { clusters, nodes } = clustersOf(view.state.doc);
  const snapshots = mergeSnapshots(nodes, callbacks);
  const unavailable = new Set<string>();
  if (callbacks.getSourceStatus) for (const id of snapshots.keys()) if (callbacks.getSourceStatus(id) === 'deleted') unavailable.add(id);
  const result = engine.formatNoteCitations(styleId, clusters, snapshots, { unavailable });
  const byContent = new Map<string, { label: string; note: string | null }>();
  // Only the debounced styles show earlier labels while a run waits; numeric ones are always current.
  if (result.kind !== 'numeric') clusters.forEach((cluster, index) => {
    const key = contentKey(cluster);
    if (!byContent.has(key)) byContent.set(key, { label: result.labels[index] ?? '[?]', note: result.notes[index] ?? null });
  });
  holderOf(view).formatted = { styleId, version, result, byContent };
  return true;
}

/**
 * Brings the formatted citations of a view up to date with its citations-state `version`: at once
 * for numeric styles and for the first run of a style (nothing else to show), after
 * {@link FORMAT_DEBOUNCE_MS} otherwise, then `onLate` redraws. Returns whether it formatted now.
 */
export function updateFormatted(view: EditorView, styleId: string, version: number, callbacks: CitationCallbacks, onLate: () => void): boolean {
  const holder = holderOf(view);
  const current = holder.formatted;
  if (current && current.styleId === styleId && current.version === version) return false;
  if (holder.timer) clearTimeout(holder.timer);
  holder.timer = null;
  if (!current || current.styleId !== styleId || catalogKind(styleId) === 'numeric' || current.result.kind === 'numeric') {
    return formatNow(view, styleId, version, callbacks);
  }
  holder.timer = setTimeout(() => {
    holder.timer = null;
    if (view.isDestroyed) return;
    if (formatNow(view, styleId, version, callbacks)) onLate();
  }, FORMAT_DEBOUNCE_MS);
  return false;
}

/** Stops a pending run (the editor is going away). */
export function cancelFormatted(view: EditorView): void {
  const holder = holders.get(view);
  if (holder?.timer) clearTimeout(holder.timer);
  holders.delete(view);
}

/**
 * The last run for a style; a numeric style's is brought up to date first (cheap, and node views may
 * render before the plugin view has heard of the new version).
 */
function currentFor(view: EditorView, styleId: string, version: number, callbacks: CitationCallbacks): Formatted | null {
  const formatted = holders.get(view)?.formatted ?? null;
  if (formatted && formatted.styleId === styleId && formatted.version === version) return formatted;
  if (formatted && formatted.styleId === styleId && formatted.result.kind !== 'numeric') return formatted;
  if (catalogKind(styleId) === 'numeric' || !formatted || formatted.styleId !== styleId) formatNow(view, styleId, version, callbacks);
  const now = holders.get(view)?.formatted ?? null;
  return now && now.styleId === styleId ? now : null;
}

/** What a citation shows from the formatted note; null until the engine has formatted it once. */
export interface FormattedCitation {
  kind: CitationStyleKind;
  /** The label without the "[?]" core adds for sources the note cannot show (the view adds it). */
  label: string;
  /** The note text in a note style. */
  note: string | null;
}

/**
 * The formatted label of the citation at `pos` in the view's current document. Exact while the run
 * is current; while a newer one waits, a note style's number is its place in the document and an
 * author-date label is the one the same citation had (or null: the view shows the numbers).
 */
export function formattedCitation(view: EditorView, pos: number, styleId: string, version: number, callbacks: CitationCallbacks): FormattedCitation | null {
  const formatted = currentFor(view, styleId, version, callbacks);
  if (!formatted || formatted.styleId !== styleId) return null;
  const { clusters, indexByPos } = clustersOf(view.state.doc);
  const index = indexByPos.get(pos);
  if (index === undefined) return null;
  const { result } = formatted;
  const strip = (label: string): string => label.replace(/\[\?\]$/, '');
  if (formatted.version === version) {
    return { kind: result.kind, label: strip(result.labels[index] ?? ''), note: result.notes[index] ?? null };
  }
  const known = formatted.byContent.get(contentKey(clusters[index] as CitationCluster));
  if (result.kind === 'note') return { kind: 'note', label: String(index + 1), note: known?.note ?? null };
  return known ? { kind: result.kind, label: strip(known.label), note: null } : null;
}

/** The formatted note of a view (its Sources list), exact or from the last run; null before the first. */
export function formattedNote(view: EditorView, styleId: string, version: number, callbacks: CitationCallbacks): NoteCitations | null {
  const formatted = currentFor(view, styleId, version, callbacks);
  return formatted && formatted.styleId === styleId ? formatted.result : null;
}
