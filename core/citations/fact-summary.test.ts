import { describe, expect, it } from 'vitest';
import type { FuzzyDate } from '../domain/library';
import { firstSentence, leadMatchesDate, lowerLeadingCommonWord, splitDateLead, summaryBody } from './fact-summary';

describe('firstSentence', () => {
  const cases: [string, string][] = [
    ['One sentence.', 'One sentence.'],
    ['First. Second.', 'First.'],
    ['U.S. officials met Gen. Smith on Jan. 5 and left. Then more.', 'U.S. officials met Gen. Smith on Jan. 5 and left.'],
    ['Exports grew 4.8% in May. Imports fell.', 'Exports grew 4.8% in May.'],
    ['He said "it is over." Then he left.', 'He said "it is over."'],
    ['Announcement No. 18 of 2025 took effect. More.', 'Announcement No. 18 of 2025 took effect.'],
    ['J. Smith spoke. Others did too.', 'J. Smith spoke.'],
    ['no stop at all', 'no stop at all'],
  ];
  it.each(cases)('%s', (text, expected) => expect(firstSentence(text)).toBe(expected));
});

describe('summaryBody', () => {
  const cases: [string, string][] = [
    ['On 3 June 2025, shelling hit Kharkiv.\nA further 5 people were injured. [Sample data]', 'On 3 June 2025, shelling hit Kharkiv'],
    ['Protesters rallied in Kyiv. [size=around 200]', 'Protesters rallied in Kyiv'],
    ['China lifted the ban (Reuters)', 'China lifted the ban'],
    ['China lifted the ban — AP', 'China lifted the ban'],
    ['China lifted the ban. Source: Xinhua', 'China lifted the ban'],
    ['Talks continue;  ', 'Talks continue'],
    ['Talks continue...', 'Talks continue'],
    ['He said the deal was "done."', 'He said the deal was "done"'],
    ['  spaced   out\ttext.  ', 'spaced out text'],
  ];
  it.each(cases)('%j', (summary, expected) => expect(summaryBody(summary)).toBe(expected));
});

describe('date leads', () => {
  const day = (date: string): FuzzyDate => ({ date, precision: 'day' });
  const cases: [string, string | null, FuzzyDate, boolean][] = [
    ['On 9 June 2025, talks began', 'On 9 June 2025', day('2025-06-09'), true],
    ['On June 9, 2025, talks began', 'On June 9, 2025', day('2025-06-09'), true],
    ['On Monday, 9 June 2025, talks began', 'On Monday, 9 June 2025', day('2025-06-09'), true],
    ['Between 9 and 10 June 2025, talks were held', 'Between 9 and 10 June 2025', day('2025-06-09'), true],
    ['In early June 2025, soldiers detained a man', 'In early June 2025', { date: '2025-06-01', precision: 'month' }, true],
    ['In June 2025, prices rose', 'In June 2025', day('2025-06-09'), false],
    ['On 3 June 2025, protesters rallied', 'On 3 June 2025', day('2025-06-05'), false],
    ['9 June 2025: Talks began', '9 June 2025', day('2025-06-09'), true],
    ['On 2025-06-09 talks began', 'On 2025-06-09', day('2025-06-09'), true],
    ['In 2025, prices doubled', 'In 2025', { date: '2025-01-01', precision: 'year' }, true],
    ['Talks began on 9 June 2025', null, day('2025-06-09'), false],
    ['June exports fell', null, day('2025-06-09'), false],
  ];
  it.each(cases)('%s', (text, lead, date, matches) => {
    const split = splitDateLead(text);
    expect(split?.lead ?? null).toBe(lead);
    // A sentence without a date lead has nothing that could match the date.
    expect(split ? leadMatchesDate(split.lead, date) : false).toBe(matches);
  });
});

describe('lowerLeadingCommonWord', () => {
  const cases: [string, string][] = [
    ['The talks resumed', 'the talks resumed'],
    ['Customs data showed', 'customs data showed'],
    ['China raised tariffs', 'China raised tariffs'],
    ['US officials met', 'US officials met'],
    ['Trump said', 'Trump said'],
  ];
  it.each(cases)('%s', (text, expected) => expect(lowerLeadingCommonWord(text)).toBe(expected));
});
