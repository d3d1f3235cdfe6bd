import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useRef } from 'react';
import type { DocNode, Note } from '../../core/index';
import { attachEventDrop } from '../citations/event-drop';
import { NoteEditor } from '../editor/note-editor';
import { useStore } from '../app/store';
import { useApp } from '../app/app-context';
import { EXPORT_SHORTCUT_LABEL, exportStoreFor } from '../export/export-wiring';
import { ExportIcon, PanelLeftIcon, PanelRightIcon, PlusIcon } from '../ui/icons';
import { MarkingBanner } from './marking';
import { NoteHeader } from './note-header';
import { NoteMenu } from './note-menu';
import { SaveStateIndicator } from './save-state';

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

/** The centre: a top bar, the marking banners and, between them, the header and the editor. */
export function NotePane() {
  const stores = useApp();
  const { session, ui, client } = stores;
  const note = useStore(session, (state) => state.note);
  const loadingId = useStore(session, (state) => state.loadingId);
  const loadError = useStore(session, (state) => state.loadError);
  const editorKey = useStore(session, (state) => state.editorKey);
  const busy = useStore(session, (state) => state.busy);
  const leftCollapsed = useStore(ui, (state) => state.leftCollapsed);
  const rightCollapsed = useStore(ui, (state) => state.rightCollapsed);

  if (!note) {
    return (
      <main className="bd-note-pane bd-note-pane--empty" aria-label="Note">
        <div className="bd-empty-state">
          {loadingId ? (
            <p className="bd-muted">Opening the note…</p>
          ) : loadError ? (
            <>
              <h2>This note could not be opened</h2>
              <p>{loadError.message}</p>
            </>
          ) : (
            <>
              <h2>No note open</h2>
              <p className="bd-muted">Pick a note in the library, or start a new one from a template.</p>
              <button type="button" className="bd-button bd-button--primary" onClick={() => ui.openDialog('new-note')}>
                <PlusIcon /> New note
              </button>
              {rightCollapsed ? (
                <button type="button" className="bd-button bd-button--ghost" data-testid="sidebar-show" onClick={() => ui.toggleRight()}>
                  <PanelRightIcon /> Show the research sidebar
                </button>
              ) : null}
              <p className="bd-muted bd-empty-state__keys">
                {/* A browser tab cannot take Ctrl+N from Chromium; Alt+N works in both shells. */}
                <kbd>{client.transport === 'desktop' ? 'Ctrl' : 'Alt'}</kbd>+<kbd>N</kbd> new note · <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>F</kbd> search · <kbd>Ctrl</kbd>+<kbd>S</kbd> keep a version · <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>E</kbd> research sidebar · <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>K</kbd> search events
              </p>
            </>
          )}
        </div>
      </main>
    );
  }

  const trashed = note.trashedAt !== null;
  return (
    <main className="bd-note-pane" aria-label="Note">
      <div className="bd-note-topbar">
        <button type="button" className="bd-icon-button" data-testid="library-toggle" aria-label={leftCollapsed ? 'Show library' : 'Hide library'} title={leftCollapsed ? 'Show library' : 'Hide library'} onClick={() => ui.toggleLeft()}>
          <PanelLeftIcon />
        </button>
        <div className="bd-note-topbar__crumb" title={note.meta.title}>
          {trashed ? <span className="bd-pill bd-pill--warning">In trash · read-only</span> : null}
          <span className="bd-note-topbar__title">{note.meta.title || 'Untitled'}</span>
        </div>
        <SaveStateIndicator />
        <button
          type="button"
          className="bd-button bd-button--ghost bd-note-topbar__export"
          data-testid="export-button"
          aria-keyshortcuts="Control+P"
          title={`Export as PDF, Word, Markdown or HTML (${EXPORT_SHORTCUT_LABEL})`}
          onClick={() => void exportStoreFor(stores).open()}
        >
          <ExportIcon /> Export
        </button>
        <NoteMenu noteId={note.id} trashed={trashed} />
        <button type="button" className="bd-icon-button" aria-label={rightCollapsed ? 'Show side panel' : 'Hide side panel'} title={rightCollapsed ? 'Show the research sidebar (Ctrl+Shift+E)' : 'Hide the research sidebar (Ctrl+Shift+E)'} aria-keyshortcuts="Control+Shift+E" data-testid="sidebar-toggle" onClick={() => ui.toggleRight()}>
          <PanelRightIcon />
        </button>
      </div>
      <MarkingBanner marking={note.meta.marking} position="top" />
      <div className="bd-note-body">
        <EditorHost key={`${note.id}:${editorKey}`} note={note} editable={!trashed && !busy} />
      </div>
      <MarkingBanner marking={note.meta.marking} position="bottom" />
    </main>
  );
}

/**
 * One mounted editor (remounted per note and per restored revision). It connects the editor to the
 * autosave session and to the outline panel.
 */
function EditorHost({ note, editable }: { note: Note; editable: boolean }) {
  const { session, editor: editorStore, client, actions, cite, editorCitations } = useApp();
  const mounted = useRef<Editor | null>(null);
  const detachDrop = useRef<(() => void) | null>(null);
  const noteId = note.id;

  const onReady = useCallback(
    (editor: Editor | null) => {
      if (editor) {
        mounted.current = editor;
        detachDrop.current?.();
        detachDrop.current = attachEventDrop(editor, (ids, mode, at) => void cite.insertEvents(ids, mode, at));
        session.attachEditor(noteId, editor);
        editorStore.setState({ editor });
        if (session.getState().focusBody) {
          session.bodyFocused();
          // After the first paint, so the editor has its DOM.
          requestAnimationFrame(() => focusWritingPosition(editor));
        }
        return;
      }
      const previous = mounted.current;
      mounted.current = null;
      detachDrop.current?.();
      detachDrop.current = null;
      if (previous) session.detachEditor(noteId, previous);
      if (editorStore.getState().editor === previous) editorStore.setState({ editor: null });
    },
    [noteId, session, editorStore, cite],
  );

  // The editor may unmount without calling onReady(null); detach here too.
  useEffect(
    () => () => {
      detachDrop.current?.();
      detachDrop.current = null;
      const previous = mounted.current;
      if (!previous) return;
      mounted.current = null;
      session.detachEditor(noteId, previous);
      if (editorStore.getState().editor === previous) editorStore.setState({ editor: null });
    },
    [noteId, session, editorStore],
  );

  const onDocChange = useCallback(() => session.changed(), [session]);
  const onBlur = useCallback(() => session.blurred(), [session]);
  const onSaveShortcut = useCallback(() => void session.saveWithRevision(), [session]);
  const onOpenLink = useCallback(
    (href: string) => {
      void client.openExternal(href).then((result) => { // eng-disable OPEN_EXTERNAL_JS_CHECK -- our IPC/HTTP call, not shell.openExternal; main allows only http, https and mailto
        if (!result.ok) actions.showError(result.error);
      });
    },
    [client, actions],
  );

  return (
    <NoteEditor
      header={<NoteHeader note={note} readOnly={!editable} onTitleEnter={() => mounted.current && focusWritingPosition(mounted.current)} />}
      noteId={note.id}
      initialContent={note.content as DocNode}
      editable={editable}
      onDocChange={onDocChange}
      onBlur={onBlur}
      onSaveShortcut={onSaveShortcut}
      onReady={onReady}
      onOpenLink={onOpenLink}
      citations={editorCitations}
    />
  );
}
