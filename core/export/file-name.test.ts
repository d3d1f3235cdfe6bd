import { describe, expect, it } from 'vitest';
import { exportFileBase, exportFileName } from './file-name';

describe('exportFileBase', () => {
  it.each([
    ['Rare earths and the London talks', '2025-06-10 Rare earths and the London talks'],
    ['', '2025-06-10 Untitled note'],
    ['   ', '2025-06-10 Untitled note'],
    ['A/B: C\\D*E?F"G<H>I|J', '2025-06-10 A B C D E F G H I J'],
    ['Tabs\tand\nnew lines\u0000', '2025-06-10 Tabs and new lines'],
    ['...hidden.', '2025-06-10 hidden'],
    ['///', '2025-06-10 Untitled note'],
    ['CON', '2025-06-10 CON note'],
    ['Café — Ünïcode ✓', '2025-06-10 Café — Ünïcode ✓'],
  ])('%j', (title, expected) => {
    expect(exportFileBase({ title, date: '2025-06-10' })).toBe(expected);
  });

  it('keeps long titles to 120 characters, cut at a word', () => {
    const title = 'Rare earths and the London talks '.repeat(10);
    const base = exportFileBase({ title, date: '2025-06-10' });
    expect(base.length).toBeLessThanOrEqual(120);
    expect(base.startsWith('2025-06-10 Rare earths')).toBe(true);
    expect(base).not.toMatch(/[\s.]$/);
    expect(title.startsWith(base.slice(11))).toBe(true);
  });

  it('does not split a character made of two UTF-16 units', () => {
    const base = exportFileBase({ title: '😀'.repeat(200), date: '2025-06-10' });
    expect(Array.from(base)).toHaveLength(120);
    expect(base).not.toMatch(/[\ud800-\udbff]$/);
  });
});

describe('exportFileName', () => {
  it.each([
    ['pdf', '2025-06-10 Talks.pdf'],
    ['docx', '2025-06-10 Talks.docx'],
    ['md', '2025-06-10 Talks.md'],
    ['html', '2025-06-10 Talks.html'],
  ] as const)('%s', (format, expected) => {
    expect(exportFileName({ title: 'Talks', date: '2025-06-10' }, format)).toBe(expected);
  });
});
