import { describe, expect, it } from 'vitest';
import { topKPositions } from './top-k';

/** The reference answer: every position sorted by key (higher first), ties by position. */
function sortedPositions(keys: Float64Array, n: number, k: number): number[] {
  const positions = Array.from({ length: n }, (_, i) => i);
  positions.sort((a, b) => keys[b]! - keys[a]! || a - b);
  return positions.slice(0, Math.max(0, k));
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('topKPositions', () => {
  it('matches a full sort, ties in position order, for many sizes and few or many distinct keys', () => {
    const next = random(7);
    for (const n of [0, 1, 2, 3, 7, 64, 500, 3000]) {
      for (const distinct of [1, 2, 5, 1000]) {
        const keys = new Float64Array(n + 5).fill(1e9);
        for (let i = 0; i < n; i += 1) keys[i] = Math.floor(next() * distinct) * 1.5 - 2;
        for (const k of [0, 1, 2, 10, 200, n, n + 3]) {
          expect(Array.from(topKPositions(keys, n, k)), `n=${n} distinct=${distinct} k=${k}`).toEqual(sortedPositions(keys, n, k));
        }
      }
    }
  });

  it('handles rising, falling and constant keys', () => {
    const n = 1000;
    const rising = Float64Array.from({ length: n }, (_, i) => i);
    const falling = Float64Array.from({ length: n }, (_, i) => -i);
    const constant = new Float64Array(n).fill(3);
    for (const keys of [rising, falling, constant]) expect(Array.from(topKPositions(keys, n, 50))).toEqual(sortedPositions(keys, n, 50));
  });
});
