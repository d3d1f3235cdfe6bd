import { useEffect, type CSSProperties } from 'react';
import type { AppStores } from './app-stores';
import { useStore } from './store';
import { AppProvider, useApp } from './app-context';
import { ErrorBoundary } from './error-boundary';
import { NotesPane } from '../notes/notes-pane';
import { ConfirmDialog } from '../ui/modal';
import { DropOverlay } from '../research/drop-overlay';
import { ResearchDialogs } from '../research/research-dialogs';
import { NewNoteDialog } from '../notes/new-note-dialog';
import { NotePane } from '../notes/note-pane';
import { ProblemsBanner } from './problems-banner';
import { SaveTemplateDialog } from '../notes/save-template-dialog';
import { SettingsDialog } from '../settings/settings-dialog';
import { SidePanel } from './side-panel';
import { TemplatesDialog } from '../notes/templates-dialog';
import { Toasts } from './toasts';
import { ExportDialog } from '../export/export-dialog';
import { exportStoreFor, isExportShortcut } from '../export/export-wiring';

/** The whole window. */
export function App({ stores }: { stores: AppStores }) {
  return (
    <AppProvider value={stores}>
      <ErrorBoundary onBeforeReload={() => stores.session.flushAll()}>
        <Shell />
      </ErrorBoundary>
    </AppProvider>
  );
}

function Shell() {
  const stores = useApp();
  const { ui } = stores;
  const dialog = useStore(ui, (state) => state.dialog);
  const leftCollapsed = useStore(ui, (state) => state.leftCollapsed);
  const rightCollapsed = useStore(ui, (state) => state.rightCollapsed);
  const sideWidth = useStore(stores.research.sidebar, (state) => state.width);

  useLifecycle(stores);
  useShortcuts(stores);

  return (
    <div
      className={`bd-app${leftCollapsed ? ' is-left-collapsed' : ''}${rightCollapsed ? ' is-right-collapsed' : ''}`}
      style={{ '--bd-side-width': `${sideWidth}px` } as CSSProperties}
    >
      <ProblemsBanner />
      <div className="bd-layout">
        {leftCollapsed ? null : <NotesPane />}
        <NotePane />
        {rightCollapsed ? null : <SidePanel />}
      </div>
      {dialog === 'new-note' ? <NewNoteDialog /> : null}
      {dialog === 'settings' ? <SettingsDialog /> : null}
      {dialog === 'templates' ? <TemplatesDialog /> : null}
      {dialog === 'save-as-template' ? <SaveTemplateDialog /> : null}
      <ExportDialog />
      <ResearchDialogs />
      <DropOverlay />
      <ConfirmDialog />
      <Toasts />
    </div>
  );
}

/** Start-up loads, and the saves that must happen when the window goes away. */
function useLifecycle(stores: AppStores): void {
  useEffect(() => {
    void stores.start();
    const { session, client } = stores;
    // Browser edition: whatever is unsaved leaves with a keepalive request that outlives the page.
    const onPageHide = (): void => {
      session.unloadSave();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      // Only when something could not be sent (too large for keepalive) do we ask to stay.
      if (!session.unloadSave()) event.preventDefault();
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') session.flush();
    };
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('visibilitychange', onVisibility);
    // Electron: the main process waits (bounded) for this before closing the window.
    const unsubscribe = client.onBeforeClose(() => session.flushAll());
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('visibilitychange', onVisibility);
      unsubscribe();
    };
  }, [stores]);
}

/** Window-wide shortcuts. Ctrl+N cannot be taken from Chromium's own "new window" in a browser tab; Alt+N works there. */
function useShortcuts(stores: AppStores): void {
  useEffect(() => {
    const { ui, session, notes, actions } = stores;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if ((mod && !event.shiftKey && key === 'n') || (event.altKey && !mod && key === 'n')) {
        event.preventDefault();
        ui.openDialog('new-note');
        return;
      }
      if (mod && event.shiftKey && key === 'f') {
        event.preventDefault();
        ui.focusSearch();
        return;
      }
      if (mod && event.shiftKey && key === 'k') {
        // RESEARCH_SEARCH_SHORTCUT. Find in the research library: the sidebar's search field, from anywhere (the editor included).
        event.preventDefault();
        showResearchSearch(stores);
        return;
      }
      if (mod && event.shiftKey && key === 'e') {
        // The research sidebar: show it on its Events tab, or hide it.
        event.preventDefault();
        const tab = stores.research.sidebar.getState().tab;
        if (ui.getState().rightCollapsed) {
          ui.toggleRight();
          if (tab !== 'events' && tab !== 'sources') stores.research.sidebar.setTab('events');
        } else if (tab !== 'events' && tab !== 'sources') stores.research.sidebar.setTab('events');
        else ui.toggleRight();
        return;
      }
      if (isExportShortcut(event)) {
        // Export is this app's printing: the browser's own print dialog would print the editor UI.
        event.preventDefault();
        if (session.getState().note && !ui.getState().dialog && !ui.getState().confirm) void exportStoreFor(stores).open();
        return;
      }
      if (mod && !event.shiftKey && key === 's') {
        // The editor handles Ctrl+S itself; this covers the title and header fields.
        event.preventDefault();
        if (session.getState().note) void session.saveWithRevision();
        return;
      }
      if (event.key === 'Delete' && !mod && isListFocused(event.target)) {
        const id = notes.getState().selectedId;
        if (id && !notes.getState().filters.trashed) {
          event.preventDefault();
          void actions.trashNote(id);
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [stores]);
}

/**
 * Shows the research sidebar on a research tab (Events unless Sources is open), back from an open
 * event or source, and puts the cursor in its search field once React has drawn it.
 */
function showResearchSearch(stores: AppStores): void {
  const { ui, research } = stores;
  if (ui.getState().rightCollapsed) ui.toggleRight();
  const tab = research.sidebar.getState().tab;
  if (tab !== 'events' && tab !== 'sources') research.sidebar.setTab('events');
  if (research.sidebar.getState().tab === 'events') research.events.closeDetail();
  else research.sources.closeReader();
  let frames = 0;
  const focus = (): void => {
    const input = document.querySelector<HTMLInputElement>('.bd-side .bd-research__main:not(.is-hidden) .bd-research__search input');
    if (input) {
      input.focus();
      input.select();
      return;
    }
    // The sidebar mounts on the next render; give up after a few frames rather than loop forever.
    if (++frames < 10) requestAnimationFrame(focus);
  };
  requestAnimationFrame(focus);
}

function isListFocused(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('[data-testid="note-list"]') !== null && !(target instanceof HTMLButtonElement);
}
