import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Actor, FuzzyDate, LibraryEvent, Source } from '../domain/library';
import type { DocNode } from '../domain/note';
import { TemplateFileSchema } from '../domain/template';
import { noteSchema, validateDoc } from '../editor/schema';
import { buildFactNodes, factClause, factSentence, formatEventDate, insertBeforeSources, joinNames, sourceSnapshotOf } from './facts';
import { numberCitationsJson } from './numbering';

const day = (date: string): FuzzyDate => ({ date, precision: 'day' });
const actor = (name: string, role: Actor['role'] = 'initiator'): Actor => ({ name, role, countryCode: null });
const place = (name: string) => ({ name, country: null, admin1: null, latitude: null, longitude: null });

function event(overrides: Partial<LibraryEvent>): LibraryEvent {
  return {
    id: 'ev-0001',
    date: day('2025-06-05'),
    endDate: null,
    summary: '',
    type: { label: 'Event', code: null, taxonomy: 'custom', subType: null },
    actors: [],
    location: null,
    figures: {},
    sourceIds: [],
    datasetId: 'ds-sample',
    datasetVersion: 1,
    externalId: null,
    origin: { kind: 'sample', datasetId: 'ds-sample', file: null },
    createdAt: '2025-06-05T00:00:00.000Z',
    updatedAt: '2025-06-05T00:00:00.000Z',
    ...overrides,
  };
}

function source(id: string, overrides: Partial<Source> = {}): Source {
  return {
    id,
    title: `Title of ${id}`,
    publisher: 'Reuters',
    authors: [],
    published: day('2025-06-05'),
    url: `https://example.com/${id}`,
    canonicalUrl: null,
    language: 'en',
    retrievedAt: null,
    text: '',
    excerpt: '',
    grade: { reliability: 'B', credibility: '2' },
    tags: [],
    origin: { kind: 'sample', datasetId: null, file: null },
    contentHash: 'x',
    createdAt: '2025-06-05T00:00:00.000Z',
    updatedAt: '2025-06-05T00:00:00.000Z',
    ...overrides,
  };
}

describe('formatEventDate and joinNames', () => {
  const dates: [FuzzyDate, FuzzyDate | null, string][] = [
    [day('2025-06-05'), null, '5 June 2025'],
    [{ date: '2025-06-01', precision: 'month' }, null, 'June 2025'],
    [{ date: '2025-01-01', precision: 'year' }, null, '2025'],
    [day('2025-06-09'), day('2025-06-10'), '9–10 June 2025'],
    [day('2025-05-30'), day('2025-06-02'), '30 May – 2 June 2025'],
    [day('2024-12-30'), day('2025-01-02'), '30 December 2024 – 2 January 2025'],
    [{ date: '2025-04-01', precision: 'month' }, { date: '2025-05-01', precision: 'month' }, 'April–May 2025'],
    [day('2025-06-05'), day('2025-06-05'), '5 June 2025'],
  ];
  it.each(dates)('%j to %j → %s', (start, end, expected) => {
    expect(formatEventDate(start, end)).toBe(expected);
  });

  const names: [string[], string][] = [
    [[], ''],
    [['A'], 'A'],
    [['A', 'B'], 'A and B'],
    [['A', 'B', 'C'], 'A, B and C'],
    [['A', 'B', 'A'], 'A and B'],
    [['A', 'B', 'C', 'D', 'E'], 'A, B, C and others'],
  ];
  it.each(names)('%j → %s', (list, expected) => {
    expect(joinNames(list)).toBe(expected);
  });
});

