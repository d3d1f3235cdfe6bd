import { SAFE_URL_SCHEMES, isSafeUrl } from '../domain/safe-url';

/** Schemes a link may use. Everything else (javascript:, data:, file:, vbscript:…) is dropped. */
export const ALLOWED_LINK_PROTOCOLS = SAFE_URL_SCHEMES;

/**
 * True when `href` is an absolute http, https or mailto URL. Relative URLs are refused too: a note
 * travels (export, copy) and a relative link would point somewhere else in each place. The rule is
 * the one every entry point uses (core/domain/safe-url.ts), so what the editor, export and the
 * link opener accept is exactly what the backend stores.
 */
export function isAllowedLinkHref(href: string | null | undefined): boolean {
  return isSafeUrl(href);
}
