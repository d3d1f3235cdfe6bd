import type { DateFormat, FuzzyDate, Settings } from '../../core/index';

/**
 * Every date and time the UI shows goes through here, in the analyst's chosen format
 * (settings.dateFormat): "7 Dec 2026" by default, ISO "2026-12-07", or the locale's own. Dates
 * written into notes and exports do not (they follow the note's locale).
 */
export interface DateDisplay {
  format: DateFormat;
  /** BCP 47 locale for "the locale's own" format and for times; undefined: the system's. */
  locale?: string;
}

/** The default: day, short month, year, which no reader can take for another date. */
export const DEFAULT_DATE_DISPLAY: DateDisplay = { format: 'day-month-year' };

/** Formats of one display setting; build with {@link dateFormatter} (cached, so cheap per render). */
export interface DateFormatter {
  /** A calendar date (YYYY-MM-DD): "7 Dec 2026", "2026-12-07", "12/7/2026" (en-US). */
  date(iso: string): string;
  /** A date known to the day, month or year: "5 Jun 2025", "Jun 2025", "2025"; "Undated" for none. */
  fuzzy(date: FuzzyDate | null | undefined): string;
  /** A moment (ISO timestamp) in local time: "7 Dec 2026, 14:02", "2026-12-07 14:02". */
  dateTime(iso: string): string;
  /** Compact for lists: "just now", "5 min ago", "14:02", "Yesterday", "3 Mar", "3 Mar 2024". */
  relative(iso: string, now?: Date): string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (value: number): string => String(value).padStart(2, '0');

// Intl formatters are costly to build (toLocale*String with options builds one per call); lists
// format a date per row on every render, so each is built once per locale and options.
const intlCache = new Map<string, Intl.DateTimeFormat>();
function intl(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let formatter = intlCache.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale || undefined, options);
    intlCache.set(key, formatter);
  }
  return formatter;
}

/** Calendar dates carry no time zone: format them at UTC midnight in UTC so no zone shifts the day. */
function calendarDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

const formatterCache = new Map<string, DateFormatter>();

/** The formatter of a display setting (one per format and locale). */
export function dateFormatter(display: DateDisplay = DEFAULT_DATE_DISPLAY): DateFormatter {
  const key = `${display.format}|${display.locale ?? ''}`;
  let formatter = formatterCache.get(key);
  if (!formatter) {
    formatter = buildFormatter(display);
    formatterCache.set(key, formatter);
  }
  return formatter;
}

/** The formatter of the workspace settings (the locale also gives "the locale's own" format). */
export function dateFormatterOf(settings: Pick<Settings, 'dateFormat' | 'locale'>): DateFormatter {
  return dateFormatter({ format: settings.dateFormat, locale: settings.locale || undefined });
}

function buildFormatter({ format, locale }: DateDisplay): DateFormatter {
  /** Day, month and year of the analyst's calendar (local time for moments). */
  const dayOf = (year: number, month: number, day: number, withYear = true): string => {
    if (format === 'iso') return `${year}-${pad(month)}-${pad(day)}`;
    if (format === 'locale') return intl(locale, { timeZone: 'UTC' }).format(calendarDate(year, month, day));
    return withYear ? `${day} ${MONTHS[month - 1]} ${year}` : `${day} ${MONTHS[month - 1]}`;
  };
  const monthOf = (year: number, month: number): string => {
    if (format === 'iso') return `${year}-${pad(month)}`;
    if (format === 'locale') return intl(locale, { timeZone: 'UTC', month: 'short', year: 'numeric' }).format(calendarDate(year, month, 1));
    return `${MONTHS[month - 1]} ${year}`;
  };
  // ISO reads as 24-hour time; the other formats keep the locale's clock, as before.
  const time = (date: Date): string =>
    format === 'iso' ? `${pad(date.getHours())}:${pad(date.getMinutes())}` : intl(locale, { hour: '2-digit', minute: '2-digit' }).format(date);
  const parts = (iso: string): [number, number, number] | null => {
    const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
    return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 1)] : null;
  };
  const localDay = (date: Date, withYear = true): string => dayOf(date.getFullYear(), date.getMonth() + 1, date.getDate(), withYear);

  return {
    date(iso) {
      const found = parts(iso);
      return found ? dayOf(...found) : iso;
    },
    fuzzy(date) {
      if (!date) return 'Undated';
      const found = parts(date.date);
      if (!found) return date.date;
      if (date.precision === 'year') return String(found[0]);
      if (date.precision === 'month') return monthOf(found[0], found[1]);
      return dayOf(...found);
    },
    dateTime(iso) {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return iso;
      return format === 'iso' ? `${localDay(date)} ${time(date)}` : `${localDay(date)}, ${time(date)}`;
    },
    relative(iso, now = new Date()) {
      const date = new Date(iso);
      const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
      if (Number.isNaN(seconds)) return '';
      if (seconds < 45) return 'just now';
      if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
      if (date.toDateString() === now.toDateString()) return time(date);
      const yesterday = new Date(now);
      yesterday.setDate(now.getDate() - 1);
      if (date.toDateString() === yesterday.toDateString()) return 'Yesterday';
      // ISO has no short form: a date without its year is not ISO any more.
      const sameYear = date.getFullYear() === now.getFullYear() && format === 'day-month-year';
      return localDay(date, !sameYear);
    },
  };
}

