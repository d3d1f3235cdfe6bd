import { describe, expect, it } from 'vitest';
import { exportFileBase, exportFileName, safeFileName } from './file-name';

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
    // Bidirectional controls and marks are dropped: "Invoice \u202Efdp.exe" would display as "Invoice exe.pdf".
    ['Invoice \u202Efdp.exe', '2025-06-10 Invoice fdp.exe'],
    ['a\u202Ab\u202Bc\u202Cd\u202De\u202Ef', '2025-06-10 abcdef'],
    ['a\u2066b\u2067c\u2068d\u2069e', '2025-06-10 abcde'],
    ['a\u200Eb\u200Fc\u061Cd', '2025-06-10 abcd'],
    ['zero\u200Bwidth\u200D\uFEFF', '2025-06-10 zerowidth'],
    ['\u202E', '2025-06-10 Untitled note'],
    // C1 controls, DEL, CR and vertical tab become spaces like the C0 ones.
    ['a\u0085b\u009Bc\u007Fd\re\vf', '2025-06-10 a b c d e f'],
    ['تقرير \u200Fالوضع', '2025-06-10 تقرير الوضع'],
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

describe('safeFileName', () => {
  it.each([
    ['Invoice \u202Efdp.exe.pdf', 'Invoice fdp.exe.pdf'],
    ['../../etc/passwd', 'etc passwd'],
    ['  .hidden. ', 'hidden'],
    ['\u2066\u2069', ''],
    ['2025-06-10 Talks.pdf', '2025-06-10 Talks.pdf'],
  ])('%j → %j', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });
});
