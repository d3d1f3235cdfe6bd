import { Fragment, type Node as PmNode, type NodeType, type ResolvedPos } from '@tiptap/pm/model';
import { TextSelection, type Transaction } from '@tiptap/pm/state';

/**
 * Where an insertion lands when the cursor (or a drop) is in an empty paragraph:
 * - `listItem`: the paragraph opens a list or task item ("Supporting point…"): the item itself is the place;
 * - `tableCell`: the paragraph is all a table cell holds: the cell is the place;
 * - `paragraph`: any other empty paragraph (a template's guidance, or a blank line the analyst made).
 */
export type PlaceholderKind = 'paragraph' | 'listItem' | 'tableCell';

/** An empty paragraph that an insertion should use rather than insert beside or inside. */
export interface Placeholder {
  kind: PlaceholderKind;
  /** Position just before the empty paragraph. */
  pos: number;
  /** The empty paragraph (its `guidance`, if any, is the template's hint). */
  paragraph: PmNode;
}

const ITEM_TYPES = new Set(['listItem', 'taskItem']);
const CELL_TYPES = new Set(['tableCell', 'tableHeader']);

/**
 * The textblock a position points into: the one it is inside, or (a drop between blocks, on a list
 * marker, at a cell's edge) the first one that starts right after it. Returns the position before it.
 */
function textblockAt(doc: PmNode, pos: number): { node: PmNode; pos: number } | null {
  if (pos < 0 || pos > doc.content.size) return null;
  const $pos = doc.resolve(pos);
  if ($pos.parent.isTextblock) return { node: $pos.parent, pos: $pos.before() };
  let node = $pos.nodeAfter;
  let before = pos;
  while (node && !node.isTextblock && !node.isLeaf) {
    node = node.firstChild;
    before += 1;
  }
  return node?.isTextblock ? { node, pos: before } : null;
}

/**
 * The placeholder at a document position, or null when the position is in text (or anywhere else):
 * there, insertions keep going in at the cursor. Any empty paragraph counts, with or without template
 * guidance: a blank bullet the analyst just made deserves the same treatment as the template's.
 */
export function findPlaceholder(doc: PmNode, pos: number): Placeholder | null {
  const found = textblockAt(doc, pos);
  if (!found || found.node.type.name !== 'paragraph' || found.node.content.size > 0) return null;
  const $p = doc.resolve(found.pos);
  const container = $p.parent.type.name;
  if (ITEM_TYPES.has(container) && $p.index() === 0) return { kind: 'listItem', pos: found.pos, paragraph: found.node };
  if (CELL_TYPES.has(container) && $p.parent.childCount === 1) return { kind: 'tableCell', pos: found.pos, paragraph: found.node };
  return { kind: 'paragraph', pos: found.pos, paragraph: found.node };
}

const isList = (node: PmNode): boolean => node.type.isInGroup('list');

/** The nodes as items of `itemType`: a list gives its items, a paragraph one item; anything else cannot. */
function asItems(nodes: readonly PmNode[], itemType: NodeType): PmNode[] | null {
  const items: PmNode[] = [];
  for (const node of nodes) {
    const pieces = isList(node) ? node.children.map((item) => item.content) : node.type.name === 'paragraph' ? [Fragment.from(node)] : null;
    if (!pieces) return null;
    for (const content of pieces) {
      // A bullet's item becomes a task item (or the reverse) with the same content: the list keeps its kind.
      const item = itemType.createAndFill(null, content);
      if (!item || !item.content.eq(content)) return null;
      items.push(item);
    }
  }
  return items;
}

/** The empty item becomes the first new item (keeping its own attributes and any sub-list); the rest follow it. */
function fillItem(tr: Transaction, $p: ResolvedPos, nodes: readonly PmNode[]): number | null {
  const item = $p.parent;
  const list = $p.node($p.depth - 1);
  const items = asItems(nodes, item.type);
  const [first, ...rest] = items ?? [];
  if (!first) return null;
  // What the item held after its empty paragraph (a sub-list) stays under the first new item.
  const kept = item.content.cut(item.child(0).nodeSize);
  const merged = first.content.append(kept);
  if (!item.type.validContent(merged)) return null;
  const replacement = Fragment.from([item.type.create(item.attrs, merged, item.marks), ...rest]);
  const index = $p.index($p.depth - 1);
  if (!list.canReplace(index, index + 1, replacement)) return null;
  const from = $p.before();
  tr.replaceWith(from, from + item.nodeSize, replacement);
  return from + replacement.size;
}

/** Blocks for a table cell: one fact is the cell's text, not a one-item list. */
function forCell(nodes: readonly PmNode[]): readonly PmNode[] {
  const only = nodes.length === 1 ? nodes[0] : undefined;
  if (only && isList(only) && only.childCount === 1) return only.child(0).children;
  return nodes;
}

/** Replaces the empty paragraph by the blocks, where its parent allows them. */
function replaceParagraph(tr: Transaction, $p: ResolvedPos, paragraph: PmNode, nodes: readonly PmNode[]): number | null {
  const fragment = Fragment.from([...nodes]);
  const index = $p.index();
  if (!$p.parent.canReplace(index, index + 1, fragment)) return null;
  tr.replaceWith($p.pos, $p.pos + paragraph.nodeSize, fragment);
  return $p.pos + fragment.size;
}

/**
 * Inserts nodes (all inline, or all blocks) at a placeholder, using its place, in one transaction
 * (one undo step restores the placeholder):
 * - inline content (a citation, an inline quote) becomes the empty paragraph's text;
 * - at an empty list item, a list's items or paragraphs become items of that list at the same level
 *   (the first fills the empty item), never a list nested under an empty bullet;
 * - at an empty table cell, the blocks become the cell's content, a single fact as a paragraph;
 * - at any other empty paragraph, the blocks replace it.
 * `pos` is a drop position; without it, the (empty) selection. Returns false, with `tr` untouched,
 * when there is no placeholder there or the content cannot use it: the caller inserts as usual.
 */
export function insertAtPlaceholder(tr: Transaction, nodes: readonly PmNode[], pos?: number): boolean {
  if (nodes.length === 0) return false;
  if (pos === undefined && !tr.selection.empty) return false;
  const placeholder = findPlaceholder(tr.doc, pos ?? tr.selection.from);
  if (!placeholder) return false;
  const $p = tr.doc.resolve(placeholder.pos);

  if (nodes.every((node) => node.isInline)) {
    const fragment = Fragment.from([...nodes]);
    if (!placeholder.paragraph.type.validContent(fragment)) return false;
    tr.insert(placeholder.pos + 1, fragment);
    tr.setSelection(TextSelection.create(tr.doc, placeholder.pos + 1 + fragment.size));
    return true;
  }
  if (!nodes.every((node) => node.isBlock)) return false;

  let end: number | null;
  if (placeholder.kind === 'listItem') end = fillItem(tr, $p, nodes);
  else if (placeholder.kind === 'tableCell') end = replaceParagraph(tr, $p, placeholder.paragraph, forCell(nodes));
  else end = replaceParagraph(tr, $p, placeholder.paragraph, nodes);
  if (end === null) return false;
  // The cursor goes to the end of what was inserted, as when typing it.
  tr.setSelection(TextSelection.near(tr.doc.resolve(end), -1));
  return true;
}
