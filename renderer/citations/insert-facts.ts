import type { Editor } from '@tiptap/core';
import { closeHistory } from '@tiptap/pm/history';
import type { Node as PmNode } from '@tiptap/pm/model';
import { buildFactNodes, sourceSnapshotOf } from '../../core/citations/facts';
import type { DocNode } from '../../core/domain/note';
import type { LibraryEvent, Source } from '../../core/index';
import type { CitationAttrs } from '../../core/editor/citation';
import { findPlaceholder, insertAtPlaceholder } from '../../core/editor/placeholder-insert';

/** How events become text: one sentence each, one bullet each, or a dated chronology. */
export type FactMode = 'sentence' | 'bullet' | 'chronology';

/** An event with its sources, as events:get returns it. */
export interface EventWithSources {
  event: LibraryEvent;
  sources: Source[];
}

/** The MIME type of an event card dragged into the text (its data is the event id, or ids joined by spaces). */
export const EVENT_DRAG_MIME = 'application/x-briefing-desk-event';

/** Oldest first; events of the same day keep their order. */
export function byDate(events: readonly LibraryEvent[]): LibraryEvent[] {
  return [...events].sort((a, b) => a.date.date.localeCompare(b.date.date));
}

/** The document nodes for some events, built by core exactly as the CLI builds them. */
export function factNodesFor(details: readonly EventWithSources[], mode: FactMode, insertedAt: string): DocNode[] {
  const sources = new Map<string, Source>();
  for (const detail of details) for (const source of detail.sources) sources.set(source.id, source);
  const events = details.map((detail) => detail.event);
  return buildFactNodes(mode === 'chronology' ? byDate(events) : events, sources, mode, insertedAt);
}

/** A citation of one source, with the snapshot export needs. */
export function citationOf(source: Source): CitationAttrs {
  return { sourceIds: [source.id], locator: null, snapshots: { [source.id]: sourceSnapshotOf(source) } };
}

/** A citation node of one source, ready to insert (Cite). */
export function citationNodes(source: Source): DocNode[] {
  return [{ type: 'citation', attrs: { ...citationOf(source) } }];
}

/** A quoted passage with its citation: inline (“…” [n]) or as a block quote. */
export function quoteNodes(source: Source, quote: string, kind: 'inline' | 'block'): DocNode[] {
  const text = quote.replace(/\s+/g, ' ').trim();
  const citation: DocNode = { type: 'citation', attrs: { ...citationOf(source) } };
  if (kind === 'inline') return [{ type: 'text', text: `“${text}” ` }, citation];
  return [{ type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: `${text} ` }, citation] }] }];
}

/**
 * Inserts nodes at the cursor (the editor keeps its selection while the sidebar has focus) or at
 * `at` (a drop), then brings the insertion into view, in one transaction (one undo step). At a
 * template placeholder (an empty paragraph, bullet or table cell) the nodes take its place
 * (core `insertAtPlaceholder`); elsewhere they go in at the cursor. False when the editor refused.
 */
export function insertNodes(editor: Editor, nodes: DocNode[], at?: number): boolean {
  if (!editor.isEditable || nodes.length === 0) return false;
  let content: PmNode[];
  try {
    content = nodes.map((node) => editor.schema.nodeFromJSON(node));
  } catch {
    return false;
  }
  return editor
    .chain()
    .focus()
    .command(({ tr, commands }) => {
      // Its own undo step, even right after typing next to it.
      closeHistory(tr);
      if (insertAtPlaceholder(tr, content, at)) return true;
      return at === undefined ? commands.insertContent(nodes) : commands.insertContentAt(at, nodes);
    })
    .scrollIntoView()
    .run();
}

/**
 * The quote kind to insert at the cursor. A block quote asked for in an empty bullet goes into the
 * bullet as an inline “quotation” [n]: a list item must open with a paragraph, and putting the
 * blockquote in the item's place would split the list around it and lose the analyst's bullet, so
 * the bullet holds the quote (still marked as one by its quotation marks) and the list stays whole.
 */
export function quoteKindAt(editor: Editor, kind: 'inline' | 'block'): 'inline' | 'block' {
  if (kind === 'inline') return kind;
  const { selection, doc } = editor.state;
  if (!selection.empty) return kind;
  return findPlaceholder(doc, selection.from)?.kind === 'listItem' ? 'inline' : kind;
}

/** The document position under a point of the screen (a drop), or null outside the text. */
export function positionAt(editor: Editor, clientX: number, clientY: number): number | null {
  return editor.view.posAtCoords({ left: clientX, top: clientY })?.pos ?? null;
}
