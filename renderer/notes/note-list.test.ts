import { describe, expect, it } from 'vitest';
import { ROW_HEIGHT, visibleRange } from './note-list';

describe('note list windowing', () => {
  it('renders only the rows in view plus a small overscan, wherever the list is scrolled', () => {
    expect(visibleRange(0, 800, 5000)).toEqual({ start: 0, end: Math.ceil(800 / ROW_HEIGHT) + 6 });
    const middle = visibleRange(2500 * ROW_HEIGHT, 800, 5000);
    expect(middle.start).toBe(2494);
    expect(middle.end - middle.start).toBeLessThan(30);
    expect(visibleRange(5000 * ROW_HEIGHT, 800, 5000).end).toBe(5000);
    expect(visibleRange(0, 800, 3)).toEqual({ start: 0, end: 3 });
  });
});
