import { Cite } from '@citation-js/core';
import type { SourceSnapshot } from '../editor/citation';
import type { CitationNumbering } from './numbering';
import { CSL_LANG, type RegisteredStyle, resolveStyle } from './styles';

/** CSL types whose publisher is the periodical or site the piece appeared in (`container-title`). */
const CONTAINER_TYPES = new Set([
  'article',
  'article-newspaper',
  'article-magazine',
  'article-journal',
  'post',
  'post-weblog',
  'webpage',
  'broadcast',
  'interview',
]);

/** Words that make a byline an organisation ("Reuters Staff", "Ministry of Defence"), kept whole. */
const ORGANISATION_WORDS =
  /\b(agency|agence|ministry|ministère|department|office|government|council|committee|commission|institute|university|association|news|press|reuters|bloomberg|times|post|journal|group|bank|organi[sz]ation|service|centre|center|foundation|house|staff|desk|bureau|inc|ltd|llc|corp|corporation|company|authority|board|forces|army|police|embassy|nations|union|party|federation|network|media|tv|radio|broadcasting|editorial|team|research|exchanges?|unit|secretariat|reporters?|correspondents?|observatory|monitor|watch)\b/i;
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'di', 'del', 'della', 'du', 'le', 'la', 'dos', 'das', 'ten', 'ter', 'bin', 'ben', 'al', 'el']);
const SUFFIXES = /^(jr\.?|sr\.?|ii|iii|iv)$/i;

type CslName = { given?: string; family?: string; literal?: string; suffix?: string; 'non-dropping-particle'?: string };

/** "Given Family" (or "Family, Given") to a CSL name; organisations and single words stay literal. */
function toCslName(raw: string): CslName {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name === '' || ORGANISATION_WORDS.test(name) || /[\d&@/]/.test(name) || /^the\s/i.test(name)) return { literal: name };
  const comma = name.split(',').map((part) => part.trim());
  if (comma.length === 2 && comma[0] && comma[1] && !SUFFIXES.test(comma[1])) {
    return { family: comma[0], given: comma[1] };
  }
  const tokens = name.replace(/,/g, '').split(' ');
  let suffix: string | undefined;
  if (tokens.length > 2 && SUFFIXES.test(tokens[tokens.length - 1] as string)) suffix = tokens.pop();
  if (tokens.length < 2 || tokens.length > 5) return { literal: name };
  const family = tokens.pop() as string;
  const particles: string[] = [];
  while (tokens.length > 1 && PARTICLES.has((tokens[tokens.length - 1] as string).toLowerCase())) particles.unshift(tokens.pop() as string);
  const result: CslName = { family, given: tokens.join(' ') };
  if (particles.length > 0) result['non-dropping-particle'] = particles.join(' ');
  if (suffix) result.suffix = suffix;
  return result;
}

/** "2025-06-05" / "2025-06" / "2025" to CSL date-parts with that precision. */
function toDateParts(published: string | null): { 'date-parts': number[][] } | null {
  if (!published) return null;
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(published);
  if (!match) return null;
  const parts = [match[1], match[2], match[3]].filter((part): part is string => part !== undefined).map(Number);
  return { 'date-parts': [parts] };
}

/**
 * A citation snapshot as a CSL-JSON item. The Admiralty grade travels in `annote` (CSL has no grade
 * variable and no shipped style but the analyst style prints `annote`); names are split into given
 * and family parts, organisations kept literal; the date keeps its precision.
 */
export function snapshotToCsl(sourceId: string, snapshot: SourceSnapshot): Record<string, unknown> {
  const type = snapshot.type || 'webpage';
  const item: Record<string, unknown> = { id: sourceId, type, title: snapshot.title || 'Untitled' };
  const publisher = snapshot.publisher?.trim();
  if (publisher) item[CONTAINER_TYPES.has(type) ? 'container-title' : 'publisher'] = publisher;
  const authors = (snapshot.authors ?? []).map(toCslName).filter((name) => name.literal !== '');
  if (authors.length > 0) item.author = authors;
  const issued = toDateParts(snapshot.published);
  if (issued) item.issued = issued;
  if (snapshot.url) item.URL = snapshot.url;
  if (snapshot.grade) item.annote = snapshot.grade;
  return item;
}

