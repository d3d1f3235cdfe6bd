import type { Actor, CredibilitySchema, Grade, Location, ReliabilitySchema } from '../../../../core/domain/library';
import type { z } from 'zod';
import { checkColumnCounts, columnIndex, readCsvBytes } from './csv-reader';
import { parseFuzzyDate } from './dates';
import { ResultBuilder } from './result-builder';
import { isBlankBytes } from './line-chunks';
import { canonicalizeUrl, oneLine, sourceKey } from './text';
import { sourceUrlOf } from './url-field';
import { ImportParseError, type ParseOptions, type ParseResult } from './types';

/**
 * Briefing Desk's own event CSV (documented in FORMATS.md): one event per row, made to be filled in
 * a spreadsheet. Several sources of one event go in one cell per source_* column, separated by " | ".
 */

/** The columns of the format, in the order of the documentation. */
export const BD_CSV_COLUMNS = [
  'id', 'date', 'end_date', 'summary', 'type', 'actor1', 'actor1_country', 'actor2', 'actor2_country', 'location', 'country', 'admin1',
  'latitude', 'longitude', 'fatalities', 'source_title', 'source_publisher', 'source_url', 'source_date', 'reliability', 'credibility',
] as const;

const REQUIRED = ['date', 'summary'] as const;

type Reliability = z.infer<typeof ReliabilitySchema>;
type Credibility = z.infer<typeof CredibilitySchema>;

/** Splits a multi-source cell on "|" (the documented separator is " | "; spaces are optional). */
function splitCell(text: string): string[] {
  return text.split('|').map((part) => part.trim());
}

