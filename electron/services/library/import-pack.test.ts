import { describe, expect, it } from 'vitest';
import { parseImport } from './importers/index';
import { readFixture, readReal } from './importers/test-support';
import { knownSourceIdentities, packParseResult, unpackParseResult } from './import-pack';
import { mergeImport } from './import-merge';
import { sourceContentHash, sourceIdOf } from './library-ids';
import type { LibraryState } from './library-store';
import type { ParseResult } from './importers/types';

/** Structured clone of what the worker posts, as postMessage would deliver it. */
function roundTrip(result: ParseResult): ParseResult {
  const { packed, transfer } = packParseResult(result);
  return unpackParseResult(structuredClone(packed, { transfer }));
}

describe('packParseResult / unpackParseResult', () => {
  it('gives back a GDELT result exactly, key order of figures included', () => {
    const parsed = parseImport(readReal('gdelt2-sample-head50.export.CSV'), 'sample.export.CSV', { now: new Date('2025-01-01') });
    const back = roundTrip(parsed);
    expect(back).toEqual(parsed);
    expect(back.events.map((event) => JSON.stringify(event))).toEqual(parsed.events.map((event) => JSON.stringify(event)));
    // Shared values stay shared (one object per distinct date).
    const dates = new Set(back.events.map((event) => event.date));
    expect(dates.size).toBeLessThan(back.events.length);
  });

  it('keeps nulls, absent figures and events without actors, places or lines (ACLED, JSON)', () => {
    for (const [bytes, name] of [
      [readFixture('acled-sample.csv'), 'acled-sample.csv'],
      [readFixture('../examples/bd-events-example.json'), 'bd-events-example.json'],
    ] as const) {
      const parsed = parseImport(bytes, name, { now: new Date('2025-01-01') });
      expect(parsed.events.length).toBeGreaterThan(0);
      const back = roundTrip(parsed);
      expect(back.events.map((event) => JSON.stringify(event))).toEqual(parsed.events.map((event) => JSON.stringify(event)));
      expect(back).toEqual(parsed);
    }
  });

  it('handles a figure that is explicitly undefined and one that is null', () => {
    const base = parseImport(readReal('gdelt2-sample-head50.export.CSV'), 'sample.export.CSV', { now: new Date('2025-01-01') });
    const event = { ...base.events[0]!, figures: { fatalities: null, tone: undefined, goldstein: 2.5 }, line: null, location: null, actors: [] };
    const back = roundTrip({ ...base, events: [event] });
    expect(Object.entries(back.events[0]!.figures)).toEqual([
      ['fatalities', null],
      ['tone', undefined],
      ['goldstein', 2.5],
    ]);
    expect(back.events[0]).toEqual(event);
  });

  it("carries the worker's source ids and hashes by position, and the merge hashes a replaced source again", () => {
    const parsed = parseImport(readReal('gdelt2-sample-head50.export.CSV'), 'sample.export.CSV', { now: new Date('2025-01-01') });
    const back = roundTrip(parsed);
    const known = knownSourceIdentities(back.sources)!;
    expect(known.ids).toEqual(parsed.sources.map((source) => sourceIdOf(source.key)));
    expect(known.contentHashes).toEqual(parsed.sources.map((source) => sourceContentHash(source)));
    // A caller that puts another source in a place gets that source's own id, never the old one's.
    const other = { ...back.sources[0]!, key: 'https://example.org/other', url: 'https://example.org/other', canonicalUrl: 'https://example.org/other' };
    back.sources[0] = other;
    const empty: LibraryState = { generation: 0, datasets: new Map(), manual: new Map(), manualFile: null, sources: new Map(), sourcesFile: null, events: new Map() };
    const { changes } = mergeImport(empty, back, { fileName: 'sample.export.CSV', datasetName: 'sample', originKind: 'import', now: new Date('2025-01-02') });
    const ids = [...changes.sourcePuts.keys()];
    expect(ids[0]).toBe(sourceIdOf(other.key));
    expect(changes.sourcePuts.get(ids[0]!)!.contentHash).toBe(sourceContentHash(other));
    expect(ids.slice(1)).toEqual(known.ids.slice(1));
  });
});
