import type { Actor, Location } from '../../../../core/domain/library';
import { checkColumnCounts, columnIndex, readCsvBytes } from './csv-reader';
import { parseFuzzyDate } from './dates';
import { alpha3FromNumeric } from './iso-countries';
import { ResultBuilder } from './result-builder';
import { isBlankBytes } from './line-chunks';
import { oneLine, sourceKey } from './text';
import { ImportParseError, type ParseOptions, type ParseResult } from './types';

/**
 * ACLED CSV exports (header row, comma-separated, quoted notes). Outlets in `source` are known only
 * by name: each becomes a name-only Source (`name:<outlet>`) linked to the event.
 */

function numberOrNull(text: string): number | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

/** Splits "A; B;C" into names (ACLED separates outlets and associated actors with "; "). */
function splitNames(text: string): string[] {
  return text
    .split(';')
    .map((part) => oneLine(part))
    .filter(Boolean);
}

/** Parses an ACLED CSV. Throws when `event_date` is missing or most rows have the wrong column count. */
export function parseAcled(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  if (isBlankBytes(bytes)) throw new ImportParseError('The file is empty');
  const decoded = readCsvBytes(bytes);
  const { table } = decoded;
  const h = table.header;
  const col = {
    id: columnIndex(h, 'event_id_cnty'),
    date: columnIndex(h, 'event_date'),
    eventType: columnIndex(h, 'event_type'),
    subType: columnIndex(h, 'sub_event_type'),
    actor1: columnIndex(h, 'actor1'),
    assoc1: columnIndex(h, 'assoc_actor_1'),
    actor2: columnIndex(h, 'actor2'),
    assoc2: columnIndex(h, 'assoc_actor_2'),
    iso: columnIndex(h, 'iso'),
    country: columnIndex(h, 'country'),
    admin1: columnIndex(h, 'admin1'),
    location: columnIndex(h, 'location'),
    latitude: columnIndex(h, 'latitude'),
    longitude: columnIndex(h, 'longitude'),
    source: columnIndex(h, 'source'),
    sourceScale: columnIndex(h, 'source_scale'),
    notes: columnIndex(h, 'notes'),
    fatalities: columnIndex(h, 'fatalities'),
  };
  if (col.date === -1) throw new ImportParseError('The ACLED file has no "event_date" column; expected a header row with event_id_cnty, event_date, event_type, actor1, …', 1, null);
  checkColumnCounts(table, 'ACLED file');

  const out = new ResultBuilder(options);
  if (decoded.encoding !== 'utf-8') out.warn(null, 'The file is not UTF-8; it was read as windows-1252 (save as "CSV UTF-8" to be sure accents are right)');
  const get = (fields: string[], index: number): string => (index === -1 ? '' : (fields[index] ?? '').trim());

  table.records.forEach((record, i) => {
    out.tick(() => table.ends[i]! / table.length);
    const f = record.fields;
    const line = record.line;
    if (f.length !== h.length) {
      out.reject(line, `Expected ${h.length} columns like the header, found ${f.length}; row skipped`);
      return;
    }
    const rawDate = get(f, col.date);
    const date = parseFuzzyDate(rawDate);
    if (!date) {
      out.reject(line, rawDate ? `event_date "${rawDate.slice(0, 40)}" is not a date; expected YYYY-MM-DD or "12 June 2025"` : 'event_date is empty; row skipped');
      return;
    }
    const externalId = get(f, col.id) || null;
    if (!externalId) out.warn(line, 'event_id_cnty is empty: a re-import cannot update this event in place');

    const actors: Actor[] = [];
    const addActors = (names: string[], role: Actor['role']): void => {
      for (const name of names) actors.push({ name, role, countryCode: null, code: null });
    };
    addActors(splitNames(get(f, col.actor1)).slice(0, 1), 'initiator');
    addActors(splitNames(get(f, col.assoc1)), 'initiator');
    addActors(splitNames(get(f, col.actor2)).slice(0, 1), 'target');
    addActors(splitNames(get(f, col.assoc2)), 'target');

    const countryName = get(f, col.country);
    const iso = get(f, col.iso);
    const country = (iso ? alpha3FromNumeric(iso) : null) ?? (countryName || null);
    const placeName = get(f, col.location);
    const admin1 = get(f, col.admin1) || null;
    const location: Location | null =
      placeName || countryName
        ? { name: placeName || admin1 || countryName, country, admin1, latitude: numberOrNull(get(f, col.latitude)), longitude: numberOrNull(get(f, col.longitude)) }
        : null;

    const eventType = get(f, col.eventType);
    const subType = get(f, col.subType) || null;
    if (!eventType) out.warn(line, 'event_type is empty');
    const label = eventType || 'Unclassified event';

    const fatalitiesText = get(f, col.fatalities);
    const fatalities = numberOrNull(fatalitiesText);
    if (fatalitiesText && fatalities === null) out.warn(line, `fatalities "${fatalitiesText.slice(0, 20)}" is not a number`);

    const notes = oneLine(get(f, col.notes));
    const placeText = location ? [location.name, countryName && countryName !== location.name ? countryName : ''].filter(Boolean).join(', ') : '';
    const who = actors.filter((a) => a.role === 'initiator')[0]?.name;
    const whom = actors.filter((a) => a.role === 'target')[0]?.name;
    const summary =
      notes ||
      `${subType ?? label}${who ? ` by ${who}` : ''}${whom ? ` against ${whom}` : ''}${placeText ? ` in ${placeText}` : ''}${fatalities ? ` (${fatalities} fatalities)` : ''}`;

    const scale = get(f, col.sourceScale);
    const sourceKeys: string[] = [];
    for (const outlet of splitNames(get(f, col.source))) {
      const key = out.addSource(
        { key: sourceKey(null, '', outlet), title: outlet, publisher: outlet, authors: [], published: null, url: null, canonicalUrl: null, language: null, text: '', excerpt: '', grade: null, tags: scale ? [scale] : [] },
        false,
      );
      if (!sourceKeys.includes(key)) sourceKeys.push(key);
    }
    if (sourceKeys.length === 0) out.warn(line, 'source is empty: the event has no source');

    out.addEvent({
      externalId,
      date,
      endDate: null,
      summary,
      type: { label, code: null, taxonomy: 'ACLED', subType },
      actors,
      location,
      figures: { fatalities },
      sourceKeys,
      line,
    });
  });
  if (table.records.length === 0) throw new ImportParseError('The ACLED file has a header but no rows', 1, null);
  return out.build('acled', null);
}
