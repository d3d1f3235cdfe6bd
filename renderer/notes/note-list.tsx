import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { NOTE_STATUS_LABELS, type NoteSummary } from '../../core/index';
import { useDates } from '../ui/use-dates';
import { MarkingChip } from './marking';

/** Height of one row in pixels; fixed so the window can be computed without measuring rows. */
export const ROW_HEIGHT = 84;
const OVERSCAN = 6;

/** The first and last row to render for a scroll position. */
export function visibleRange(scrollTop: number, viewportHeight: number, count: number, rowHeight = ROW_HEIGHT): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const end = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + OVERSCAN);
  return { start, end };
}

/**
 * The note list, windowed: only the rows in view (plus a few) are in the DOM, so 5,000 notes
 * scroll and filter as fast as 50. Keyboard: ↑/↓ move and open, Home/End, Delete acts on the
 * selected row.
 */
export function NoteList(props: {
  notes: NoteSummary[];
  selectedId: string | null;
  trashed: boolean;
  onOpen: (id: string) => void;
  onDelete: (id: string) => void;
  onRestore: (id: string) => void;
  onDeleteForever: (id: string) => void;
}) {
  const { notes, selectedId, onOpen } = props;
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const scrollIntoView = useCallback((index: number) => {
    const element = viewport.current;
    if (!element) return;
    const top = index * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  }, []);

  const selectedIndex = selectedId ? notes.findIndex((note) => note.id === selectedId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) scrollIntoView(selectedIndex);
  }, [selectedIndex, scrollIntoView]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget) return;
    const move = (index: number): void => {
      const target = notes[Math.max(0, Math.min(notes.length - 1, index))];
      if (target) onOpen(target.id);
      event.preventDefault();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(selectedIndex + 1);
      case 'ArrowUp':
        return move(selectedIndex - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(notes.length - 1);
      case 'Delete':
      case 'Backspace': {
        if (!selectedId || selectedIndex < 0) return;
        event.preventDefault();
        if (props.trashed) props.onDeleteForever(selectedId);
        else props.onDelete(selectedId);
        return;
      }
      default:
    }
  };

  const { start, end } = visibleRange(scrollTop, height, notes.length);
  const rows = notes.slice(start, end);

  return (
    <div
      ref={viewport}
      className="bd-note-list"
      data-testid="note-list"
      // A one-column grid, not a listbox: rows in the trash hold Restore and Delete buttons, which
      // options may not. The list is one Tab stop; ↑/↓ move the active row (aria-activedescendant).
      role="grid"
      aria-label={props.trashed ? 'Notes in the trash' : 'Notes'}
      aria-rowcount={notes.length}
      aria-colcount={1}
      aria-activedescendant={selectedIndex >= start && selectedIndex < end ? `note-row-${selectedId}` : undefined}
      tabIndex={0}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div className="bd-note-list__spacer" style={{ height: notes.length * ROW_HEIGHT }}>
        {rows.map((note, offset) => (
          <NoteRow
            key={note.id}
            note={note}
            index={start + offset}
            top={(start + offset) * ROW_HEIGHT}
            selected={note.id === selectedId}
            trashed={props.trashed}
            onOpen={onOpen}
            onRestore={props.onRestore}
            onDeleteForever={props.onDeleteForever}
          />
        ))}
      </div>
    </div>
  );
}

function NoteRow(props: {
  note: NoteSummary;
  index: number;
  top: number;
  selected: boolean;
  trashed: boolean;
  onOpen: (id: string) => void;
  onRestore: (id: string) => void;
  onDeleteForever: (id: string) => void;
}) {
  const { note } = props;
  const dates = useDates();
  return (
    // The row has no box of its own: the cell is placed in the spacer.
    <div role="row" aria-rowindex={props.index + 1}>
      <div
        id={`note-row-${note.id}`}
        className={`bd-note-row${props.selected ? ' is-selected' : ''}`}
        style={{ transform: `translateY(${props.top}px)`, height: ROW_HEIGHT }}
        role="gridcell"
        aria-selected={props.selected}
        data-testid="note-row"
        data-note-id={note.id}
        onClick={() => props.onOpen(note.id)}
      >
        <div className="bd-note-row__line">
          <span className="bd-note-row__title">{note.title || 'Untitled'}</span>
          <MarkingChip marking={note.marking} />
        </div>
        <div className="bd-note-row__line bd-note-row__meta">
          <span className={`bd-status-chip bd-status-chip--${note.status}`}>{NOTE_STATUS_LABELS[note.status]}</span>
          <span className="bd-note-row__time" title={`Updated ${dates.dateTime(note.updatedAt)}`}>
            {props.trashed && note.trashedAt ? `Trashed ${dates.relative(note.trashedAt)}` : dates.relative(note.updatedAt)}
          </span>
          {note.tags.length > 0 ? <span className="bd-note-row__tags">{note.tags.slice(0, 3).join(' · ')}</span> : null}
        </div>
        {props.trashed ? (
          <div className="bd-note-row__actions">
            <button
              type="button"
              className="bd-button bd-button--small"
              data-testid="restore-button"
              onClick={(event) => {
                event.stopPropagation();
                props.onRestore(note.id);
              }}
            >
              Restore
            </button>
            <button
              type="button"
              className="bd-button bd-button--small bd-button--danger-quiet"
              data-testid="delete-forever-button"
              onClick={(event) => {
                event.stopPropagation();
                props.onDeleteForever(note.id);
              }}
            >
              Delete for ever
            </button>
          </div>
        ) : (
          <div className="bd-note-row__excerpt">{note.excerpt || <span className="bd-muted">No text yet</span>}</div>
        )}
      </div>
    </div>
  );
}
