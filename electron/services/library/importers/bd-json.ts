import { z } from 'zod';
import type { Grade } from '../../../../core/domain/library';
import { parseFuzzyDate } from './dates';
import { arrayElementLines, lineColumnAt, locateJsonPath } from './json-locate';
import { ResultBuilder } from './result-builder';
import { canonicalizeUrl, decodeBytes, makeExcerpt, normalizeText, oneLine, sourceKey } from './text';
import { sourceUrlOf } from './url-field';
import { ImportParseError, type ParseOptions, type ParseResult } from './types';

/**
 * Briefing Desk's own JSON event format (documented in FORMATS.md). The whole file is validated with
 * zod first: a JSON file is written by a program or by hand in an editor, so any mistake is reported
 * with its path and line rather than half-imported.
 */

const DATE_MESSAGE = 'expected YYYY-MM-DD, YYYY-MM or YYYY';
const FuzzyDateText = z
  .string({ error: DATE_MESSAGE })
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, DATE_MESSAGE)
  // Only for well-shaped values: a value that failed the pattern already has its message.
  .refine((value) => !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value) || parseFuzzyDate(value) !== null, { message: 'not a real calendar date' });
const OptionalText = z.string().nullish().transform((value) => value ?? '');

const SourceSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  title: OptionalText,
  publisher: OptionalText,
  authors: z.array(z.string()).nullish().transform((value) => value ?? []),
  published: FuzzyDateText.nullish(),
  url: z.string().nullish(),
  language: z.string().nullish(),
  text: OptionalText,
  excerpt: OptionalText,
  reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F'], { error: 'expected a reliability grade A–F' }).nullish(),
  credibility: z
    .union([z.enum(['1', '2', '3', '4', '5', '6']), z.number().int().min(1).max(6).transform((n) => String(n) as '1')], { error: 'expected a credibility grade 1–6' })
    .nullish(),
  tags: z.array(z.string()).nullish().transform((value) => value ?? []),
});

const EventSchema = z.object({
  id: z.union([z.string(), z.number()]).nullish().transform((value) => (value == null || value === '' ? null : String(value))),
  date: FuzzyDateText,
  endDate: FuzzyDateText.nullish(),
  summary: z.string({ error: 'expected the summary as text' }).trim().min(1, 'the summary is empty'),
  type: z.string().nullish(),
  typeCode: z.union([z.string(), z.number().transform(String)]).nullish(),
  actors: z
    .array(
      z.object({
        name: z.string().trim().min(1, 'an actor needs a name'),
        role: z.enum(['initiator', 'target', 'other'], { error: 'expected "initiator", "target" or "other"' }).nullish(),
        country: z.string().nullish(),
      }),
    )
    .nullish(),
  location: z
    .object({
      name: z.string().nullish(),
      country: z.string().nullish(),
      admin1: z.string().nullish(),
      lat: z.number().min(-90).max(90).nullish(),
      lon: z.number().min(-180).max(180).nullish(),
    })
    .nullish(),
  fatalities: z.number().int().min(0).nullish(),
  sources: z.array(z.union([z.string(), z.number().transform(String)])).nullish(),
});

const FileSchema = z.object({
  briefingDesk: z.literal('events', { error: 'expected "briefingDesk": "events"' }),
  version: z.literal(1, { error: 'expected "version": 1 (the only version so far)' }),
  dataset: z.string().nullish(),
  sources: z.array(SourceSchema).nullish(),
  events: z.array(EventSchema, { error: 'expected "events": [ … ]' }),
});

/** "events[3].date" from a zod path. */
function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : `${out ? '.' : ''}${String(step)}`;
  return out || '(file)';
}

/** Reads the position "line 3 column 5" or "position 123" out of a JSON.parse message. */
function syntaxErrorPosition(text: string, message: string): { line: number | null; column: number | null } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  if (pos) return lineColumnAt(text, Number(pos[1]));
  return { line: null, column: null };
}

