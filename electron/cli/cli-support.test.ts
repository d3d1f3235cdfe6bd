import { describe, expect, it } from 'vitest';
import { TSV_HELP_LINE, cell, tsvCell } from './cli-support';

describe('tsvCell: one tab-separated column, escaped', () => {
  it.each([
    ['Port strike', 'Port strike'],
    ['', ''],
    // Row and column breaks become visible escapes; backslash is escaped so the escapes are unambiguous.
    ['a\tb', 'a\\tb'],
    ['line one\nline two', 'line one\\nline two'],
    ['crlf\r\n', 'crlf\\r\\n'],
    ['C:\\path\\to', 'C:\\\\path\\\\to'],
    ['a\\tb', 'a\\\\tb'],
    // Other control characters never reach the terminal or the file.
    ['esc \u001b[2Jclear', 'esc \\u001b[2Jclear'],
    ['nul\u0000 bell\u0007 del\u007f c1\u009b', 'nul\\u0000 bell\\u0007 del\\u007f c1\\u009b'],
    ['Invoice \u202Efdp.exe', 'Invoice \\u202efdp.exe'],
    ['iso\u2066late\u2069', 'iso\\u2066late\\u2069'],
    // The spreadsheet-injection rule: =, +, - and @ at the start get a leading quote.
    ['=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'],
    ['+cmd|\' /C calc\'!A0', '\'+cmd|\' /C calc\'!A0'],
    ['-2+3+cmd|\' /C calc\'!A0', '\'-2+3+cmd|\' /C calc\'!A0'],
    ['@SUM(A1:A2)', '\'@SUM(A1:A2)'],
    ['- bullet point', '\'- bullet point'],
    ['\t=1+1', '\\t=1+1'],
    ['x =1+1', 'x =1+1'],
    // Plain numbers are read as numbers by spreadsheets, so they are kept (documented in --help).
    ['-5', '-5'],
    ['+3.25', '+3.25'],
    ['-1e3', '-1e3'],
    ['-.5', '-.5'],
    ['-5 dead', '\'-5 dead'],
    ['2025-06-09', '2025-06-09'],
  ])('%j → %j', (value, expected) => {
    expect(tsvCell(value)).toBe(expected);
  });

  it('always gives a single line without tabs', () => {
    const hostile = Array.from({ length: 0xa0 }, (_, code) => String.fromCharCode(code)).join('');
    expect(tsvCell(hostile)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe('cell: a value inside a printed sentence', () => {
  it.each([
    ['Port strike', 'Port strike'],
    ['two\nlines\tand tabs', 'two lines and tabs'],
    ['esc \u001b[31mred', 'esc \\u001b[31mred'],
    ['=1+1', '=1+1'],
  ])('%j → %j', (value, expected) => {
    expect(cell(value)).toBe(expected);
  });
});

describe('--help', () => {
  it('says how tab-separated output is escaped, in one line', () => {
    expect(TSV_HELP_LINE).not.toContain('\n');
    expect(TSV_HELP_LINE).toMatch(/=, \+, - or @/);
  });
});