describe('factSentence', () => {
  const trump = actor('Donald Trump');
  const xi = actor('Xi Jinping', 'target');
  const cases: { name: string; event: Partial<LibraryEvent>; expected: string }[] = [
    {
      name: 'phone call (CAMEO 040) with the summary as detail',
      event: {
        type: { label: 'Phone call', code: '040', taxonomy: 'CAMEO', subType: null },
        actors: [trump, xi],
        summary: 'Trump and Xi Jinping speak by phone for about 90 minutes; Trump says rare earth questions are settled.',
      },
      expected: 'On 5 June 2025, Donald Trump and Xi Jinping held a phone call: Trump and Xi Jinping speak by phone for about 90 minutes; Trump says rare earth questions are settled.',
    },
    {
      name: 'statement (CAMEO 01) with a GDELT summary that adds nothing',
      event: {
        type: { label: 'Make public statement', code: '010', taxonomy: 'CAMEO', subType: 'MAKE PUBLIC STATEMENT' },
        actors: [actor('UNITED STATES'), actor('CHINA', 'target')],
        summary: 'UNITED STATES — Make public statement — CHINA',
      },
      expected: 'On 5 June 2025, the United States made a public statement.',
    },
    {
      name: 'consultation from the CAMEO code alone',
      event: { type: { label: 'Consult', code: '042', taxonomy: 'CAMEO', subType: null }, actors: [actor('NATO'), actor('RUSSIA', 'target')], location: place('Brussels') },
      expected: 'On 5 June 2025, NATO and Russia held consultations in Brussels.',
    },
    {
      name: 'negotiations over two days in a place',
      event: {
        date: day('2025-06-09'),
        endDate: day('2025-06-10'),
        type: { label: 'Negotiations', code: '046', taxonomy: 'CAMEO', subType: null },
        actors: [actor('Scott Bessent'), actor('Howard Lutnick'), actor('He Lifeng', 'target')],
        location: place('London'),
        summary: 'Talks at Lancaster House: rare earth shipments and US export controls are at the centre.',
      },
      expected: 'On 9–10 June 2025, Scott Bessent, Howard Lutnick and He Lifeng held talks in London — Talks at Lancaster House: rare earth shipments and US export controls are at the centre.',
    },
    {
      name: 'announced talks are a statement, never "held talks"',
      event: { type: { label: 'Announcement of talks', code: '036', taxonomy: 'CAMEO', subType: null }, actors: [trump, actor('China', 'target')], summary: '' },
      expected: 'On 5 June 2025, Donald Trump made an announcement.',
    },
    {
      name: 'export controls on a target',
      event: { type: { label: 'Export controls', code: '163', taxonomy: 'CAMEO', subType: null }, actors: [actor('Ministry of Commerce of China'), actor('United States', 'target')] },
      expected: 'On 5 June 2025, the Ministry of Commerce of China imposed export controls on the United States.',
    },
    {
      name: 'sanctions',
      event: { type: { label: 'Sanctions', code: null, taxonomy: 'custom', subType: null }, actors: [actor('European Union'), actor('Russia', 'target')] },
      expected: 'On 5 June 2025, the European Union imposed sanctions on Russia.',
    },
    {
      name: 'tariffs, month precision',
      event: {
        date: { date: '2025-04-01', precision: 'month' },
        type: { label: 'Tariff announcement', code: '163', taxonomy: 'CAMEO', subType: null },
        actors: [actor('United States'), actor('China', 'target')],
        summary: 'US additional tariffs on Chinese goods reach 145% in total.',
      },
      expected: 'In April 2025, the United States announced tariffs on China: US additional tariffs on Chinese goods reach 145% in total.',
    },
    {
      name: 'tariff reduction',
      event: { type: { label: 'Tariff reduction', code: '081', taxonomy: 'CAMEO', subType: null }, actors: [actor('United States'), actor('China')] },
      expected: 'On 5 June 2025, the United States and China reduced tariffs.',
    },
    {
      name: 'accusation',
      event: {
        type: { label: 'Accusation', code: '112', taxonomy: 'CAMEO', subType: null },
        actors: [trump, actor('China', 'target')],
        summary: 'Trump says China has "totally violated" the Geneva agreement.',
      },
      expected: 'On 5 June 2025, Donald Trump accused China: Trump says China has "totally violated" the Geneva agreement.',
    },
    {
      name: 'agreement',
      event: { type: { label: 'Agreement', code: '057', taxonomy: 'CAMEO', subType: null }, actors: [actor('United States'), actor('China')] },
      expected: 'On 5 June 2025, the United States and China reached an agreement.',
    },
    {
      name: 'trade data',
      event: {
        type: { label: 'Trade data', code: null, taxonomy: 'custom', subType: null },
        actors: [actor('General Administration of Customs of China')],
        summary: "Customs data show China's exports to the US in May down 34.5% year on year.",
      },
      expected: "On 5 June 2025, the General Administration of Customs of China released trade data: Customs data show China's exports to the US in May down 34.5% year on year.",
    },
    {
      name: 'ACLED protest with a generated summary',
      event: {
        type: { label: 'Protests', code: null, taxonomy: 'ACLED', subType: 'Peaceful protest' },
        actors: [actor('Protesters (Kenya)')],
        location: place('Nairobi'),
        summary: 'Peaceful protest by Protesters (Kenya) in Nairobi, Kenya',
      },
      expected: 'On 5 June 2025, Protesters (Kenya) held a protest in Nairobi.',
    },
    {
      name: 'ACLED notes that are already a dated sentence stay as written',
      event: {
        type: { label: 'Battles', code: null, taxonomy: 'ACLED', subType: 'Armed clash' },
        actors: [actor('Military Forces of Sudan'), actor('Rapid Support Forces', 'target')],
        summary: 'On 5 June 2025, the SAF and the RSF clashed near El Fasher',
      },
      expected: 'On 5 June 2025, the SAF and the RSF clashed near El Fasher.',
    },
    {
      name: 'no actors: the summary after the date',
      event: { summary: 'Rare earth magnet exports fall to a record low.' },
      expected: 'On 5 June 2025, Rare earth magnet exports fall to a record low.',
    },
    {
      name: 'no actors, summary starting with a common word',
      event: { date: { date: '2025-01-01', precision: 'year' }, summary: 'The price of dysprosium doubles' },
      expected: 'In 2025, the price of dysprosium doubles.',
    },
  ];
  it.each(cases)('$name', ({ event: overrides, expected }) => {
    expect(factSentence(event(overrides))).toBe(expected);
  });

  it('factClause drops the date and starts with a capital', () => {
    expect(factClause(event({ type: { label: 'Agreement', code: null, taxonomy: 'custom', subType: null }, actors: [actor('United States'), actor('China')] }))).toBe(
      'The United States and China reached an agreement.',
    );
  });
});

