import { useMemo, useRef, useState, type PointerEvent } from 'react';
import { useDates } from '../ui/use-dates';
import { brushRange, buildTimeline, formatBucket, formatCount, type BucketMode, type TimelineBar } from './event-query';

/**
 * The timeline histogram of the filtered events. Dragging across bars (brushing) sets the date
 * filter; a click on one bar selects that bucket.
 */
export function Timeline(props: {
  histogram: readonly { start: string; count: number }[] | null;
  bucket: BucketMode;
  from: string;
  to: string;
  onBucket: (bucket: BucketMode) => void;
  onBrush: (from: string, to: string) => void;
  onClear: () => void;
}) {
  const dates = useDates();
  const { size, bars } = useMemo(() => buildTimeline(props.histogram, props.bucket), [props.histogram, props.bucket]);
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ anchor: number; current: number } | null>(null);
  const max = bars.reduce((highest, bar) => Math.max(highest, bar.count), 0);

  const indexAt = (clientX: number): number => {
    const box = svg.current?.getBoundingClientRect();
    if (!box || box.width === 0 || bars.length === 0) return 0;
    return Math.max(0, Math.min(bars.length - 1, Math.floor(((clientX - box.left) / box.width) * bars.length)));
  };

  const onPointerDown = (event: PointerEvent<SVGSVGElement>): void => {
    if (bars.length === 0 || event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    const index = indexAt(event.clientX);
    setDrag({ anchor: index, current: index });
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>): void => {
    if (!drag) return;
    const index = indexAt(event.clientX);
    if (index !== drag.current) setDrag({ ...drag, current: index });
  };
  const onPointerUp = (): void => {
    if (!drag) return;
    const range = brushRange(bars, drag.anchor, drag.current);
    setDrag(null);
    if (range) props.onBrush(range.from, range.to);
  };

  const inFilter = (bar: TimelineBar): boolean => (!props.from || bar.end >= props.from) && (!props.to || bar.start <= props.to);
  const filtered = Boolean(props.from || props.to);
  const low = drag ? Math.min(drag.anchor, drag.current) : -1;
  const high = drag ? Math.max(drag.anchor, drag.current) : -1;
  const brushLabel = drag ? brushRange(bars, drag.anchor, drag.current) : null;

  return (
    <div className="bd-timeline" data-testid="timeline" data-bucket={size} data-bars={bars.length}>
      <div className="bd-timeline__head">
        <span className="bd-timeline__caption">
          {brushLabel ? `${dates.date(brushLabel.from)} → ${dates.date(brushLabel.to)}` : bars.length > 0 ? `${formatBucket(bars[0]!, size, dates)} – ${formatBucket(bars[bars.length - 1]!, size, dates)}` : 'Timeline'}
        </span>
        {filtered ? (
          <button type="button" className="bd-link-button" data-testid="timeline-clear" onClick={props.onClear} title="Clear the date filter">
            Clear dates
          </button>
        ) : null}
        <select className="bd-select bd-select--tiny" aria-label="Timeline buckets" value={props.bucket} data-testid="timeline-bucket" onChange={(event) => props.onBucket(event.target.value as BucketMode)}>
          <option value="auto">Auto ({size})</option>
          <option value="day">Days</option>
          <option value="week">Weeks</option>
          <option value="month">Months</option>
        </select>
      </div>
      {bars.length === 0 ? (
        <div className="bd-timeline__empty">No dated events</div>
      ) : (
        <svg
          ref={svg}
          className="bd-timeline__chart"
          viewBox={`0 0 ${bars.length} 100`}
          preserveAspectRatio="none"
          role="img"
          aria-label={`Events per ${size}; drag across bars to filter by date`}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setDrag(null)}
        >
          {drag ? <rect className="bd-timeline__brush" x={low} y={0} width={high - low + 1} height={100} /> : null}
          {bars.map((bar, index) => {
            const barHeight = max === 0 ? 0 : Math.max(bar.count > 0 ? 4 : 0, (bar.count / max) * 96);
            return (
              <rect
                key={bar.start}
                className={`bd-timeline__bar${inFilter(bar) ? '' : ' is-outside'}`}
                x={index + 0.1}
                y={100 - barHeight}
                width={0.8}
                height={barHeight}
                data-start={bar.start}
              >
                <title>{`${formatBucket(bar, size, dates)}: ${formatCount(bar.count, 'event')}`}</title>
              </rect>
            );
          })}
        </svg>
      )}
    </div>
  );
}
