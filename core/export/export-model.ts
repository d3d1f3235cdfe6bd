import type { BibliographyEntry } from '../citations/format';
import { type CitationCluster, formatNoteCitations } from '../citations/note-citations';
import type { CitationNumbering } from '../citations/numbering';
import type { CitationStyleKind } from '../citations/style-catalog';
import { resolveStyle } from '../citations/styles';
import { type MarkingStyle, markingStyle } from '../domain/marking';
import { type DocNode, NOTE_STATUS_LABELS, type Note, type NoteMeta } from '../domain/note';
import type { CitationLocator, SourceSnapshot } from '../editor/citation';
import { formatNoteDate } from '../editor/template-fill';
import { pruneEmpty } from './prune-empty';

/** Everything an export format needs, resolved once per export from the note as saved. */
export interface ExportModel {
  noteId: string;
  /** Title, author, date, status, marking, tags. */
  meta: NoteMeta;
  style: { id: string; name: string; kind: CitationStyleKind };
  /** The body: empty guidance placeholders dropped (the editor shows them only as hints); the sourcesSection node stays where it is. */
  doc: DocNode;
  /** The in-text label of a citation node exactly as the editor shows it: "[1]", "[1, 3]", "[2, para. 4]", "(Reuters, 2025a)"; in a note style its note number ("3"). */
  citationLabel(node: DocNode): string;
  /** In a note style (Chicago notes), the citation's note: its number and text; null in other styles. */
  citationNote(node: DocNode): CitationNote | null;
  /** In a note style, every note in document order (each citation is one note); empty otherwise. */
  notes: CitationNote[];
  /** Citation numbers by first appearance (core/citations/numbering). */
  numbering: CitationNumbering;
  /** The Sources entries in the note's style (core/citations/note-citations formatNoteCitations: numbered in citation order for numeric styles, the style's bibliography otherwise). Rendered where the sourcesSection node is; appended at the end under a "Sources" heading when the note has citations but no sourcesSection node. */
  bibliography: BibliographyEntry[];
  /** The handling marking as drawn (label, text colour, background; TLP colours). */
  marking: MarkingStyle;
  /** "Draft" | "In review" | "Final". */
  statusLabel: string;
  /** The note's date for the title block, e.g. "10 June 2025" (en-GB by default). */
  dateLabel: string;
}

/** One note of a note style: the citation's number in document order and the note text. */
export interface CitationNote {
  number: number;
  text: string;
}

const GUIDED = new Set(['paragraph', 'heading']);
/** Containers whose first child must be a paragraph (schema: "paragraph block*"). */
const ITEMS = new Set(['listItem', 'taskItem']);
const LISTS = new Set(['bulletList', 'orderedList', 'taskList']);
const CELLS = new Set(['tableCell', 'tableHeader']);

/** A textblock with nothing in it (an empty text node counts as nothing). */
function isEmptyBlock(node: DocNode): boolean {
  return (node.content ?? []).every((child) => child.type === 'text' && !child.text);
}

/** An empty paragraph or heading that only shows template guidance in the editor. */
function isGuidancePlaceholder(node: DocNode): boolean {
  return GUIDED.has(node.type) && typeof node.attrs?.guidance === 'string' && node.attrs.guidance !== '' && isEmptyBlock(node);
}

/** The node without its guidance attribute (a hint, never content). */
function withoutGuidance(node: DocNode): DocNode {
  if (!node.attrs || !('guidance' in node.attrs)) return node;
  const { guidance: _dropped, ...attrs } = node.attrs;
  void _dropped;
  return { ...node, attrs };
}

/**
 * Drops guidance placeholders while keeping the document valid: a list item left with nothing is
 * dropped (and a list left with no item), a table cell keeps an empty paragraph (the grid stays),
 * and a table row whose cells were all placeholders is dropped unless it is the table's last row.
 * Returns null when the node itself disappears.
 */
function clean(node: DocNode): DocNode | null {
  if (isGuidancePlaceholder(node)) return null;
  const base = withoutGuidance(node);
  if (!node.content) return base;
  const content: DocNode[] = [];
  for (const child of node.content) {
    const cleaned = clean(child);
    if (cleaned) content.push(cleaned);
  }
  if (ITEMS.has(node.type)) {
    if (content.length === 0) return null;
    // The schema wants a paragraph first; a nested list left alone gets an empty one before it.
    if (content[0]?.type !== 'paragraph') content.unshift({ type: 'paragraph' });
  }
  if (LISTS.has(node.type) && content.length === 0) return null;
  if (CELLS.has(node.type) && content.length === 0) content.push({ type: 'paragraph' });
  if (node.type === 'table') {
    const rows = content.filter((row, index) => index === 0 || !wasAllPlaceholders(node.content?.[index]));
    return rows.length > 0 ? { ...base, content: rows } : null;
  }
  return { ...base, content };
}

