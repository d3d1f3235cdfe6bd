import { describe, expect, it } from 'vitest';
import { markingStyle, normalizeMarking, toTlpLevel } from './marking';

describe('markings', () => {
  it.each([
    ['TLP:AMBER', 'TLP:AMBER'],
    ['tlp:amber+strict', 'TLP:AMBER+STRICT'],
    ['TLP: red', 'TLP:RED'],
    ['green', 'TLP:GREEN'],
    ['TLP:WHITE', null],
    ['OFFICIAL-SENSITIVE', null],
  ])('toTlpLevel(%s) = %s', (input, expected) => {
    expect(toTlpLevel(input)).toBe(expected);
  });

  it.each([
    ['  OFFICIAL-SENSITIVE  ', 'OFFICIAL-SENSITIVE'],
    ['tlp:clear', 'TLP:CLEAR'],
    ['SECRET   //  REL UK', 'SECRET // REL UK'],
  ])('normalizeMarking(%s) = %s', (input, expected) => {
    expect(normalizeMarking(input)).toBe(expected);
  });

  it('draws TLP labels in their colour on black and free lines in a neutral style', () => {
    expect(markingStyle('TLP:RED')).toMatchObject({ label: 'TLP:RED', color: '#FF2B2B', background: '#000000', tlp: 'TLP:RED' });
    expect(markingStyle('TLP:AMBER+STRICT').color).toBe('#FFC000');
    expect(markingStyle('official-sensitive')).toMatchObject({ label: 'OFFICIAL-SENSITIVE', tlp: null });
  });
});
