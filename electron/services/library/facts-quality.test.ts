import { describe, expect, it } from 'vitest';
import type { LibraryEvent, Source } from '../../../core/domain/library';
import type { DocNode } from '../../../core/domain/note';
import { firstSentence, leadMatchesDate, splitDateLead } from '../../../core/citations/fact-summary';
import { buildFactNodes, factClause, factSentence, formatEventDate } from '../../../core/citations/facts';
import { parseImport, type ParseResult } from './importers';
import { readFixture, readReal } from './importers/test-support';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SAMPLE_FILE_NAME, sampleLibraryBytes } from './sample/sample-data';

/**
 * The quality of the sentences facts insert (issue 9, §5), measured over real parses: the sample
 * library, every real GDELT row in the repository (the 50 rows of test-fixtures/real — there are no
 * more real GDELT rows here), the ACLED-layout rows of the importer fixtures and our own CSV/JSON
 * examples. Every sentence starts with its date, repeats no run of four or more words, and is one
 * sentence ending in one full stop, followed by a space and its citation.
 */

/** GDELT 1.0 daily files lack 2.0's three ADM2 columns (39, 47, 55); the rest is the same row. */
function gdelt1Layout(bytes: Uint8Array): Uint8Array {
  const lines = new TextDecoder().decode(bytes).trim().split('\n');
  const rows = lines.map((line) => line.split('\t').filter((_field, index) => index !== 39 && index !== 47 && index !== 55).join('\t'));
  return new TextEncoder().encode(`${rows.join('\n')}\n`);
}

const examples = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`./importers/examples/${name}`, import.meta.url))));

const DATASETS: [string, ParseResult][] = [
  ['sample library', parseImport(sampleLibraryBytes(), SAMPLE_FILE_NAME)],
  ['real GDELT 2.0 rows', parseImport(readReal('gdelt2-sample-head50.export.CSV'), 'gdelt2-sample-head50.export.CSV')],
  ['the same rows in the GDELT 1.0 layout', parseImport(gdelt1Layout(readReal('gdelt2-sample-head50.export.CSV')), 'gdelt1-sample.CSV', { format: 'gdelt1' })],
  ['ACLED rows', parseImport(readFixture('acled-sample.csv'), 'acled-sample.csv')],
  ['Briefing Desk CSV example', parseImport(examples('bd-events-example.csv'), 'bd-events-example.csv')],
  ['Briefing Desk JSON example', parseImport(examples('bd-events-example.json'), 'bd-events-example.json')],
];

/** Library records as the store makes them, enough for the fact builder. */
function libraryOf(result: ParseResult): { events: LibraryEvent[]; sources: Map<string, Source> } {
  const ids = new Map(result.sources.map((source, index) => [source.key, `src-q${String(index).padStart(4, '0')}`]));
  const sources = new Map<string, Source>();
  for (const source of result.sources) {
    const id = ids.get(source.key)!;
    sources.set(id, {
      ...source,
      id,
      retrievedAt: null,
      grade: source.grade ?? { reliability: null, credibility: null },
      origin: { kind: 'import', datasetId: null, file: null },
      contentHash: source.key,
      createdAt: '2025-06-11T00:00:00.000Z',
      updatedAt: '2025-06-11T00:00:00.000Z',
    });
  }
  const events = result.events.map(
    (event, index): LibraryEvent => ({
      id: `ev-q${String(index).padStart(4, '0')}`,
      date: event.date,
      endDate: event.endDate,
      summary: event.summary,
      type: event.type,
      actors: event.actors,
      location: event.location,
      figures: event.figures,
      sourceIds: event.sourceKeys.map((key) => ids.get(key)!).filter(Boolean),
      datasetId: 'ds-quality',
      datasetVersion: 1,
      externalId: event.externalId,
      origin: { kind: 'import', datasetId: 'ds-quality', file: null },
      createdAt: '2025-06-11T00:00:00.000Z',
      updatedAt: '2025-06-11T00:00:00.000Z',
    }),
  );
  return { events, sources };
}

