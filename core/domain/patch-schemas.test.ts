import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../api/contract';
import { NoteMetaPatchSchema, NoteMetaSchema } from './note';
import { SettingsPatchSchema, SettingsSchema } from './settings';

/**
 * Every partial-update schema of the API, reached the way the hosts parse it. A patch must come
 * out of parsing with exactly the fields that went in: a default inside a patch schema writes a
 * value the caller never sent (issue 9: editing the author reset the note's citation style).
 */
interface PatchCase {
  name: string;
  /** The fields the patch schema knows, so a field added later must get a sample here. */
  fields: string[];
  /** Parses a patch as the host would and returns the patch the service receives. */
  parse: (patch: Record<string, unknown>) => unknown;
  /** One valid value per field (already in normal form, so parsing returns it unchanged). */
  samples: Record<string, unknown>;
}

const eventUpdatePatch = contract['events:update'].input.shape.patch;
const sourceUpdatePatch = contract['sources:update'].input.shape.patch;
const saveMeta = contract['notes:save'].input.shape.meta.unwrap();
const fieldsOf = (schema: z.ZodObject): string[] => Object.keys(schema.shape).sort();

const noteMetaSamples = {
  title: 'London talks',
  author: 'A. Analyst',
  date: '2025-06-10',
  status: 'in-review',
  marking: 'TLP:GREEN',
  tags: ['trade'],
  citationStyle: 'analyst',
};

const fuzzyDate = { date: '2025-06-10', precision: 'day' };

const cases: PatchCase[] = [
  { name: 'NoteMetaPatchSchema', fields: fieldsOf(NoteMetaPatchSchema), parse: (patch) => NoteMetaPatchSchema.parse(patch), samples: noteMetaSamples },
  {
    name: 'notes:save meta',
    fields: fieldsOf(saveMeta),
    parse: (patch) => contract['notes:save'].input.parse({ id: 'note-abcdef', meta: patch }).meta,
    samples: noteMetaSamples,
  },
  {
    name: 'SettingsPatchSchema',
    fields: fieldsOf(SettingsPatchSchema),
    parse: (patch) => SettingsPatchSchema.parse(patch),
    samples: { author: 'A. Analyst', defaultMarking: 'TLP:GREEN', locale: 'en-GB', citationStyle: 'apa', dateFormat: 'iso' },
  },
  {
    name: 'settings:update',
    fields: fieldsOf(contract['settings:update'].input),
    parse: (patch) => contract['settings:update'].input.parse(patch),
    samples: { author: 'A. Analyst', defaultMarking: 'TLP:GREEN', locale: 'en-GB', citationStyle: 'apa', dateFormat: 'locale' },
  },
  {
    name: 'events:update patch',
    fields: fieldsOf(eventUpdatePatch),
    parse: (patch) => contract['events:update'].input.parse({ id: 'ev-abcd', patch }).patch,
    samples: {
      date: fuzzyDate,
      endDate: null,
      summary: 'Talks in London',
      type: { label: 'Negotiate', code: '046', taxonomy: 'CAMEO', subType: null },
      actors: [{ name: 'USA', role: 'initiator', countryCode: 'USA' }],
      location: null,
      figures: { fatalities: 0 },
      sourceIds: ['src-abcd'],
    },
  },
  {
    name: 'sources:update patch',
    fields: fieldsOf(sourceUpdatePatch),
    parse: (patch) => contract['sources:update'].input.parse({ id: 'src-abcd', patch }).patch,
    samples: {
      title: 'Reuters report',
      publisher: 'Reuters',
      authors: ['A. Reporter'],
      published: fuzzyDate,
      url: 'https://example.org/a',
      language: 'en',
      text: 'Body',
      grade: { reliability: 'B', credibility: '2' },
      tags: ['trade'],
    },
  },
];

describe('patch schemas carry only the fields sent', () => {
  it.each(cases)('$name has a sample for every field', ({ fields, samples }) => {
    expect(Object.keys(samples).sort()).toEqual(fields);
  });

  it.each(cases)('$name: an empty patch stays empty', ({ parse }) => {
    expect(parse({})).toEqual({});
  });

  const oneFieldCases = cases.flatMap((patchCase) =>
    Object.entries(patchCase.samples).map(([field, value]) => ({ name: patchCase.name, field, value, parse: patchCase.parse })),
  );
  it.each(oneFieldCases)('$name: { $field } parses to exactly { $field }', ({ field, value, parse }) => {
    expect(parse({ [field]: value })).toStrictEqual({ [field]: value });
  });

  it('the stored note metadata still defaults a missing citation style to the workspace default', () => {
    const { citationStyle: _omitted, ...older } = noteMetaSamples;
    expect(NoteMetaSchema.parse(older).citationStyle).toBeNull();
  });

  it('settings files written before a field existed still load, with its default', () => {
    expect(SettingsSchema.parse({ author: '', defaultMarking: 'TLP:AMBER', locale: '' })).toMatchObject({ citationStyle: 'numeric', dateFormat: 'day-month-year' });
  });
});
