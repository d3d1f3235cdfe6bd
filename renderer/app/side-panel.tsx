import { useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { SourcingPanel } from '../citations/sourcing-panel';
import { OutlinePanel } from '../editor/outline-panel';
import { EventsTab } from '../research/events-tab';
import { ImportPanel } from '../research/import-panel';
import { SourcesTab } from '../research/sources-tab';
import { SIDEBAR_MAX_WIDTH, SIDEBAR_MIN_WIDTH, type SidebarTab } from '../research/research-stores';
import { useStore } from './store';
import { useApp } from './app-context';
import { HistoryPanel } from '../notes/history-panel';
import { PanelRightIcon } from '../ui/icons';
import { rovingIndex } from '../ui/roving-focus';
import '../research/research.css';

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

  const select = (next: SidebarTab): void => {
    research.sidebar.setTab(next);
    if (next === 'history') void history.refresh();
  };

  return (
    <aside className="bd-side" aria-label="Research sidebar" data-testid="research-sidebar">
      <ResizeHandle />
      <div className="bd-tabs">
        {/* Only the tabs are in the tablist; the hide button beside them is not a tab. */}
        <div className="bd-tabs__list" role="tablist" aria-label="Sidebar" onKeyDown={(event) => moveBetweenTabs(event, tab, select)}>
          {TABS.map((entry) => (
            <button
              key={entry.id}
              id={`bd-tab-${entry.id}`}
              type="button"
              role="tab"
              className="bd-tab"
              aria-selected={tab === entry.id}
              aria-controls="bd-side-panel"
              // Arrow keys move between the tabs; Tab goes on into the panel.
              tabIndex={tab === entry.id ? 0 : -1}
              data-testid={entry.testId}
              onClick={() => select(entry.id)}
            >
              {entry.label}
            </button>
          ))}
        </div>
        <span className="bd-tabs__spacer" />
        <button type="button" className="bd-icon-button bd-tabs__collapse" aria-label="Hide the sidebar" aria-keyshortcuts="Control+Shift+E" title="Hide the sidebar (Ctrl+Shift+E)" data-testid="sidebar-collapse" onClick={() => ui.toggleRight()}>
          <PanelRightIcon />
        </button>
      </div>
      {tab === 'events' || tab === 'sources' ? (
        <div id="bd-side-panel" className="bd-side__body bd-side__body--research" role="tabpanel" aria-labelledby={`bd-tab-${tab}`}>
          <ImportPanel />
          {tab === 'events' ? <EventsTab /> : <SourcesTab />}
        </div>
      ) : (
        <div id="bd-side-panel" className="bd-side__body" role="tabpanel" aria-labelledby={`bd-tab-${tab}`}>
          <ImportPanel />
          {tab === 'outline' ? <OutlinePanel editor={editor} /> : tab === 'sourcing' ? <SourcingPanel /> : <HistoryPanel />}
        </div>
      )}
    </aside>
  );
}

/** The tabs' keys (WAI-ARIA tabs pattern): Left/Right move and select, Home/End go to the ends. */
function moveBetweenTabs(event: ReactKeyboardEvent<HTMLDivElement>, current: SidebarTab, select: (tab: SidebarTab) => void): void {
  const next = rovingIndex(
    event.key,
    TABS.findIndex((entry) => entry.id === current),
    TABS.length,
    'horizontal',
  );
  if (next === null) return;
  event.preventDefault();
  const target = TABS[next]!;
  select(target.id);
  event.currentTarget.querySelector<HTMLElement>(`#bd-tab-${target.id}`)?.focus();
}

/** Width change per arrow key press, in CSS pixels. */
const RESIZE_STEP = 24;

/**
 * Drag to resize the panel, or focus it and use the arrow keys (Home/End: narrowest/widest); the
 * width is remembered (localStorage) at the end of the drag. Starts from the width on screen, which
 * the layout may hold below the stored one in a narrow window.
 */
function ResizeHandle() {
  const { research } = useApp();
  const width = useStore(research.sidebar, (state) => state.width);
  const start = useRef<{ x: number; width: number } | null>(null);
  const shownWidth = (element: HTMLElement): number => element.parentElement?.getBoundingClientRect().width || research.sidebar.getState().width;
  return (
    <div
      className="bd-side__resize"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the sidebar"
      aria-valuenow={width}
      aria-valuemin={SIDEBAR_MIN_WIDTH}
      aria-valuemax={SIDEBAR_MAX_WIDTH}
      aria-valuetext={`${width} pixels wide`}
      title="Drag, or use the arrow keys, to resize the sidebar"
      data-testid="sidebar-resize"
      tabIndex={0}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        start.current = { x: event.clientX, width: shownWidth(event.currentTarget) };
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
        const shown = shownWidth(event.currentTarget);
        const next =
          event.key === 'ArrowLeft' ? shown + RESIZE_STEP : event.key === 'ArrowRight' ? shown - RESIZE_STEP : event.key === 'Home' ? SIDEBAR_MIN_WIDTH : event.key === 'End' ? SIDEBAR_MAX_WIDTH : null;
        if (next === null) return;
        event.preventDefault();
        research.sidebar.setWidth(next, true);
      }}
    />
  );
}
