import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENTS_GET_MANY_MAX, contract, type CallOutput } from '../../../core/index';
import type { EventSearchResult } from '../../../core/domain/library';
import type { Backend } from '../../container';
import { type TestWorkspace, createTestWorkspace } from '../testing/fixtures';
import type { ParsedEvent, ParsedSource, ParseResult } from './importers/types';

function row(externalId: string, date: string, sourceKeys: string[]): ParsedEvent {
  return {
    externalId,
    date: { date, precision: 'day' },
    endDate: null,
    summary: `Protest ${externalId}`,
    type: { label: 'Protests', code: null, taxonomy: 'ACLED', subType: 'Peaceful protest' },
    actors: [{ name: 'Protesters (Ukraine)', role: 'initiator', countryCode: 'UKR' }],
    location: { name: 'Kyiv', country: 'Ukraine', admin1: 'Kyiv City', latitude: 50.45, longitude: 30.52 },
    figures: { fatalities: 0 },
    sourceKeys,
    line: 2,
  };
}

function outlet(name: string): ParsedSource {
  return { key: `name:${name}`, title: name, publisher: name, authors: [], published: null, url: null, canonicalUrl: null, language: null, text: '', excerpt: '', grade: null, tags: [] };
}

const FILE: ParseResult = {
  format: 'acled',
  datasetName: null,
  rows: 3,
  // UKR1 and UKR2 share an outlet; UKR3 has its own.
  events: [row('UKR1', '2025-06-01', ['name:Kyiv Independent']), row('UKR2', '2025-06-02', ['name:Kyiv Independent']), row('UKR3', '2025-06-03', ['name:Ukrinform'])],
  sources: [outlet('Kyiv Independent'), outlet('Ukrinform')],
  warnings: [],
  rejected: 0,
  duplicates: 0,
};

describe('events:get-many', () => {
  let ws: TestWorkspace;
  let backend: Backend;
  let ids: string[];

  beforeEach(async () => {
    ws = await createTestWorkspace();
    backend = await ws.open();
    await backend.services.library.storeImport(FILE, { fileName: 'acled-ukraine.csv' });
    const found = await backend.dispatch('events:search', { sort: 'date-asc' });
    if (!found.ok) throw new Error(found.error.message);
    ids = (found.value as EventSearchResult).events.map((card) => card.id);
  });
  afterEach(() => ws.cleanup());

  async function getMany(input: unknown): Promise<CallOutput<'events:get-many'>> {
    const result = await backend.dispatch('events:get-many', input);
    if (!result.ok) throw new Error(result.error.message);
    return contract['events:get-many'].output.parse(result.value);
  }

  it('answers with the events in the order asked, each cited source once, and no missing ids', async () => {
    const [ukr1, ukr2, ukr3] = [ids[0]!, ids[1]!, ids[2]!];
    const answer = await getMany({ ids: [ukr3, ukr1, ukr2] });
    expect(answer.events.map((event) => event.externalId)).toEqual(['UKR3', 'UKR1', 'UKR2']);
    expect(answer.sources.map((source) => source.title)).toEqual(['Ukrinform', 'Kyiv Independent']);
    expect(answer.missing).toEqual([]);
    // The same records as one events:get each.
    for (const id of [ukr1, ukr2, ukr3]) {
      const one = await backend.dispatch('events:get', { id });
      if (!one.ok) throw new Error(one.error.message);
      const single = one.value as CallOutput<'events:get'>;
      expect(answer.events.find((event) => event.id === id)).toEqual(single.event);
      for (const source of single.sources) expect(answer.sources).toContainEqual(source);
    }
  });

  it('lists ids with no event (deleted, never there) instead of failing, and answers an id asked twice once', async () => {
    const [ukr1, ukr2] = [ids[0]!, ids[1]!];
    const deleted = await backend.dispatch('events:delete', { id: ukr2, confirm: true });
    expect(deleted.ok).toBe(true);
    const answer = await getMany({ ids: [ukr1, ukr2, 'ev-0000000000000000', ukr1] });
    expect(answer.events.map((event) => event.id)).toEqual([ukr1]);
    expect(answer.missing).toEqual([ukr2, 'ev-0000000000000000']);
    expect(answer.sources.map((source) => source.title)).toEqual(['Kyiv Independent']);
  });

  it.each([
    ['no ids', { ids: [] }],
    ['more ids than the cap', { ids: Array.from({ length: EVENTS_GET_MANY_MAX + 1 }, (_, i) => `ev-${String(i).padStart(16, '0')}`) }],
    ['a path as id', { ids: ['../settings'] }],
    ['an unknown field', { ids: ['ev-0000000000000000'], full: true }],
  ])('refuses %s with invalid_input', async (_what, input) => {
    const result = await backend.dispatch('events:get-many', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
