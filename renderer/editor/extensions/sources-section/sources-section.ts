import { ReactNodeViewRenderer } from '@tiptap/react';
import { SourcesSection } from '../../../../core/editor/sources-section';
import { SourcesSectionView } from './sources-section-view';

/** Options of {@link SourcesSectionWithView}. */
export interface SourcesSectionViewOptions {
  /** Text shown while the note cites nothing (the cited-facts issue fills the list). */
  emptyText: string;
}

/** Default empty-state text of the Sources box. */
export const SOURCES_EMPTY_TEXT = 'Sources cited in this note will be listed here.';

/**
 * Core's SourcesSection node (same schema: name, parse and render rules) with the editor's view:
 * a non-editable box. The template puts the "Sources" heading before it, so the box has no title.
 */
export const SourcesSectionWithView = SourcesSection.extend<SourcesSectionViewOptions>({
  addOptions() {
    return { emptyText: SOURCES_EMPTY_TEXT };
  },

  addNodeView() {
    return ReactNodeViewRenderer(SourcesSectionView, {
      // The node is an atom: let ProseMirror handle selection and keys, not the view's DOM.
      stopEvent: () => false,
      ignoreMutation: () => true,
    });
  },
});
