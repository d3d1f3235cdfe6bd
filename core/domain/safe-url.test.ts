import { describe, expect, it } from 'vitest';
import { SafeUrlSchema, checkUrl, safeUrl } from './safe-url';

describe('safeUrl', () => {
  it.each([
    // kept (trimmed)
    ['https://www.reuters.com/world/china/', 'https://www.reuters.com/world/china/'],
    ['http://example.org/a?b=c', 'http://example.org/a?b=c'],
    ['HTTPS://EXAMPLE.ORG', 'HTTPS://EXAMPLE.ORG'],
    ['  https://example.org/x \n', 'https://example.org/x'],
    ['\ufeffhttps://example.org/', 'https://example.org/'],
    ['mailto:desk@example.org', 'mailto:desk@example.org'],
    ['MailTo:desk@example.org', 'MailTo:desk@example.org'],
    ['https://example.org/a b', 'https://example.org/a b'],
    // refused: scheme
    ['javascript:alert(1)', null],
    ['JAVASCRIPT:alert(1)', null],
    [' JAVASCRIPT:alert(1)', null],
    ['\u0001javascript:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['vbscript:msgbox', null],
    ['file:///etc/passwd', null],
    ['blob:https://example.org/uuid', null],
    ['ftp://example.org/file', null],
    // refused: control and direction characters inside (browsers drop tab/CR/LF in a URL)
    ['java\tscript:alert(1)', null],
    ['java\nscript:alert(1)', null],
    ['java\rscript:alert(1)', null],
    ['java\u0000script:alert(1)', null],
    ['ht\ttps://example.org/', null],
    ['https://example.org/\u202egnp.exe', null],
    ['https://example.org/\u2066x', null],
    ['https://example.org/\u200fx', null],
    ['https://example.org/\u061cx', null],
    ['https://example.org/\u0085x', null],
    // refused: entity tricks are not absolute URLs, and nothing is decoded
    ['&#106;avascript:alert(1)', null],
    ['&#x6A;avascript:alert(1)', null],
    ['javascript&colon;alert(1)', null],
    // refused: relative, incomplete, empty, oversized
    ['/relative/path', null],
    ['//example.org/x', null],
    ['example.org', null],
    ['mailto:', null],
    ['https://', null],
    ['', null],
    ['   ', null],
    [null, null],
    [42, null],
    [`https://example.org/${'a'.repeat(9000)}`, null],
  ])('%j → %j', (raw, expected) => {
    expect(safeUrl(raw)).toBe(expected);
  });

  it('says why a value was refused', () => {
    expect(checkUrl('javascript:alert(1)')).toEqual({ ok: false, refusal: 'scheme', scheme: 'javascript' });
    expect(checkUrl('java\tscript:x')).toMatchObject({ ok: false, refusal: 'control-characters' });
    expect(checkUrl('/x')).toMatchObject({ ok: false, refusal: 'not-absolute' });
  });
});

describe('SafeUrlSchema', () => {
  it.each([
    ['https://example.org/a', true],
    [' https://example.org/a ', true],
    ['javascript:alert(1)', false],
    ['data:text/html,x', false],
    ['file:///etc/passwd', false],
    ['java\tscript:alert(1)', false],
  ])('%j → %s', (value, ok) => {
    const parsed = SafeUrlSchema.safeParse(value);
    expect(parsed.success ? { data: parsed.data } : { message: parsed.error.issues[0]!.message }).toEqual(ok ? { data: value.trim() } : { message: expect.stringMatching(/^Not a usable link: /) });
  });
});
