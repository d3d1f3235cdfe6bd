import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** Rows drawn above and below the visible ones, so fast scrolling does not show blanks. */
const OVERSCAN = 6;

/**
 * A windowed list of fixed-height rows: only the visible rows (plus a few) are in the DOM, placed
 * absolutely inside a spacer as tall as all rows, so 100,000 rows cost what 20 do. `onRange` tells
 * the store which rows are needed, so it can fetch their pages.
 *
 * For assistive technology it is a one-column grid (rows hold buttons and checkboxes, which a
 * listbox's options may not): the list is one Tab stop, the arrow keys move the active row
 * (aria-activedescendant), and `renderRow` returns the row's gridcell with the id `${testId}-${index}`.
 */
export function VirtualList(props: {
  count: number;
  rowHeight: number;
  renderRow: (index: number) => ReactNode;
  onRange: (first: number, last: number) => void;
  /** The row to keep in view (keyboard selection); -1 for none. */
  activeIndex: number;
  /** Changing it scrolls back to the top (a new result set). */
  resetKey: number;
  label: string;
  testId?: string;
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
}) {
  const { count, rowHeight, onRange, activeIndex, resetKey } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setHeight(element.clientHeight || 600);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || 600));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    if (!ref.current) return;
    ref.current.scrollTop = 0;
    setScrollTop(0);
  }, [resetKey]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count - 1, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);

  useEffect(() => {
    if (count > 0) onRange(first, last);
  }, [first, last, count, onRange]);

  // Keyboard selection: scroll just enough to show the active row.
  useEffect(() => {
    const element = ref.current;
    if (!element || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
  }, [activeIndex, rowHeight]);

  const rows: ReactNode[] = [];
  for (let index = first; index <= last; index++) {
    rows.push(
      <div key={index} className="bd-vlist__row" role="row" aria-rowindex={index + 1} style={{ top: index * rowHeight, height: rowHeight }}>
        {props.renderRow(index)}
      </div>,
    );
  }

  return (
    <div
      ref={ref}
      className="bd-vlist"
      role="grid"
      aria-label={props.label}
      aria-rowcount={count}
      aria-colcount={1}
      aria-activedescendant={activeIndex >= 0 ? `${props.testId ?? 'row'}-${activeIndex}` : undefined}
      tabIndex={0}
      data-testid={props.testId}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={props.onKeyDown}
    >
      <div className="bd-vlist__spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
