import { describe, expect, it } from 'vitest';
import { rovingIndex } from './roving-focus';

describe('rovingIndex', () => {
  it.each([
    // key, from, count, axis, expected
    ['ArrowRight', 0, 5, 'horizontal', 1],
    ['ArrowRight', 4, 5, 'horizontal', 0],
    ['ArrowLeft', 0, 5, 'horizontal', 4],
    ['ArrowLeft', 3, 5, 'horizontal', 2],
    ['Home', 3, 5, 'horizontal', 0],
    ['End', 1, 5, 'horizontal', 4],
    ['ArrowDown', 1, 5, 'horizontal', null],
    ['ArrowUp', 1, 5, 'horizontal', null],
    ['ArrowDown', 1, 6, 'both', 2],
    ['ArrowUp', 0, 6, 'both', 5],
    ['ArrowRight', -1, 3, 'both', 0],
    ['ArrowLeft', -1, 3, 'both', 2],
    ['Enter', 1, 5, 'both', null],
    [' ', 1, 5, 'both', null],
    ['ArrowRight', 0, 0, 'both', null],
    ['ArrowRight', 0, 1, 'both', 0],
  ] as const)('%s from %i of %i (%s) → %s', (key, from, count, axis, expected) => {
    expect(rovingIndex(key, from, count, axis)).toBe(expected);
  });
});
