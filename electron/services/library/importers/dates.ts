import type { FuzzyDate } from '../../../../core/domain/library';

/**
 * Date parsing shared by all importers. Dates are kept as written (the calendar day in the writer's
 * time zone): "2025-06-10T23:30:00-05:00" is 10 June, not 11 June UTC, because analysts cite the day
 * the outlet reported.
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A FuzzyDate from numeric parts, or null when they do not form a real date (month 13, 31 April…).
 * Years outside 1000–2999 are rejected: they are typos or placeholder values in real files.
 */
export function fuzzyDateFromParts(year: number, month?: number | null, day?: number | null): FuzzyDate | null {
  if (!Number.isInteger(year) || year < 1000 || year > 2999) return null;
  if (month == null) return { date: `${year}-01-01`, precision: 'year' };
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (day == null) return { date: `${year}-${pad2(month)}-01`, precision: 'month' };
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return { date: `${year}-${pad2(month)}-${pad2(day)}`, precision: 'day' };
}

/**
 * GDELT's SQLDATE (YYYYMMDD) without allocating a regex match: this runs once per row on 100k-row files.
 */
export function parseCompactDate(value: string): FuzzyDate | null {
  if (value.length !== 8) return null;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(4, 6));
  const day = Number(value.slice(6, 8));
  if (Number.isNaN(year) || Number.isNaN(month) || Number.isNaN(day)) return null;
  return fuzzyDateFromParts(year, month, day);
}

const ISO = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?$/i;
const SLASHED = /^(\d{4})\/(\d{1,2})(?:\/(\d{1,2}))?$/;
const COMPACT = /^\d{8}$/;
/** "10 June 2025", "10-Jun-2025", "Wed, 10 Jun 2025 07:26:05 GMT" (RFC 822 / 1123). */
const DAY_MONTH_YEAR = /^(?:[a-z]{3,9},?\s+)?(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?[\s-]+(\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[a-z]{1,5}|[+-]\d{4}))?)?$/i;
/** "June 10, 2025", "Jun 10 2025". */
const MONTH_DAY_YEAR = /^(?:[a-z]{3,9},?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;
/** "June 2025". */
const MONTH_YEAR = /^([a-z]{3,9})\.?,?\s+(\d{4})$/i;

function monthOf(name: string): number | null {
  return MONTHS[name.toLowerCase()] ?? null;
}

/** RFC 822 allows two-digit years; read them as 19xx/20xx like mail clients do. */
function fullYear(text: string): number {
  const n = Number(text);
  if (text.length === 4) return n;
  return n < 50 ? 2000 + n : 1900 + n;
}

/**
 * Parses the date formats found in event and article files: `2025-06-10`, `2025-06`, `2025`,
 * `20250610`, `2025/06/10`, ISO 8601 date-times, `10 June 2025`, `June 10, 2025`, `June 2025` and
 * RFC 822 (`Tue, 10 Jun 2025 07:26:05 GMT`). Returns null for anything else or an impossible date.
 */
export function parseFuzzyDate(input: string | null | undefined): FuzzyDate | null {
  if (input == null) return null;
  const text = input.trim();
  if (!text) return null;
  if (COMPACT.test(text)) return parseCompactDate(text);
  let m = ISO.exec(text);
  if (m) return fuzzyDateFromParts(Number(m[1]), m[2] ? Number(m[2]) : null, m[3] ? Number(m[3]) : null);
  m = SLASHED.exec(text);
  if (m) return fuzzyDateFromParts(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null);
  m = DAY_MONTH_YEAR.exec(text);
  if (m) {
    const month = monthOf(m[2]!);
    return month ? fuzzyDateFromParts(fullYear(m[3]!), month, Number(m[1])) : null;
  }
  m = MONTH_DAY_YEAR.exec(text);
  if (m) {
    const month = monthOf(m[1]!);
    return month ? fuzzyDateFromParts(Number(m[3]), month, Number(m[2])) : null;
  }
  m = MONTH_YEAR.exec(text);
  if (m) {
    const month = monthOf(m[1]!);
    return month ? fuzzyDateFromParts(Number(m[2]), month, null) : null;
  }
  return null;
}
