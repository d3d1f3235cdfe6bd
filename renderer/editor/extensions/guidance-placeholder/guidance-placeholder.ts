import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { Placeholder, type PlaceholderOptions } from '@tiptap/extensions';

/** Shown in a completely empty note, where there is no template guidance. */
export const EMPTY_DOC_PLACEHOLDER = 'Write…';

/** Options of {@link GuidancePlaceholder}. */
export interface GuidancePlaceholderOptions extends PlaceholderOptions {
  /** The prompt of an empty note (one empty block without guidance). */
  emptyDocText: string;
}

/** Plugin key of the empty-note prompt. */
export const emptyDocPromptKey = new PluginKey('emptyDocPrompt');

function guidanceOf(node: PmNode): string {
  const guidance: unknown = node.attrs.guidance;
  return typeof guidance === 'string' ? guidance.trim() : '';
}

/** The placeholder text of an empty block: its template guidance, or nothing. */
export function guidancePlaceholderText({ node }: { node: PmNode }): string {
  return guidanceOf(node);
}

/**
 * Template guidance as placeholders (core's Guidance attribute holds the text): every empty
 * paragraph or heading with guidance shows it, not only the one with the cursor, and inside lists,
 * tables and quotes too. Typing makes the block non-empty, so the guidance goes away with nothing
 * to delete; it lives in a decoration, never in the document text. Styled by editor.css
 * (`.is-empty[data-placeholder]::after`).
 *
 * The "Write…" prompt of an empty note is a separate, O(1) decoration (`data-empty-prompt`):
 * Placeholder recomputes only the blocks a transaction touches, so a prompt that depends on the
 * whole document would stay behind on an untouched empty paragraph once the note has content.
 */
export const GuidancePlaceholder = Placeholder.extend<GuidancePlaceholderOptions>({
  addOptions() {
    return {
      ...(this.parent?.() as PlaceholderOptions),
      placeholder: guidancePlaceholderText,
      showOnlyCurrent: false,
      includeChildren: true,
      emptyNodeClass: 'is-empty',
      emptyEditorClass: 'is-editor-empty',
      emptyDocText: EMPTY_DOC_PLACEHOLDER,
    };
  },

  addProseMirrorPlugins() {
    const editor = this.editor;
    const text = this.options.emptyDocText;
    const showOnlyWhenEditable = this.options.showOnlyWhenEditable;
    const emptyDocPrompt = new Plugin({
      key: emptyDocPromptKey,
      props: {
        decorations: (state) => {
          if (showOnlyWhenEditable && !editor.isEditable) return null;
          const first = state.doc.firstChild;
          if (state.doc.childCount !== 1 || !first || !first.isTextblock || first.content.size > 0) return null;
          if (guidanceOf(first)) return null;
          return DecorationSet.create(state.doc, [Decoration.node(0, first.nodeSize, { 'data-empty-prompt': text })]);
        },
      },
    });
    return [...(this.parent?.() ?? []), emptyDocPrompt];
  },
});
