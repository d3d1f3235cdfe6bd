import { describe, expect, it } from 'vitest';
import type { DateFormat } from '../../core/index';
import { dateFormatter, parseDateInput } from './format';

/** A moment in the machine's own time zone, so the expected local date and time hold everywhere. */
const local = (year: number, month: number, day: number, hour = 14, minute = 2): string => new Date(year, month - 1, day, hour, minute).toISOString();

describe('dateFormatter', () => {
  it.each<[DateFormat, string | undefined, string, string]>([
    ['day-month-year', undefined, '2026-12-07', '7 Dec 2026'],
    ['day-month-year', 'en-US', '2026-12-07', '7 Dec 2026'],
    ['day-month-year', undefined, '2025-01-31', '31 Jan 2025'],
    ['iso', undefined, '2026-12-07', '2026-12-07'],
    ['iso', 'en-US', '2026-12-07', '2026-12-07'],
    ['locale', 'en-US', '2026-12-07', '12/7/2026'],
    ['locale', 'en-GB', '2026-12-07', '07/12/2026'],
    ['locale', 'de-DE', '2026-12-07', '7.12.2026'],
    // Not a date: shown as it is rather than as "Invalid Date".
    ['day-month-year', undefined, 'someday', 'someday'],
  ])('%s (%s): date %s → %s', (format, locale, iso, expected) => {
    expect(dateFormatter({ format, locale }).date(iso)).toBe(expected);
  });

  it.each<[DateFormat, 'day' | 'month' | 'year', string]>([
    ['day-month-year', 'day', '5 Jun 2025'],
    ['day-month-year', 'month', 'Jun 2025'],
    ['day-month-year', 'year', '2025'],
    ['iso', 'day', '2025-06-05'],
    ['iso', 'month', '2025-06'],
    ['iso', 'year', '2025'],
    ['locale', 'day', '6/5/2025'],
    ['locale', 'month', 'Jun 2025'],
  ])('%s: a date known to the %s → %s', (format, precision, expected) => {
    expect(dateFormatter({ format, locale: 'en-US' }).fuzzy({ date: '2025-06-05', precision })).toBe(expected);
  });

  it('says "Undated" for no date', () => {
    expect(dateFormatter().fuzzy(null)).toBe('Undated');
  });

  it.each<[DateFormat, string | undefined, string]>([
    ['day-month-year', 'en-GB', '7 Dec 2026, 14:02'],
    ['day-month-year', 'en-US', '7 Dec 2026, 02:02 PM'],
    ['iso', 'en-US', '2026-12-07 14:02'],
    ['locale', 'en-GB', '07/12/2026, 14:02'],
  ])('%s (%s): a moment → %s', (format, locale, expected) => {
    expect(dateFormatter({ format, locale }).dateTime(local(2026, 12, 7))).toBe(expected);
  });

  const now = new Date(2026, 11, 7, 16, 0);
  it.each<[DateFormat, string, string]>([
    ['day-month-year', new Date(2026, 11, 7, 15, 59, 30).toISOString(), 'just now'],
    ['day-month-year', local(2026, 12, 7, 15, 40), '20 min ago'],
    ['day-month-year', local(2026, 12, 7, 9, 5), '09:05'],
    ['day-month-year', local(2026, 12, 6, 9, 5), 'Yesterday'],
    ['day-month-year', local(2026, 3, 3), '3 Mar'],
    ['day-month-year', local(2024, 3, 3), '3 Mar 2024'],
    ['iso', local(2026, 3, 3), '2026-03-03'],
    ['iso', local(2026, 12, 7, 9, 5), '09:05'],
    ['locale', local(2026, 3, 3), '03/03/2026'],
  ])('%s: relative %s → %s', (format, iso, expected) => {
    expect(dateFormatter({ format, locale: 'en-GB' }).relative(iso, now)).toBe(expected);
  });

  it('never writes the ambiguous month/day form by default', () => {
    const dates = dateFormatter();
    for (const iso of ['2026-12-07', '2026-07-12', '2026-01-02']) expect(dates.date(iso)).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{4}/);
  });
});

describe('parseDateInput', () => {
  it.each<[string, DateFormat, string | undefined, string | null]>([
    ['2026-12-07', 'day-month-year', undefined, '2026-12-07'],
    [' 2026-1-7 ', 'iso', undefined, '2026-01-07'],
    ['7 Dec 2026', 'day-month-year', undefined, '2026-12-07'],
    ['7 december 2026', 'iso', undefined, '2026-12-07'],
    ['07 Dec. 2026', 'day-month-year', undefined, '2026-12-07'],
    ['Dec 7, 2026', 'day-month-year', undefined, '2026-12-07'],
    ['September 30 2025', 'day-month-year', undefined, '2025-09-30'],
    // Numeric forms only in the locale's own order, and only when that is the display setting.
    ['12/7/2026', 'locale', 'en-US', '2026-12-07'],
    ['07/12/2026', 'locale', 'en-GB', '2026-12-07'],
    ['7.12.2026', 'locale', 'de-DE', '2026-12-07'],
    ['12/07/2026', 'day-month-year', 'en-US', null],
    // Not a whole or real date.
    ['2026-02-30', 'day-month-year', undefined, null],
    ['31 Feb 2026', 'day-month-year', undefined, null],
    ['7 Dec 202', 'day-month-year', undefined, null],
    ['7 Dez 2026', 'day-month-year', undefined, null],
    ['', 'day-month-year', undefined, null],
    ['tomorrow', 'day-month-year', undefined, null],
  ])('"%s" (%s, %s) → %s', (text, format, locale, expected) => {
    expect(parseDateInput(text, { format, locale })).toBe(expected);
  });

  it('reads back every date it writes, in every format', () => {
    for (const format of ['day-month-year', 'iso', 'locale'] as const) {
      for (const locale of ['en-US', 'en-GB', 'de-DE']) {
        const display = { format, locale };
        for (const iso of ['2026-12-07', '2025-01-31', '2024-02-29']) expect(parseDateInput(dateFormatter(display).date(iso), display)).toBe(iso);
      }
    }
  });
});
