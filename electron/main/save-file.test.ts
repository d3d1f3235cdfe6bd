import { describe, expect, it } from 'vitest';
import { checkSaveRequest } from './save-file';

const PDF = 'application/pdf';
const bytes = new Uint8Array([37, 80, 68, 70]).buffer;

describe('checkSaveRequest', () => {
  it.each([
    ['2025-06-10 Talks.pdf', '2025-06-10 Talks.pdf'],
    ['2025-06-10 Talks', '2025-06-10 Talks.pdf'],
    // A right-to-left override would make "Invoice \u202Efdp.exe.pdf" display as "Invoice fdp.exe" reversed.
    ['Invoice \u202Efdp.exe', 'Invoice fdp.exe.pdf'],
    ['Invoice \u2067fdp\u2069.pdf', 'Invoice fdp.pdf'],
    ['Brief\u200F\u200E\u061C.pdf', 'Brief.pdf'],
    ['Tab\there\u0085.pdf', 'Tabhere.pdf'],
    ['../../secret/A:B*C?.pdf', 'A B C.pdf'],
    ['C:\\Users\\x\\Brief.pdf', 'Brief.pdf'],
  ])('%j is saved as %j', (name, expected) => {
    expect(checkSaveRequest(name, PDF, bytes)).toMatchObject({ ok: true, value: { name: expected, format: 'pdf' } });
  });

  it.each(['', '\u202E', '..', '\u0000\u0001', 42])('%j is refused', (name) => {
    expect(checkSaveRequest(name, PDF, bytes)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Saving needs a file name.' } });
  });
});
