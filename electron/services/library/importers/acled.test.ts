import { describe, expect, it } from 'vitest';
import { parseImport } from './index';
import { readFixture, utf8 } from './test-support';
import { ImportParseError } from './types';

function parseError(bytes: Uint8Array, name: string): ImportParseError {
  try {
    parseImport(bytes, name);
  } catch (error) {
    if (error instanceof ImportParseError) return error;
    throw error;
  }
  throw new Error('expected an ImportParseError');
}

describe('ACLED CSV', () => {
  const result = parseImport(readFixture('acled-sample.csv'), 'acled-sample.csv');

  it('is detected from its header and reads every usable row', () => {
    expect(result.format).toBe('acled');
    expect(result.rows).toBe(13);
    expect(result.events).toHaveLength(11);
    expect(result.rejected).toBe(1);
    expect(result.duplicates).toBe(1);
    expect(result.warnings).toEqual([{ line: 12, message: 'event_date is empty; row skipped' }]);
  });

  it('maps a row with quoted notes spanning two lines', () => {
    const event = result.events.find((e) => e.externalId === 'UKR88001')!;
    expect(event).toMatchObject({
      line: 4,
      date: { date: '2025-06-03', precision: 'day' },
      type: { label: 'Explosions/Remote violence', code: null, taxonomy: 'ACLED', subType: 'Shelling/artillery/missile attack' },
      actors: [
        { name: 'Military Forces of Russia (2000-)', role: 'initiator' },
        { name: 'Civilians (Ukraine)', role: 'target' },
      ],
      location: { name: 'Kharkiv', country: 'UKR', admin1: 'Kharkiv', latitude: 49.9935, longitude: 36.2304 },
      figures: { fatalities: 2 },
      sourceKeys: ['name:Ukrainska Pravda', 'name:Suspilne Media', 'name:Reuters'],
    });
    expect(event.summary).toBe(
      'On 3 June 2025, Russian forces shelled a residential area of Kharkiv city, damaging several houses, a school and a car; 2 civilians were killed. A further 5 people were injured. [Sample data]',
    );
    // The row after the two-line record starts on line 6.
    expect(result.events.find((e) => e.externalId === 'UKR88002')!.line).toBe(6);
  });

  it('reads "12 June 2025" and month-precision dates, quotes inside notes and associated actors', () => {
    expect(result.events.find((e) => e.externalId === 'UKR88002')!.date).toEqual({ date: '2025-06-12', precision: 'day' });
    expect(result.events.find((e) => e.externalId === 'MMR77002')!.date).toEqual({ date: '2025-06-01', precision: 'month' });
    expect(result.events.find((e) => e.externalId === 'SDN31002')!.summary).toContain('killing "at least 4" fighters');
    expect(result.events.find((e) => e.externalId === 'USA20001')!.actors).toEqual([
      { name: 'Protesters (United States)', role: 'initiator', countryCode: null, code: null },
      { name: 'Labor Group (United States)', role: 'initiator', countryCode: null, code: null },
    ]);
  });

  it('makes one name-only Source per outlet, shared between events, with the source scale as a tag', () => {
    expect(result.sources).toHaveLength(15);
    const tribune = result.sources.find((s) => s.key === 'name:Sudan Tribune')!;
    expect(tribune).toMatchObject({ title: 'Sudan Tribune', publisher: 'Sudan Tribune', url: null, canonicalUrl: null, text: '', tags: ['National-International'] });
    expect(result.events.filter((e) => e.sourceKeys.includes('name:Sudan Tribune'))).toHaveLength(2);
  });

  it('keeps the country name when the ISO code is not in the table, and makes a summary without notes', () => {
    const kosovo = result.events.find((e) => e.externalId === 'XKX00001')!;
    expect(kosovo.location?.country).toBe('Kosovo');
    expect(kosovo.summary).toBe('Peaceful protest by Protesters (Kosovo) in Pristina, Kosovo');
  });

  it('throws when most rows have the wrong column count', () => {
    const error = parseError(readFixture('acled-wrong-columns.csv'), 'acled-wrong-columns.csv');
    expect(error.message).toMatch(/Expected 31 columns per row like the header of this ACLED file, found 6/);
    expect(error.line).toBe(2);
  });

  it('throws on an unclosed quote with its line', () => {
    const text = 'event_id_cnty,event_date,event_type,notes\nA1,2025-06-01,Protests,"fine"\nA2,2025-06-02,Protests,"never closed\nA3,2025-06-03,Protests,x\n';
    const error = parseError(utf8(text), 'a.csv');
    expect(error.message).toMatch(/quoted field is never closed/);
    expect(error.line).toBe(3);
  });

  it('names a missing event_date column', () => {
    const error = parseError(utf8('event_id_cnty,event_type\nA1,Protests\n'), 'a.csv');
    expect(error.message).toMatch(/no "event_date" column/);
  });
});
