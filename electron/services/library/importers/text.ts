import { createHash } from 'node:crypto';
import { ImportParseError } from './types';

/** Text helpers shared by the importers: decoding, normalizing, hashing, URLs. */

/** sha256 hex of a string (UTF-8). */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * True when the bytes look like binary data rather than text: NUL bytes or many C0 control
 * characters in the first 8 KB. UTF-16 files have NULs too; analysts' files are not UTF-16.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return control / n > 0.02;
}

/** True when the bytes are valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Removes a leading byte order mark. */
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The result of decoding a file: its text and the encoding actually used. */
export interface DecodedText {
  text: string;
  encoding: string;
}

/**
 * Decodes a file: with `declared` (an XML or HTML declaration), that encoding; otherwise UTF-8 when
 * the bytes are valid UTF-8, else windows-1252 — the superset of ISO-8859-1 that files without a
 * declaration are written in. Throws ImportParseError for an unknown declared encoding.
 */
export function decodeBytes(bytes: Uint8Array, declared?: string | null): DecodedText {
  if (declared) {
    const label = declared.trim().toLowerCase();
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(label);
    } catch {
      throw new ImportParseError(`The file declares the encoding "${declared}", which is not supported; expected UTF-8, ISO-8859-1, windows-1252 or another standard encoding`, 1, null);
    }
    // A declaration can lie (a UTF-8 file saved with a latin-1 header is common): when the file
    // declares a single-byte encoding but is valid multi-byte UTF-8, trust the bytes.
    if (decoder.encoding !== 'utf-8' && hasUtf8MultiByte(bytes) && isValidUtf8(bytes)) {
      return { text: stripBom(new TextDecoder('utf-8').decode(bytes)), encoding: 'utf-8' };
    }
    return { text: stripBom(decoder.decode(bytes)), encoding: decoder.encoding };
  }
  try {
    return { text: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), encoding: 'utf-8' };
  } catch {
    return { text: stripBom(new TextDecoder('windows-1252').decode(bytes)), encoding: 'windows-1252' };
  }
}

function hasUtf8MultiByte(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/**
 * Normalized plain text: NFC, no control characters, spaces collapsed within lines, at most one blank
 * line between paragraphs. Content hashes are taken over this, so the same article hashes the same
 * whether it came with CRLF, tabs or non-breaking spaces.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufeff]/g, '')
    .replace(/[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A single line: all whitespace (newlines too) collapsed. */
export function oneLine(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ');
}

/** The first ~`max` characters of a text, cut at a sentence or word end, with an ellipsis when cut. */
export function makeExcerpt(text: string, max = 280): string {
  const flat = oneLine(text);
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  if (sentenceEnd > max * 0.5) return cut.slice(0, sentenceEnd + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Query parameters that only track the reader; dropping them makes two links to one article equal. */
const TRACKING_PARAM = /^(utm_[a-z]+|wt_mc|wt\.mc_id|fbclid|gclid|mc_cid|mc_eid|cmpid|ocid|at_medium|at_campaign|CMP|xtor)$/i;

/**
 * The canonical form of an http(s) URL used as a source key: lower-case host, no fragment, no
 * tracking parameters, no default port. Returns null for anything that is not an absolute http(s) URL.
 */
export function canonicalizeUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = raw.trim();
  if (!/^https?:\/\//i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  url.hash = '';
  if (url.search) {
    for (const name of [...url.searchParams.keys()]) if (TRACKING_PARAM.test(name)) url.searchParams.delete(name);
  }
  return url.toString();
}

/** "www.theguardian.com" → "theguardian.com"; null when the URL has no host. */
export function publisherFromUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const host = new URL(raw).hostname.toLowerCase();
    return host.replace(/^www\d?\./, '') || null;
  } catch {
    return null;
  }
}

/**
 * A readable title from a URL path when nothing better is known: the path segment with the most
 * words, dashes and underscores turned into spaces, ids dropped ("…/halle-berry-sends-love-145153917.html"
 * → "Halle berry sends love"). Falls back to host + path.
 */
export function titleFromUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  let best: string[] = [];
  for (const segment of url.pathname.split('/')) {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // keep the raw segment
    }
    const words = decoded
      .replace(/\.(s?html?|php|aspx?|jsp|cms)$/i, '')
      .split(/[-_+\s.]+/)
      .filter((word) => word && !/^\d+$/.test(word) && !/^[0-9a-f]{8,}$/i.test(word));
    if (words.length > best.length) best = words;
  }
  if (best.length < 2) return `${url.hostname.replace(/^www\d?\./, '')}${url.pathname === '/' ? '' : url.pathname}`;
  const title = best.join(' ').toLowerCase();
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/**
 * The identity key of a source (see ParsedSource.key): canonical URL, else the hash of its normalized
 * text, else the publisher name; with none of them, the hash of title + publisher.
 */
export function sourceKey(canonicalUrl: string | null, text: string, publisher: string, title = ''): string {
  if (canonicalUrl) return canonicalUrl;
  const normalized = normalizeText(text);
  if (normalized) return `hash:${sha256(normalized)}`;
  if (!title && publisher) return `name:${oneLine(publisher)}`;
  return `hash:${sha256(`${oneLine(title)}\n${oneLine(publisher)}`)}`;
}

/** "PRESIDENT" → "President", "UNITED STATES" → "United States"; mixed case is kept. */
export function titleCaseUpper(text: string): string {
  if (text !== text.toUpperCase()) return text;
  return text.toLowerCase().replace(/(^|[\s\-/'(])(\p{L})/gu, (_m, pre: string, ch: string) => pre + ch.toUpperCase());
}
