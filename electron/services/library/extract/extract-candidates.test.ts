import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventDraftSchema } from '../../../../core/api/contract';
import { CandidateEventSchema, type FuzzyDate } from '../../../../core/domain/library';
import {
  acceptCandidateDraft,
  candidateId,
  extractCandidates,
  shortenSummary,
  splitSentences,
} from './extract-candidates';

const JUNE_9: FuzzyDate = { date: '2025-06-09', precision: 'day' };
const SOURCE_ID = 'src-cna-london-0609';

/** A CNA-style paragraph on the London talks, published Monday 2025-06-09 (written for this test). */
const CNA_STYLE = [
  'U.S. Treasury Secretary Scott Bessent, Commerce Secretary Howard Lutnick and Trade Representative Jamieson Greer met Chinese Vice Premier He Lifeng in London on Monday.',
  'Trump and Xi spoke by phone on June 5, in a call the White House said lasted about 90 minutes.',
  'China imposed export controls on seven medium and heavy rare earths in April.',
  'Mr. Trump said the U.S. would keep tariffs in place while talks continue.',
  'Chinese customs data showed exports to the United States fell 34.5 per cent in May from a year earlier.',
  "China's Ministry of Commerce said on Thursday it had approved some export licence applications.",
].join(' ');

function only(text: string, published: FuzzyDate | null = JUNE_9, today?: Date) {
  const found = extractCandidates({ id: SOURCE_ID, text, published }, today ? { today } : {});
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('extractCandidates: dates resolved against the publication date', () => {
  const cases: { name: string; sentence: string; date: string; precision: FuzzyDate['precision'] }[] = [
    { name: 'month and day', sentence: 'Trump and Xi spoke by phone on June 5 about the trade deal.', date: '2025-06-05', precision: 'day' },
    { name: 'month only stays a month', sentence: 'China imposed export controls in April.', date: '2025-04-01', precision: 'month' },
    { name: 'bare year', sentence: 'Chinese exports of magnets rose sharply in 2024.', date: '2024-01-01', precision: 'year' },
    { name: 'weekday in a past-tense report', sentence: 'The delegations met in London on Monday.', date: '2025-06-09', precision: 'day' },
    { name: 'weekday before publication', sentence: 'The leaders spoke by telephone on Thursday.', date: '2025-06-05', precision: 'day' },
    { name: 'weekday in the future', sentence: 'Officials will meet again on Thursday.', date: '2025-06-12', precision: 'day' },
    { name: 'relative week', sentence: 'Beijing approved the first licences last week.', date: '2025-06-02', precision: 'day' },
    { name: 'a later month in a past-tense report is last year', sentence: 'Chinese magnet exports peaked in December.', date: '2024-12-01', precision: 'month' },
    { name: 'a later month in the future stays this year', sentence: 'The truce is set to expire in August.', date: '2025-08-01', precision: 'month' },
    { name: 'a day just after publication is coming up, not last year', sentence: 'Negotiators extended the London talks toward 11 June.', date: '2025-06-11', precision: 'day' },
    { name: 'a near date without a future word stays this year', sentence: 'The delegations met again on 12 June in London.', date: '2025-06-12', precision: 'day' },
    { name: 'full date', sentence: 'The Geneva statement was issued on 12 May 2025 by both governments.', date: '2025-05-12', precision: 'day' },
    { name: 'abbreviated month', sentence: 'Mr. Trump first raised tariffs on Jan. 20 after his inauguration.', date: '2025-01-20', precision: 'day' },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const candidate = only(testCase.sentence);
      expect(candidate.date).toEqual({ date: testCase.date, precision: testCase.precision });
      expect(candidate.sentence).toBe(testCase.sentence);
    });
  }

  it('skips sentences with no date, only a time, or only a duration', () => {
    const text = [
      'Shares of automakers rose sharply after the announcement.',
      'The meeting started at 10 a.m. local time.',
      'The two leaders talked for 90 minutes.',
    ].join(' ');
    expect(extractCandidates({ id: SOURCE_ID, text, published: JUNE_9 })).toEqual([]);
  });

  it('uses the given reference date when the article has no publication date', () => {
    const candidate = only('The ministry published its rules on March 3.', null, new Date(2024, 10, 20, 12));
    expect(candidate.date).toEqual({ date: '2024-03-03', precision: 'day' });
  });

  it('returns nothing for empty text and respects max', () => {
    expect(extractCandidates({ id: SOURCE_ID, text: '   ', published: JUNE_9 })).toEqual([]);
    expect(extractCandidates({ id: SOURCE_ID, text: CNA_STYLE, published: JUNE_9 }, { max: 2 })).toHaveLength(2);
  });
});

