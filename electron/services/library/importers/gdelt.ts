import type { Actor, EventFigures, EventType, FuzzyDate, Location } from '../../../../core/domain/library';
import { cameoName, cameoRootName } from './cameo';
import { parseCompactDate } from './dates';
import { ResultBuilder } from './result-builder';
import { canonicalizeUrl, publisherFromUrl, sourceKey, titleCaseUpper, titleFromUrl } from './text';
import { fileDecoder, isBlankBytes, lineChunks } from './line-chunks';
import { ImportParseError, type ParseOptions, type ParseResult } from './types';
import { readZipEntry } from './zip-reader';

/**
 * GDELT event files: TAB-separated, no header, nothing quoted. GDELT 2.0 exports have 61 columns
 * (ADM2 codes per geo block); GDELT 1.0 daily files have 58 (57 before SOURCEURL was added).
 * The row loop avoids regexes and per-field allocations beyond `split('\t')`: this is the import
 * path that must handle 100,000-row files quickly. The bytes are decoded a few MB of whole lines at
 * a time (line-chunks.ts): no string is ever the size of the file, and a line longer than the line
 * limit is an ImportParseError naming its line.
 */

/** Column positions of the fields we read, per layout. */
interface GdeltLayout {
  id: number;
  date: number;
  a1code: number;
  a1name: number;
  a1country: number;
  a2code: number;
  a2name: number;
  a2country: number;
  eventCode: number;
  rootCode: number;
  quadClass: number;
  goldstein: number;
  numArticles: number;
  tone: number;
  geoName: number;
  geoCountry: number;
  geoAdm1: number;
  geoLat: number;
  geoLon: number;
  /** -1 when the layout has no SOURCEURL. */
  url: number;
}

const ACTOR_FIELDS = { id: 0, date: 1, a1code: 5, a1name: 6, a1country: 7, a2code: 15, a2name: 16, a2country: 17, eventCode: 26, rootCode: 28, quadClass: 29, goldstein: 30, numArticles: 33, tone: 34 };
const GDELT2: GdeltLayout = { ...ACTOR_FIELDS, geoName: 52, geoCountry: 53, geoAdm1: 54, geoLat: 56, geoLon: 57, url: 60 };
const GDELT1_58: GdeltLayout = { ...ACTOR_FIELDS, geoName: 50, geoCountry: 51, geoAdm1: 52, geoLat: 53, geoLon: 54, url: 57 };
const GDELT1_57: GdeltLayout = { ...GDELT1_58, url: -1 };

/** Stand-ins for "none" in the summary cache's keys. */
const NO_ACTOR: Actor = { name: '', role: 'initiator', countryCode: null, code: null };
const NO_PLACE: Location = { name: '', country: null, admin1: null, latitude: null, longitude: null };

/** ZIP local file header magic "PK\x03\x04". */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * The .CSV inside a GDELT zip (the first one when there are several), read with limits on entry
 * count, declared and actual inflated size and compression ratio (zip-reader.ts).
 */
export function unzipGdelt(bytes: Uint8Array): Uint8Array {
  return readZipEntry(bytes);
}