/** Today as YYYY-MM-DD in the analyst's time zone (not UTC). */
export function todayIso(now = new Date()): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Splits "a, b ,c" into distinct trimmed tags. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const tag = part.trim().slice(0, 60);
    if (tag) seen.add(tag);
  }
  return [...seen];
}

const MONTH_NUMBERS = new Map(MONTHS.map((name, index) => [name.toLowerCase(), index + 1]));

/** The order of day, month and year in the locale's numeric dates ("12/7/2026" in en-US: month first). */
function numericOrder(locale: string | undefined): ('day' | 'month' | 'year')[] {
  const order: ('day' | 'month' | 'year')[] = [];
  for (const part of intl(locale, { timeZone: 'UTC' }).formatToParts(calendarDate(2026, 12, 7))) {
    if (part.type === 'day' || part.type === 'month' || part.type === 'year') order.push(part.type);
  }
  return order.length === 3 ? order : ['day', 'month', 'year'];
}

/** YYYY-MM-DD of a real calendar date, or null ("31 Feb" is not one). */
function isoOf(year: number, month: number, day: number): string | null {
  const date = calendarDate(year, month, day);
  if (year < 1000 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Reads a date the analyst typed: ISO ("2026-12-07"), day month year ("7 Dec 2026", "7 December
 * 2026"), month day year ("Dec 7, 2026"), and, only when dates are shown in the locale's own form,
 * that locale's numeric form ("12/7/2026" in en-US). Returns YYYY-MM-DD, or null when the text is
 * not a whole date: a numeric date in another order would be a guess, and a wrong guess is worse
 * than asking again.
 */
export function parseDateInput(text: string, display: DateDisplay = DEFAULT_DATE_DISPLAY): string | null {
  const value = text.trim().replace(/\s+/g, ' ');
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const monthOf = (name: string): number | undefined => (name.length >= 3 ? MONTH_NUMBERS.get(name.slice(0, 3).toLowerCase()) : undefined);
  const dayFirst = /^(\d{1,2}) ([A-Za-z]+)\.?,? (\d{4})$/.exec(value);
  if (dayFirst) {
    const month = monthOf(dayFirst[2]!);
    return month ? isoOf(Number(dayFirst[3]), month, Number(dayFirst[1])) : null;
  }
  const monthFirst = /^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$/.exec(value);
  if (monthFirst) {
    const month = monthOf(monthFirst[1]!);
    return month ? isoOf(Number(monthFirst[3]), month, Number(monthFirst[2])) : null;
  }
  const numeric = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\.?$/.exec(value);
  if (!numeric || display.format !== 'locale') return null;
  const parts: Partial<Record<'day' | 'month' | 'year', number>> = {};
  numericOrder(display.locale).forEach((type, index) => {
    parts[type] = Number(numeric[index + 1]);
  });
  return parts.year !== undefined && parts.month !== undefined && parts.day !== undefined ? isoOf(parts.year, parts.month, parts.day) : null;
}