/** The first run of `n` words that occurs twice in the text, or null. */
export function repeatedRun(text: string, n = 4): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}%'’-]+/gu) ?? [];
  const seen = new Set<string>();
  for (let i = 0; i + n <= words.length; i += 1) {
    const run = words.slice(i, i + n).join(' ');
    if (seen.has(run)) return run;
    seen.add(run);
  }
  return null;
}

/** Why a sentence fails the bar, or null when it passes. */
function problemOf(sentence: string, event: LibraryEvent): string | null {
  const ours = `${event.date.precision === 'day' ? 'On' : 'In'} ${formatEventDate(event.date, event.endDate)}, `;
  const lead = splitDateLead(sentence);
  if (!sentence.startsWith(ours) && !(lead && leadMatchesDate(lead.lead, event.date))) return 'does not start with its date';
  const run = repeatedRun(sentence);
  if (run) return `repeats "${run}"`;
  if (!/[^.]\.$/.test(sentence)) return 'does not end in one full stop';
  if (firstSentence(sentence) !== sentence) return 'is more than one sentence';
  if (/\s{2}|\s[,.;:]|^\s|\s$/.test(sentence)) return 'has stray spaces';
  if (/ (undefined|null)\b|, ,|\(\)/.test(sentence)) return 'has an empty slot';
  if (/[a-z]/.test(sentence.charAt(0)) || /, [A-Z]{5,}\b/.test(sentence)) return 'is badly capitalised';
  return null;
}

describe('generated sentences an analyst keeps', () => {
  it('the sets are real parses of every row there is', () => {
    const counts = Object.fromEntries(DATASETS.map(([name, result]) => [name, result.events.length]));
    expect(counts).toEqual({
      'sample library': 16,
      'real GDELT 2.0 rows': 50,
      'the same rows in the GDELT 1.0 layout': 50,
      'ACLED rows': 11,
      'Briefing Desk CSV example': 2,
      'Briefing Desk JSON example': 2,
    });
  });

  it.each(DATASETS)('%s: every sentence starts with its date, repeats no four-word run, is one sentence with one full stop', (_name, result) => {
    const { events } = libraryOf(result);
    const problems = events.map((event) => [factSentence(event), problemOf(factSentence(event), event)] as const).filter(([, problem]) => problem !== null);
    expect(problems).toEqual([]);
    // The chronology clause is the same words without the date: one sentence, one stop, a capital.
    for (const event of events) {
      const clause = factClause(event);
      expect(clause, clause).toMatch(/^["'“(]?[A-Z0-9].*[^.]\.$/);
      expect(repeatedRun(clause), clause).toBeNull();
    }
  });

  it.each(DATASETS)('%s: the inserted sentence is followed by a space and its citation', (_name, result) => {
    const { events, sources } = libraryOf(result);
    const paragraphs = buildFactNodes(events, sources, 'sentence', '2025-06-11T08:00:00.000Z');
    expect(paragraphs).toHaveLength(events.length);
    paragraphs.forEach((paragraph, index) => {
      const content: DocNode[] = paragraph.content ?? [];
      const event = events[index]!;
      expect(content[0]?.text).toBe(factSentence(event));
      if (event.sourceIds.length === 0) return;
      expect(content.map((node) => node.type)).toEqual(['text', 'text', 'citation']);
      expect(content[1]?.text).toBe(' ');
    });
  });

  it('the measure itself catches what it must', () => {
    const event = libraryOf(DATASETS[0]![1]).events[0]!;
    expect(problemOf('On 2 April 2025, China held talks in London — China held talks in London at Lancaster House.', event)).toBe('repeats "china held talks in"');
    expect(problemOf('On 2 April 2025, Trump made an announcement: Trump made an announcement of tariffs.', event)).toBe('repeats "trump made an announcement"');
    expect(problemOf('On 2 April 2025, tariffs were announced. Markets fell.', event)).toBe('is more than one sentence');
    expect(problemOf('On 2 April 2025, tariffs were announced..', event)).toBe('does not end in one full stop');
    expect(problemOf('Tariffs were announced.', event)).toBe('does not start with its date');
    expect(problemOf('On 2 April 2025, UNITED STATES announced tariffs.', event)).toBe('is badly capitalised');
    expect(problemOf('On 2 April 2025, President Trump announced tariffs.', event)).toBeNull();
  });
});
