import { EVENTS_GET_MANY_MAX, type CallOutput, type Dataset, type FuzzyDate, type LibraryEvent, type Result, type Source } from '../../core/index';
import type { Backend } from '../container';
import { EXIT, PROGRAM, UsageError, cell, unwrap, withBackend, type CommandContext, type OptionValues } from './cli-support';

/**
 * `event ID` and `source ID`, and the whole records `events --json` and `sources --json` print: the
 * contract's Event and Source types exactly as the backend returns them, never a card that drops
 * fields, so a script reads the same record the app shows.
 */

/** ISO 8601 at the date's precision: 2025-06-05, 2025-06 (month) or 2025 (year). */
export function formatFuzzyDate(date: FuzzyDate): string {
  if (date.precision === 'year') return date.date.slice(0, 4);
  if (date.precision === 'month') return date.date.slice(0, 7);
  return date.date;
}

/** The whole event records of `ids`, in that order (one `events:get-many` per 500); ids deleted meanwhile are left out. */
export async function eventRecords(backend: Backend, ids: readonly string[]): Promise<LibraryEvent[]> {
  const records: LibraryEvent[] = [];
  for (let start = 0; start < ids.length; start += EVENTS_GET_MANY_MAX) {
    const chunk = ids.slice(start, start + EVENTS_GET_MANY_MAX);
    const answer = unwrap<CallOutput<'events:get-many'>>(await backend.dispatch('events:get-many', { ids: chunk }));
    records.push(...answer.events);
  }
  return records;
}

/** The whole source records (with their text) of `ids`, in that order; ids deleted meanwhile are left out. */
export async function sourceRecords(backend: Backend, ids: readonly string[]): Promise<Source[]> {
  const records: Source[] = [];
  for (const id of ids) {
    const answer = await backend.dispatch('sources:get', { id });
    if (answer.ok) records.push(answer.value as Source);
    else if (answer.error.code !== 'not_found') unwrap(answer);
  }
  return records;
}

/**
 * An unknown or malformed id is bad input (exit 2) with a message that says what to run to find
 * one; other failures keep their own message.
 */
function recordOrExplain<T>(result: Result<unknown>, kind: 'event' | 'source', id: string): T {
  if (result.ok) return result.value as T;
  if (result.error.code === 'not_found' || result.error.code === 'invalid_input') {
    throw new UsageError(`no ${kind} with id "${cell(id)}" — run "${PROGRAM} ${kind}s" to list them`);
  }
  return unwrap<T>(result);
}

/** `event ID [--json]`. */
export async function runEvent(values: OptionValues, context: CommandContext): Promise<number> {
  const id = context.operands[0]!;
  return withBackend(context, async (backend) => {
    const { event, sources } = recordOrExplain<CallOutput<'events:get'>>(await backend.dispatch('events:get', { id }), 'event', id);
    if (values.json === true) {
      context.io.stdout.write(`${JSON.stringify(event, null, 2)}\n`);
      return EXIT.ok;
    }
    const dataset = event.datasetId ? await datasetOf(backend, event.datasetId) : null;
    context.io.stdout.write(formatEvent(event, sources, dataset));
    return EXIT.ok;
  });
}

/** `source ID [--json]`. */
export async function runSource(values: OptionValues, context: CommandContext): Promise<number> {
  const id = context.operands[0]!;
  return withBackend(context, async (backend) => {
    const source = recordOrExplain<Source>(await backend.dispatch('sources:get', { id }), 'source', id);
    if (values.json === true) {
      context.io.stdout.write(`${JSON.stringify(source, null, 2)}\n`);
      return EXIT.ok;
    }
    context.io.stdout.write(formatSource(source));
    return EXIT.ok;
  });
}

async function datasetOf(backend: Backend, id: string): Promise<Dataset | null> {
  const stats = unwrap<CallOutput<'library:stats'>>(await backend.dispatch('library:stats', {}));
  return stats.datasets.find((dataset) => dataset.id === id) ?? null;
}

