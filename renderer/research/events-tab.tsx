import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { DateField } from '../ui/date-field';
import { useDates } from '../ui/use-dates';
import type { EventCard } from '../../core/index';
import { useApp } from '../app/app-context';
import { SearchIcon } from '../ui/icons';
import { RESEARCH_SEARCH_SHORTCUT } from '../app/shortcut-labels';
import { EVENT_DRAG_MIME } from '../citations/insert-facts';
import { useInsertTarget } from '../citations/use-insert-target';
import { useStore } from '../app/store';
import { RELIABILITY_GRADES, formatCount, type EventFilters, type EventSort } from './event-query';
import { EventDetailView } from './event-detail';
import { ResearchToolbar } from './research-toolbar';
import { SampleOffer } from './sample-offer';
import { Timeline } from './timeline';
import { VirtualList } from '../ui/virtual-list';

/** Fixed card height: the virtual list needs it. */
export const EVENT_ROW_HEIGHT = 80;

/** The Events tab: search, filters, timeline, the virtualized result list and the detail. */
export function EventsTab() {
  const { research } = useApp();
  const { events } = research;
  const detailId = useStore(events, (state) => state.detailId);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    events.start();
  }, [events]);

  return (
    <div className="bd-research" ref={listRef}>
      <div className={detailId ? 'bd-research__main is-hidden' : 'bd-research__main'}>
        <EventSearchBar />
        <FilterBar />
        <SampleOffer />
        <EventTimeline />
        <ChronologyBar />
        <EventList />
      </div>
      {detailId ? (
        <EventDetailView
          onBack={() => {
            events.closeDetail();
            // Back to the list, where the keyboard left off.
            requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>('[data-testid="event-list"]')?.focus());
          }}
        />
      ) : null}
    </div>
  );
}

function EventSearchBar() {
  const { research } = useApp();
  const { events } = research;
  const query = useStore(events, (state) => state.filters.query);
  const sort = useStore(events, (state) => state.filters.sort);
  return (
    <div className="bd-research__search">
      <label className="bd-search bd-research__search-box">
        <SearchIcon className="bd-search__icon" />
        <input
          type="search"
          className="bd-input bd-search__input"
          placeholder="Search events, actors, places, sources"
          aria-label="Search events"
          aria-keyshortcuts={RESEARCH_SEARCH_SHORTCUT.aria}
          title={`Search events (${RESEARCH_SEARCH_SHORTCUT.label}); ↓ goes to the results`}
          data-testid="event-search"
          value={query}
          onChange={(event) => events.setFilters({ query: event.target.value }, { debounce: true })}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              events.select(0);
              event.currentTarget.closest('.bd-research__main')?.querySelector<HTMLElement>('[data-testid="event-list"]')?.focus();
            }
          }}
        />
      </label>
      <select className="bd-select bd-select--small" aria-label="Sort" data-testid="event-sort" value={sort} onChange={(event) => events.setFilters({ sort: event.target.value as EventSort })}>
        <option value="relevance">Relevance</option>
        <option value="date-desc">Newest</option>
        <option value="date-asc">Oldest</option>
      </select>
    </div>
  );
}

function activeFilterCount(filters: EventFilters): number {
  return [filters.from, filters.to, filters.actor, filters.country, filters.type, filters.datasetId, filters.sourceId].filter((value) => value.trim()).length + (filters.reliability.length > 0 ? 1 : 0);
}

