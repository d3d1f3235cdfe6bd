import { describe, expect, it } from 'vitest';
import { normalizeLinkInput } from './normalize-link-input';

describe('normalizeLinkInput', () => {
  it.each([
    ['https://example.com/a?b=1#c', 'https://example.com/a?b=1#c'],
    ['http://example.com', 'http://example.com'],
    ['  HTTPS://Example.com  ', 'HTTPS://Example.com'],
    ['example.com', 'https://example.com'],
    ['www.example.com/path', 'https://www.example.com/path'],
    ['example.com:8080/x', 'https://example.com:8080/x'],
    ['localhost:3000', 'https://localhost:3000'],
    ['//cdn.example.com/x', 'https://cdn.example.com/x'],
    ['desk@example.org', 'mailto:desk@example.org'],
    ['mailto:desk@example.org', 'mailto:desk@example.org'],
  ])('accepts %s as %s', (input, href) => {
    expect(normalizeLinkInput(input)).toEqual({ ok: true, href });
  });

  it.each([
    ['', /Enter a web address/],
    ['   ', /Enter a web address/],
    ['javascript:alert(1)', /"javascript:" links are not allowed/],
    ['JavaScript:alert(1)', /not allowed/],
    ['data:text/html,hi', /not allowed/],
    ['file:///etc/passwd', /not allowed/],
    ['ftp://example.com', /not allowed/],
    ['notaurl', /does not look like a web address/],
    ['two words.com', /spaces/],
    ['https://', /not a valid/],
    ['mailto:', /not a valid/],
  ])('refuses %j', (input, error) => {
    expect(normalizeLinkInput(input)).toEqual({ ok: false, error: expect.stringMatching(error) });
  });
});
