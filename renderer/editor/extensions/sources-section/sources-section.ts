import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import { SourcesSection } from '../../../../core/editor/sources-section';
import type { CitationCallbacks } from '../citations-state/citation-callbacks';
import { transactionTouches } from '../citations-state/touches';
import { SourcesSectionNodeView } from './sources-section-view';

/** Options of {@link SourcesSectionWithView}. */
export interface SourcesSectionViewOptions {
  /** Text shown while the note cites nothing. */
  emptyText: string;
  callbacks: CitationCallbacks;
}

/** Default empty-state text of the Sources box. */
export const SOURCES_EMPTY_TEXT = 'Sources cited in this note will be listed here.';

/** Transaction meta that lets a transaction remove the Sources section (template changes, app code). */
export const ALLOW_SOURCES_DELETE_META = 'allowSourcesDelete';

/** Plugin key of the guard that keeps the Sources section from being deleted by accident. */
export const sourcesGuardKey = new PluginKey('sourcesSectionGuard');

/** prosemirror-history's plugin key string; its transactions carry a meta under it. */
const HISTORY_META = 'history$';

const isSources = (node: PmNode): boolean => node.type.name === 'sourcesSection';

function countSources(doc: PmNode): number {
  let count = 0;
  doc.descendants((node) => {
    if (isSources(node)) count += 1;
    // Sources sections are blocks: never look inside a paragraph or heading.
    return !node.isTextblock && !node.isAtom;
  });
  return count;
}

/** A step that replaced everything (setContent, select-all + delete): the analyst meant it. */
function replacesWholeDoc(tr: Transaction): boolean {
  return tr.steps.some((step, index) => step instanceof ReplaceStep && step.from === 0 && step.to === tr.docs[index]!.content.size);
}

/**
 * Whether a transaction would remove a Sources section by accident: Backspace/Delete next to it, a
 * cut or paste over a range that includes it. Cheap for typing: only transactions whose replaced
 * ranges contain a Sources section are counted.
 */
export function deletesSourcesSection(tr: Transaction): boolean {
  if (!tr.docChanged || tr.getMeta(ALLOW_SOURCES_DELETE_META)) return false;
  // Undo and redo (prosemirror-history tags them with its key "history$") take back what was done.
  if (tr.getMeta(HISTORY_META)) return false;
  if (!transactionTouches(tr, isSources)) return false;
  if (replacesWholeDoc(tr)) return false;
  return countSources(tr.doc) < countSources(tr.before);
}

/**
 * Core's SourcesSection node (same schema: name, parse and render rules) with the editor's view:
 * the generated, non-editable list of the note's cited sources (see SourcesSectionNodeView), and a
 * guard so it cannot be deleted by accident. The template puts the "Sources" heading before it.
 */
export const SourcesSectionWithView = SourcesSection.extend<SourcesSectionViewOptions>({
  addOptions() {
    return { emptyText: SOURCES_EMPTY_TEXT, callbacks: {} };
  },

  addNodeView() {
    const context = { emptyText: this.options.emptyText, callbacks: this.options.callbacks };
    return ({ node, view }) => new SourcesSectionNodeView(node, view, context);
  },

  addProseMirrorPlugins() {
    return [new Plugin({ key: sourcesGuardKey, filterTransaction: (tr) => !deletesSourcesSection(tr) })];
  },
});
