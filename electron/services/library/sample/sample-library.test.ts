import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseImport } from '../importers/index';
import { SAMPLE_DATASET_NAME, SAMPLE_FILE_NAME, sampleLibraryBytes, sampleLibraryCounts } from './sample-library';

/** Briefing Desk's own JSON event format, as documented for analysts (written out here so the test can fail). */
const day = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);
const OwnJsonSchema = z
  .object({
    briefingDesk: z.literal('events'),
    version: z.literal(1),
    dataset: z.string().min(1),
    sources: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z0-9-]+$/),
          title: z.string().min(5),
          publisher: z.string().min(2),
          authors: z.array(z.string()),
          published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
          url: z.string().url(),
          language: z.literal('en'),
          text: z.string(),
          excerpt: z.string().min(10),
          reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
          credibility: z.enum(['1', '2', '3', '4', '5', '6']),
          tags: z.array(z.string()),
        })
        .strict(),
    ),
    events: z.array(
      z
        .object({
          id: z.string().regex(/^rare-earths-2025-\d{3}$/),
          date: day,
          endDate: day.optional(),
          summary: z.string().min(20).max(400),
          type: z.string().min(3),
          typeCode: z.string().regex(/^\d{2,4}$/).optional(),
          actors: z
            .array(z.object({ name: z.string().min(2), role: z.enum(['initiator', 'target', 'other']), country: z.string().regex(/^[A-Z]{3}$/) }).strict())
            .min(1),
          location: z
            .object({ name: z.string(), country: z.string().regex(/^[A-Z]{3}$/), admin1: z.string().nullable(), lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
            .strict()
            .nullable(),
          sources: z.array(z.string()).min(1).max(3),
        })
        .strict(),
    ),
  })
  .strict();

const bytes = sampleLibraryBytes();
const sample = OwnJsonSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));

describe('the sample library', () => {
  it('is a valid JSON import file of at least 15 events and 6 sources', () => {
    expect(sample.dataset).toBe(SAMPLE_DATASET_NAME);
    expect(SAMPLE_DATASET_NAME).toBe('Sample: Rare earths and US–China talks 2025');
    expect(SAMPLE_FILE_NAME).toBe('rare-earths-2025.json');
    expect(sample.events.length).toBeGreaterThanOrEqual(15);
    expect(sample.sources.length).toBeGreaterThanOrEqual(6);
    expect(sampleLibraryCounts()).toEqual({ events: sample.events.length, sources: sample.sources.length });
  });

  it('has unique ids and every event cites only sources that exist', () => {
    const sourceIds = new Set(sample.sources.map((s) => s.id));
    expect(sourceIds.size).toBe(sample.sources.length);
    expect(new Set(sample.events.map((e) => e.id)).size).toBe(sample.events.length);
    for (const event of sample.events) for (const id of event.sources) expect(sourceIds, `${event.id} cites ${id}`).toContain(id);
    // Every source backs at least one event: nothing in the sample is decoration.
    const cited = new Set(sample.events.flatMap((e) => e.sources));
    expect([...sourceIds].filter((id) => !cited.has(id))).toEqual([]);
  });

  it('grades every source and keeps source texts short summaries of our own', () => {
    for (const source of sample.sources) {
      const words = source.text.split(/\s+/).filter(Boolean).length;
      expect(words, source.id).toBeGreaterThanOrEqual(80);
      expect(words, source.id).toBeLessThanOrEqual(200);
      expect(source.excerpt.split(/(?<=[.!?])\s+(?=[A-Z])/).length, source.id).toBe(1);
    }
  });

  it('includes the two required articles with their real URLs and titles', () => {
    const rex = sample.sources.find((s) => s.url === 'https://rareearthexchanges.com/news/rare-earths-dominate-u-s-china-talks-as-trump-xi-call-spurs-high-stakes-london-negotiations');
    expect(rex?.title).toBe('Rare Earths Dominate U.S.-China Talks as Trump-Xi Call Spurs High-Stakes London Negotiations');
    expect(rex?.publisher).toBe('Rare Earth Exchanges');
    expect(rex?.published).toBe('2025-06-10');
    const cna = sample.sources.find((s) => s.url === 'https://www.channelnewsasia.com/east-asia/us-china-trade-truce-london-talks-trade-tariffs-5171341');
    expect(cna?.publisher).toBe('CNA');
    expect(cna?.published).toBe('2025-06-09');
  });

  it('dates the key events precisely, with month precision where only the month is known', () => {
    const byDate = (date: string) => sample.events.filter((e) => e.date === date);
    const call = byDate('2025-06-05').find((e) => e.type === 'Phone call');
    expect(call?.actors.map((a) => [a.name, a.country])).toEqual([
      ['Donald Trump', 'USA'],
      ['Xi Jinping', 'CHN'],
    ]);
    expect(byDate('2025-04-02').some((e) => e.type === 'Tariff announcement')).toBe(true);
    const controls = byDate('2025-04-04').find((e) => e.type === 'Export controls');
    for (const element of ['samarium', 'gadolinium', 'terbium', 'dysprosium', 'lutetium', 'scandium', 'yttrium']) expect(controls?.summary).toContain(element);
    expect(byDate('2025-04').some((e) => e.summary.includes('145%'))).toBe(true);
    expect(byDate('2025-05-10')[0]?.endDate).toBe('2025-05-11');
    expect(byDate('2025-05-10')[0]?.location?.name).toBe('Geneva');
    const london = byDate('2025-06-09').find((e) => e.type === 'Negotiations');
    expect(london?.actors.map((a) => a.name)).toEqual(['Scott Bessent', 'Howard Lutnick', 'Jamieson Greer', 'He Lifeng']);
    expect(london?.location?.name).toBe('London');
    expect(byDate('2025-06-09').some((e) => e.type === 'Trade data' && e.summary.includes('34.5%'))).toBe(true);
    expect(sample.events.some((e) => e.type === 'Licence approvals')).toBe(true);
    expect(sample.events.some((e) => e.endDate === '2025-06-11')).toBe(true);
  });

  it('lists every source in provenance.md', () => {
    const provenance = readFileSync(fileURLToPath(new URL('./provenance.md', import.meta.url)), 'utf8');
    for (const source of sample.sources) {
      expect(provenance, source.id).toContain(source.id);
      expect(provenance, source.id).toContain(source.url);
    }
  });
});

/** The real JSON importer must accept the sample as it is: every event and source, nothing rejected or warned. */
describe('the sample through the real JSON importer', () => {
  it('parses without rejection', () => {
    const parsed = parseImport(bytes, SAMPLE_FILE_NAME, { format: 'json' });
    expect(parsed).toMatchObject({ format: 'json', datasetName: sample.dataset, rejected: 0, duplicates: 0, warnings: [] });
    expect(parsed.events.map((event) => event.externalId)).toEqual(sample.events.map((event) => event.id));
    expect(parsed.sources).toHaveLength(sample.sources.length);
  });
});