function numberOrNull(text: string | undefined): number | null {
  if (!text) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/**
 * A copy of a slice of the decoded file that does not keep the whole file text alive: V8 may
 * represent `text.slice()` as a view into the file's string, so a kept slice would pin it.
 */
function copyString(slice: string): string {
  return slice.length === 0 ? '' : (' ' + slice).slice(1);
}

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Parses a GDELT 2.0 (`version` 2) or 1.0 (`version` 1) events file or the zip it came in.
 * Rows with the wrong number of fields or no valid SQLDATE are rejected with a warning; when most
 * rows are wrong, the file is not a GDELT file of that version and the parse throws.
 */
export function parseGdelt(input: Uint8Array, version: 1 | 2, options: ParseOptions = {}): ParseResult {
  const out = new ResultBuilder(options);
  const bytes = isZip(input) ? unzipGdelt(input) : input;
  if (isBlankBytes(bytes)) throw new ImportParseError('The file is empty');
  const { decoder, utf8 } = fileDecoder(bytes);
  if (!utf8) out.warn(null, 'The file is not valid UTF-8 (GDELT files are); it was read as windows-1252, check accented names');
  const stats = parseGdeltRows(bytes, decoder, version, out, 1, null);
  if (stats.good === 0 || stats.bad > stats.good) {
    if (out.rows === 0) throw new ImportParseError('The file is empty');
    throw stats.firstBad ?? noRowsError(version);
  }
  return out.build(version === 2 ? 'gdelt' : 'gdelt1', null);
}

function noRowsError(version: 1 | 2): ImportParseError {
  return new ImportParseError(`No GDELT ${version === 2 ? '2.0' : '1.0'} rows found; expected ${version === 2 ? '61' : '57 or 58'} tab-separated fields per row`, 1, null);
}

/** What the row loop found besides the records themselves (the file-level verdict needs it). */
interface RowStats {
  good: number;
  bad: number;
  firstBad: ImportParseError | null;
  /** The loop gave up early: more than 100 bad rows and not one good one. */
  stoppedEarly: boolean;
}

/** Why a part of a file is not accepted as it is: one of its rows' problems, as data. */
export interface GdeltPartFailure {
  message: string;
  line: number | null;
  column: number | null;
}

/** What {@link combineGdeltParts} needs of a part besides its records. */
export interface GdeltPartStats {
  good: number;
  bad: number;
  firstBad: GdeltPartFailure | null;
  stoppedEarly: boolean;
  /** The part was valid UTF-8 (else the whole file must be read as windows-1252, with one warning). */
  utf8: boolean;
  /** GLOBALEVENTIDs of the part's distinct good rows, to find ids that another part repeats. */
  ids: Float64Array;
}

/** A part of a GDELT file parsed on its own (see {@link parseGdeltPart}). */
export interface GdeltPart {
  result: ParseResult;
  stats: GdeltPartStats;
}

/**
 * Parses the lines of one part of a big GDELT file (not a zip): `bytes` start at a line start and
 * end after a newline, `firstLine` is the 1-based line number of the part's first line in the file.
 * Two parts parse in two worker threads at once; {@link combineGdeltParts} then gives the result
 * the whole file would have given, or null when the parts interact in a way only a parse of the
 * whole file gets exactly right (not UTF-8, an id repeated across parts, no good row at all).
 */
export function parseGdeltPart(bytes: Uint8Array, version: 1 | 2, options: ParseOptions, firstLine: number): GdeltPart {
  const out = new ResultBuilder(options);
  const { decoder, utf8 } = fileDecoder(bytes);
  if (!utf8) {
    const none: GdeltPartStats = { good: 0, bad: 0, firstBad: null, stoppedEarly: false, utf8: false, ids: new Float64Array(0) };
    return { result: out.build(version === 2 ? 'gdelt' : 'gdelt1', null), stats: none };
  }
  const ids: number[] = [];
  const stats = parseGdeltRows(bytes, decoder, version, out, firstLine, ids);
  const firstBad = stats.firstBad ? { message: stats.firstBad.message, line: stats.firstBad.line, column: stats.firstBad.column } : null;
  return {
    result: out.build(version === 2 ? 'gdelt' : 'gdelt1', null),
    stats: { good: stats.good, bad: stats.bad, firstBad, stoppedEarly: stats.stoppedEarly, utf8: true, ids: Float64Array.from(ids) },
  };
}

/**
 * The result of the whole file from its parts, in file order: records and warnings concatenated,
 * a source key another part brought first kept as that part made it (as the single parse keeps the
 * first), the file-level verdict (throws ImportParseError) taken over all rows. Null when only a
 * parse of the whole file gives the exact result (see {@link parseGdeltPart}). `skipped`, when
 * given, gets per part the sources left out (1: an earlier part brought the key), or null for none.
 */
export function combineGdeltParts(parts: readonly GdeltPart[], version: 1 | 2, skipped?: (Uint8Array | null)[]): ParseResult | null {
  let good = 0;
  let bad = 0;
  for (const { stats } of parts) {
    if (!stats.utf8 || stats.stoppedEarly) return null;
    good += stats.good;
    bad += stats.bad;
  }
  if (good === 0) return null;
  if (!idRangesApart(parts)) {
    const seen = new Set<number>();
    for (const { stats } of parts) {
      for (const id of stats.ids) if (seen.has(id)) return null;
      for (const id of stats.ids) seen.add(id);
    }
  }
  if (bad > good) {
    const first = parts.find((part) => part.stats.firstBad)?.stats.firstBad;
    throw first ? new ImportParseError(first.message, first.line, first.column) : noRowsError(version);
  }
  const [head, ...tail] = parts.map((part) => part.result);
  if (!head) return null;
  const keys = new Set(head.sources.map((source) => source.key));
  const combined: ParseResult = { ...head, events: [...head.events], sources: [...head.sources], warnings: [...head.warnings] };
  skipped?.push(null);
  for (const result of tail) {
    let left: Uint8Array | null = null;
    combined.rows += result.rows;
    combined.rejected += result.rejected;
    combined.duplicates += result.duplicates;
    for (const event of result.events) combined.events.push(event);
    for (const warning of result.warnings) combined.warnings.push(warning);
    for (let i = 0; i < result.sources.length; i += 1) {
      const source = result.sources[i]!;
      if (keys.has(source.key)) {
        (left ??= new Uint8Array(result.sources.length))[i] = 1;
        continue;
      }
      keys.add(source.key);
      combined.sources.push(source);
    }
    skipped?.push(left);
  }
  return combined;
}

/**
 * True when no two parts' GLOBALEVENTID ranges overlap (GDELT numbers events in file order, so the
 * parts of one file nearly always are): then no id can repeat across parts, without a set of them all.
 */
function idRangesApart(parts: readonly GdeltPart[]): boolean {
  const ranges: [number, number][] = [];
  for (const { stats } of parts) {
    let low = Infinity;
    let high = -Infinity;
    const { ids } = stats;
    for (let i = 0; i < ids.length; i += 1) {
      const id = ids[i]!;
      if (id < low) low = id;
      if (id > high) high = id;
    }
    if (ids.length > 0) ranges.push([low, high]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i += 1) if (ranges[i]![0] <= ranges[i - 1]![1]) return false;
  return true;
}

/**
 * The row loop: records go into `out`; `ids` (when given) collects the GLOBALEVENTIDs of distinct
 * good rows. `firstLine` numbers the first line of `bytes`, which are decoded one chunk of whole
 * lines at a time with `decoder`; the caches below live across chunks.
 */
function parseGdeltRows(bytes: Uint8Array, decoder: TextDecoder, version: 1 | 2, out: ResultBuilder, firstLine: number, ids: number[] | null): RowStats {
  const expected = version === 2 ? '61' : '57 or 58';

  const actorNames = new Map<string, string>();
  const urlKeys = new Map<string, string | null>();
  const namesByBase = new Map<string, { title: string; publisher: string }>();
  const niceName = (raw: string): string => {
    let name = actorNames.get(raw);
    if (name === undefined) {
      name = titleCaseUpper(raw);
      actorNames.set(raw, name);
    }
    return name;
  };
  const sourceFor = (raw: string): string | null => {
    let key = urlKeys.get(raw);
    if (key !== undefined) return key;
    const canonical = canonicalizeUrl(raw);
    if (canonical) {
      // Title and publisher come from host and path only: URLs that differ in their query share them.
      const cut = raw.search(/[?#]/);
      const base = cut === -1 ? raw : raw.slice(0, cut);
      let named = namesByBase.get(base);
      if (!named) {
        named = { title: titleFromUrl(raw), publisher: publisherFromUrl(raw) ?? '' };
        namesByBase.set(copyString(base), named);
      }
      key = out.addSource(
        { key: canonical, title: named.title, publisher: named.publisher, authors: [], published: null, url: copyString(raw), canonicalUrl: canonical, language: null, text: '', excerpt: '', grade: null, tags: [] },
        false,
      );
    } else {
      // Some GDELT rows name a wire service instead of a URL ("BBC Monitoring").
      const name = raw.trim();
      key = name ? out.addSource({ key: sourceKey(null, '', name), title: name, publisher: name, authors: [], published: null, url: null, canonicalUrl: null, language: null, text: '', excerpt: '', grade: null, tags: [] }, false) : null;
    }
    urlKeys.set(raw, key);
    return key;
  };

  let good = 0;
  let bad = 0;
  let firstBad: ImportParseError | null = null;
  let stoppedEarly = false;
  let lineNo = firstLine - 1;
  let pos = 0;
  let text = '';
  let length = 0;
  let chunkStart = 0;
  let chunkBytes = 0;
  const totalBytes = bytes.length;
  const fraction = (): number => (chunkStart + (pos / length) * chunkBytes) / totalBytes;
  // Caches: real files repeat dates and codes on thousands of rows.
  const dates = new Map<string, FuzzyDate | null>();
  const types = new Map<string, Map<string, EventType>>();
  const seenIds = new Set<number>();
  // Shared records: rows repeat actors, places and summaries, and the records are immutable from
  // here on, so one object per distinct value keeps a 100,000-row result small — for the worker's
  // structured clone (which keeps the sharing) and for the library in memory.
  const actorRecords = new Map<string, Actor>();
  const locations = new Map<string, Location>();
  const summaries = new Map<string, string>();
  const summaryCache = new Map<EventType, Map<Actor, Map<Actor, Map<Location, string>>>>();
  const keyLists = new Map<string, string[]>();
  const actorOf = (name: string, code: string, country: string, role: 'initiator' | 'target'): Actor => {
    const key = `${role}\t${name}\t${code}\t${country}`;
    let actor = actorRecords.get(key);
    if (!actor) {
      actor = { name: name ? niceName(name) : copyString(code), role, countryCode: copyString(country) || null, code: copyString(code) || null };
      actorRecords.set(key, actor);
    }
    return actor;
  };
  // Start offsets of each field in `text`; tabs[k] is where field k starts, tabs[n] the line end + 1.
  const starts = new Int32Array(64);
  const maxFields = version === 2 ? 61 : 58;
  const minFields = version === 2 ? 61 : 57;

  for (const chunk of lineChunks(bytes, firstLine)) {
    text = decoder.decode(bytes.subarray(chunk.start, chunk.end));
    length = text.length;
    pos = 0;
    chunkStart = chunk.start;
    chunkBytes = chunk.end - chunk.start;
    while (pos < length) {
      let end = text.indexOf('\n', pos);
      if (end === -1) end = length;
      const lineStart = pos;
      let lineEnd = end;
      pos = end + 1;
      lineNo++;
      if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
      if (lineEnd === lineStart) continue;
      out.tick(fraction);

      // Find the field boundaries without splitting the whole line into 61 strings.
      let n = 0;
      starts[0] = lineStart;
      let p = lineStart;
      while (n < 62) {
        const tab = text.indexOf('\t', p);
        if (tab === -1 || tab >= lineEnd) break;
        starts[++n] = tab + 1;
        p = tab + 1;
      }
      const fieldCount = n + 1;
      starts[fieldCount] = lineEnd + 1;
      const field = (k: number): string => text.slice(starts[k]!, starts[k + 1]! - 1);

      const layout = version === 2 ? (fieldCount === 61 ? GDELT2 : null) : fieldCount === 58 ? GDELT1_58 : fieldCount === 57 ? GDELT1_57 : null;
      if (!layout) {
        bad++;
        const found = fieldCount > 62 ? 'more than 62' : String(fieldCount);
        const column = fieldCount < minFields ? lineEnd - lineStart + 1 : starts[maxFields]! - lineStart;
        const message = `expected ${expected} tab-separated fields (GDELT ${version === 2 ? '2.0' : '1.0'}), found ${found}${pos > length && fieldCount > 1 ? ' — the row looks truncated' : ''}`;
        firstBad ??= new ImportParseError(message, lineNo, column);
        out.reject(lineNo, message);
        if (bad > 100 && good === 0) {
          stoppedEarly = true;
          break;
        }
        continue;
      }
      const id = field(layout.id);
      if (!isDigits(id)) {
        if (lineNo === 1 && id.toUpperCase() === 'GLOBALEVENTID') {
          out.rows--;
          out.warn(1, 'Skipped a header row (GDELT files have none)');
          continue;
        }
        bad++;
        const message = `GLOBALEVENTID "${id.slice(0, 40)}" is not a number`;
        firstBad ??= new ImportParseError(message, lineNo, 1);
        out.reject(lineNo, message);
        continue;
      }
      good++;
      const numericId = Number(id);
      if (seenIds.has(numericId)) {
        out.duplicates++;
        continue;
      }
      seenIds.add(numericId);
      ids?.push(numericId);

      const sqlDate = field(layout.date);
      let date = dates.get(sqlDate);
      if (date === undefined) {
        date = parseCompactDate(sqlDate);
        dates.set(sqlDate, date);
      }
      if (!date) {
        out.reject(lineNo, `SQLDATE "${sqlDate.slice(0, 40)}" is not a date; expected YYYYMMDD`);
        continue;
      }

      const actors: Actor[] = [];
      const a1name = field(layout.a1name);
      const a1code = field(layout.a1code);
      if (a1name || a1code) actors.push(actorOf(a1name, a1code, field(layout.a1country), 'initiator'));
      const a2name = field(layout.a2name);
      const a2code = field(layout.a2code);
      if (a2name || a2code) actors.push(actorOf(a2name, a2code, field(layout.a2country), 'target'));

      const code = field(layout.eventCode);
      const rootCode = field(layout.rootCode);
      let typesOfCode = types.get(code);
      if (!typesOfCode) types.set(code, (typesOfCode = new Map()));
      let type = typesOfCode.get(rootCode);
      if (type === undefined) {
        const codeOk = code.length >= 2 && code.length <= 4 && isDigits(code);
        const root = rootCode || code.slice(0, 2);
        type = { label: (codeOk ? cameoName(code) : null) ?? cameoRootName(root) ?? 'Unclassified event', code: codeOk ? code : null, taxonomy: 'CAMEO', subType: cameoRootName(root) };
        typesOfCode.set(rootCode, type);
      }
      if (type.code === null) out.warn(lineNo, `EventCode "${code.slice(0, 20)}" is not a CAMEO code`);

      const geoName = field(layout.geoName);
      let location: Location | null = null;
      if (geoName) {
        // One object per distinct place (rows repeat places): the key is the raw slice of the line.
        const geoKey = text.slice(starts[layout.geoName]!, starts[layout.geoLon + 1]! - 1);
        location = locations.get(geoKey) ?? null;
        if (!location) {
          location = { name: copyString(geoName), country: field(layout.geoCountry) || null, admin1: field(layout.geoAdm1) || null, latitude: numberOrNull(field(layout.geoLat)), longitude: numberOrNull(field(layout.geoLon)) };
          locations.set(copyString(geoKey), location);
        }
      }

      const figures: EventFigures = {
        quadClass: numberOrNull(field(layout.quadClass)),
        goldstein: numberOrNull(field(layout.goldstein)),
        tone: numberOrNull(field(layout.tone)),
        numArticles: numberOrNull(field(layout.numArticles)),
      };

      let sourceKeys: string[] = [];
      if (layout.url >= 0) {
        const url = field(layout.url);
        const key = url ? sourceFor(url) : null;
        if (key) {
          // Rows citing the same article share one (never mutated) list.
          let list = keyLists.get(key);
          if (!list) keyLists.set(key, (list = [key]));
          sourceKeys = list;
        } else out.warn(lineNo, 'No SOURCEURL: the event has no source');
      }

      // The summary is a function of shared records (type, actors, place): made once per combination.
      const initiator = actors[0]?.role === 'initiator' ? actors[0] : NO_ACTOR;
      const target = actors[actors.length - 1]?.role === 'target' ? actors[actors.length - 1]! : NO_ACTOR;
      let byInitiator = summaryCache.get(type);
      if (!byInitiator) summaryCache.set(type, (byInitiator = new Map()));
      let byTarget = byInitiator.get(initiator);
      if (!byTarget) byInitiator.set(initiator, (byTarget = new Map()));
      let byPlace = byTarget.get(target);
      if (!byPlace) byTarget.set(target, (byPlace = new Map()));
      let summary = byPlace.get(location ?? NO_PLACE);
      if (summary === undefined) {
        summary = type.label;
        if (initiator !== NO_ACTOR) summary = `${initiator.name} — ${summary}`;
        if (target !== NO_ACTOR) summary = `${summary} — ${target.name}`;
        if (location) summary = `${summary} (${location.name})`;
        const sharedSummary = summaries.get(summary);
        if (sharedSummary === undefined) summaries.set(summary, summary);
        else summary = sharedSummary;
        byPlace.set(location ?? NO_PLACE, summary);
      }
      out.events.push({
        externalId: copyString(id),
        date,
        endDate: null,
        summary,
        type,
        actors,
        location,
        figures,
        sourceKeys,
        line: lineNo,
      });
    }
    if (stoppedEarly) break;
  }

  return { good, bad, firstBad, stoppedEarly };
}
