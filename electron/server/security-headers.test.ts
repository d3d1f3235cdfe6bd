import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './security-headers';

describe('content security policy', () => {
  it('has no unsafe-eval and no inline scripts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
  });

  it('matches the renderer meta tag (which cannot carry frame-ancestors)', () => {
    const html = readFileSync(resolve(__dirname, '..', '..', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const directives = (policy: string): string[] =>
      policy
        .split(';')
        .map((part) => part.trim())
        .filter((part) => part && !part.startsWith('frame-ancestors'));
    expect(directives(meta!)).toEqual(directives(CONTENT_SECURITY_POLICY));
  });
});
