import { describe, expect, it } from 'vitest';
import { OVERSCAN, visibleRange } from './virtual-list';

describe('virtual list windowing', () => {
  const ROW = 84;
  it.each([
    ['the top', 0, 800, 5000, { start: 0, end: Math.ceil(800 / ROW) + OVERSCAN }],
    ['the middle', 2500 * ROW, 800, 5000, { start: 2500 - OVERSCAN, end: 2500 + Math.ceil(800 / ROW) + OVERSCAN }],
    ['the end', 5000 * ROW, 800, 5000, { start: 5000 - OVERSCAN, end: 5000 }],
    ['a list shorter than the window', 0, 800, 3, { start: 0, end: 3 }],
    ['an empty list', 0, 800, 0, { start: 0, end: 0 }],
  ])('renders only the rows in view plus a small overscan at %s', (_where, scrollTop, height, count, expected) => {
    expect(visibleRange(scrollTop, height, count, ROW)).toEqual(expected);
  });

  it('keeps the DOM small wherever 100,000 rows are scrolled', () => {
    for (const row of [0, 1, 50_000, 99_990]) {
      const { start, end } = visibleRange(row * 80, 900, 100_000, 80);
      expect(end - start).toBeLessThan(30);
      expect(start).toBeLessThanOrEqual(row);
    }
  });
});
