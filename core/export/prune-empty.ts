import type { DocNode } from '../domain/note';

/**
 * What an export leaves out when the analyst did not tick "Keep empty sections": the parts of a note
 * that were never filled. A template gives every note its headings, guidance paragraphs, skeleton
 * bullets and tables; a note rarely fills them all, and a reader of the export should not meet a
 * heading with nothing under it, a bullet with no text or a table with only its header row.
 *
 * Pure functions over the note's document JSON (as saved, guidance attributes still on), shared by
 * the export model (core/export/export-model.ts) and the sourcing check (empty sections as information).
 */

/** A section the export leaves out: its top-level heading, and what that heading says. */
export interface EmptySection {
  /** Index of the heading among the document's top-level blocks. */
  index: number;
  /** Heading level (1–4). */
  level: number;
  /** The heading's text, trimmed; '' for a heading that is itself an unfilled placeholder. */
  title: string;
}

/** Nodes that hold blocks or text: with no content array they are empty, not atoms. */
const CONTAINERS = new Set([
  'doc',
  'paragraph',
  'heading',
  'codeBlock',
  'blockquote',
  'bulletList',
  'orderedList',
  'taskList',
  'listItem',
  'taskItem',
  'table',
  'tableRow',
  'tableCell',
  'tableHeader',
]);
/** Leaves that show nothing a reader would miss on their own. */
const BLANK_LEAVES = new Set(['hardBreak', 'horizontalRule']);
const LISTS = new Set(['bulletList', 'orderedList', 'taskList']);
const ITEMS = new Set(['listItem', 'taskItem']);
const CELLS = new Set(['tableCell', 'tableHeader']);

/** The most words a lead-in label ("Assessment:", "Key risks:") has; a longer line ending in a colon is a sentence. */
const MAX_LABEL_WORDS = 4;

interface Scope {
  /** The note cites at least one source, so its Sources list has entries. */
  cited: boolean;
}

/** True when some citation names a source: the Sources list then has entries. */
function citesSource(node: DocNode): boolean {
  if (node.type === 'citation') {
    const ids = node.attrs?.sourceIds;
    return Array.isArray(ids) && ids.some((id) => typeof id === 'string' && id !== '');
  }
  return (node.content ?? []).some(citesSource);
}

/** A row of column headers (every cell a tableHeader). */
function isHeaderRow(row: DocNode): boolean {
  const cells = row.content ?? [];
  return cells.length > 0 && cells.every((cell) => cell.type === 'tableHeader');
}

/**
 * Whether a reader would find anything in the node: non-blank text, a citation, an image or other
 * atom, the Sources list of a note that cites. Guidance is an attribute, so a placeholder is empty;
 * a table counts only by its body rows (the header row of an unfilled table is template text).
 */
function hasContent(node: DocNode, scope: Scope): boolean {
  if (node.type === 'text') return /\S/.test(node.text ?? '');
  if (node.type === 'sourcesSection') return scope.cited;
  if (BLANK_LEAVES.has(node.type)) return false;
  if (node.type === 'table') return (node.content ?? []).some((row) => !isHeaderRow(row) && hasContent(row, scope));
  if (!node.content) return !CONTAINERS.has(node.type);
  return node.content.some((child) => hasContent(child, scope));
}

/** Plain text of an inline container. */
function plainText(node: DocNode): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(plainText).join('');
}

/**
 * A short paragraph ending in a colon introduces what follows ("Assessment:" in the daily summary's
 * items); with nothing after it, it does not make its section filled.
 */
function isLeadInLabel(node: DocNode): boolean {
  if (node.type !== 'paragraph') return false;
  if ((node.content ?? []).some((child) => child.type !== 'text' && child.type !== 'hardBreak')) return false;
  const text = plainText(node).trim();
  return text.endsWith(':') && text.split(/\s+/).length <= MAX_LABEL_WORDS;
}

/** What makes a section filled: a block with content that is more than a lead-in label. */
function fillsSection(node: DocNode, scope: Scope): boolean {
  return node.type !== 'heading' && hasContent(node, scope) && !isLeadInLabel(node);
}

function headingLevel(node: DocNode): number {
  const level = node.attrs?.level;
  return typeof level === 'number' ? level : 1;
}

/**
 * The top-level headings whose section holds nothing: no filled block up to the next heading of the
 * same or a higher level (subsection headings do not fill their parent; their content does).
 * Returns a flag per top-level block: true for the headings to drop.
 */
