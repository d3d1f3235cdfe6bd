import { z } from 'zod';

/**
 * The one rule for every URL that enters Briefing Desk — a feed item's link, a CSL item's URL, a
 * saved page's canonical link, our own CSV/JSON `source_url`, `sources:create`/`sources:update`, a
 * link mark sent with `notes:save` — and for every link the app later opens or exports.
 *
 * Only absolute http and https URLs with a host, and mailto: with an address, are kept. Everything
 * else (javascript:, data:, vbscript:, file:, blob:, relative paths…) is refused at the door, so the
 * library and the notes never hold a value that only the output side keeps harmless.
 */

/** Schemes a stored URL may use. */
export const SAFE_URL_SCHEMES = ['http', 'https', 'mailto'] as const;

/** Longest URL kept; real article URLs are far shorter, and a multi-megabyte "URL" is a payload. */
export const MAX_URL_LENGTH = 8192;

/**
 * Characters refused anywhere inside a URL: C0 and C1 controls and DEL (a browser silently drops
 * tab, CR and LF inside a URL, so "java\tscript:" would run as "javascript:"), and the Unicode
 * bidirectional controls and marks, which make a link display as something other than what it is.
 */
const FORBIDDEN_INSIDE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Whitespace and controls a browser strips around a URL before reading it (\s, C0, C1, DEL, BOM). */
function isSurrounding(code: number): boolean {
  return (
    code <= 0x20 ||
    (code >= 0x7f && code <= 0xa0) ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** `raw` without surrounding whitespace and controls; a loop, because this runs once per imported link. */
function trimSurrounding(raw: string): string {
  let start = 0;
  let end = raw.length;
  while (start < end && isSurrounding(raw.charCodeAt(start))) start++;
  while (end > start && isSurrounding(raw.charCodeAt(end - 1))) end--;
  return start === 0 && end === raw.length ? raw : raw.slice(start, end);
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** Why a URL was refused, in words an analyst can act on. */
export type UrlRefusal = 'empty' | 'too-long' | 'control-characters' | 'not-absolute' | 'scheme' | 'malformed';

/** The outcome of checking one URL. */
export type UrlCheck = { ok: true; url: string } | { ok: false; refusal: UrlRefusal; scheme: string | null };

/**
 * Checks a URL against the rule: returns it trimmed when it is an absolute http(s) URL with a host
 * or a mailto: URL with an address, otherwise says why not. Entity-encoded tricks ("&#106;avascript:")
 * are refused because they are not absolute URLs of an allowed scheme; nothing is decoded or repaired.
 */
export function checkUrl(raw: unknown): UrlCheck {
  if (typeof raw !== 'string') return { ok: false, refusal: 'empty', scheme: null };
  const url = trimSurrounding(raw);
  if (url === '') return { ok: false, refusal: 'empty', scheme: null };
  if (url.length > MAX_URL_LENGTH) return { ok: false, refusal: 'too-long', scheme: null };
  if (FORBIDDEN_INSIDE.test(url)) return { ok: false, refusal: 'control-characters', scheme: null };
  const match = SCHEME.exec(url);
  if (!match) return { ok: false, refusal: 'not-absolute', scheme: null };
  const scheme = match[1]!.toLowerCase();
  if (scheme === 'mailto') return url.length > 'mailto:'.length ? { ok: true, url } : { ok: false, refusal: 'malformed', scheme };
  if (scheme !== 'http' && scheme !== 'https') return { ok: false, refusal: 'scheme', scheme };
  // http and https are "special" schemes: a URL of theirs parses only with a host ("https://" does not).
  return URL.canParse(url) ? { ok: true, url } : { ok: false, refusal: 'malformed', scheme };
}

/** The URL, trimmed, when it passes the rule (see checkUrl); otherwise null. */
export function safeUrl(raw: unknown): string | null {
  const checked = checkUrl(raw);
  return checked.ok ? checked.url : null;
}

/** True when the URL passes the rule (see checkUrl). */
export function isSafeUrl(raw: unknown): boolean {
  return checkUrl(raw).ok;
}

/** Why a URL was refused, as a clause for messages: "… was dropped: <clause>". */
export function describeUrlRefusal(checked: Extract<UrlCheck, { ok: false }>): string {
  switch (checked.refusal) {
    case 'empty':
      return 'it is empty';
    case 'too-long':
      return `it is longer than ${MAX_URL_LENGTH} characters`;
    case 'control-characters':
      return 'it contains control or text-direction characters';
    case 'not-absolute':
      return 'it is not an absolute link (expected http://, https:// or mailto:)';
    case 'scheme':
      return `"${checked.scheme}:" links are not allowed (only http, https and mailto)`;
    case 'malformed':
      return checked.scheme === 'mailto' ? 'a mailto: link needs an address' : 'it is not a valid web address (no host)';
  }
}

/** A short, one-line preview of a refused value for a message (never the whole payload). */
export function urlPreview(raw: string): string {
  const flat = raw.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

/**
 * zod schema of a URL field in an API input: the trimmed URL when it passes the rule, otherwise an
 * `invalid_input` issue that says why. A refinement, not a transform, so the contract's schemas stay
 * describable (JSON Schema, generated payloads).
 */
export const SafeUrlSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const checked = checkUrl(value);
    if (!checked.ok) ctx.addIssue({ code: 'custom', message: `Not a usable link: ${describeUrlRefusal(checked)}` });
  });
