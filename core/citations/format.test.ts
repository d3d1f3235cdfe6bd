import { describe, expect, it } from 'vitest';
import type { DocNode } from '../domain/note';
import type { SourceSnapshot } from '../editor/citation';
import { noteSchema } from '../editor/schema';
import { formatBibliography, snapshotToCsl } from './format';
import { numberCitations } from './numbering';
import { registerStyle, unregisterStyle } from './styles';
import { ANALYST_CSL } from './styles/analyst';

/** Three real articles of the sample library's story (titles, outlets, dates and URLs as published). */
const REX = 'src-rex-london';
const REUTERS = 'src-reuters-call';
const WH = 'src-wh-readout';
const GONE = 'src-deleted-one';

const SNAPSHOTS = new Map<string, SourceSnapshot>([
  [
    REX,
    {
      title: 'Rare Earths Dominate U.S.-China Talks as Trump-Xi Call Spurs High-Stakes London Negotiations',
      publisher: 'Rare Earth Exchanges',
      authors: [],
      published: '2025-06-10',
      url: 'https://rareearthexchanges.com/news/rare-earths-dominate',
      grade: 'C3',
      type: 'article-newspaper',
    },
  ],
  [
    REUTERS,
    {
      title: 'Trump says he had a very good call with Xi, trade talks in London on Monday',
      publisher: 'Reuters',
      authors: ['Andrea Shalal', 'Trevor Hunnicutt'],
      published: '2025-06-05',
      url: 'https://www.reuters.com/world/china/trump-xi-call-2025-06-05/',
      grade: 'A2',
      type: 'article-newspaper',
    },
  ],
  [
    WH,
    {
      title: 'Readout of President Trump’s call with President Xi',
      publisher: '',
      authors: ['The White House'],
      published: '2025-06',
      url: 'https://www.whitehouse.gov/readout',
      grade: null,
      type: 'webpage',
    },
  ],
]);

const cite = (...sourceIds: string[]): DocNode => ({ type: 'citation', attrs: { sourceIds, locator: null, snapshots: {} } });
const p = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content });
const text = (value: string): DocNode => ({ type: 'text', text: value });

/** REX is cited first, then Reuters and the White House together, then a source without snapshot. */
const NUMBERING = numberCitations(
  noteSchema().nodeFromJSON({
    type: 'doc',
    content: [p(text('London talks '), cite(REX)), p(text('The call '), cite(REUTERS, WH)), p(text('Gone '), cite(GONE)), { type: 'sourcesSection' }],
  }),
);