describe('sourceSnapshotOf', () => {
  it('keeps date precision, grade and the canonical URL', () => {
    const snapshot = sourceSnapshotOf(
      source('src-aaaa', { published: { date: '2025-06-01', precision: 'month' }, canonicalUrl: 'https://example.com/canonical', grade: { reliability: 'C', credibility: '3' } }),
    );
    expect(snapshot).toEqual({
      title: 'Title of src-aaaa',
      publisher: 'Reuters',
      authors: [],
      published: '2025-06',
      url: 'https://example.com/canonical',
      grade: 'C3',
      type: 'article-newspaper',
    });
  });

  it('a source without publisher is a web page; no grade is null', () => {
    const snapshot = sourceSnapshotOf(source('src-bbbb', { publisher: ' ', grade: { reliability: null, credibility: null }, published: null }));
    expect(snapshot).toMatchObject({ type: 'webpage', grade: null, published: null, publisher: '' });
  });
});

describe('buildFactNodes', () => {
  const sources = new Map([
    ['src-aaaa', source('src-aaaa')],
    ['src-bbbb', source('src-bbbb', { publisher: 'CNA' })],
  ]);
  const call = event({
    id: 'ev-call',
    date: day('2025-06-05'),
    type: { label: 'Phone call', code: '040', taxonomy: 'CAMEO', subType: null },
    actors: [actor('Donald Trump'), actor('Xi Jinping', 'target')],
    sourceIds: ['src-aaaa', 'src-gone', 'src-bbbb'],
    datasetVersion: 3,
  });
  const talks = event({
    id: 'ev-talks',
    date: day('2025-06-09'),
    type: { label: 'Negotiations', code: '046', taxonomy: 'CAMEO', subType: null },
    actors: [actor('Scott Bessent'), actor('He Lifeng', 'target')],
    location: place('London'),
    sourceIds: ['src-bbbb'],
  });
  const orphan = event({ id: 'ev-orphan', date: day('2025-05-01'), summary: 'Something with no source.', sourceIds: ['src-gone'] });
  const at = '2025-06-11T08:00:00.000Z';
  const doc = (nodes: DocNode[]): DocNode => ({ type: 'doc', content: nodes });

  /** Every text node with a provenance mark, as [eventId, text]. */
  const marked = (node: DocNode): [string, string][] =>
    node.type === 'text'
      ? (node.marks ?? []).filter((mark) => mark.type === 'provenance').map((mark) => [mark.attrs?.eventId as string, node.text ?? ''])
      : (node.content ?? []).flatMap(marked);

  it('sentence: a paragraph per event, marked text, a space, a citation to the existing sources', () => {
    const nodes = buildFactNodes([call, talks], sources, 'sentence', at);
    expect(validateDoc(doc(nodes))).toEqual({ ok: true });
    expect(nodes.map((node) => node.type)).toEqual(['paragraph', 'paragraph']);
    const [first] = nodes;
    expect(first?.content?.[0]).toEqual({
      type: 'text',
      text: 'On 5 June 2025, Donald Trump and Xi Jinping held a phone call.',
      marks: [{ type: 'provenance', attrs: { eventId: 'ev-call', datasetId: 'ds-sample', datasetVersion: 3, insertedAt: at } }],
    });
    expect(first?.content?.[1]).toEqual({ type: 'text', text: ' ' });
    const citation = first?.content?.[2];
    expect(citation?.type).toBe('citation');
    expect(citation?.attrs?.sourceIds).toEqual(['src-aaaa', 'src-bbbb']);
    expect(citation?.attrs?.snapshots).toEqual({ 'src-aaaa': sourceSnapshotOf(source('src-aaaa')), 'src-bbbb': sourceSnapshotOf(source('src-bbbb', { publisher: 'CNA' })) });
    expect(numberCitationsJson(doc(nodes)).order).toEqual(['src-aaaa', 'src-bbbb']);
  });

  it('an event none of whose sources exists gets no citation (the Sourcing panel flags the fact)', () => {
    const [paragraph] = buildFactNodes([orphan], sources, 'sentence', at);
    expect(paragraph?.content?.map((node) => node.type)).toEqual(['text']);
  });

  it('bullet: one list, an item per event, in the given order', () => {
    const nodes = buildFactNodes([talks, call], sources, 'bullet', at);
    expect(validateDoc(doc(nodes))).toEqual({ ok: true });
    expect(nodes).toHaveLength(1);
    expect(nodes[0]?.type).toBe('bulletList');
    expect(marked(nodes[0] as DocNode).map(([id]) => id)).toEqual(['ev-talks', 'ev-call']);
  });

  it('chronology: oldest first, "date — clause" items', () => {
    const nodes = buildFactNodes([talks, call, orphan], sources, 'chronology', at);
    expect(validateDoc(doc(nodes))).toEqual({ ok: true });
    expect(marked(nodes[0] as DocNode)).toEqual([
      ['ev-orphan', '1 May 2025 — Something with no source.'],
      ['ev-call', '5 June 2025 — Donald Trump and Xi Jinping held a phone call.'],
      ['ev-talks', '9 June 2025 — Scott Bessent and He Lifeng held talks in London.'],
    ]);
  });

  it('chronology-table: Date | Event | Sources, valid in the schema', () => {
    const nodes = buildFactNodes([talks, call], sources, 'chronology-table', at);
    expect(validateDoc(doc(nodes))).toEqual({ ok: true });
    const pmTable = noteSchema().nodeFromJSON(nodes[0]);
    expect(pmTable.childCount).toBe(3);
    expect(pmTable.child(0).textContent).toBe('DateEventSources');
    expect(pmTable.child(1).textContent.startsWith('5 June 2025Donald Trump')).toBe(true);
    expect(numberCitationsJson(doc(nodes)).order).toEqual(['src-aaaa', 'src-bbbb']);
  });

  it('no events, no nodes', () => {
    expect(buildFactNodes([], sources, 'chronology', at)).toEqual([]);
  });
});

