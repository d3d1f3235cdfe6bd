import { describe, expect, it } from 'vitest';
import { eventIdOf, fastHash64 } from './library-ids';

describe('event ids', () => {
  const content = { date: { date: '2025-01-01', precision: 'day' as const }, summary: 'x', actors: [] };

  it('are stable across versions (stored libraries and notes refer to them)', () => {
    expect(eventIdOf('GDELT', '900000000', content)).toBe('ev-0e311f0f869e0fbe');
    expect(fastHash64('')).toBe('488bdcb827444c8f');
    expect(fastHash64('a')).toBe('501c2ba713b00c98');
  });

  it('differ by dataset and external id, and never collide on a 100,000-row file', () => {
    expect(eventIdOf('A', '1', content)).not.toBe(eventIdOf('B', '1', content));
    const ids = new Set(Array.from({ length: 100_000 }, (_, i) => eventIdOf('bench.export.CSV', String(900_000_000 + i), content)));
    expect(ids.size).toBe(100_000);
    for (const id of ids) expect(id).toMatch(/^ev-[0-9a-f]{16}$/);
  });
});
