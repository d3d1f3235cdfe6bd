import type { Editor } from '@tiptap/core';
import type { ApiError, CallInput } from '../../core/index';
import type { AppClient } from '../api/client';
import { dateFormatterOf } from '../ui/format';
import { registerStyleLazily } from '../citations/citation-engine';
import { createCitationActions, type CitationActions } from '../citations/citation-actions';
import { createCitationsStore, type CitationsStore } from '../citations/citations-store';
import { createEditorCallbacks } from '../citations/editor-callbacks';
import { startProvenanceSync } from '../citations/provenance-sync';
import type { CitationCallbacks } from '../editor/extensions/citations-state/citation-callbacks';
import { createResearchStores, type ResearchStores } from '../research/research-stores';
import { createHistoryStore, type HistoryStore } from '../notes/history-store';
import { createNotesStore, type NotesStore } from '../notes/notes-store';
import { createNoteSessionStore, type NoteSessionStore } from '../notes/note-session-store';
import { createProblemsStore, type ProblemsStore } from './problems-store';
import { createSettingsStore, type SettingsStore } from '../settings/settings-store';
import { createTemplatesStore, type TemplatesStore } from '../notes/templates-store';
import { createToastStore, type ToastStore } from './toast-store';
import { createStore, type Store } from './store';
import { createUiStore, type UiStore } from './ui-store';

/** Every store of the app plus the actions that span several of them. */
export interface AppStores {
  client: AppClient;
  notes: NotesStore;
  session: NoteSessionStore;
  templates: TemplatesStore;
  settings: SettingsStore;
  problems: ProblemsStore;
  history: HistoryStore;
  toasts: ToastStore;
  ui: UiStore;
  /** The research sidebar (events, sources, imports). */
  research: ResearchStores;
  /** The open note's editor, for the outline panel (set by the note pane). */
  editor: Store<{ editor: Editor | null }>;
  /** Provenance statuses of the open note's cited ids, and the citation styles. */
  citations: CitationsStore;
  /** Inserting facts, citations and quotations into the open note. */
  cite: CitationActions;
  /** What the editor asks about citations (stable object, reads the stores when called). */
  editorCitations: CitationCallbacks;
  /** The citation style of the open note: its own, else the workspace default. */
  citationStyleId(): string;
  /** Sets the open note's citation style (null: the workspace default) and re-renders its citations. */
  setNoteCitationStyle(id: string | null): Promise<void>;
  actions: AppActions;
  /** Loads what the first screen needs. */
  start(): Promise<void>;
}

/** Actions that touch several stores. Each reports its own errors as toasts. */
export interface AppActions {
  openNote(id: string): Promise<void>;
  createNote(input: CallInput<'notes:create'>): Promise<boolean>;
  duplicateNote(id: string): Promise<void>;
  /** Moves a note to the trash, with an Undo toast. */
  trashNote(id: string): Promise<void>;
  restoreNote(id: string): Promise<void>;
  deleteForever(id: string): Promise<void>;
  emptyTrash(): Promise<void>;
  saveAsTemplate(name: string, description: string): Promise<boolean>;
  restoreRevision(revisionId: string): Promise<void>;
  showError(error: ApiError): void;
}

