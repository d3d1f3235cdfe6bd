import { describe, expect, it } from 'vitest';
import { slugify } from './slug';

describe('slugify', () => {
  it.each([
    ['Sahel — weekly (v2)', 56, 'sahel-weekly-v2'],
    ['Évaluation côtière', 56, 'evaluation-cotiere'],
    ['  --Trade  talks--  ', 56, 'trade-talks'],
    ['My Agency (v2)', 56, 'my-agency-v2'],
    ['ÆØ', 56, 'fallback'],
    ['x', 56, 'fallback'],
    ['', 56, 'fallback'],
    ['abcdefgh ijk', 10, 'abcdefgh-i'],
    ['abcdefghi jk', 10, 'abcdefghi'],
  ])('%j (at most %i) → %j', (text, maxLength, expected) => {
    expect(slugify(text, { maxLength, fallback: 'fallback' })).toBe(expected);
  });
});
