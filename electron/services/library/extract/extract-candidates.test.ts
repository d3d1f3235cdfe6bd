import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventDraftSchema } from '../../../../core/api/contract';
import { parseImport } from '../importers';
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

/** Published on Tuesday 10 June 2025. */
const JUNE_10: FuzzyDate = { date: '2025-06-10', precision: 'day' };
const day = (date: string): FuzzyDate => ({ date, precision: 'day' });

describe('relative dates resolve against the publication date with their precision', () => {
  const cases: { sentence: string; date: FuzzyDate; endDate?: FuzzyDate; places?: string[] }[] = [
    { sentence: "This week's negotiations in London ended without a deal.", date: day('2025-06-09'), endDate: day('2025-06-15'), places: ['London'] },
    { sentence: 'Beijing approved the first licences last week.', date: day('2025-06-02'), endDate: day('2025-06-08'), places: ['Beijing'] },
    { sentence: 'Officials will return to London next week.', date: day('2025-06-16'), endDate: day('2025-06-22'), places: ['London'] },
    { sentence: 'Talks resumed yesterday in Geneva.', date: day('2025-06-09'), places: ['Geneva'] },
    { sentence: 'Talks continue today in London.', date: day('2025-06-10'), places: ['London'] },
    { sentence: "China's exports to the US fell sharply last month.", date: { date: '2025-05-01', precision: 'month' }, places: ['China', 'US'] },
    { sentence: 'Prices of rare earth magnets rose earlier this month.', date: { date: '2025-06-01', precision: 'month' } },
    { sentence: 'The delegations will meet again next Tuesday.', date: day('2025-06-17') },
    { sentence: 'The ministry said on Monday it would respond.', date: day('2025-06-09') },
    { sentence: 'He Lifeng arrived in London on Sunday.', date: day('2025-06-08'), places: ['London'] },
  ];
  it.each(cases)('$sentence', ({ sentence, date, endDate, places }) => {
    const found = extractCandidates({ id: SOURCE_ID, text: sentence, published: JUNE_10 });
    expect(found).toHaveLength(1);
    const candidate = found[0]!;
    expect(candidate.date).toEqual(date);
    expect(candidate.endDate ?? null).toEqual(endDate ?? null);
    expect(candidate.places).toEqual(places ?? []);
    expect(CandidateEventSchema.parse(candidate)).toEqual(candidate);
  });

  it('a week candidate becomes an event draft spanning the week', () => {
    const [candidate] = extractCandidates({ id: SOURCE_ID, text: "This week's negotiations in London ended without a deal.", published: JUNE_10 });
    const draft = EventDraftSchema.parse(acceptCandidateDraft(candidate!));
    expect([draft.date, draft.endDate, draft.location?.name]).toEqual([day('2025-06-09'), day('2025-06-15'), 'London']);
  });
});

describe('what is not an event date', () => {
  const notCandidates: [string, string][] = [
    ['"now"', 'The talks are now in their second day.'],
    ['"currently"', 'Officials are currently reviewing the licence applications.'],
    ['a byline with a date', 'By Jane Doe, 10 June 2025'],
    ['a byline with two names', 'By Jane Doe and John Smith | 10 June 2025'],
    ['a publication line', 'Published 10 June 2025 10:32'],
    ['an update line in US style', 'Updated June 10, 2025 at 10:32 a.m. EDT'],
    ['a bare date', '10 June 2025'],
    ['a date line with a weekday', 'Tuesday, June 10, 2025'],
  ];
  it.each(notCandidates)('%s', (_name, text) => {
    expect(extractCandidates({ id: SOURCE_ID, text, published: JUNE_10 })).toEqual([]);
  });

  it('byline and date lines at the top of a plain-text article stand alone and are skipped', () => {
    const text = 'By Jane Doe\n10 June 2025\nTrump and Xi spoke by phone on June 5.\n\nPublished 10 June 2025 10:32\nTalks resumed yesterday in London.';
    expect(extractCandidates({ id: SOURCE_ID, text, published: JUNE_10 }).map((c) => c.sentence)).toEqual([
      'Trump and Xi spoke by phone on June 5.',
      'Talks resumed yesterday in London.',
    ]);
  });

  it('a sentence that says who signed and what happened is still a candidate', () => {
    expect(extractCandidates({ id: SOURCE_ID, text: 'By 10 June 2025 the two sides had agreed on a framework.', published: JUNE_10 })).toHaveLength(1);
  });
});