/** Builds the stores around one client and wires their events together. */
export function createAppStores(client: AppClient): AppStores {
  const toasts = createToastStore();
  const ui = createUiStore();
  const notes = createNotesStore(client);
  const templates = createTemplatesStore(client);
  const settings = createSettingsStore(client);
  const problems = createProblemsStore(client);
  const history = createHistoryStore(client);
  const research = createResearchStores(client);
  const editorStore = createStore<{ editor: Editor | null }>({ editor: null });
  const citations = createCitationsStore(client, { registerStyle: registerStyleLazily });

  const contentSavedSinceRefresh = new Set<string>();
  const showError = (error: ApiError): void => {
    toasts.show({ kind: 'error', message: error.message });
  };

  const session = createNoteSessionStore(client, {
    onSaved: ({ id, meta, updatedAt, contentSaved }) => {
      notes.noteSaved(id, meta, updatedAt);
      if (contentSaved) contentSavedSinceRefresh.add(id);
    },
    onRevision: (noteId) => {
      if (history.getState().noteId === noteId) void history.refresh();
    },
    onError: (error, noteId) => {
      const title = notes.getState().notes.find((row) => row.id === noteId)?.title;
      toasts.show({ kind: 'error', message: title ? `“${title}”: ${error.message}` : error.message });
    },
  });

  const citationStyleId = (): string => citations.styleFor(session.getState().note?.meta.citationStyle ?? settings.getState().settings.citationStyle);
  /** Redraws numbers, the Sources list and provenance flags of the open note. */
  const redrawCitations = (): void => {
    const editor = editorStore.getState().editor;
    if (!editor || editor.isDestroyed) return;
    editor.commands.refreshProvenance();
    editor.commands.refreshCitations();
  };
  /** An added style must be registered in the renderer before the editor formats with it. */
  const applyNoteStyle = async (): Promise<void> => {
    const failure = await citations.ensureStyle(citationStyleId());
    if (failure) showError(failure);
    redrawCitations();
  };
  const cite = createCitationActions({
    client,
    editor: editorStore,
    citations,
    research,
    showSidebar: () => {
      if (ui.getState().rightCollapsed) ui.toggleRight();
    },
    showError,
  });
  const editorCitations = createEditorCallbacks({ client, citations, styleId: citationStyleId, openSource: (id) => cite.openSource(id) });

  // The history panel follows the open note.
  let historyNoteId: string | null = null;
  session.subscribe(() => {
    const id = session.getState().note?.id ?? null;
    if (id === historyNoteId) return;
    historyNoteId = id;
    void history.load(id);
  });

  /** Whatever is open must be on disk before we copy, trash or restore it. */
  const settled = async (id: string): Promise<void> => {
    if (session.getState().note?.id === id) session.flush();
    await session.settle(id);
  };

  const actions: AppActions = {
    showError,

    async openNote(id) {
      const previous = session.getState().note?.id;
      notes.select(id);
      const opening = session.open(id);
      // Excerpts and word counts of the note just left come from the server; refresh the list
      // once per switch rather than after every autosave.
      if (previous && previous !== id && contentSavedSinceRefresh.delete(previous)) {
        void session.settle(previous).then(() => notes.refresh());
      }
      await opening;
      const error = session.getState().loadError;
      if (error) showError(error);
    },

    async createNote(input) {
      const result = await client.call('notes:create', input);
      if (!result.ok) {
        showError(result.error);
        return false;
      }
      notes.noteAdded(result.value);
      session.openLoaded(result.value, { focusBody: true });
      return true;
    },

    async duplicateNote(id) {
      await settled(id);
      const result = await client.call('notes:duplicate', { id });
      if (!result.ok) return showError(result.error);
      notes.noteAdded(result.value);
      session.openLoaded(result.value);
      toasts.show({ kind: 'success', message: `Duplicated as “${result.value.meta.title || 'Untitled'}”.` });
    },

    async trashNote(id) {
      const wasOpen = session.getState().note?.id === id;
      await settled(id);
      const rows = notes.getState().notes;
      const index = rows.findIndex((row) => row.id === id);
      const result = await notes.trash(id);
      if (!result.ok) return showError(result.error);
      if (wasOpen) {
        // Open the neighbour, as a mail client does, so Delete can be pressed again.
        const next = notes.getState().notes[Math.min(Math.max(index, 0), notes.getState().notes.length - 1)];
        if (next) void actions.openNote(next.id);
        else {
          session.close();
          notes.select(null);
        }
      }
      toasts.show({
        kind: 'info',
        message: `“${result.value.title || 'Untitled'}” moved to the trash.`,
        action: {
          label: 'Undo',
          run: () => {
            void (async () => {
              const restored = await client.call('notes:restore', { id });
              if (!restored.ok) return showError(restored.error);
              await notes.refresh();
              await actions.openNote(id);
            })();
          },
        },
      });
    },

    async restoreNote(id) {
      const result = await notes.restore(id);
      if (!result.ok) return showError(result.error);
      toasts.show({ kind: 'success', message: `“${result.value.title || 'Untitled'}” is back in the library.` });
    },

    async deleteForever(id) {
      const title = notes.getState().notes.find((row) => row.id === id)?.title || 'Untitled';
      const confirmed = await ui.confirm({
        title: 'Delete for ever?',
        message: `“${title}” and its revisions will be deleted. This cannot be undone.`,
        confirmLabel: 'Delete for ever',
        danger: true,
      });
      if (!confirmed) return;
      const result = await notes.deleteForever(id);
      if (!result.ok) return showError(result.error);
      if (session.getState().note?.id === id) session.close();
      toasts.show({ kind: 'success', message: `“${title}” was deleted.` });
    },

    async emptyTrash() {
      const count = notes.getState().total;
      const confirmed = await ui.confirm({
        title: 'Empty the trash?',
        message: `${count === 1 ? 'One note' : `${count} notes`} and their revisions will be deleted. This cannot be undone.`,
        confirmLabel: 'Empty trash',
        danger: true,
      });
      if (!confirmed) return;
      const result = await notes.emptyTrash();
      if (!result.ok) return showError(result.error);
      session.close();
      toasts.show({ kind: 'success', message: `${result.value.deleted === 1 ? 'One note' : `${result.value.deleted} notes`} deleted.` });
    },

    async saveAsTemplate(name, description) {
      const id = session.getState().note?.id;
      if (!id) return false;
      await settled(id);
      const result = await templates.saveFromNote(id, name, description);
      if (!result.ok) {
        showError(result.error);
        return false;
      }
      toasts.show({ kind: 'success', message: `Template “${result.value.name}” saved. It is offered in New note.` });
      return true;
    },

    async restoreRevision(revisionId) {
      const note = session.getState().note;
      if (!note) return;
      const revision = history.getState().revisions.find((candidate) => candidate.id === revisionId);
      const when = revision ? dateFormatterOf(settings.getState().settings).dateTime(revision.createdAt) : 'that moment';
      const confirmed = await ui.confirm({
        title: 'Restore this version?',
        message: `The note goes back to how it was at ${when}. The current text is kept as a revision first, so this can be undone.`,
        confirmLabel: 'Restore',
      });
      if (!confirmed) return;
      session.setBusy(true);
      try {
        await settled(note.id);
        const result = await history.restore(revisionId);
        if (!result.ok) return showError(result.error);
        if (session.getState().note?.id !== note.id) return;
        session.replaceNote(result.value);
        notes.noteSaved(note.id, result.value.meta, result.value.updatedAt);
        toasts.show({ kind: 'success', message: `Restored the version of ${when}.` });
      } finally {
        session.setBusy(false);
      }
    },
  };

  let wired = false;
  /** Keeps provenance flags and the citation style in step with the open note and the library. */
  const wire = (): void => {
    wired = true;
    startProvenanceSync({
      editor: editorStore,
      libraryVersion: { get: () => research.sidebar.getState().libraryVersion, subscribe: research.sidebar.subscribe },
      citations,
      apply: () => redrawCitations(),
    });
    // A note opened with an added style (or the default changed): register it, then redraw.
    let styleKey = '';
    const followStyle = (): void => {
      const key = `${session.getState().note?.id ?? ''}:${citationStyleId()}`;
      if (key === styleKey) return;
      styleKey = key;
      void applyNoteStyle();
    };
    session.subscribe(followStyle);
    settings.subscribe(followStyle);
    editorStore.subscribe(followStyle);
  };

  return {
    client,
    notes,
    session,
    templates,
    settings,
    problems,
    history,
    toasts,
    ui,
    research,
    editor: editorStore,
    citations,
    cite,
    editorCitations,
    citationStyleId,
    async setNoteCitationStyle(id) {
      if (!session.getState().note) return;
      const previous = session.getState().note?.meta.citationStyle ?? null;
      if (id !== null) {
        const failure = await citations.ensureStyle(id);
        if (failure) return showError(failure);
      }
      if (previous === id) return;
      session.updateMeta({ citationStyle: id }, { immediate: true });
      redrawCitations();
    },
    actions,
    async start() {
      // Once, even when React runs the start effect twice (StrictMode in development).
      if (!wired) wire();
      await Promise.all([notes.refresh(), templates.refresh(), settings.load(), problems.load(), citations.loadStyles()]);
      const firstError = notes.getState().error ?? templates.getState().error ?? settings.getState().error;
      if (firstError) showError(firstError);
    },
  };
}