describe('insertBeforeSources', () => {
  const template = TemplateFileSchema.parse(JSON.parse(readFileSync(new URL('../../templates/situation-brief.json', import.meta.url), 'utf8')));
  const fact: DocNode = { type: 'paragraph', content: [{ type: 'text', text: 'NEW FACT' }] };
  const types = (doc: DocNode) => (doc.content ?? []).map((node) => (node.type === 'heading' ? `h:${node.content?.[0]?.text}` : node.content?.[0]?.text === 'NEW FACT' ? 'NEW' : node.type));

  it('goes before the "Sources" heading of the situation brief', () => {
    const result = insertBeforeSources(template.content, [fact]);
    expect(types(result).slice(-4)).toEqual(['taskList', 'NEW', 'h:Sources', 'sourcesSection']);
    expect(validateDoc(result)).toEqual({ ok: true });
    expect(template.content.content?.some((node) => node.content?.[0]?.text === 'NEW FACT')).toBe(false);
  });

  it('goes before a Sources section without heading, or at the end without one', () => {
    const noHeading: DocNode = { type: 'doc', content: [{ type: 'paragraph' }, { type: 'sourcesSection' }] };
    expect(types(insertBeforeSources(noHeading, [fact]))).toEqual(['paragraph', 'NEW', 'sourcesSection']);
    const none: DocNode = { type: 'doc', content: [{ type: 'paragraph' }] };
    expect(types(insertBeforeSources(none, [fact, fact]))).toEqual(['paragraph', 'NEW', 'NEW']);
    const otherHeading: DocNode = { type: 'doc', content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Outlook' }] }, { type: 'sourcesSection' }] };
    expect(types(insertBeforeSources(otherHeading, [fact]))).toEqual(['h:Outlook', 'NEW', 'sourcesSection']);
  });
});
