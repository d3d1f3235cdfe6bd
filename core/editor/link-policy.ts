/** Schemes a link may use. Everything else (javascript:, data:, file:, vbscript:…) is dropped. */
export const ALLOWED_LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const;

/**
 * True when `href` is an absolute http, https or mailto URL. Relative URLs are refused too: a note
 * travels (export, copy) and a relative link would point somewhere else in each place.
 */
export function isAllowedLinkHref(href: string | null | undefined): boolean {
  if (!href) return false;
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so we do too.
  const cleaned = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  if (!match) return false;
  const scheme = match[1]!.toLowerCase();
  if (scheme === 'mailto') return cleaned.length > 'mailto:'.length;
  if (scheme !== 'http' && scheme !== 'https') return false;
  try {
    const url = new URL(cleaned);
    return url.hostname.length > 0;
  } catch {
    return false;
  }
}