describe('formatBibliography', () => {
  const cases: { style: string; entries: [string, number, string][] }[] = [
    {
      style: 'numeric',
      entries: [
        [REX, 1, '1. Rare Earths Dominate U.S.-China Talks as Trump-Xi Call Spurs High-Stakes London Negotiations. Rare Earth Exchanges [Internet]. 2025 Jun 10. Available from: https://rareearthexchanges.com/news/rare-earths-dominate'],
        [REUTERS, 2, '2. Shalal A, Hunnicutt T. Trump says he had a very good call with Xi, trade talks in London on Monday. Reuters [Internet]. 2025 Jun 5. Available from: https://www.reuters.com/world/china/trump-xi-call-2025-06-05/'],
        [WH, 3, '3. The White House. Readout of President Trump’s call with President Xi [Internet]. 2025. Available from: https://www.whitehouse.gov/readout'],
        [GONE, 4, '4. Source unavailable (src-deleted-one)'],
      ],
    },
    {
      style: 'analyst',
      entries: [
        [REX, 1, '1. Rare Earths Dominate U.S.-China Talks as Trump-Xi Call Spurs High-Stakes London Negotiations. Rare Earth Exchanges [Internet]. 2025 Jun 10. Available from: https://rareearthexchanges.com/news/rare-earths-dominate [C3]'],
        [REUTERS, 2, '2. Shalal A, Hunnicutt T. Trump says he had a very good call with Xi, trade talks in London on Monday. Reuters [Internet]. 2025 Jun 5. Available from: https://www.reuters.com/world/china/trump-xi-call-2025-06-05/ [A2]'],
        [WH, 3, '3. The White House. Readout of President Trump’s call with President Xi [Internet]. 2025 Jun. Available from: https://www.whitehouse.gov/readout'],
        [GONE, 4, '4. Source unavailable (src-deleted-one)'],
      ],
    },
    {
      style: 'chicago',
      entries: [
        [REX, 1, '1. Rare Earth Exchanges. “Rare Earths Dominate U.S.-China Talks as Trump-Xi Call Spurs High-Stakes London Negotiations.” June 10, 2025. https://rareearthexchanges.com/news/rare-earths-dominate.'],
        [REUTERS, 2, '2. Shalal, Andrea, and Trevor Hunnicutt. “Trump Says He Had a Very Good Call with Xi, Trade Talks in London on Monday.” Reuters, June 5, 2025. https://www.reuters.com/world/china/trump-xi-call-2025-06-05/.'],
        [WH, 3, '3. The White House. “Readout of President Trump’s Call with President Xi.” June 2025. https://www.whitehouse.gov/readout.'],
        [GONE, 4, '4. Source unavailable (src-deleted-one)'],
      ],
    },
    {
      // APA sorts by author; the publisher stands in for a missing author and is not repeated as the site.
      style: 'apa',
      entries: [
        [REX, 1, 'Rare Earth Exchanges. (2025, June 10). Rare Earths Dominate U.S.-China Talks as Trump-Xi Call Spurs High-Stakes London Negotiations. https://rareearthexchanges.com/news/rare-earths-dominate'],
        [REUTERS, 2, 'Shalal, A., & Hunnicutt, T. (2025, June 5). Trump says he had a very good call with Xi, trade talks in London on Monday. Reuters. https://www.reuters.com/world/china/trump-xi-call-2025-06-05/'],
        [WH, 3, 'The White House. (2025, June). Readout of President Trump’s call with President Xi. https://www.whitehouse.gov/readout'],
        [GONE, 4, 'Source unavailable (src-deleted-one)'],
      ],
    },
    {
      style: 'harvard',
      entries: [
        [REX, 1, 'Rare Earth Exchanges (2025) “Rare Earths Dominate U.S.-China Talks as Trump-Xi Call Spurs High-Stakes London Negotiations,” 10 June. Available at: https://rareearthexchanges.com/news/rare-earths-dominate.'],
        [REUTERS, 2, 'Shalal, A. and Hunnicutt, T. (2025) “Trump says he had a very good call with Xi, trade talks in London on Monday,” Reuters, 5 June. Available at: https://www.reuters.com/world/china/trump-xi-call-2025-06-05/.'],
        [WH, 3, 'The White House (2025) Readout of President Trump’s call with President Xi. Available at: https://www.whitehouse.gov/readout.'],
        [GONE, 4, 'Source unavailable (src-deleted-one)'],
      ],
    },
  ];

  it.each(cases)('$style', ({ style, entries }) => {
    const result = formatBibliography(style, NUMBERING, SNAPSHOTS);
    expect(result.map((entry) => [entry.sourceId, entry.number, entry.text])).toEqual(entries);
  });

  it('APA orders by author, not by citation', () => {
    const reordered = numberCitations(noteSchema().nodeFromJSON({ type: 'doc', content: [p(cite(WH)), p(cite(REUTERS)), p(cite(REX))] }));
    expect(formatBibliography('apa', reordered, SNAPSHOTS).map((entry) => entry.sourceId)).toEqual([REX, REUTERS, WH]);
    expect(formatBibliography('numeric', reordered, SNAPSHOTS).map((entry) => entry.text.slice(0, 3))).toEqual(['1. ', '2. ', '3. ']);
  });

  it('keeps the note’s numbers when a source in the middle has no snapshot', () => {
    const numbering = numberCitations(noteSchema().nodeFromJSON({ type: 'doc', content: [p(cite(REX), cite(GONE), cite(REUTERS))] }));
    const texts = formatBibliography('numeric', numbering, SNAPSHOTS).map((entry) => entry.text);
    expect(texts[1]).toBe('2. Source unavailable (src-deleted-one)');
    expect(texts[2]).toMatch(/^3\. Shalal A, Hunnicutt T\./);
  });

  it('an unknown style id falls back to numeric; an empty note has an empty list', () => {
    expect(formatBibliography('no-such-style', NUMBERING, SNAPSHOTS)[0]?.text).toMatch(/^1\. Rare Earths Dominate/);
    expect(formatBibliography('apa', { order: [], numberOf: new Map(), occurrences: [] }, SNAPSHOTS)).toEqual([]);
  });

  it('an added style is used, and registering it again replaces its XML', () => {
    registerStyle('my-style', ANALYST_CSL);
    expect(formatBibliography('my-style', NUMBERING, SNAPSHOTS)[0]?.text).toMatch(/\[C3\]$/);
    registerStyle('my-style', ANALYST_CSL.replace('prefix="[" suffix="]"/>\n      </group>\n    </layout>', 'prefix="{grade " suffix="}"/>\n      </group>\n    </layout>'));
    expect(formatBibliography('my-style', NUMBERING, SNAPSHOTS)[0]?.text).toMatch(/\{grade C3\}$/);
    unregisterStyle('my-style');
    expect(formatBibliography('my-style', NUMBERING, SNAPSHOTS)[0]?.text).not.toMatch(/C3/);
  });
});