function FilterBar() {
  const { research } = useApp();
  const { events, sidebar } = research;
  const filters = useStore(events, (state) => state.filters);
  const total = useStore(events, (state) => state.total);
  const loading = useStore(events, (state) => state.loading);
  const error = useStore(events, (state) => state.error);
  const datasets = useStore(sidebar, (state) => state.stats?.datasets);
  const [open, setOpen] = useState(false);
  const active = activeFilterCount(filters);

  const text = (key: 'actor' | 'country' | 'type', label: string, placeholder: string) => (
    <label className="bd-filter">
      <span className="bd-filter__label">{label}</span>
      <input
        className="bd-input bd-input--small"
        data-testid={`filter-${key}`}
        value={filters[key]}
        placeholder={placeholder}
        onChange={(event) => events.setFilters({ [key]: event.target.value }, { debounce: true })}
      />
    </label>
  );

  return (
    <div className="bd-filters" data-testid="event-filters">
      <div className="bd-filters__bar">
        <button type="button" className={`bd-button bd-button--small bd-button--ghost${open ? ' is-active' : ''}`} aria-expanded={open} data-testid="filters-toggle" onClick={() => setOpen((value) => !value)}>
          Filters{active > 0 ? ` (${active})` : ''} <span aria-hidden="true">{open ? '▴' : '▾'}</span>
        </button>
        <span className={`bd-result-count${loading ? ' is-loading' : ''}`} data-testid="result-count" aria-live="polite">
          {total === null ? (error ? 'Search failed' : 'Searching…') : formatCount(total, 'event')}
        </span>
        {active > 0 ? (
          <button type="button" className="bd-link-button" data-testid="filters-clear" onClick={() => events.resetFilters()}>
            Clear
          </button>
        ) : null}
        <ResearchToolbar />
      </div>
      {error ? <p className="bd-research__error">{error.message}</p> : null}
      {open ? (
        <div className="bd-filters__grid">
          <label className="bd-filter">
            <span className="bd-filter__label">From</span>
            <DateField className="bd-input--small" testId="filter-from" label="From" allowEmpty placeholder="Any date" value={filters.from} max={filters.to || undefined} onChange={(from) => events.setFilters({ from }, { debounce: true })} />
          </label>
          <label className="bd-filter">
            <span className="bd-filter__label">To</span>
            <DateField className="bd-input--small" testId="filter-to" label="To" allowEmpty placeholder="Any date" value={filters.to} min={filters.from || undefined} onChange={(to) => events.setFilters({ to }, { debounce: true })} />
          </label>
          {text('actor', 'Actor', 'e.g. China')}
          {text('country', 'Country', 'e.g. CHN')}
          {text('type', 'Event type', 'e.g. Negotiate')}
          <label className="bd-filter">
            <span className="bd-filter__label">Dataset</span>
            <select className="bd-select bd-select--small" data-testid="filter-dataset" value={filters.datasetId} onChange={(event) => events.setFilters({ datasetId: event.target.value })}>
              <option value="">All datasets</option>
              {(datasets ?? []).map((dataset) => (
                <option key={dataset.id} value={dataset.id}>
                  {dataset.name} ({dataset.eventCount.toLocaleString('en-US')})
                </option>
              ))}
            </select>
          </label>
          <div className="bd-filter bd-filter--wide">
            <span className="bd-filter__label">Source reliability</span>
            <div className="bd-grade-toggles" role="group" aria-label="Source reliability" data-testid="filter-reliability">
              {RELIABILITY_GRADES.map((grade) => {
                const on = filters.reliability.includes(grade);
                return (
                  <button
                    key={grade}
                    type="button"
                    className={`bd-grade-toggle${on ? ' is-on' : ''}`}
                    aria-pressed={on}
                    data-grade={grade}
                    onClick={() => events.setFilters({ reliability: on ? filters.reliability.filter((value) => value !== grade) : [...filters.reliability, grade].sort() })}
                  >
                    {grade}
                  </button>
                );
              })}
            </div>
          </div>
          {filters.sourceId ? (
            <div className="bd-filter bd-filter--wide" data-testid="filter-source">
              <span className="bd-filter__label">Source</span>
              <span className="bd-chip">
                {filters.sourceId}
                <button type="button" aria-label="Remove the source filter" onClick={() => events.setFilters({ sourceId: '' })}>
                  ×
                </button>
              </span>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function EventTimeline() {
  const { research } = useApp();
  const { events } = research;
  const histogram = useStore(events, (state) => state.histogram);
  const bucket = useStore(events, (state) => state.bucket);
  const from = useStore(events, (state) => state.filters.from);
  const to = useStore(events, (state) => state.filters.to);
  const total = useStore(events, (state) => state.total);
  if (!total && !from && !to) return null;
  return <Timeline histogram={histogram} bucket={bucket} from={from} to={to} onBucket={events.setBucket} onBrush={events.brush} onClear={events.clearDates} />;
}

function EventList() {
  const { research } = useApp();
  const { events } = research;
  const total = useStore(events, (state) => state.total);
  const selectedIndex = useStore(events, (state) => state.selectedIndex);
  const resultsTick = useStore(events, (state) => state.resultsTick);
  const checkedIds = useStore(events, (state) => state.checkedIds);
  const { canInsert, reason } = useInsertTarget();
  // Re-render when pages arrive.
  useStore(events, (state) => state.pages);
  const onRange = useCallback((first: number, last: number) => events.ensureRows(first, last), [events]);

  const open = (index: number): void => {
    const row = events.rowAt(index);
    if (row) void events.openDetail(row.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      events.moveSelection(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault();
      events.moveSelection(event.key === 'PageDown' ? 10 : -10);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      events.select(event.key === 'Home' ? 0 : (total ?? 1) - 1);
    } else if (event.key === 'Enter' && selectedIndex >= 0) {
      event.preventDefault();
      open(selectedIndex);
    } else if (event.key === ' ' && selectedIndex >= 0) {
      // Space picks the selected card for a chronology, as its checkbox does.
      event.preventDefault();
      const row = events.rowAt(selectedIndex);
      if (row) events.toggleChecked(row.id);
    }
  };

  if (total === 0) return <p className="bd-side-empty bd-research__none">No events match.</p>;
  return (
    <VirtualList
      count={total ?? 0}
      rowHeight={EVENT_ROW_HEIGHT}
      onRange={onRange}
      activeIndex={selectedIndex}
      resetKey={resultsTick}
      label="Events"
      testId="event-list"
      onKeyDown={onKeyDown}
      renderRow={(index) => (
        <EventCardView
          card={events.rowAt(index)}
          index={index}
          selected={index === selectedIndex}
          checkedIds={checkedIds}
          canInsert={canInsert}
          insertReason={reason}
          onOpen={() => {
            events.select(index);
            open(index);
          }}
        />
      )}
    />
  );
}

/** Picked events (Ctrl/Cmd+click or the checkboxes) go into the note as a dated chronology, oldest first. */
function ChronologyBar() {
  const { research, cite } = useApp();
  const { events } = research;
  const checkedIds = useStore(events, (state) => state.checkedIds);
  const { canInsert, reason } = useInsertTarget();
  if (checkedIds.length === 0) return null;
  return (
    <div className="bd-pick-bar" data-testid="pick-bar">
      <span className="bd-pick-bar__count">{formatCount(checkedIds.length, 'event')} picked</span>
      <button
        type="button"
        className="bd-button bd-button--small bd-button--primary"
        data-testid="insert-chronology"
        disabled={!canInsert}
        title={reason ?? 'Insert the picked events at the cursor as a dated chronology, oldest first'}
        onClick={() => {
          void cite.insertEvents(checkedIds, 'chronology').then((inserted) => {
            if (inserted) events.clearChecked();
          });
        }}
      >
        Insert chronology
      </button>
      <button type="button" className="bd-link-button" data-testid="pick-clear" onClick={() => events.clearChecked()}>
        Clear
      </button>
    </div>
  );
}

interface EventCardProps {
  card: EventCard | undefined;
  index: number;
  selected: boolean;
  checkedIds: readonly string[];
  canInsert: boolean;
  insertReason: string | null;
  onOpen: () => void;
}

/**
 * One result. Click opens it; Ctrl/Cmd+click or the checkbox picks it for a chronology; dragging
 * it into the text inserts it there (the picked ones, as a chronology, when it is one of them).
 */
function EventCardView({ card, index, selected, checkedIds, canInsert, insertReason, onOpen }: EventCardProps) {
  const dates = useDates();
  const { research, cite } = useApp();
  if (!card) return <div className="bd-event-card is-placeholder" role="gridcell" aria-busy="true" />;
  const checked = checkedIds.includes(card.id);
  const insert = (mode: 'sentence' | 'bullet') => (event: MouseEvent<HTMLButtonElement>) => {
    event.stopPropagation();
    void cite.insertEvents([card.id], mode);
  };
  return (
    <div
      id={`event-list-${index}`}
      role="gridcell"
      aria-selected={selected}
      className={`bd-event-card${selected ? ' is-selected' : ''}${checked ? ' is-checked' : ''}`}
      data-testid="event-card"
      data-event-id={card.id}
      draggable
      onDragStart={(event) => {
        const ids = checked && checkedIds.length > 1 ? checkedIds : [card.id];
        event.dataTransfer.setData(EVENT_DRAG_MIME, ids.join(' '));
        event.dataTransfer.effectAllowed = 'copy';
      }}
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey) {
          event.preventDefault();
          research.events.toggleChecked(card.id);
          return;
        }
        onOpen();
      }}
    >
      <div className="bd-event-card__top">
        <input
          type="checkbox"
          className="bd-event-card__check"
          data-testid="event-check"
          aria-label="Pick for a chronology"
          aria-keyshortcuts="Space"
          title="Pick for a chronology (or Ctrl/Cmd+click the card; Space on the selected card)"
          // The list is one Tab stop: the keyboard picks with Space and inserts from the open event.
          tabIndex={-1}
          checked={checked}
          onClick={(event) => event.stopPropagation()}
          onChange={() => research.events.toggleChecked(card.id)}
        />
        <span className="bd-event-card__date">{dates.fuzzy(card.date)}</span>
        {card.type ? <span className="bd-event-card__type">{card.type}</span> : null}
        <span className="bd-event-card__sources" title={`${card.sourceCount} source${card.sourceCount === 1 ? '' : 's'}`}>
          {card.sourceCount} src
        </span>
        <span className="bd-event-card__insert">
          <button type="button" className="bd-mini-button" tabIndex={-1} data-testid="card-insert-sentence" disabled={!canInsert} title={insertReason ?? 'Insert as a cited sentence at the cursor'} aria-label="Insert as sentence" onClick={insert('sentence')}>
            +¶
          </button>
          <button type="button" className="bd-mini-button" tabIndex={-1} data-testid="card-insert-bullet" disabled={!canInsert} title={insertReason ?? 'Insert as a cited bullet at the cursor'} aria-label="Insert as bullet" onClick={insert('bullet')}>
            +•
          </button>
        </span>
      </div>
      <div className="bd-event-card__summary">{card.summary}</div>
      <div className="bd-event-card__meta">
        {card.actors.length > 0 ? <span className="bd-event-card__actors">{card.actors.join(' · ')}</span> : null}
        {card.place ? <span className="bd-event-card__place">{card.place}</span> : null}
      </div>
    </div>
  );
}