function numberOrNull(text: string): number | null {
  if (!text) return null;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

/** Parses a Briefing Desk CSV. Throws when `date` or `summary` is missing from the header. */
export function parseBdCsv(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  if (isBlankBytes(bytes)) throw new ImportParseError('The file is empty');
  const decoded = readCsvBytes(bytes);
  const { table } = decoded;
  const h = table.header.map((name) => name.replace(/\s+/g, '_'));
  for (const name of REQUIRED) {
    if (!h.includes(name)) {
      throw new ImportParseError(`The header has no "${name}" column; expected at least the columns date and summary (see FORMATS.md for all columns)`, 1, null);
    }
  }
  checkColumnCounts(table, 'CSV file');
  const out = new ResultBuilder(options);
  if (decoded.encoding !== 'utf-8') out.warn(null, 'The file is not UTF-8; it was read as windows-1252 (save as "CSV UTF-8" to be sure accents are right)');
  const known = new Set<string>(BD_CSV_COLUMNS);
  const unknown = table.header.filter((name, i) => name && !known.has(h[i]!));
  if (unknown.length > 0) out.warn(1, `Unknown column${unknown.length > 1 ? 's' : ''} ignored: ${unknown.join(', ')}`);
  const idx = Object.fromEntries(BD_CSV_COLUMNS.map((name) => [name, columnIndex(h, name)])) as Record<(typeof BD_CSV_COLUMNS)[number], number>;

  table.records.forEach((record, i) => {
    out.tick(() => table.ends[i]! / table.length);
    const f = record.fields;
    const line = record.line;
    const get = (name: (typeof BD_CSV_COLUMNS)[number]): string => (idx[name] === -1 ? '' : oneLine(f[idx[name]] ?? ''));
    if (f.length !== h.length) {
      out.reject(line, `Expected ${h.length} columns like the header, found ${f.length}; row skipped`);
      return;
    }
    const rawDate = get('date');
    const date = parseFuzzyDate(rawDate);
    if (!date) {
      out.reject(line, rawDate ? `date "${rawDate.slice(0, 40)}" is not a date; expected YYYY-MM-DD, YYYY-MM or YYYY` : 'date is empty; row skipped');
      return;
    }
    const rawEnd = get('end_date');
    const endDate = rawEnd ? parseFuzzyDate(rawEnd) : null;
    if (rawEnd && !endDate) out.warn(line, `end_date "${rawEnd.slice(0, 40)}" is not a date; ignored`);

    const actors: Actor[] = [];
    if (get('actor1')) actors.push({ name: get('actor1'), role: 'initiator', countryCode: get('actor1_country').toUpperCase() || null, code: null });
    if (get('actor2')) actors.push({ name: get('actor2'), role: 'target', countryCode: get('actor2_country').toUpperCase() || null, code: null });

    const latitude = numberOrNull(get('latitude'));
    const longitude = numberOrNull(get('longitude'));
    if ((get('latitude') && latitude === null) || (latitude !== null && Math.abs(latitude) > 90)) out.warn(line, `latitude "${get('latitude')}" is not a latitude; ignored`);
    if ((get('longitude') && longitude === null) || (longitude !== null && Math.abs(longitude) > 180)) out.warn(line, `longitude "${get('longitude')}" is not a longitude; ignored`);
    const placeName = get('location') || get('admin1') || get('country');
    const location: Location | null = placeName
      ? {
          name: placeName,
          country: get('country') || null,
          admin1: get('admin1') || null,
          latitude: latitude !== null && Math.abs(latitude) <= 90 ? latitude : null,
          longitude: longitude !== null && Math.abs(longitude) <= 180 ? longitude : null,
        }
      : null;

    const label = get('type') || 'Unclassified event';
    let summary = get('summary');
    if (!summary) {
      const who = actors.map((actor) => actor.name).join(' — ');
      if (!get('type') && !who && !location) {
        out.reject(line, 'summary is empty and the row has no type, actors or location; row skipped');
        return;
      }
      summary = [who ? `${who}: ${label}` : label, location ? `(${location.name})` : ''].filter(Boolean).join(' ');
      out.warn(line, 'summary is empty; made one from type, actors and location');
    }

    const fatalitiesText = get('fatalities');
    const fatalities = numberOrNull(fatalitiesText);
    if (fatalitiesText && (fatalities === null || fatalities < 0)) out.warn(line, `fatalities "${fatalitiesText}" is not a number; ignored`);

    const titles = splitCell(get('source_title'));
    const publishers = splitCell(get('source_publisher'));
    const urls = splitCell(get('source_url'));
    const dates = splitCell(get('source_date'));
    const reliabilities = splitCell(get('reliability').toUpperCase());
    const credibilities = splitCell(get('credibility'));
    const count = Math.max(titles.length, publishers.length, urls.length);
    const at = (list: string[], k: number): string => (list.length === 1 ? list[0]! : (list[k] ?? ''));
    const sourceKeys: string[] = [];
    for (let k = 0; k < count; k++) {
      const title = titles[k] ?? '';
      const publisher = at(publishers, k);
      const rawUrl = urls[k] ?? '';
      if (!title && !rawUrl && !publisher) continue;
      const url = sourceUrlOf(rawUrl, out, line, 'source_url') ?? '';
      const canonicalUrl = canonicalizeUrl(url);
      const rawPublished = at(dates, k);
      const published = rawPublished ? parseFuzzyDate(rawPublished) : null;
      if (rawPublished && !published) out.warn(line, `source_date "${rawPublished.slice(0, 40)}" is not a date; kept unknown`);
      const reliability = at(reliabilities, k);
      const credibility = at(credibilities, k);
      if (reliability && !/^[A-F]$/.test(reliability)) out.warn(line, `reliability "${reliability}" is not A–F; ignored`);
      if (credibility && !/^[1-6]$/.test(credibility)) out.warn(line, `credibility "${credibility}" is not 1–6; ignored`);
      const grade: Grade | null =
        /^[A-F]$/.test(reliability) || /^[1-6]$/.test(credibility)
          ? { reliability: /^[A-F]$/.test(reliability) ? (reliability as Reliability) : null, credibility: /^[1-6]$/.test(credibility) ? (credibility as Credibility) : null }
          : null;
      const key = sourceKey(canonicalUrl, '', publisher, title);
      out.addSource({ key, title: title || publisher || url, publisher, authors: [], published, url: url || null, canonicalUrl, language: null, text: '', excerpt: '', grade, tags: [] }, false);
      if (!sourceKeys.includes(key)) sourceKeys.push(key);
    }

    out.addEvent({
      externalId: get('id') || null,
      date,
      endDate,
      summary,
      type: { label, code: null, taxonomy: 'custom', subType: null },
      actors,
      location,
      figures: fatalities !== null && fatalities >= 0 ? { fatalities } : {},
      sourceKeys,
      line,
    });
  });
  return out.build('csv', null);
}