/** "Label       value" lines; empty values are left out, so the form shows what the record has. */
function fields(rows: readonly [string, string | null][]): string[] {
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.filter((row): row is [string, string] => row[1] !== null && row[1] !== '').map(([label, value]) => `${label.padEnd(width)}${cell(value)}`);
}

function list(values: readonly string[]): string | null {
  return values.length > 0 ? values.join('; ') : null;
}

function coordinates(latitude: number | null, longitude: number | null): string | null {
  return latitude === null || longitude === null ? null : `(${latitude}, ${longitude})`;
}

/** The readable form of `event ID`: one field per line, then the sources it cites. */
export function formatEvent(event: LibraryEvent, sources: readonly Source[], dataset: Dataset | null): string {
  const { type, location, figures } = event;
  const typeCode = [type.taxonomy, type.code].filter(Boolean).join(' ');
  const figureText = (Object.entries(figures) as [string, number | null | undefined][])
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
  const place = location ? [[location.name, location.admin1, location.country].filter(Boolean).join(', '), coordinates(location.latitude, location.longitude)].filter(Boolean).join(' ') : null;
  const datasetText = event.datasetId ? `${dataset ? `${dataset.name} (${event.datasetId})` : event.datasetId}, version ${event.datasetVersion}` : `none (made by hand), version ${event.datasetVersion}`;
  const lines = [
    `Event ${event.id}`,
    ...fields([
      ['Date', event.endDate ? `${formatFuzzyDate(event.date)} to ${formatFuzzyDate(event.endDate)}` : formatFuzzyDate(event.date)],
      ['Summary', event.summary],
      ['Type', [type.label, typeCode ? `[${typeCode}]` : '', type.subType ? `— ${type.subType}` : ''].filter(Boolean).join(' ')],
      ['Actors', list(event.actors.map((actor) => `${actor.name} (${[actor.role, actor.countryCode].filter(Boolean).join(', ')})`))],
      ['Location', place],
      ['Figures', figureText],
      ['Dataset', datasetText],
      ['External id', event.externalId],
      ['Origin', [event.origin.kind, event.origin.file].filter(Boolean).join(', ')],
      ['Created', event.createdAt],
      ['Updated', event.updatedAt],
      ['Edited', event.editedAt ?? null],
    ]),
  ];
  if (sources.length > 0) lines.push('Sources', ...sources.map((source) => `  ${source.id}  ${cell([source.publisher, source.title].filter((part, index, parts) => part && parts.indexOf(part) === index).join(' — '))}`));
  return `${lines.join('\n')}\n`;
}

/** The readable form of `source ID`: one field per line, then its text after a blank line. */
export function formatSource(source: Source): string {
  const grade = `${source.grade.reliability ?? ''}${source.grade.credibility ?? ''}`;
  const lines = [
    `Source ${source.id}`,
    ...fields([
      ['Title', source.title],
      ['Publisher', source.publisher],
      ['Authors', list(source.authors)],
      ['Published', source.published ? formatFuzzyDate(source.published) : null],
      ['URL', source.url],
      ['Canonical URL', source.canonicalUrl !== source.url ? source.canonicalUrl : null],
      ['Language', source.language],
      ['Grade', grade || 'not graded'],
      ['Tags', list(source.tags)],
      ['Marking', source.marking ?? null],
      ['Origin', [source.origin.kind, source.origin.file].filter(Boolean).join(', ')],
      ['Retrieved', source.retrievedAt],
      ['Created', source.createdAt],
      ['Updated', source.updatedAt],
      ['Edited', source.editedAt ?? null],
    ]),
  ];
  // The text keeps its paragraphs; each line is escaped like every other value the CLI prints.
  const text = source.text.trim();
  if (text) lines.push('', ...text.split(/\r?\n/).map((line) => cell(line)));
  return `${lines.join('\n')}\n`;
}