/**
 * Author-date styles cite by author; most briefing sources (wire copy, GDELT and ACLED outlets)
 * have none, and APA and Harvard would then cite a long headline. The publisher stands in as the
 * (organisational) author, and is dropped as container when it is the same name — APA 7's rule for
 * a site whose author and name coincide. So the text reads "(Reuters, 2025)".
 */
function forStyle(style: RegisteredStyle, item: Record<string, unknown>): Record<string, unknown> {
  if (style.kind !== 'author-date' || item.author) return item;
  const publisher = (item['container-title'] ?? item.publisher) as string | undefined;
  if (!publisher) return item;
  const adjusted: Record<string, unknown> = { ...item, author: [{ literal: publisher }] };
  if (adjusted['container-title'] === publisher) delete adjusted['container-title'];
  return adjusted;
}

/** One entry of the Sources list. */
export interface BibliographyEntry {
  sourceId: string;
  /** The source's citation number (first appearance in the note). */
  number: number;
  /** Plain text as the style formats it; numbered lists start with the number ("1. …"). */
  text: string;
}

/** Small cache of formatted outputs: the editor asks again after each (debounced) edit. */
export class OutputCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly limit: number) {}
  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // Re-insert so the map's order is least-recently used first.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }
  set(key: string, value: T): void {
    this.entries.set(key, value);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }
}

const bibliographyCache = new OutputCache<ReadonlyMap<string, string>>(16);
/** Per style, entry text by item JSON: citation-order entries do not depend on each other. */
const entryCaches = new Map<string, OutputCache<string>>();
/** Where the engine's own number stood in a cached entry; the note's number goes there. */
const NUMBER_SLOT = '\u0000';

/** A CSL item and its JSON (the cache key of its entry). */
interface PreparedItem {
  item: Record<string, unknown>;
  json: string;
}

// The editor passes the same snapshot objects from one edit to the next: convert and serialize each
// once per id and kind of style (the conversion differs only for author-date styles).
const preparedItems = new WeakMap<SourceSnapshot, Map<string, PreparedItem>>();

function prepareItem(style: RegisteredStyle, id: string, snapshot: SourceSnapshot): PreparedItem {
  let byKey = preparedItems.get(snapshot);
  if (!byKey) preparedItems.set(snapshot, (byKey = new Map()));
  const key = `${style.kind === 'author-date' ? 'a' : 'n'}\u0000${id}`;
  let prepared = byKey.get(key);
  if (!prepared) {
    const item = forStyle(style, snapshotToCsl(id, snapshot));
    prepared = { item, json: JSON.stringify(item) };
    byKey.set(key, prepared);
  }
  return prepared;
}

function preparedItemsOf(style: RegisteredStyle, ids: readonly string[], snapshots: ReadonlyMap<string, SourceSnapshot>): PreparedItem[] {
  const items: PreparedItem[] = [];
  for (const id of ids) {
    const snapshot = snapshots.get(id);
    if (snapshot) items.push(prepareItem(style, id, snapshot));
  }
  return items;
}

/** The CSL-JSON items of `ids` as `style` formats them (ids without snapshot are left out). */
export function cslItems(style: RegisteredStyle, ids: readonly string[], snapshots: ReadonlyMap<string, SourceSnapshot>): Record<string, unknown>[] {
  return preparedItemsOf(style, ids, snapshots).map(({ item }) => item);
}

function runBibliography(style: RegisteredStyle, items: Record<string, unknown>[], nosort: boolean): [string, string][] {
  return new Cite(items).format('bibliography', {
    format: 'text',
    style: style.template,
    lang: CSL_LANG,
    asEntryArray: true,
    nosort,
  }) as unknown as [string, string][];
}