describe('extractCandidates on a news paragraph', () => {
  const candidates = extractCandidates({ id: SOURCE_ID, text: CNA_STYLE, published: JUNE_9 });

  it('keeps only dated sentences, each a valid candidate', () => {
    expect(candidates.map((c) => c.date)).toEqual([
      { date: '2025-06-09', precision: 'day' },
      { date: '2025-06-05', precision: 'day' },
      { date: '2025-04-01', precision: 'month' },
      { date: '2025-05-01', precision: 'month' },
      { date: '2025-06-05', precision: 'day' },
    ]);
    for (const candidate of candidates) expect(CandidateEventSchema.parse(candidate)).toEqual(candidate);
    expect(candidates.some((c) => c.sentence.startsWith('Mr. Trump said'))).toBe(false);
  });

  it('finds the negotiators without their titles, and the place', () => {
    const london = candidates[0]!;
    expect(london.actors).toEqual(expect.arrayContaining(['Scott Bessent', 'Howard Lutnick', 'Jamieson Greer', 'He Lifeng']));
    expect(london.actors.some((name) => /Secretary|Premier|Representative/.test(name))).toBe(false);
    expect(london.places).toEqual(['London']);
  });

  it('finds organisations whole and strips possessives', () => {
    const ministry = candidates[4]!;
    expect(ministry.organizations).toContain('Ministry of Commerce');
    expect(ministry.places).toContain('China');
    expect([...ministry.places, ...ministry.organizations, ...ministry.actors].some((name) => /['’]s\b/.test(name))).toBe(false);
  });

  it('splits "Trump–Xi" into two names and drops nationality words', () => {
    const candidate = only('The Trump–Xi call of June 5 pleased Chinese officials and Reuters reported it.');
    expect(candidate.actors).toEqual(['Trump', 'Xi']);
    expect(candidate.organizations).toEqual(['Reuters']);
  });

  it('gives stable ids for the same source and sentence, different ids otherwise', () => {
    const again = extractCandidates({ id: SOURCE_ID, text: CNA_STYLE, published: JUNE_9 });
    expect(again.map((c) => c.id)).toEqual(candidates.map((c) => c.id));
    expect(new Set(candidates.map((c) => c.id)).size).toBe(candidates.length);
    const other = extractCandidates({ id: 'src-other-article', text: CNA_STYLE, published: JUNE_9 });
    expect(other[0]!.id).not.toBe(candidates[0]!.id);
    expect(candidates[0]!.id).toBe(candidateId(SOURCE_ID, candidates[0]!.sentence));
  });

  it('turns an accepted candidate into a valid event draft linked to its source', () => {
    const draft = EventDraftSchema.parse(acceptCandidateDraft(candidates[0]!));
    expect(draft.date).toEqual({ date: '2025-06-09', precision: 'day' });
    expect(draft.sourceIds).toEqual([SOURCE_ID]);
    expect(draft.location?.name).toBe('London');
    expect(draft.actors?.map((a) => a.name)).toContain('He Lifeng');
    expect(draft.actors?.every((a) => a.role === 'other' && a.countryCode === null)).toBe(true);
  });
});

describe('sentences and summaries', () => {
  it('does not split after U.S., Mr. or Jan.', () => {
    const text = 'The U.S. and China met on Jan. 5 in Geneva. Mr. Bessent said talks went well.\n\nA new paragraph follows here.';
    expect(splitSentences(text)).toEqual([
      'The U.S. and China met on Jan. 5 in Geneva.',
      'Mr. Bessent said talks went well.',
      'A new paragraph follows here.',
    ]);
  });

  it('shortens long sentences at a word boundary, at most 240 characters', () => {
    const long = `On June 10 ${'the negotiators discussed export controls and rare earth licences '.repeat(6)}at length.`;
    const summary = shortenSummary(long);
    expect(summary.length).toBeLessThanOrEqual(240);
    expect(summary.endsWith('…')).toBe(true);
    expect(long.startsWith(summary.slice(0, -1))).toBe(true);
    expect(long.charAt(summary.length - 1)).toBe(' ');
    const candidate = only(long);
    expect(candidate.summary).toBe(summary);
    expect(candidate.sentence).toBe(long);
  });
});

describe('a real French article (Le Monde fixture)', () => {
  const html = readFileSync(new URL('../../../../test-fixtures/real/article-lemonde-1.html', import.meta.url), 'utf8');
  const text = [...html.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/g)]
    .map((match) => (match[1] ?? '').replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ').replace(/&#39;|&rsquo;/g, '’').trim())
    .join('\n\n');

  it('parses French dates with chrono.fr and never crashes', () => {
    const candidates = extractCandidates({ id: 'src-lemonde-1', text, published: { date: '2015-05-05', precision: 'day' }, language: 'fr' });
    expect(candidates.length).toBeGreaterThan(0);
    for (const candidate of candidates) {
      expect(CandidateEventSchema.parse(candidate)).toEqual(candidate);
      expect(candidate.summary.length).toBeLessThanOrEqual(240);
    }
    const vote = candidates.find((c) => c.sentence.includes('mardi 5 mai'));
    expect(vote?.date).toEqual({ date: '2015-05-05', precision: 'day' });
  });

  it('handles the raw HTML text and an unknown publication date without throwing', () => {
    const raw = html.replace(/<[^>]+>/g, ' ');
    expect(() => extractCandidates({ id: 'src-lemonde-1', text: raw, published: null, language: 'fr' })).not.toThrow();
    expect(() => extractCandidates({ id: 'src-lemonde-1', text: raw, published: null, language: 'xx-unknown' })).not.toThrow();
  });
});
