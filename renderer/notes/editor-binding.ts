import type { Editor } from '@tiptap/core';
import { useEffect, useMemo } from 'react';
import type { Store } from '../app/store';
import type { NoteSessionStore } from './note-session-store';

/** Puts the cursor where writing starts: the first empty paragraph (template guidance), else the start. */
export function focusWritingPosition(editor: Editor): void {
  let target: number | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (target !== null) return false;
    if (node.type.name === 'paragraph' && node.content.size === 0) {
      target = pos + 1;
      return false;
    }
    return true;
  });
  editor.chain().focus(target ?? 'start').scrollIntoView().run();
}

/** What binding an editor to its note uses. */
export interface EditorBindingDeps {
  session: Pick<NoteSessionStore, 'attachEditor' | 'detachEditor' | 'getState' | 'bodyFocused' | 'changed' | 'blurred' | 'saveWithRevision'>;
  /** The open note's editor, read by the outline, the citations and the export. */
  editorStore: Pick<Store<{ editor: Editor | null }>, 'getState' | 'setState'>;
  /** Lets events be dropped from the sidebar onto the editor; returns the detach. */
  attachDrop(editor: Editor): () => void;
  /** Puts the cursor where writing starts (after the first paint: the editor needs its DOM). */
  focusWriting(editor: Editor): void;
}

/** One mounted editor's connection to its note: see {@link createEditorBinding}. */
export interface EditorBinding {
  /** The editor is ready (an instance) or gone (null). */
  ready(editor: Editor | null): void;
  /** The host unmounts; detaches whatever is still attached. */
  dispose(): void;
  /** The bound editor, if any. */
  current(): Editor | null;
  /** Enter in the title: the cursor goes where writing starts. */
  focusBody(): void;
  /** The editor's document changed (autosave is scheduled). */
  changed(): void;
  /** The editor lost focus (autosave runs now). */
  blurred(): void;
  /** Ctrl+S in the editor: save now and keep a revision. */
  saveShortcut(): void;
}

/**
 * The lifecycle of one note's editor: when it is ready it is attached to the autosave session, the
 * app's editor store and the event drop, and the cursor goes where writing starts if the note was
 * just created; when it goes (or its host unmounts without saying so), all of that is undone, once.
 * The editor store is cleared only if it still holds this editor: the next note's may be there already.
 */
export function createEditorBinding(noteId: string, deps: EditorBindingDeps): EditorBinding {
  let bound: Editor | null = null;
  let detachDrop: (() => void) | null = null;

  const release = (): void => {
    detachDrop?.();
    detachDrop = null;
    const previous = bound;
    bound = null;
    if (!previous) return;
    deps.session.detachEditor(noteId, previous);
    if (deps.editorStore.getState().editor === previous) deps.editorStore.setState({ editor: null });
  };

  return {
    ready(editor) {
      if (!editor) return release();
      if (bound && bound !== editor) release();
      bound = editor;
      detachDrop?.();
      detachDrop = deps.attachDrop(editor);
      deps.session.attachEditor(noteId, editor);
      deps.editorStore.setState({ editor });
      if (deps.session.getState().focusBody) {
        deps.session.bodyFocused();
        deps.focusWriting(editor);
      }
    },
    dispose: release,
    current: () => bound,
    focusBody() {
      if (bound) focusWritingPosition(bound);
    },
    changed: () => deps.session.changed(),
    blurred: () => deps.session.blurred(),
    saveShortcut: () => void deps.session.saveWithRevision(),
  };
}

/**
 * The editor binding of a note's editor host, for as long as the host is mounted with that note:
 * pass `binding.ready` (stable while the note is) to the editor's onReady.
 */
export function useEditorBinding(noteId: string, deps: EditorBindingDeps): EditorBinding {
  const { session, editorStore, attachDrop, focusWriting } = deps;
  const binding = useMemo(() => createEditorBinding(noteId, { session, editorStore, attachDrop, focusWriting }), [noteId, session, editorStore, attachDrop, focusWriting]);
  // The editor may unmount without calling onReady(null); detach here too.
  useEffect(() => () => binding.dispose(), [binding]);
  return binding;
}

/** Schedules the focus after the first paint, so the editor has its DOM. */
export const focusAfterPaint = (editor: Editor): void => {
  requestAnimationFrame(() => focusWritingPosition(editor));
};
