import { type Editor, Extension } from '@tiptap/core';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    shortcuts: {
      /** Asks the host to save the note now (Ctrl+S / Cmd+S). */
      requestSave: () => ReturnType;
      /** Asks the host to open the link editor for the selection (Ctrl+K / Cmd+K). */
      requestLink: () => ReturnType;
    };
  }
}

/** Options of {@link Shortcuts}: what the app does for the editor's own shortcuts. */
export interface ShortcutsOptions {
  onSave: ((editor: Editor) => void) | null;
  onLinkRequest: ((editor: Editor) => void) | null;
}

/**
 * App-level shortcuts inside the editor. Formatting shortcuts come from the schema's extensions
 * (StarterKit: Ctrl+B/I/U, Ctrl+Alt+0..4, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y; Highlight, TextAlign, lists).
 */
export const Shortcuts = Extension.create<ShortcutsOptions>({
  name: 'shortcuts',

  addOptions() {
    return { onSave: null, onLinkRequest: null };
  },

  addCommands() {
    return {
      requestSave:
        () =>
        ({ editor, dispatch }) => {
          // `can()` runs commands without dispatch: it must not trigger a save.
          if (dispatch) this.options.onSave?.(editor);
          return true;
        },
      requestLink:
        () =>
        ({ editor, dispatch }) => {
          if (!this.options.onLinkRequest) return false;
          if (dispatch) this.options.onLinkRequest(editor);
          return true;
        },
    };
  },

  addKeyboardShortcuts() {
    return {
      // Always handled, so the browser's "Save page" dialog never opens from the editor.
      'Mod-s': () => this.editor.commands.requestSave(),
      'Mod-k': () => this.editor.commands.requestLink(),
    };
  },
});
