import { describe, expect, it } from 'vitest';
import { parseFuzzyDate } from './dates';

describe('parseFuzzyDate', () => {
  it.each([
    ['2025-06-10', '2025-06-10', 'day'],
    ['2025-06', '2025-06-01', 'month'],
    ['2025', '2025-01-01', 'year'],
    ['20250610', '2025-06-10', 'day'],
    ['2025/06/10', '2025-06-10', 'day'],
    ['10 June 2025', '2025-06-10', 'day'],
    ['12-Jun-2025', '2025-06-12', 'day'],
    ['June 10, 2025', '2025-06-10', 'day'],
    ['June 2025', '2025-06-01', 'month'],
    ['Wed, 31 Jan 2018 07:26:05 GMT', '2018-01-31', 'day'],
    ['Mon, 09 Jun 2025 23:10:00 +0200', '2025-06-09', 'day'],
    ['2016-02-01T17:54:50+01:00', '2016-02-01', 'day'],
    ['2025-06-10T23:30:00-05:00', '2025-06-10', 'day'],
    ['  2024-02-29 ', '2024-02-29', 'day'],
  ])('%s → %s (%s)', (input, date, precision) => {
    expect(parseFuzzyDate(input)).toEqual({ date, precision });
  });

  it.each(['', 'yesterday', '2025-13-01', '2025-02-30', '2023-02-29', '31 Foo 2025', '10/06/2025', '0000', '99999999', '2025-6-1x'])('rejects %j', (input) => {
    expect(parseFuzzyDate(input)).toBeNull();
  });
});