function gradeOf(reliability: Grade['reliability'] | undefined, credibility: Grade['credibility'] | undefined): Grade | null {
  if (!reliability && !credibility) return null;
  return { reliability: reliability ?? null, credibility: credibility ?? null };
}

/** Parses a Briefing Desk JSON events file. */
export function parseBdJson(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  const text = decodeBytes(bytes).text;
  if (text.trim() === '') throw new ImportParseError('The file is empty');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = syntaxErrorPosition(text, message);
    throw new ImportParseError(`Not valid JSON (${message}); expected a Briefing Desk events file`, at.line, at.column);
  }
  const parsed = FileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const offset = locateJsonPath(text, issue.path);
    const at = offset === null ? { line: null, column: null } : lineColumnAt(text, offset);
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem${parsed.error.issues.length > 2 ? 's' : ''})` : '';
    throw new ImportParseError(`${pathText(issue.path)}: ${issue.message}${more}`, at.line, at.column);
  }
  const file = parsed.data;
  const out = new ResultBuilder(options);
  const lineOf = (path: PropertyKey[]): number | null => {
    const offset = locateJsonPath(text, path);
    return offset === null ? null : lineColumnAt(text, offset).line;
  };

  const keys = new Map<string, string>();
  (file.sources ?? []).forEach((source, i) => {
    if (keys.has(source.id)) throw new ImportParseError(`sources[${i}].id: "${source.id}" is used by an earlier source; ids must be unique in the file`, lineOf(['sources', i, 'id']), null);
    const sourceText = normalizeText(source.text);
    const url = sourceUrlOf(source.url, out, source.url ? lineOf(['sources', i, 'url']) : null, `sources[${i}].url`);
    const canonicalUrl = canonicalizeUrl(url);
    const title = oneLine(source.title);
    if (!title) out.warn(lineOf(['sources', i]), `sources[${i}] has no title`);
    const key = sourceKey(canonicalUrl, sourceText, oneLine(source.publisher), title);
    keys.set(source.id, key);
    out.addSource(
      {
        key,
        title,
        publisher: oneLine(source.publisher),
        authors: source.authors.map(oneLine).filter(Boolean),
        published: source.published ? parseFuzzyDate(source.published) : null,
        url,
        canonicalUrl,
        language: source.language || null,
        text: sourceText,
        excerpt: oneLine(source.excerpt) || makeExcerpt(sourceText),
        grade: gradeOf(source.reliability, source.credibility),
        tags: source.tags,
      },
      true,
    );
  });

  const eventLines = arrayElementLines(text, ['events']);
  file.events.forEach((event, i) => {
    out.tick(() => (i + 1) / file.events.length);
    const line = eventLines[i] ?? null;
    const sourceKeys: string[] = [];
    for (const local of event.sources ?? []) {
      const key = keys.get(local);
      if (!key) out.warn(line, `events[${i}].sources: no source with id "${local}" in this file; link skipped`);
      else if (!sourceKeys.includes(key)) sourceKeys.push(key);
    }
    const location = event.location;
    out.addEvent({
      externalId: event.id,
      date: parseFuzzyDate(event.date)!,
      endDate: event.endDate ? parseFuzzyDate(event.endDate) : null,
      summary: oneLine(event.summary),
      type: { label: oneLine(event.type ?? '') || 'Unclassified event', code: event.typeCode ?? null, taxonomy: 'custom', subType: null },
      actors: (event.actors ?? []).map((actor) => ({ name: oneLine(actor.name), role: actor.role ?? 'other', countryCode: actor.country ? actor.country.trim().toUpperCase() : null, code: null })),
      location:
        location && (location.name || location.country || location.lat != null)
          ? { name: oneLine(location.name ?? '') || oneLine(location.admin1 ?? '') || oneLine(location.country ?? ''), country: location.country || null, admin1: location.admin1 || null, latitude: location.lat ?? null, longitude: location.lon ?? null }
          : null,
      figures: event.fatalities != null ? { fatalities: event.fatalities } : {},
      sourceKeys,
      line,
    });
  });
  return out.build('json', file.dataset ? oneLine(file.dataset) : null);
}
