/**
 * The Content-Security-Policy of the renderer, identical to the `<meta http-equiv>` in
 * renderer/index.html. Both shells send it as a header too, because a header also covers
 * `frame-ancestors` (ignored in a meta tag) and applies before the first byte of HTML is parsed.
 * No 'unsafe-eval' anywhere; 'unsafe-inline' only for styles (TipTap and React set style attributes).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every response of either shell carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
