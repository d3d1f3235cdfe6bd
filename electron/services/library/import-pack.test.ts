import { describe, expect, it } from 'vitest';
import { parseImport } from './importers/index';
import { readFixture, readReal } from './importers/test-support';
import { packParseResult, unpackParseResult } from './import-pack';
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
});
