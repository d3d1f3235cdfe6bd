import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseImport } from './index';
import { readFixture, utf8 } from './test-support';
import { ImportParseError, type ParseResult } from './types';

const example = (name: string): Uint8Array => new Uint8Array(readFileSync(fileURLToPath(new URL(`./examples/${name}`, import.meta.url))));

function parseError(bytes: Uint8Array, name: string): ImportParseError {
  try {
    parseImport(bytes, name);
  } catch (error) {
    if (error instanceof ImportParseError) return error;
    throw error;
  }
  throw new Error('expected an ImportParseError');
}

const REE = 'https://rareearthexchanges.com/news/rare-earths-dominate-u-s-china-talks-as-trump-xi-call-spurs-high-stakes-london-negotiations';
const CNA = 'https://www.channelnewsasia.com/east-asia/us-china-trade-truce-london-talks-trade-tariffs-5171341';

/** The two documented examples describe the same events: both parsers must agree on them. */
function checkExample(result: ParseResult): void {
  expect(result.events).toHaveLength(2);
  expect(result.rejected).toBe(0);
  const [london, licences] = result.events;
  expect(london).toMatchObject({
    externalId: 'ex-001',
    date: { date: '2025-06-09', precision: 'day' },
    endDate: { date: '2025-06-10', precision: 'day' },
    type: { label: 'Negotiation', taxonomy: 'custom' },
    actors: [
      { name: 'United States', role: 'initiator', countryCode: 'USA' },
      { name: 'China', role: 'target', countryCode: 'CHN' },
    ],
    location: { name: 'London', country: 'GBR', admin1: 'England', latitude: 51.5072, longitude: -0.1276 },
    sourceKeys: [REE, CNA],
  });
  expect(licences!.date).toEqual({ date: '2025-06-01', precision: 'month' });
  const ree = result.sources.find((s) => s.key === REE)!;
  expect(ree).toMatchObject({ publisher: 'Rare Earth Exchanges', published: { date: '2025-06-10', precision: 'day' }, grade: { reliability: 'B', credibility: '2' } });
  expect(licences!.sourceKeys).toHaveLength(1);
  expect(result.sources.find((s) => s.key === licences!.sourceKeys[0])).toMatchObject({ publisher: 'Own analysis', grade: { reliability: 'C', credibility: '3' } });
}

describe('Briefing Desk JSON', () => {
  it('reads the documented example', () => {
    const result = parseImport(example('bd-events-example.json'), 'bd-events-example.json');
    expect(result.format).toBe('json');
    expect(result.datasetName).toBe('Rare-earth export controls (example)');
    checkExample(result);
    expect(result.events[0]!.type.code).toBe('046');
    expect(result.events[0]!.line).toBe(40);
    // A source with text and no URL is keyed by the hash of its text.
    expect(result.sources[2]!.key).toMatch(/^hash:[0-9a-f]{64}$/);
    expect(result.warnings).toEqual([]);
  });

  it('names the JSON path and line of a bad date', () => {
    const error = parseError(readFixture('bd-bad-date.json'), 'bd-bad-date.json');
    expect(error.message).toBe('events[1].date: expected YYYY-MM-DD, YYYY-MM or YYYY');
    expect(error.line).toBe(9);
  });

  it.each([
    ['{"briefingDesk":"events","version":2,"events":[]}', /^version: expected "version": 1/],
    ['{"briefingDesk":"events","version":1}', /^events: expected "events"/],
    ['{"briefingDesk":"events","version":1,"events":[{"date":"2025-02-30","summary":"x"}]}', /^events\[0\]\.date: not a real calendar date/],
    ['{"briefingDesk":"events","version":1,"events":[{"date":"2025","summary":"  "}]}', /^events\[0\]\.summary: the summary is empty/],
    ['{"briefingDesk":"events","version":1,"events":[{"date":"2025","summary":"x","actors":[{"name":"A","role":"boss"}]}]}', /^events\[0\]\.actors\[0\]\.role: expected "initiator"/],
    ['{"briefingDesk":"events","version":1,"sources":[{"id":"s","reliability":"G"}],"events":[]}', /^sources\[0\]\.reliability: expected a reliability grade A–F/],
  ])('rejects %s', (json, message) => {
    expect(parseError(utf8(json), 'x.json').message).toMatch(message);
  });

  it('reports a JSON syntax error with its line', () => {
    const error = parseError(utf8('{\n  "briefingDesk": "events",\n  "version": 1,\n  "events": [ { "date": "2025" ,, } ]\n}'), 'x.json');
    expect(error.message).toMatch(/^Not valid JSON/);
    expect(error.line).toBe(4);
  });

  it('warns about links to unknown sources and counts duplicate sources and events', () => {
    const json = {
      briefingDesk: 'events',
      version: 1,
      sources: [
        { id: 's1', title: 'A', url: 'https://example.org/a?utm_source=feed' },
        { id: 's2', title: 'A again', url: 'https://example.org/a' },
      ],
      events: [
        { id: 1, date: '2025-06-01', summary: 'One', sources: ['s1', 's2', 'nope'] },
        { id: 1, date: '2025-06-01', summary: 'One again' },
      ],
    };
    const result = parseImport(utf8(JSON.stringify(json)), 'x.json');
    expect(result.sources).toHaveLength(1);
    expect(result.events).toHaveLength(1);
    expect(result.duplicates).toBe(2);
    expect(result.events[0]!.sourceKeys).toEqual(['https://example.org/a']);
    expect(result.warnings).toEqual([{ line: 1, message: 'events[0].sources: no source with id "nope" in this file; link skipped' }]);
  });
});

describe('Briefing Desk CSV', () => {
  it('reads the documented example with " | "-separated sources', () => {
    const result = parseImport(example('bd-events-example.csv'), 'bd-events-example.csv');
    expect(result.format).toBe('csv');
    checkExample(result);
    expect(result.events[0]!.line).toBe(2);
  });

  it('reads a semicolon CSV from a spreadsheet, warns about unknown columns and rejects bad dates', () => {
    const csv = 'date;summary;type;notes\n2025-06-05;Trump–Xi phone call;Call;x\n5/6/2025;Bad date;Call;y\n;No date;Call;z\n2025-06-09;"London talks; day one";Talks;\n';
    const result = parseImport(utf8(csv), 'mine.csv');
    expect(result.events.map((e) => e.summary)).toEqual(['Trump–Xi phone call', 'London talks; day one']);
    expect(result.rejected).toBe(2);
    expect(result.warnings).toEqual([
      { line: 1, message: 'Unknown column ignored: notes' },
      { line: 3, message: 'date "5/6/2025" is not a date; expected YYYY-MM-DD, YYYY-MM or YYYY' },
      { line: 4, message: 'date is empty; row skipped' },
    ]);
  });

  it('names a missing required column', () => {
    const error = parseError(utf8('date,title\n2025-06-01,x\n'), 'mine.csv');
    expect(error.message).toMatch(/no "summary" column/);
    expect(error.line).toBe(1);
  });

  it('imports an incomplete row with warnings', () => {
    const csv = 'date,summary,actor1,latitude,reliability\n2025-06-01,,China,95,Z\n';
    const result = parseImport(utf8(csv), 'mine.csv');
    expect(result.events[0]!.summary).toBe('China: Unclassified event');
    expect(result.warnings.map((w) => w.message)).toEqual(['latitude "95" is not a latitude; ignored', 'summary is empty; made one from type, actors and location']);
  });
});
