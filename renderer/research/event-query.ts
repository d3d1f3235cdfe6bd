import type { EventQuery, FuzzyDate } from '../../core/index';
import { dateFormatter, type DateFormatter } from '../ui/format';

/** Admiralty source reliability grades, in order. */
export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type ReliabilityGrade = (typeof RELIABILITY_GRADES)[number];

/** Sort orders offered in the sidebar. */
export type EventSort = 'relevance' | 'date-desc' | 'date-asc';

/** Everything the analyst can set in the Events tab; empty strings mean "no filter". */
export interface EventFilters {
  query: string;
  from: string;
  to: string;
  actor: string;
  country: string;
  type: string;
  datasetId: string;
  sourceId: string;
  reliability: readonly ReliabilityGrade[];
  sort: EventSort;
}

/** No filter at all. */
export const EMPTY_FILTERS: EventFilters = {
  query: '',
  from: '',
  to: '',
  actor: '',
  country: '',
  type: '',
  datasetId: '',
  sourceId: '',
  reliability: [],
  sort: 'relevance',
};

/** Timeline bucket size; `auto` picks one from the span of the matches. */
export type BucketMode = 'auto' | 'day' | 'week' | 'month';
export type BucketSize = Exclude<BucketMode, 'auto'>;

/** One bar of the timeline: [start, end] inclusive, as YYYY-MM-DD. */
export interface TimelineBar {
  start: string;
  end: string;
  count: number;
}

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * Maps the filters to an `events:search` input: empty fields are left out (the contract rejects
 * empty strings for ids and date patterns), and "relevance" without a query sorts newest first,
 * since there is nothing to rank by.
 */
export function buildEventQuery(filters: EventFilters, page: { offset: number; limit: number; histogram?: boolean }): EventQuery {
  const query: EventQuery = { offset: page.offset, limit: page.limit };
  const text = filters.query.trim();
  if (text) query.query = text.slice(0, 500);
  if (DATE_RE.test(filters.from.trim())) query.from = filters.from.trim();
  if (DATE_RE.test(filters.to.trim())) query.to = filters.to.trim();
  if (filters.actor.trim()) query.actor = filters.actor.trim().slice(0, 200);
  if (filters.country.trim()) query.country = filters.country.trim().slice(0, 100);
  if (filters.type.trim()) query.type = filters.type.trim().slice(0, 200);
  if (filters.datasetId) query.datasetId = filters.datasetId;
  if (filters.sourceId) query.sourceId = filters.sourceId;
  if (filters.reliability.length > 0) query.reliability = [...filters.reliability];
  query.sort = filters.sort === 'relevance' && !text ? 'date-desc' : filters.sort;
  // Day buckets always: the sidebar regroups them into weeks or months itself, so the bucket
  // toggle never costs another search.
  if (page.histogram) query.histogram = 'day';
  return query;
}

/** Whether any filter other than the sort is set. */
export function hasFilters(filters: EventFilters): boolean {
  return Boolean(
    filters.query.trim() ||
      filters.from ||
      filters.to ||
      filters.actor.trim() ||
      filters.country.trim() ||
      filters.type.trim() ||
      filters.datasetId ||
      filters.sourceId ||
      filters.reliability.length > 0,
  );
}

const DAY_MS = 86_400_000;

function parseDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7) || '1') - 1, Number(iso.slice(8, 10) || '1'));
}

function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The start of the bucket holding `ms` (weeks start on Monday, as ISO weeks do). */
function bucketStart(ms: number, size: BucketSize): number {
  if (size === 'day') return ms;
  const date = new Date(ms);
  if (size === 'month') return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const weekday = (date.getUTCDay() + 6) % 7;
  return ms - weekday * DAY_MS;
}

