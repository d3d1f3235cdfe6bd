import type { Dataset, EditedRecords, ImportCounts, ImportReport, LibraryEvent, Origin, Source } from '../../../core/domain/library';
import type { ParseResult, ParsedEvent, ParsedSource } from './importers/types';
import { datasetIdOf, eventIdOf, sourceContentHash, sourceIdOf } from './library-ids';
import { type DatasetReplacement, LibraryChanges, type LibraryState } from './library-store';
import { knownEventIds, knownSourceIdentities } from './import-pack';
import { prebuiltPartsOf } from './import-segments';

/** How a parsed file enters the library. */
export interface MergeOptions {
  /** The file's name, for the dataset and the report. */
  fileName: string;
  /** The dataset name: `--dataset`, else the file's own dataset name, else the file name. */
  datasetName: string;
  /** 'sample' for the sample library. */
  originKind: 'import' | 'sample';
  now: Date;
  /**
   * Take the file's version of events and sources the analyst edited. Without it they are kept as
   * the analyst left them and listed in the report's `keptEdited`.
   */
  replaceEdited?: boolean;
}

const WARNING_SAMPLES = 20;

/** The dataset name an import uses: the one asked for, else the file's own, else the file name. */
export function datasetNameFor(asked: string | undefined, parsed: string | null, fileName: string): string {
  return asked?.trim() || parsed?.trim() || fileName;
}

/** What an event's identity-independent content is, for "changed or unchanged" on re-import. */
function contentOf(event: Pick<LibraryEvent, 'date' | 'endDate' | 'summary' | 'type' | 'actors' | 'location' | 'figures' | 'sourceIds' | 'externalId'>): string {
  return JSON.stringify([event.date, event.endDate, event.summary, event.type, event.actors, event.location, event.figures, event.sourceIds, event.externalId]);
}

/** The fields of a source the analyst edits (sources:update), for "does the file say otherwise". */
function editableContentOf(source: Pick<Source, 'title' | 'publisher' | 'authors' | 'published' | 'url' | 'language' | 'text' | 'grade' | 'tags'>): string {
  return JSON.stringify([source.title, source.publisher, source.authors, source.published, source.url, source.language, source.text, source.grade, source.tags]);
}

/** Shared empty lists and grade: most imported sources have no authors, tags or grade (records are never mutated). */
const NO_STRINGS: string[] = [];
const NO_GRADE = { reliability: null, credibility: null };

function newSource(parsed: ParsedSource, id: string, contentHash: string, origin: Origin, now: string): Source {
  return {
    id,
    title: parsed.title,
    publisher: parsed.publisher,
    authors: parsed.authors.length > 0 ? parsed.authors : NO_STRINGS,
    published: parsed.published,
    url: parsed.url,
    canonicalUrl: parsed.canonicalUrl,
    language: parsed.language,
    retrievedAt: now,
    text: parsed.text,
    excerpt: parsed.excerpt,
    grade: parsed.grade ?? NO_GRADE,
    tags: parsed.tags.length > 0 ? parsed.tags : NO_STRINGS,
    origin,
    contentHash,
    createdAt: now,
    updatedAt: now,
  };
}

function eventFields(parsed: ParsedEvent, sourceIds: string[]): Pick<LibraryEvent, 'date' | 'endDate' | 'summary' | 'type' | 'actors' | 'location' | 'figures' | 'sourceIds' | 'externalId'> {
  return {
    date: parsed.date,
    endDate: parsed.endDate,
    summary: parsed.summary,
    type: parsed.type,
    actors: parsed.actors,
    location: parsed.location,
    figures: parsed.figures,
    sourceIds,
    externalId: parsed.externalId,
  };
}

