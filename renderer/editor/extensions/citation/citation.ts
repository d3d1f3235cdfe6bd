import { type Editor, Extension } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import { Citation, type CitationAttrs } from '../../../../core/editor/citation';
import type { CitationCallbacks } from '../citations-state/citation-callbacks';
import { CitationCard } from './citation-card';
import { CitationPopover } from './citation-popover';
import { CitationNodeView } from './citation-view';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    citationEditing: {
      /** Replaces the attrs of the citation at `pos` (one undoable step); false when none is there. */
      updateCitation: (pos: number, attrs: CitationAttrs) => ReturnType;
      /** Opens the edit popover for the selected citation (a node selection); false otherwise. */
      editCitation: () => ReturnType;
    };
  }
}

/** Options of {@link CitationWithView}. */
export interface CitationViewOptions {
  callbacks: CitationCallbacks;
}

/** Per-editor UI of citations: one hover card and at most one open popover. */
export interface CitationStorage {
  card: CitationCard | null;
  popover: CitationPopover | null;
}

declare module '@tiptap/core' {
  interface Storage {
    citation: CitationStorage;
  }
}

/** Opens the edit popover for the citation at `pos` (closing the card and any other popover). */
function openCitationEditor(editor: Editor, storage: CitationStorage, callbacks: CitationCallbacks, pos: number): void {
  const view = editor.view;
  const node = view.state.doc.nodeAt(pos);
  const anchor = view.nodeDOM(pos);
  if (!node || node.type.name !== 'citation' || !(anchor instanceof Element) || !editor.isEditable) return;
  storage.card?.hide();
  storage.popover?.close();
  storage.popover = new CitationPopover(callbacks, {
    node,
    anchor,
    apply: (attrs) => {
      // The popover holds the focus, so the document has not moved; still, check the node is there.
      const current = editor.state.doc.nodeAt(pos);
      if (!current || current.type.name !== 'citation') return;
      if (attrs) editor.commands.updateCitation(pos, attrs);
      else editor.commands.deleteRange({ from: pos, to: pos + current.nodeSize });
    },
    onClose: () => {
      storage.popover = null;
      if (!editor.isDestroyed) editor.commands.focus();
    },
  });
}

/**
 * Core's citation node (same schema) with the editor's view: the live label from the numbering
 * (citations-state), a source card on hover, click to open the source in the app's sidebar, and an
 * edit popover (double-click, Enter on the selected citation, or "Edit citation" in the card).
 */
export const CitationWithView = Citation.extend<CitationViewOptions, CitationStorage>({
  addOptions() {
    return { callbacks: {} };
  },

  addStorage() {
    return { card: null, popover: null };
  },

  addCommands() {
    const parent = this.parent?.() ?? {};
    return {
      ...parent,
      updateCitation:
        (pos, attrs) =>
        ({ state, tr, dispatch }) => {
          const node = state.doc.nodeAt(pos);
          if (!node || node.type.name !== this.name) return false;
          if (dispatch) tr.setNodeMarkup(pos, undefined, { ...node.attrs, ...attrs });
          return true;
        },
      editCitation:
        () =>
        ({ state }) => {
          const { selection } = state;
          if (!(selection instanceof NodeSelection) || selection.node.type.name !== this.name) return false;
          if (!this.editor.isEditable) return false;
          openCitationEditor(this.editor, this.storage, this.options.callbacks, selection.from);
          return true;
        },
    };
  },

  addNodeView() {
    const callbacks = this.options.callbacks;
    const storage = this.storage;
    const editor = this.editor;
    const card = (): CitationCard => (storage.card ??= new CitationCard(callbacks));
    const edit = (pos: number): void => openCitationEditor(editor, storage, callbacks, pos);
    return ({ node, view, getPos }) => new CitationNodeView(node, view, getPos, { callbacks, card, edit });
  },

  onDestroy() {
    this.storage.card?.destroy();
    this.storage.card = null;
    this.storage.popover?.close();
    this.storage.popover = null;
  },
});

/**
 * Enter on a selected citation opens its editor instead of splitting the paragraph (which would
 * replace the citation). A separate extension with a high priority, so its key handler runs before
 * the base keymap without changing the order of the schema's nodes.
 */
export const CitationKeys = Extension.create({
  name: 'citationKeys',
  priority: 1000,

  addKeyboardShortcuts() {
    return {
      Enter: ({ editor }) => editor.commands.editCitation(),
    };
  },
});
