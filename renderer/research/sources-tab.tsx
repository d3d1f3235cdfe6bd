import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { useDates } from '../ui/use-dates';
import { useApp } from '../app/app-context';
import { SearchIcon } from '../ui/icons';
import { RESEARCH_SEARCH_SHORTCUT } from '../app/shortcut-labels';
import { useInsertTarget } from '../citations/use-insert-target';
import { useStore } from '../app/store';
import { formatCount } from './event-query';
import type { SourceRow } from './sources-store';
import { GradeBadge } from './grade-badge';
import { ResearchToolbar } from './research-toolbar';
import { SourceReader } from './source-reader';
import { VirtualList } from '../ui/virtual-list';

/** Fixed source row height for the virtual list. */
export const SOURCE_ROW_HEIGHT = 60;

/** The Sources tab: search, the list, and the reader of the open source. */
export function SourcesTab() {
  const { research } = useApp();
  const { sources } = research;
  const readerId = useStore(sources, (state) => state.readerId);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    sources.start();
  }, [sources]);

  return (
    <div className="bd-research" ref={root}>
      <div className={readerId ? 'bd-research__main is-hidden' : 'bd-research__main'}>
        <SourceSearchBar />
        <SourceList />
      </div>
      {readerId ? (
        <SourceReader
          onBack={() => {
            sources.closeReader();
            requestAnimationFrame(() => root.current?.querySelector<HTMLElement>('[data-testid="source-list"]')?.focus());
          }}
        />
      ) : null}
    </div>
  );
}

function SourceSearchBar() {
  const { research } = useApp();
  const { sources } = research;
  const query = useStore(sources, (state) => state.query);
  const total = useStore(sources, (state) => state.total);
  const error = useStore(sources, (state) => state.error);
  return (
    <>
      <div className="bd-research__search">
        <label className="bd-search bd-research__search-box">
          <SearchIcon className="bd-search__icon" />
          <input
            type="search"
            className="bd-input bd-search__input"
            placeholder="Search sources"
            aria-label="Search sources"
            aria-keyshortcuts={RESEARCH_SEARCH_SHORTCUT.aria}
            title={`Search sources (${RESEARCH_SEARCH_SHORTCUT.label})`}
            data-testid="source-search"
            value={query}
            onChange={(event) => sources.setQuery(event.target.value)}
          />
        </label>
      </div>
      <div className="bd-filters__bar">
        <span className="bd-result-count" data-testid="source-count">
          {total === null ? (error ? 'Search failed' : 'Searching…') : formatCount(total, 'source')}
        </span>
        <ResearchToolbar />
      </div>
      {error ? <p className="bd-research__error">{error.message}</p> : null}
    </>
  );
}

function SourceList() {
  const { research } = useApp();
  const { sources } = research;
  const total = useStore(sources, (state) => state.total);
  const selectedIndex = useStore(sources, (state) => state.selectedIndex);
  const resultsTick = useStore(sources, (state) => state.resultsTick);
  useStore(sources, (state) => state.pages);
  const onRange = useCallback((first: number, last: number) => sources.ensureRows(first, last), [sources]);

  const open = (index: number): void => {
    const row = sources.rowAt(index);
    if (row) void sources.openReader(row.id);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      sources.moveSelection(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter' && selectedIndex >= 0) {
      event.preventDefault();
      open(selectedIndex);
    }
  };

  if (total === 0) return <p className="bd-side-empty bd-research__none">No sources match.</p>;
  return (
    <VirtualList
      count={total ?? 0}
      rowHeight={SOURCE_ROW_HEIGHT}
      onRange={onRange}
      activeIndex={selectedIndex}
      resetKey={resultsTick}
      label="Sources"
      testId="source-list"
      onKeyDown={onKeyDown}
      renderRow={(index) => (
        <SourceRowView
          row={sources.rowAt(index)}
          index={index}
          selected={index === selectedIndex}
          onOpen={() => {
            sources.select(index);
            open(index);
          }}
        />
      )}
    />
  );
}

function SourceRowView({ row, index, selected, onOpen }: { row: SourceRow | undefined; index: number; selected: boolean; onOpen: () => void }) {
  const dates = useDates();
  const { cite } = useApp();
  const { canInsert, reason } = useInsertTarget();
  if (!row) return <div className="bd-source-row is-placeholder" role="gridcell" aria-busy="true" />;
  return (
    <div id={`source-list-${index}`} role="gridcell" aria-selected={selected} className={`bd-source-row${selected ? ' is-selected' : ''}`} data-testid="source-row" data-source-id={row.id} onClick={onOpen}>
      <div className="bd-source-row__title">
        <GradeBadge grade={row.grade} />
        <span className="bd-source-row__name">{row.title || 'Untitled source'}</span>
        <button
          type="button"
          className="bd-mini-button"
          // The list is one Tab stop: the keyboard cites from the open source.
          tabIndex={-1}
          data-testid="row-cite-source"
          disabled={!canInsert}
          title={reason ?? 'Cite this source at the cursor'}
          onClick={(event) => {
            event.stopPropagation();
            void cite.citeSource(row.id);
          }}
        >
          Cite
        </button>
      </div>
      <div className="bd-source-row__meta">
        {row.publisher || 'Unknown publisher'}
        {row.published ? ` · ${dates.fuzzy(row.published)}` : ''}
      </div>
    </div>
  );
}