/**
 * Citation-order lists (numeric, analyst, notes): each entry is formatted once per content and
 * cached, since citeproc costs about a millisecond per entry and the list is rebuilt after edits.
 * Returns entry text by source id, with NUMBER_SLOT where a numeric style prints the number.
 */
function citationOrderEntries(style: RegisteredStyle, items: PreparedItem[]): Map<string, string> {
  let cache = entryCaches.get(style.template);
  if (!cache) entryCaches.set(style.template, (cache = new OutputCache<string>(5000)));
  const result = new Map<string, string>();
  const missing: { item: Record<string, unknown>; key: string }[] = [];
  for (const { item, json: key } of items) {
    const cached = cache.get(key);
    if (cached === undefined) missing.push({ item, key });
    else result.set(item.id as string, cached);
  }
  if (missing.length > 0) {
    const formatted = new Map(runBibliography(style, missing.map(({ item }) => item), true));
    for (const { item, key } of missing) {
      const raw = (formatted.get(item.id as string) ?? '').trim();
      const text = style.kind === 'numeric' ? raw.replace(/^(\[?)\d+/, `$1${NUMBER_SLOT}`) : raw;
      cache.set(key, text);
      result.set(item.id as string, text);
    }
  }
  return result;
}

/**
 * Author-date lists depend on the whole set (sorting, "2025a/2025b"), so they are formatted as one;
 * the cache key ignores citation order, so moving text around does not format again.
 */
function authorDateEntries(style: RegisteredStyle, items: Record<string, unknown>[]): ReadonlyMap<string, string> {
  if (items.length === 0) return new Map();
  const sorted = [...items].sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const key = `${style.template}\u0000${JSON.stringify(sorted)}`;
  const cached = bibliographyCache.get(key);
  if (cached) return cached;
  const result = new Map(runBibliography(style, sorted, false).map(([id, text]) => [id, text.trim()] as const));
  bibliographyCache.set(key, result);
  return result;
}

/** The entry text of a cited source the note holds nothing of. */
export const unavailable = (sourceId: string): string => `Source unavailable (${sourceId})`;

/**
 * The Sources list of a note. Numeric, analyst and note styles list the sources in citation order
 * (entry n is the source labelled [n] in the text; note-style entries get an "n. " prefix);
 * author-date styles (APA, Harvard) in the style's own order. A source without snapshot becomes a
 * "Source unavailable (id)" entry instead of failing the list.
 */
export function formatBibliography(
  styleId: string,
  numbering: CitationNumbering,
  snapshots: ReadonlyMap<string, SourceSnapshot>,
): BibliographyEntry[] {
  const style = resolveStyle(styleId);
  const prepared = preparedItemsOf(style, numbering.order, snapshots);
  if (style.kind !== 'author-date') {
    const formatted = citationOrderEntries(style, prepared);
    return numbering.order.map((sourceId, index) => {
      const number = index + 1;
      const text = formatted.get(sourceId);
      if (text === undefined) return { sourceId, number, text: `${number}. ${unavailable(sourceId)}` };
      // The engine numbered the entry in its own batch; the note's number replaces it.
      if (style.kind === 'numeric') return { sourceId, number, text: text.replace(NUMBER_SLOT, String(number)) };
      return { sourceId, number, text: `${number}. ${text}` };
    });
  }
  const formatted = authorDateEntries(style, prepared.map(({ item }) => item));
  const entries: BibliographyEntry[] = [];
  for (const [sourceId, text] of formatted) entries.push({ sourceId, number: numbering.numberOf.get(sourceId) ?? 0, text });
  for (const sourceId of numbering.order) {
    if (!formatted.has(sourceId)) entries.push({ sourceId, number: numbering.numberOf.get(sourceId) ?? 0, text: unavailable(sourceId) });
  }
  return entries;
}