function emptyHeadings(blocks: DocNode[], scope: Scope): boolean[] {
  const empty = blocks.map(() => false);
  blocks.forEach((block, index) => {
    if (block.type !== 'heading') return;
    const level = headingLevel(block);
    let filled = false;
    for (let next = index + 1; next < blocks.length; next++) {
      const candidate = blocks[next] as DocNode;
      if (candidate.type === 'heading' && headingLevel(candidate) <= level) break;
      if (fillsSection(candidate, scope)) {
        filled = true;
        break;
      }
    }
    empty[index] = !filled;
  });
  return empty;
}

/** Prunes a table: gone when no body row has content; else its empty body rows go (unless cells span rows). */
function pruneTable(table: DocNode, scope: Scope): DocNode | null {
  if (!hasContent(table, scope)) return null;
  const rows = table.content ?? [];
  // A cell spanning rows ties them together: dropping one of them would break the grid.
  const spans = rows.some((row) => (row.content ?? []).some((cell) => Number(cell.attrs?.rowspan ?? 1) > 1));
  const kept = spans ? rows : rows.filter((row) => isHeaderRow(row) || hasContent(row, scope));
  return { ...table, content: kept.map((row) => ({ ...row, content: (row.content ?? []).map((cell) => pruneBlock(cell, scope) ?? cell) })) };
}

/**
 * One block with its unfilled parts taken out: empty list items (and a list left without items),
 * empty tables and empty body rows, empty quotes. Paragraphs stay as they are (an empty one is a
 * line the analyst left, and the export model drops guidance placeholders), so a list item keeps its
 * first paragraph and a cell keeps at least one block, as the schema wants. Null when the block goes.
 */
function pruneBlock(node: DocNode, scope: Scope): DocNode | null {
  if (node.type === 'table') return pruneTable(node, scope);
  if (LISTS.has(node.type) || ITEMS.has(node.type) || node.type === 'blockquote') {
    if (!hasContent(node, scope)) return null;
    return { ...node, content: pruneChildren(node, scope) };
  }
  if (CELLS.has(node.type)) {
    const content = pruneChildren(node, scope);
    return { ...node, content: content.length > 0 ? content : [{ type: 'paragraph' }] };
  }
  return node;
}

function pruneChildren(node: DocNode, scope: Scope): DocNode[] {
  const content: DocNode[] = [];
  for (const child of node.content ?? []) {
    const pruned = pruneBlock(child, scope);
    if (pruned) content.push(pruned);
  }
  return content;
}

/**
 * The sections an export leaves out, outermost only (a parent whose subsections are all empty is
 * one finding, not one per subsection), in document order.
 */
export function findEmptySections(doc: DocNode): EmptySection[] {
  const blocks = doc.content ?? [];
  const empty = emptyHeadings(blocks, { cited: citesSource(doc) });
  const found: EmptySection[] = [];
  /** Levels of the headings above the current block, with whether each was dropped. */
  const open: { level: number; empty: boolean }[] = [];
  blocks.forEach((block, index) => {
    if (block.type !== 'heading') return;
    const level = headingLevel(block);
    while (open.length > 0 && (open[open.length - 1] as { level: number }).level >= level) open.pop();
    const insideEmpty = open.some((parent) => parent.empty);
    if (empty[index] && !insideEmpty) found.push({ index, level, title: plainText(block).trim() });
    open.push({ level, empty: empty[index] === true });
  });
  return found;
}

/**
 * The document as an export shows it when empty sections are left out: every section whose heading
 * is followed only by unfilled guidance, empty list items or empty tables (up to the next heading of
 * the same or a higher level) goes with its heading; elsewhere empty list items, lists left without
 * items, tables with only a header row and empty body rows go. The Sources section stays whenever the
 * note cites a source. Always returns a valid document (an empty paragraph when nothing is left);
 * the input is not changed.
 */
export function pruneEmpty(doc: DocNode): DocNode {
  const scope: Scope = { cited: citesSource(doc) };
  const blocks = doc.content ?? [];
  const empty = emptyHeadings(blocks, scope);
  const content: DocNode[] = [];
  let dropping = false;
  blocks.forEach((block, index) => {
    if (block.type === 'heading') {
      // A block belongs to the nearest heading above it; it goes when that heading's section is empty.
      dropping = empty[index] === true;
      if (!dropping) content.push(block);
      return;
    }
    if (dropping) return;
    const pruned = pruneBlock(block, scope);
    if (pruned) content.push(pruned);
  });
  return { ...doc, content: content.length > 0 ? content : [{ type: 'paragraph' }] };
}