/** A table row whose every cell held only guidance placeholders. */
function wasAllPlaceholders(row: DocNode | undefined): boolean {
  if (!row?.content || row.content.length === 0) return false;
  return row.content.every((cell) => (cell.content ?? []).length > 0 && (cell.content ?? []).every(isGuidancePlaceholder));
}

const LOCATOR_LABELS = new Set(['page', 'paragraph', 'section', 'line']);

/** Citation attrs come from stored JSON: keep what has the right shape. */
export function citationAttrsOf(node: DocNode): { sourceIds: string[]; locator: CitationLocator | null; snapshots: Record<string, SourceSnapshot> } {
  const attrs = node.attrs ?? {};
  const sourceIds = Array.isArray(attrs.sourceIds) ? attrs.sourceIds.filter((id): id is string => typeof id === 'string' && id !== '') : [];
  const raw = attrs.locator as { label?: unknown; value?: unknown } | null | undefined;
  const locator =
    raw && typeof raw === 'object' && typeof raw.label === 'string' && LOCATOR_LABELS.has(raw.label) && typeof raw.value === 'string'
      ? ({ label: raw.label, value: raw.value } as CitationLocator)
      : null;
  const snapshots = attrs.snapshots && typeof attrs.snapshots === 'object' ? (attrs.snapshots as Record<string, SourceSnapshot>) : {};
  return { sourceIds, locator, snapshots };
}

/**
 * The citation nodes in document order (the order core/citations/numbering numbers them in; the
 * Sources section holds none), and the first snapshot of each cited source, as the editor takes them.
 */
function collectCitations(node: DocNode, nodes: DocNode[], snapshots: Map<string, SourceSnapshot>): void {
  if (node.type === 'citation') {
    nodes.push(node);
    const { sourceIds, snapshots: own } = citationAttrsOf(node);
    for (const id of sourceIds) {
      const snapshot = own[id];
      if (snapshot && typeof snapshot === 'object' && !snapshots.has(id)) snapshots.set(id, snapshot);
    }
    return;
  }
  if (node.type === 'sourcesSection') return;
  for (const child of node.content ?? []) collectCitations(child, nodes, snapshots);
}

/**
 * Builds the model. styleId is already resolved by the caller (note.meta.citationStyle ??
 * settings.citationStyle) and registered (added .csl styles: core/citations/styles registerStyle).
 * Labels, notes and entries come from core/citations/note-citations formatNoteCitations, the function
 * the editor calls, so the export shows what the editor shows; a broken added style falls back to
 * numbers, as the editor does.
 */
export function buildExportModel(note: Pick<Note, 'id' | 'meta' | 'content'>, options: { styleId: string; locale?: string; keepEmpty?: boolean }): ExportModel {
  const resolved = resolveStyle(options.styleId);
  // Sections, list items and tables never filled are left out (core/export/prune-empty) unless the analyst keeps them.
  const doc = clean(options.keepEmpty ? note.content : pruneEmpty(note.content)) ?? { type: 'doc', content: [] };
  if (!doc.content || doc.content.length === 0) doc.content = [{ type: 'paragraph' }];
  const nodes: DocNode[] = [];
  const snapshots = new Map<string, SourceSnapshot>();
  collectCitations(doc, nodes, snapshots);
  const clusters: CitationCluster[] = nodes.map((node) => {
    const { sourceIds, locator } = citationAttrsOf(node);
    return { sourceIds, locator };
  });
  // The whole note in one run, as the editor does: labels, notes and list agree ("2025a" in both).
  const formatted = formatNoteCitations(resolved.id, clusters, snapshots);
  const indexOf = new Map(nodes.map((node, index) => [node, index] as const));
  const notes: CitationNote[] = formatted.notes.map((text, index) => ({ number: index + 1, text }));
  const citationNote = (node: DocNode): CitationNote | null => {
    const index = indexOf.get(node);
    return index === undefined ? null : (notes[index] ?? null);
  };
  const citationLabel = (node: DocNode): string => {
    const index = indexOf.get(node);
    return index === undefined ? '[?]' : (formatted.labels[index] ?? '[?]');
  };

  return {
    noteId: note.id,
    meta: note.meta,
    // A style the engine cannot run falls back to numbers: the exports then render numbers too.
    style: { id: resolved.id, name: resolved.name, kind: formatted.kind },
    doc,
    citationLabel,
    citationNote,
    notes,
    numbering: formatted.numbering,
    bibliography: formatted.bibliography,
    marking: markingStyle(note.meta.marking),
    statusLabel: NOTE_STATUS_LABELS[note.meta.status] ?? note.meta.status,
    dateLabel: formatNoteDate(note.meta.date, options.locale ?? 'en-GB'),
  };
}