/**
 * The store step of an import, as a pure function of the current library and the parsed file:
 * the changes to commit and the report. Ids are stable (library-ids.ts): a re-import of the same
 * dataset updates events in place (datasetVersion + 1 only for changed ones), leaves unchanged
 * ones untouched, and keeps events that disappeared upstream, flagged in the dataset's
 * `removedUpstream`. An event whose id another dataset holds, or that the file repeats, is a
 * duplicate; so is a source another import brought in. Sources already in the library are not
 * overwritten. What the analyst edited by hand (`editedAt`) is never replaced silently: an event or
 * source whose file version differs is kept and listed in `keptEdited`, or, with `replaceEdited`,
 * replaced by the file's version and listed in `replacedEdited`. When nothing changes, nothing is written.
 */
export function mergeImport(state: LibraryState, parsed: ParseResult, options: MergeOptions): { changes: LibraryChanges; report: Omit<ImportReport, 'durationMs'> } {
  const now = options.now.toISOString();
  const datasetId = datasetIdOf(options.datasetName);
  const existing = state.datasets.get(datasetId);
  const origin: Origin = { kind: options.originKind, datasetId, file: options.fileName };
  const changes = new LibraryChanges();
  const counts: ImportCounts = {
    imported: 0,
    updated: 0,
    unchanged: 0,
    removedUpstream: 0,
    duplicatesSkipped: parsed.duplicates,
    rejected: parsed.rejected,
    warnings: parsed.warnings.length,
    sourcesImported: 0,
  };

  const kept: EditedRecords = { events: [], sources: [] };
  const replaced: EditedRecords = { events: [], sources: [] };
  const sourceIdByKey = new Map<string, string>();
  const parsedSources = parsed.sources;
  const identities = knownSourceIdentities(parsedSources);
  for (let i = 0; i < parsedSources.length; i += 1) {
    const source = parsedSources[i]!;
    if (sourceIdByKey.has(source.key)) {
      counts.duplicatesSkipped += 1;
      continue;
    }
    // The workers' id and hash hold for the source object they were made for, in its place.
    const made = identities !== undefined && identities.sources[i] === source;
    const id = made ? identities.ids[i]! : sourceIdOf(source.key);
    sourceIdByKey.set(source.key, id);
    const known = state.sources.get(id);
    if (known) {
      if (known.origin.datasetId !== datasetId) counts.duplicatesSkipped += 1;
      // Sources already in the library are not overwritten; one the analyst edited is, when the
      // file says otherwise, reported, and replaced only when the analyst asked for the file's version.
      else if (known.editedAt) {
        const fresh = newSource(source, id, made ? identities.contentHashes[i]! : sourceContentHash(source), { ...known.origin, file: options.fileName }, now);
        if (editableContentOf(known) === editableContentOf(fresh)) continue;
        if (!options.replaceEdited) kept.sources.push(id);
        else {
          changes.sourcePuts.set(id, { ...fresh, createdAt: known.createdAt });
          replaced.sources.push(id);
        }
      }
      continue;
    }
    changes.sourcePuts.set(id, newSource(source, id, made ? identities.contentHashes[i]! : sourceContentHash(source), origin, now));
    counts.sourcesImported += 1;
  }

  // The events by id (each once, in order) double as the duplicate check and are handed to the
  // store, which would otherwise build the same 100,000-entry map again (library-store.ts plan).
  const seen = new Map<string, LibraryEvent>();
  const sourceIdsByList = new Map<readonly string[], string[]>();
  const events: LibraryEvent[] = [];
  let eventsChanged = false;
  const knownIds = knownEventIds(parsed, options.datasetName);
  const rows = parsed.events;
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i]!;
    const id = knownIds ? knownIds[i]! : eventIdOf(options.datasetName, row.externalId, row);
    const holder = state.events.size > 0 ? state.events.get(id) : undefined;
    if (holder && holder.datasetId !== datasetId) {
      counts.duplicatesSkipped += 1;
      continue;
    }
    if (seen.has(id)) {
      counts.duplicatesSkipped += 1;
      continue;
    }
    // Parsers share one key list between rows citing the same sources: map each list once.
    let sourceIds = sourceIdsByList.get(row.sourceKeys);
    if (!sourceIds) {
      if (row.sourceKeys.length === 1) {
        // Most rows cite one source (GDELT always): skip the Set and the filter.
        const only = sourceIdByKey.get(row.sourceKeys[0]!);
        sourceIds = only === undefined ? [] : [only];
      } else sourceIds = [...new Set(row.sourceKeys.map((key) => sourceIdByKey.get(key)).filter((sourceId): sourceId is string => sourceId !== undefined))];
      sourceIdsByList.set(row.sourceKeys, sourceIds);
    }
    const old = existing?.events.get(id);
    const same = old !== undefined && contentOf(old) === contentOf(eventFields(row, sourceIds));
    // The analyst's edit stands unless they asked for the file's version: the library keeps it as
    // it is (unchanged, so facts written from it are not flagged) and the report says so.
    const keep = old !== undefined && !same && Boolean(old.editedAt) && !options.replaceEdited;
    if (old && (same || keep)) {
      events.push(old);
      seen.set(id, old);
      if (keep) kept.events.push(id);
      if (existing?.removedUpstream.has(id)) {
        counts.updated += 1;
        eventsChanged = true;
      } else counts.unchanged += 1;
      continue;
    }
    eventsChanged = true;
    if (old) counts.updated += 1;
    else counts.imported += 1;
    if (old?.editedAt) replaced.events.push(id);
    const event: LibraryEvent = {
      id,
      date: row.date,
      endDate: row.endDate,
      summary: row.summary,
      type: row.type,
      actors: row.actors,
      location: row.location,
      figures: row.figures,
      sourceIds,
      externalId: row.externalId,
      datasetId,
      datasetVersion: old ? old.datasetVersion + 1 : 1,
      origin: old ? { ...old.origin, file: options.fileName } : origin,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    };
    events.push(event);
    seen.set(id, event);
  }

  const removedEventIds: string[] = [];
  for (const [id, event] of existing?.events ?? []) {
    if (seen.has(id)) continue;
    events.push(event);
    seen.set(id, event);
    removedEventIds.push(id);
    if (!existing?.removedUpstream.has(id)) eventsChanged = true;
  }
  counts.removedUpstream = removedEventIds.length;

  const dataset: Dataset = {
    id: datasetId,
    name: options.datasetName,
    format: parsed.format,
    fileName: options.fileName,
    importedAt: now,
    version: (existing?.dataset.version ?? 0) + 1,
    counts,
    eventCount: events.length,
  };
  // The parse workers' columns stand for these records only when every parsed record is new, in
  // order; their constants are appended in the order import-segments.ts encodes them.
  const prebuilt = prebuiltPartsOf(parsed);
  const everyEventNew = !existing && events.length === parsed.events.length;
  if (!existing || eventsChanged || changes.sourcePuts.size > 0) {
    const replacement: DatasetReplacement = { dataset, events, removedUpstream: removedEventIds, byId: seen };
    if (prebuilt && everyEventNew) replacement.prebuilt = { segments: prebuilt.events, constants: [datasetId, origin, now], recordColumns: ['id'] };
    changes.datasetReplacements.set(datasetId, replacement);
  }
  if (prebuilt && changes.sourcePuts.size === parsed.sources.length) changes.prebuiltSources = { segments: prebuilt.sources, constants: [origin, now], recordColumns: [] };

  return {
    changes,
    report: {
      file: options.fileName,
      format: parsed.format,
      datasetId,
      datasetName: options.datasetName,
      counts,
      removedEventIds,
      warningSamples: parsed.warnings.slice(0, WARNING_SAMPLES).map((warning) => (warning.line === null ? warning.message : `line ${warning.line}: ${warning.message}`)),
      keptEdited: kept,
      replacedEdited: replaced,
    },
  };
}
