import type { Editor } from '@tiptap/core';
import { useCallback } from 'react';
import type { DocNode, Note } from '../../core/index';
import { attachEventDrop } from '../citations/event-drop';
import { NoteEditor } from '../editor/note-editor';
import { useStore } from '../app/store';
import { useApp } from '../app/app-context';
import { EXPORT_SHORTCUT_LABEL } from '../export/export-wiring';
import { ExportIcon, PanelLeftIcon, PanelRightIcon, PlusIcon } from '../ui/icons';
import { focusAfterPaint, useEditorBinding } from './editor-binding';
import { ConflictBanner } from './conflict-banner';
import { MarkingBanner } from './marking';
import { NoteHeader } from './note-header';
import { NoteMenu } from './note-menu';
import { SaveStateIndicator } from './save-state';

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
              <p className="bd-muted">Pick a note in the list, or start a new one from a template.</p>
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
        <button type="button" className="bd-icon-button" data-testid="library-toggle" aria-label={leftCollapsed ? 'Show notes' : 'Hide notes'} title={leftCollapsed ? 'Show the notes' : 'Hide the notes'} onClick={() => ui.toggleLeft()}>
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
          onClick={() => void stores.exporter.open()}
        >
          <ExportIcon /> Export
        </button>
        <NoteMenu noteId={note.id} trashed={trashed} />
        <button type="button" className="bd-icon-button" aria-label={rightCollapsed ? 'Show side panel' : 'Hide side panel'} title={rightCollapsed ? 'Show the research sidebar (Ctrl+Shift+E)' : 'Hide the research sidebar (Ctrl+Shift+E)'} aria-keyshortcuts="Control+Shift+E" data-testid="sidebar-toggle" onClick={() => ui.toggleRight()}>
          <PanelRightIcon />
        </button>
      </div>
      <ConflictBanner />
      <MarkingBanner marking={note.meta.marking} position="top" />
      <div className="bd-note-body">
        <EditorHost key={`${note.id}:${editorKey}`} note={note} editable={!trashed && !busy} />
      </div>
      <MarkingBanner marking={note.meta.marking} position="bottom" />
    </main>
  );
}

/**
 * One mounted editor (remounted per note and per restored revision); its binding (editor-binding.ts)
 * connects it to the autosave session, the outline, the citations and the event drop.
 */
function EditorHost({ note, editable }: { note: Note; editable: boolean }) {
  const { session, editor: editorStore, client, actions, cite, editorCitations } = useApp();
  const noteId = note.id;
  const attachDrop = useCallback((editor: Editor) => attachEventDrop(editor, (ids, mode, at) => void cite.insertEvents(ids, mode, at)), [cite]);
  const binding = useEditorBinding(noteId, { session, editorStore, attachDrop, focusWriting: focusAfterPaint });

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
      header={<NoteHeader note={note} readOnly={!editable} onTitleEnter={binding.focusBody} />}
      noteId={note.id}
      initialContent={note.content as DocNode}
      editable={editable}
      onDocChange={binding.changed}
      onBlur={binding.blurred}
      onSaveShortcut={binding.saveShortcut}
      onReady={binding.ready}
      onOpenLink={onOpenLink}
      citations={editorCitations}
    />
  );
}
