import { Node, mergeAttributes } from '@tiptap/core';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    sourcesSection: {
      /** Inserts the generated Sources list at the selection (one per note). */
      insertSourcesSection: () => ReturnType;
    };
  }
}

/**
 * The generated Sources list of a note. An atom: its entries are produced from the note's
 * citations (cited-facts issue), so the analyst cannot type into it by accident. Templates place it.
 */
export const SourcesSection = Node.create({
  name: 'sourcesSection',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: false,

  parseHTML() {
    return [{ tag: 'section[data-sources-section]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['section', mergeAttributes(HTMLAttributes, { 'data-sources-section': '', class: 'sources-section' })];
  },

  addCommands() {
    return {
      insertSourcesSection:
        () =>
        ({ state, commands }) => {
          let exists = false;
          state.doc.descendants((node) => {
            if (node.type.name === this.name) exists = true;
            return !exists;
          });
          if (exists) return false;
          return commands.insertContent({ type: this.name });
        },
    };
  },
});
