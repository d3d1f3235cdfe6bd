import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** Rows drawn above and below the visible ones, so fast scrolling does not show blanks. */
export const OVERSCAN = 6;

/** Height assumed before the list has been measured. */
const FALLBACK_HEIGHT = 600;

/** The rows to render for a scroll position: from `start` up to, not including, `end`. */
export function visibleRange(scrollTop: number, viewportHeight: number, count: number, rowHeight: number): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const end = Math.max(start, Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + OVERSCAN));
  return { start, end };
}

/**
 * The app's one windowed list (notes, events, sources) of fixed-height rows: only the visible rows
 * (plus a few) are in the DOM, placed absolutely inside a spacer as tall as all rows, so 100,000
 * rows cost what 20 do. `onRange` tells a paged store which rows are needed, so it can fetch them.
 *
 * For assistive technology it is a one-column grid (rows hold buttons and checkboxes, which a
 * listbox's options may not): the list is one Tab stop, the arrow keys move the active row
 * (aria-activedescendant), and `renderRow` returns the row's gridcell with the id `rowId(index)`.
 */
export function VirtualList(props: {
  count: number;
  rowHeight: number;
  renderRow: (index: number) => ReactNode;
  /** The rows in the DOM now (first and last, inclusive). */
  onRange?: (first: number, last: number) => void;
  /** The row to keep in view (keyboard selection); -1 for none. */
  activeIndex: number;
  /** Changing it scrolls back to the top (a new result set). */
  resetKey?: number;
  label: string;
  testId?: string;
  /** The id of the gridcell of a row; `${testId}-${index}` unless given. */
  rowId?: (index: number) => string;
  /** Block class of the list: `${className}`, `${className}__spacer`, `${className}__row`. */
  className?: string;
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
}) {
  const { count, rowHeight, onRange, activeIndex, resetKey = 0, className = 'bd-vlist' } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setHeight(element.clientHeight || FALLBACK_HEIGHT);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || FALLBACK_HEIGHT));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    if (!ref.current) return;
    ref.current.scrollTop = 0;
    setScrollTop(0);
  }, [resetKey]);

  const { start, end } = visibleRange(scrollTop, height, count, rowHeight);

  useEffect(() => {
    if (onRange && end > start) onRange(start, end - 1);
  }, [start, end, onRange]);

  // Keyboard selection: scroll just enough to show the active row.
  useEffect(() => {
    const element = ref.current;
    if (!element || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
  }, [activeIndex, rowHeight]);

  const rowId = props.rowId ?? ((index: number) => `${props.testId ?? 'row'}-${index}`);
  const rows: ReactNode[] = [];
  for (let index = start; index < end; index++) {
    rows.push(
      <div key={index} className={`${className}__row`} role="row" aria-rowindex={index + 1} style={{ top: index * rowHeight, height: rowHeight }}>
        {props.renderRow(index)}
      </div>,
    );
  }

  return (
    <div
      ref={ref}
      className={className}
      role="grid"
      aria-label={props.label}
      aria-rowcount={count}
      aria-colcount={1}
      // Only a row that is in the DOM can be the active descendant.
      aria-activedescendant={activeIndex >= start && activeIndex < end ? rowId(activeIndex) : undefined}
      tabIndex={0}
      data-testid={props.testId}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={props.onKeyDown}
    >
      <div className={`${className}__spacer`} style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
