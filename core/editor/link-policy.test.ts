import { describe, expect, it } from 'vitest';
import { isAllowedLinkHref } from './link-policy';

describe('isAllowedLinkHref', () => {
  it.each([
    ['https://www.reuters.com/world/china/', true],
    ['http://example.org/a?b=c', true],
    ['mailto:desk@example.org', true],
    ['HTTPS://EXAMPLE.ORG', true],
    ['javascript:alert(1)', false],
    ['java\tscript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:msgbox', false],
    ['file:///etc/passwd', false],
    ['/relative/path', false],
    ['example.org', false],
    ['mailto:', false],
    ['https://', false],
    ['', false],
    [null, false],
  ])('%s → %s', (href, expected) => {
    expect(isAllowedLinkHref(href)).toBe(expected);
  });
});