function nextBucket(ms: number, size: BucketSize): number {
  if (size === 'day') return ms + DAY_MS;
  if (size === 'week') return ms + 7 * DAY_MS;
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** Picks a bucket size that gives a readable number of bars for the span. */
export function autoBucket(firstDay: string, lastDay: string): BucketSize {
  const days = (parseDay(lastDay) - parseDay(firstDay)) / DAY_MS;
  if (days <= 92) return 'day';
  if (days <= 2 * 365) return 'week';
  return 'month';
}

/** Most bars drawn; beyond it a finer size is coarsened so bars stay at least a pixel or two wide. */
const MAX_BARS = 400;

/**
 * Regroups day counts into timeline bars of the chosen size, with empty buckets filled in so the
 * time axis is linear. Day counts may arrive unsorted and may hold empty days.
 */
export function buildTimeline(days: readonly { start: string; count: number }[] | null, mode: BucketMode): { size: BucketSize; bars: TimelineBar[] } {
  const nonEmpty = (days ?? []).filter((day) => day.count > 0 && /^\d{4}-\d{2}-\d{2}/.test(day.start));
  if (nonEmpty.length === 0) return { size: mode === 'auto' ? 'day' : mode, bars: [] };
  let first = Infinity;
  let last = -Infinity;
  for (const day of nonEmpty) {
    const ms = parseDay(day.start);
    if (ms < first) first = ms;
    if (ms > last) last = ms;
  }
  let size: BucketSize = mode === 'auto' ? autoBucket(formatDay(first), formatDay(last)) : mode;
  const order: BucketSize[] = ['day', 'week', 'month'];
  const estimate = (candidate: BucketSize): number => (last - first) / DAY_MS / (candidate === 'day' ? 1 : candidate === 'week' ? 7 : 30);
  while (estimate(size) > MAX_BARS && size !== 'month') size = order[order.indexOf(size) + 1]!;

  const counts = new Map<number, number>();
  for (const day of nonEmpty) {
    const key = bucketStart(parseDay(day.start), size);
    counts.set(key, (counts.get(key) ?? 0) + day.count);
  }
  const bars: TimelineBar[] = [];
  for (let at = bucketStart(first, size); at <= last; at = nextBucket(at, size)) {
    bars.push({ start: formatDay(at), end: formatDay(nextBucket(at, size) - DAY_MS), count: counts.get(at) ?? 0 });
  }
  return { size, bars };
}

/** The date range covered by bars `a`..`b` (either order), for the brush. */
export function brushRange(bars: readonly TimelineBar[], a: number, b: number): { from: string; to: string } | null {
  const low = Math.max(0, Math.min(a, b));
  const high = Math.min(bars.length - 1, Math.max(a, b));
  const first = bars[low];
  const last = bars[high];
  if (!first || !last) return null;
  return { from: first.start, to: last.end };
}

/** "5 Jun 2025", "Jun 2025" or "2025", as precise as the date is known, in the display format given. */
export function formatFuzzyDate(date: FuzzyDate | null | undefined, dates: DateFormatter = dateFormatter()): string {
  return dates.fuzzy(date);
}

/** A bucket's label for tooltips: "9 Jun 2025", "week of 9 Jun 2025", "Jun 2025". */
export function formatBucket(bar: TimelineBar, size: BucketSize, dates: DateFormatter = dateFormatter()): string {
  if (size === 'month') return dates.fuzzy({ date: bar.start, precision: 'month' });
  const day = dates.fuzzy({ date: bar.start, precision: 'day' });
  return size === 'week' ? `week of ${day}` : day;
}

/** "1 event", "1,234 events". */
export function formatCount(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** Which pages hold rows `first`..`last` (inclusive). */
export function pagesFor(first: number, last: number, pageSize: number, total: number): number[] {
  if (total <= 0 || last < first) return [];
  const low = Math.max(0, Math.floor(first / pageSize));
  const high = Math.min(Math.floor((total - 1) / pageSize), Math.floor(Math.max(first, last) / pageSize));
  const pages: number[] = [];
  for (let page = low; page <= high; page++) pages.push(page);
  return pages;
}
