import { useRef } from 'react';
import { SourcingPanel } from '../citations/sourcing-panel';
import { OutlinePanel } from '../editor/outline-panel';
import { EventsTab } from '../sidebar/components/events-tab';
import { ImportPanel } from '../sidebar/components/import-panel';
import { SourcesTab } from '../sidebar/components/sources-tab';
import type { SidebarTab } from '../sidebar/stores/sidebar-stores';
import { useStore } from '../stores/store';
import { useApp } from './app-context';
import { HistoryPanel } from './history-panel';
import { PanelRightIcon } from './icons';
import '../sidebar/sidebar.css';

const TABS: { id: SidebarTab; label: string; testId: string }[] = [
  { id: 'events', label: 'Events', testId: 'events-tab' },
  { id: 'sources', label: 'Sources', testId: 'sources-tab' },
  { id: 'outline', label: 'Outline', testId: 'outline-tab' },
  { id: 'sourcing', label: 'Sourcing', testId: 'sourcing-tab' },
  { id: 'history', label: 'History', testId: 'history-tab' },
];

/**
 * The right panel: the research sidebar (events and sources of the library) and the note's outline
 * and history, as tabs of one resizable panel so the research tabs get the width they need.
 */
export function SidePanel() {
  const { ui, editor: editorStore, history, research } = useApp();
  const tab = useStore(research.sidebar, (state) => state.tab);
  const editor = useStore(editorStore, (state) => state.editor);

  return (
    <aside className="bd-side" aria-label="Research sidebar" data-testid="research-sidebar">
      <ResizeHandle />
      <div className="bd-tabs" role="tablist">
        {TABS.map((entry) => (
          <button
            key={entry.id}
            type="button"
            role="tab"
            className="bd-tab"
            aria-selected={tab === entry.id}
            data-testid={entry.testId}
            onClick={() => {
              research.sidebar.setTab(entry.id);
              if (entry.id === 'history') void history.refresh();
            }}
          >
            {entry.label}
          </button>
        ))}
        <span className="bd-tabs__spacer" />
        <button type="button" className="bd-icon-button bd-tabs__collapse" aria-label="Hide the sidebar" title="Hide the sidebar (Ctrl+Shift+E)" data-testid="sidebar-collapse" onClick={() => ui.toggleRight()}>
          <PanelRightIcon />
        </button>
      </div>
      {tab === 'events' || tab === 'sources' ? (
        <div className="bd-side__body bd-side__body--research" role="tabpanel">
          <ImportPanel />
          {tab === 'events' ? <EventsTab /> : <SourcesTab />}
        </div>
      ) : (
        <div className="bd-side__body" role="tabpanel">
          <ImportPanel />
          {tab === 'outline' ? <OutlinePanel editor={editor} /> : tab === 'sourcing' ? <SourcingPanel /> : <HistoryPanel />}
        </div>
      )}
    </aside>
  );
}

/** Drag to resize the panel; the width is remembered (localStorage) at the end of the drag. */
function ResizeHandle() {
  const { research } = useApp();
  const start = useRef<{ x: number; width: number } | null>(null);
  return (
    <div
      className="bd-side__resize"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the sidebar"
      data-testid="sidebar-resize"
      tabIndex={0}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        start.current = { x: event.clientX, width: research.sidebar.getState().width };
      }}
      onPointerMove={(event) => {
        if (!start.current) return;
        // The panel is on the right: dragging left widens it.
        research.sidebar.setWidth(start.current.width + (start.current.x - event.clientX));
      }}
      onPointerUp={() => {
        if (!start.current) return;
        start.current = null;
        research.sidebar.setWidth(research.sidebar.getState().width, true);
      }}
      onKeyDown={(event) => {
        if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
        event.preventDefault();
        research.sidebar.setWidth(research.sidebar.getState().width + (event.key === 'ArrowLeft' ? 24 : -24), true);
      }}
    />
  );
}