describe('snapshotToCsl', () => {
  const base: SourceSnapshot = { title: 'T', publisher: 'Reuters', authors: [], published: null, url: null, grade: null, type: 'article-newspaper' };
  const cases: { name: string; snapshot: Partial<SourceSnapshot>; expected: Record<string, unknown> }[] = [
    {
      name: 'newspaper: publisher as container, day precision, grade in annote',
      snapshot: { published: '2025-06-05', url: 'https://x.example/a', grade: 'B2' },
      expected: { 'container-title': 'Reuters', issued: { 'date-parts': [[2025, 6, 5]] }, URL: 'https://x.example/a', annote: 'B2' },
    },
    { name: 'month precision', snapshot: { published: '2025-06' }, expected: { issued: { 'date-parts': [[2025, 6]] } } },
    { name: 'year precision', snapshot: { published: '2025' }, expected: { issued: { 'date-parts': [[2025]] } } },
    { name: 'report: publisher stays publisher', snapshot: { type: 'report' }, expected: { publisher: 'Reuters' } },
    {
      name: 'personal names split, particles and suffixes kept',
      snapshot: { authors: ['Andrea Shalal', 'Ursula von der Leyen', 'Martin Luther King Jr.', 'Shalal, Andrea'] },
      expected: {
        author: [
          { given: 'Andrea', family: 'Shalal' },
          { given: 'Ursula', family: 'Leyen', 'non-dropping-particle': 'von der' },
          { given: 'Martin Luther', family: 'King', suffix: 'Jr.' },
          { given: 'Andrea', family: 'Shalal' },
        ],
      },
    },
    {
      name: 'organisations and single names stay literal',
      snapshot: { authors: ['HT News Desk', 'Reuters Staff', 'The White House', 'Xinhua', 'Ministry of Commerce of China'] },
      expected: {
        author: [{ literal: 'HT News Desk' }, { literal: 'Reuters Staff' }, { literal: 'The White House' }, { literal: 'Xinhua' }, { literal: 'Ministry of Commerce of China' }],
      },
    },
  ];
  it.each(cases)('$name', ({ snapshot, expected }) => {
    const item = snapshotToCsl('src-x', { ...base, ...snapshot });
    expect(item).toMatchObject({ id: 'src-x', type: snapshot.type ?? 'article-newspaper', title: 'T', ...expected });
  });
});