describe("the headline's event", () => {
  it('is a candidate dated by the publication date, with its places', () => {
    const found = extractCandidates({ id: SOURCE_ID, title: 'US and China resume trade talks in London', text: 'The talks are about rare earths.', published: JUNE_10 });
    expect(found.map((c) => [c.sentence, c.date, c.places])).toEqual([['US and China resume trade talks in London', JUNE_10, ['US', 'China', 'London']]]);
  });

  it('keeps a date of its own', () => {
    const [headline] = extractCandidates({ id: SOURCE_ID, title: 'Trump and Xi spoke on Thursday, White House says', text: '', published: JUNE_10 });
    expect(headline?.date).toEqual(day('2025-06-05'));
    expect(headline?.actors).toEqual(['Trump', 'Xi']);
  });

  it('is proposed once when the text repeats it, and not at all without any date', () => {
    const title = 'US and China resume trade talks in London';
    expect(extractCandidates({ id: SOURCE_ID, title, text: `${title}\n\nThe talks are about rare earths.`, published: JUNE_10 })).toHaveLength(1);
    expect(extractCandidates({ id: SOURCE_ID, title, text: 'The talks are about rare earths.', published: null })).toEqual([]);
  });
});

describe('actors at the start of a sentence', () => {
  const cases: { sentence: string; actors: string[]; organizations?: string[] }[] = [
    { sentence: 'Trump and Xi spoke by phone on June 5.', actors: ['Trump', 'Xi'] },
    { sentence: 'Bessent told reporters on Monday that the talks were going well.', actors: ['Bessent'] },
    { sentence: 'Lutnick said on Tuesday that export controls could be eased.', actors: ['Lutnick'] },
    { sentence: 'Xi Jinping and Donald Trump agreed on Thursday to hold more talks.', actors: ['Xi Jinping', 'Donald Trump'] },
    { sentence: 'He Lifeng arrived in London on Sunday.', actors: ['He Lifeng'] },
    { sentence: "China's commerce ministry said on Thursday it had approved some licences.", actors: [], organizations: ['Commerce Ministry of China'] },
    // Ordinary words that open a sentence are not names.
    { sentence: 'Shares of automakers rose on Monday.', actors: [] },
    { sentence: 'Officials met in Geneva on Monday.', actors: [] },
    { sentence: 'Trade talks resumed on Monday.', actors: [] },
    { sentence: 'Negotiators met on Monday.', actors: [] },
    { sentence: 'He said on Monday that the talks went well.', actors: [] },
    { sentence: 'Separately, the ministry said on Monday it would respond.', actors: [] },
    { sentence: 'Speaking in London on Monday, Bessent said the talks were going well.', actors: ['Bessent'] },
  ];
  it.each(cases)('$sentence', ({ sentence, actors, organizations }) => {
    const [candidate] = extractCandidates({ id: SOURCE_ID, text: sentence, published: JUNE_10 });
    expect(candidate?.actors).toEqual(actors);
    expect(candidate?.organizations).toEqual(organizations ?? []);
  });
});

describe('the real Le Monde article through the HTML importer', () => {
  const parsed = parseImport(new Uint8Array(readFileSync(new URL('../../../../test-fixtures/real/article-lemonde-1.html', import.meta.url))), 'article-lemonde-1.html');
  const source = parsed.sources[0]!;
  const candidates = extractCandidates({ id: 'src-lemonde-1', title: source.title, text: source.text, published: source.published, language: source.language });

  it('proposes the headline, dated by the publication date, first', () => {
    expect(source.title).toBe("Le projet de loi sur le renseignement massivement approuvé à l'Assemblée");
    expect(candidates[0]).toMatchObject({ sentence: source.title, date: source.published });
    expect(candidates[0]?.organizations).toEqual(['Assemblée']);
  });

  it('dates the vote of "mardi 5 mai" and takes no duration ("quatre mois") for a date', () => {
    expect(candidates.find((c) => c.sentence.includes('mardi 5 mai'))?.date).toEqual(day('2015-05-05'));
    expect(candidates.some((c) => c.sentence.includes('quatre mois'))).toBe(false);
    for (const candidate of candidates) expect(CandidateEventSchema.parse(candidate)).toEqual(candidate);
  });

  it('finds no English-tagger debris in French text (no "ont" as a place)', () => {
    for (const candidate of candidates) expect([...candidate.places, ...candidate.actors]).not.toContain('ont');
  });
});
