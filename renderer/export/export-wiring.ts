import { checkSourcing } from '../../core/citations/sourcing-check';
import { ExportFormatSchema, PaperSchema, type ExportFormat, type Paper } from '../../core/index';
import { collectCitedIds } from '../citations/cited-ids';
import { jumpTo, sourcingContext } from '../citations/sourcing-panel';
import type { AppStores } from '../app/app-stores';
import { createFileSaver } from './download';
import { createExportStore, defaultPaperFor, type ExportPrefs, type ExportStore } from './export-store';

/**
 * The export shortcut as menus and titles show it. Ctrl/Cmd+P, because Ctrl+Shift+E is taken twice
 * already (Align centre in the editor, the research sidebar elsewhere) and exporting is this app's printing.
 */
export const EXPORT_SHORTCUT_LABEL = 'Ctrl+P';

/** True for the export shortcut: Ctrl+P (Cmd+P on macOS), without Shift or Alt. */
export function isExportShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  return (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'p';
}

/** localStorage key of the last format and paper chosen. */
export const EXPORT_PREFS_KEY = 'briefing-desk.export';

/** Remembers the last format and paper in localStorage (per browser profile / Electron app). */
export function localExportPrefs(storage: Pick<Storage, 'getItem' | 'setItem'> | null): ExportPrefs {
  return {
    load() {
      try {
        const raw: unknown = JSON.parse(storage?.getItem(EXPORT_PREFS_KEY) ?? 'null');
        if (!raw || typeof raw !== 'object') return {};
        const { format, paper } = raw as { format?: unknown; paper?: unknown };
        const parsedFormat = ExportFormatSchema.safeParse(format);
        const parsedPaper = PaperSchema.safeParse(paper);
        const prefs: { format?: ExportFormat; paper?: Paper } = {};
        if (parsedFormat.success) prefs.format = parsedFormat.data;
        if (parsedPaper.success) prefs.paper = parsedPaper.data;
        return prefs;
      } catch {
        return {};
      }
    },
    save(prefs) {
      try {
        storage?.setItem(EXPORT_PREFS_KEY, JSON.stringify(prefs));
      } catch {
        // Storage can be full or disabled; the choice then lasts for this window only.
      }
    },
  };
}

function storageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const built = new WeakMap<AppStores, ExportStore>();

/**
 * The export store of an app, built once from its stores: the open note, autosave, the editor's
 * sourcing check (with fresh library:provenance) and the toasts.
 */
export function exportStoreFor(stores: AppStores): ExportStore {
  const existing = built.get(stores);
  if (existing) return existing;
  const { client, session, citations, toasts, ui, research } = stores;
  const editorOf = () => {
    const editor = stores.editor.getState().editor;
    return editor && !editor.isDestroyed ? editor : null;
  };
  const store = createExportStore({
    client,
    openNoteId: () => session.getState().note?.id ?? null,
    async settle(noteId) {
      session.flush();
      await session.settle(noteId);
      const state = session.getState();
      if (state.note?.id === noteId && state.saveState === 'failed') return state.saveError ?? { code: 'io', message: 'The last save failed.' };
      return null;
    },
    async checkSourcing() {
      const editor = editorOf();
      if (!editor) return [];
      // Ask the library now: a source deleted a moment ago must count as broken in this check.
      const applied = await citations.refresh(collectCitedIds(editor.state.doc));
      if (editor.isDestroyed) return [];
      if (applied) {
        // The same redraw the provenance sync does, so the editor's markers agree with the dialog.
        editor.commands.refreshProvenance();
        editor.commands.refreshCitations();
      }
      const marking = session.getState().note?.meta.marking ?? '';
      return checkSourcing(editor.state.doc, sourcingContext(citations.getState(), editor.state.doc, marking));
    },
    showInEditor(pos) {
      const editor = editorOf();
      if (!editor) return;
      // The Sourcing tab lists every finding; show it next to the one we jump to.
      if (ui.getState().rightCollapsed) ui.toggleRight();
      research.sidebar.setTab('sourcing');
      jumpTo(editor, pos);
    },
    save: createFileSaver(window),
    notify: (message) => {
      toasts.show({ kind: 'success', message });
    },
    prefs: localExportPrefs(storageOrNull()),
    defaultPaper: defaultPaperFor(typeof navigator === 'undefined' ? undefined : navigator.language),
  });
  built.set(stores, store);
  return store;
}
