import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CitationLocator, SourceSnapshot } from '../editor/citation';
import { type CitationCluster, formatNoteCitations } from './note-citations';
import { registerStyle, unregisterStyle } from './styles';

// The real style files: APA and Chicago shortened notes as shipped in ./styles/ (registered here as
// an analyst's added files, read from disk), Harvard as bundled by @citation-js/plugin-csl.
const STYLES = new URL('./styles/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, STYLES), 'utf8');

// Building citeproc's engine for a style takes seconds on a loaded machine (each style's first test pays).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

beforeAll(() => {
  registerStyle('apa-real', fixture('apa.csl'));
  registerStyle('chicago-real', fixture('chicago-shortened-notes-bibliography.csl'));
});
afterAll(() => {
  unregisterStyle('apa-real');
  unregisterStyle('chicago-real');
});

const source = (title: string, publisher: string, authors: string[], published: string, type = 'article-newspaper'): SourceSnapshot => ({
  title,
  publisher,
  authors,
  published,
  url: null,
  grade: null,
  type,
});

/** Sources of a London-talks note: one outlet twice in a year, two Smiths, three and four authors, an interview. */
const SNAPSHOTS = new Map<string, SourceSnapshot>([
  ['cna-open', source('US and China open talks in London', 'CNA', [], '2025-06-09')],
  ['cna-deal', source('US and China agree framework in London', 'CNA', [], '2025-06-11')],
  ['j-smith', source('Rare earths at the centre', 'Reuters', ['John Smith'], '2025-06-10')],
  ['a-smith', source('Tariff truce holds', 'Financial Times', ['Anna Smith'], '2025-06-12')],
  ['three', source('Inside the London talks', 'Reuters', ['Andrea Shalal', 'Trevor Hunnicutt', 'David Lawder'], '2025-06-10')],
  ['four', source('What the framework says', 'Bloomberg', ['Anna Lee', 'Bo Chan', 'Cy Ng', 'Di Wu'], '2025-06-12')],
  ['interview', source('Interview on the talks', '', ['Jamieson Greer'], '2025-06-12', 'interview')],
]);

const cluster = (sourceIds: string[], locator: CitationLocator | null = null): CitationCluster => ({ sourceIds, locator });

describe('formatNoteCitations: one outlet, two works of a year', () => {
  const clusters = [cluster(['cna-open']), cluster(['cna-deal']), cluster(['cna-open'], { label: 'paragraph', value: '4' })];
  const cases = [
    {
      style: 'apa-real',
      labels: ['(CNA, 2025a)', '(CNA, 2025b)', '(CNA, 2025a, para. 4)'],
      list: [
        ['cna-open', 'CNA. (2025a, June 9). US and China open talks in London.'],
        ['cna-deal', 'CNA. (2025b, June 11). US and China agree framework in London.'],
      ],
    },
    {
      // harvard1 orders one author's works of a year by title, so the later piece is "a".
      style: 'harvard',
      labels: ['(CNA, 2025b)', '(CNA, 2025a)', '(CNA, 2025b, para. 4)'],
      list: [
        ['cna-deal', 'CNA (2025a) “US and China agree framework in London,” 11 June.'],
        ['cna-open', 'CNA (2025b) “US and China open talks in London,” 9 June.'],
      ],
    },
  ];
  it.each(cases)('$style: the text and the list carry the same letter', ({ style, labels, list }) => {
    const result = formatNoteCitations(style, clusters, SNAPSHOTS);
    expect(result.kind).toBe('author-date');
    expect(result.labels).toEqual(labels);
    expect(result.bibliography.map((entry) => [entry.sourceId, entry.text])).toEqual(list);
    // The year in each label is the one its source has in the list.
    for (const [index, text] of result.labels.entries()) {
      const id = clusters[index]?.sourceIds[0];
      const year = /2025[ab]/.exec(text)?.[0];
      expect(result.bibliography.find((entry) => entry.sourceId === id)?.text).toContain(`(${year}`);
    }
  });
});

describe('formatNoteCitations: names as the style says', () => {
  const cases = [
    // Two authors named Smith in one year: APA and Harvard add the initial to tell them apart.
    { style: 'apa-real', ids: ['j-smith', 'a-smith'], labels: ['(J. Smith, 2025)', '(A. Smith, 2025)'] },
    { style: 'harvard', ids: ['j-smith', 'a-smith'], labels: ['(J. Smith, 2025)', '(A. Smith, 2025)'] },
    // Alone, a Smith needs no initial.
    { style: 'apa-real', ids: ['j-smith'], labels: ['(Smith, 2025)'] },
    // APA: "et al." from three authors; Harvard (harvard1: et-al-min 4) names three and shortens four.
    { style: 'apa-real', ids: ['three', 'four'], labels: ['(Shalal et al., 2025)', '(Lee et al., 2025)'] },
    { style: 'harvard', ids: ['three', 'four'], labels: ['(Shalal, Hunnicutt and Lawder, 2025)', '(Lee et al., 2025)'] },
    // Chicago notes: "et al." from three authors; different titles already tell the Smiths apart.
    { style: 'chicago-real', ids: ['three', 'j-smith', 'a-smith'], notes: ['Shalal et al., “Inside the London Talks.”', 'Smith, “Rare Earths at the Centre.”', 'Smith, “Tariff Truce Holds.”'] },
  ];
  it.each(cases)('$style $ids', ({ style, ids, labels, notes }) => {
    const result = formatNoteCitations(style, ids.map((id) => cluster([id])), SNAPSHOTS);
    if (labels) expect(result.labels).toEqual(labels);
    if (notes) expect(result.notes).toEqual(notes);
  });

  it('APA lists every author in the reference list while the text says et al.', () => {
    const result = formatNoteCitations('apa-real', [cluster(['three'])], SNAPSHOTS);
    expect(result.bibliography[0]?.text).toBe('Shalal, A., Hunnicutt, T., & Lawder, D. (2025, June 10). Inside the London talks. Reuters.');
  });
});

describe('formatNoteCitations: Chicago shortened notes', () => {
  const clusters = [
    cluster(['interview']),
    cluster(['cna-open']),
    cluster(['interview']),
    cluster(['cna-open'], { label: 'paragraph', value: '4' }),
    cluster(['j-smith', 'cna-deal']),
  ];
  let result: ReturnType<typeof formatNoteCitations>;
  beforeAll(() => {
    result = formatNoteCitations('chicago-real', clusters, SNAPSHOTS);
    // Building citeproc's engine for a style takes seconds on a loaded machine.
  }, 60_000);

  it('numbers each citation as one note, in document order', () => {
    expect(result.kind).toBe('note');
    expect(result.labels).toEqual(['1', '2', '3', '4', '5']);
  });

  it('gives the first note in full where the style says, and the short form when the source comes again', () => {
    // CMOS 18 shortened notes: an interview's first note names the person in full, later ones by surname.
    expect(result.notes[0]).toBe('Jamieson Greer, “Interview on the Talks,” June 12, 2025.');
    expect(result.notes[2]).toBe('Greer, “Interview on the Talks.”');
    // Sources with a bibliography entry are cited short from the first note on (the style's rule).
    expect(result.notes[1]).toBe('CNA, “US and China Open Talks in London.”');
    expect(result.notes[3]).toBe('CNA, “US and China Open Talks in London,” para. 4.');
    expect(result.notes[4]).toBe('Smith, “Rare Earths at the Centre”; CNA, “US and China Agree Framework in London.”');
  });

  it('lists the bibliography in the style’s order, without numbers', () => {
    // An unpublished interview is cited in the notes only (CMOS 18 14.111), so it has no entry.
    expect(result.bibliography.map((entry) => entry.text)).toEqual([
      'CNA. “US and China Agree Framework in London.” June 11, 2025.',
      'CNA. “US and China Open Talks in London.” June 9, 2025.',
      'Smith, John. “Rare Earths at the Centre.” Reuters, June 10, 2025.',
    ]);
  });

  it('the built-in Chicago style formats the same as the fixture file', () => {
    const builtIn = formatNoteCitations('chicago', clusters, SNAPSHOTS);
    expect(builtIn.notes).toEqual(result.notes);
    expect(builtIn.bibliography).toEqual(result.bibliography);
  });
});

describe('formatNoteCitations: sources the note cannot show', () => {
  it('a deleted source shows as [?] in the label and keeps its entry; a source without snapshot is listed as unavailable', () => {
    const clusters = [cluster(['cna-open', 'gone']), cluster(['cna-deal']), cluster(['gone'])];
    const result = formatNoteCitations('apa-real', clusters, SNAPSHOTS, { unavailable: new Set(['cna-deal']) });
    expect(result.labels).toEqual(['(CNA, 2025)[?]', '[?]', '[?]']);
    expect(result.bibliography.map((entry) => entry.sourceId)).toEqual(['cna-open', 'cna-deal', 'gone']);
    expect(result.bibliography[2]?.text).toBe('Source unavailable (gone)');
  });

  it('numeric styles keep their numbers and citation-order list', () => {
    const result = formatNoteCitations('numeric', [cluster(['cna-deal']), cluster(['cna-open', 'cna-deal'], { label: 'page', value: '3' })], SNAPSHOTS);
    expect(result.labels).toEqual(['[1]', '[1, 2, p. 3]']);
    expect(result.bibliography.map((entry) => entry.text.slice(0, 3))).toEqual(['1. ', '2. ']);
  });

  it('a style the engine cannot run falls back to numbers', () => {
    registerStyle('broken-real', fixture('apa.csl').replace('<citation ', '<citation><bogus/></citation><citation-x '));
    const result = formatNoteCitations('broken-real', [cluster(['cna-open'])], SNAPSHOTS);
    unregisterStyle('broken-real');
    expect(result.kind).toBe('numeric');
    expect(result.labels).toEqual(['[1]']);
  });
});
