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
  const coded = (name: string, code: string, role: Actor['role'] = 'initiator'): Actor => ({ name, role, countryCode: code.slice(0, 3), code });
  const gdeltType = (code: string, label: string) => ({ label, code, taxonomy: 'CAMEO' as const, subType: label });
  const cases: { name: string; event: Partial<LibraryEvent>; expected: string }[] = [
    // Written summaries: the summary after its date, nothing said twice.
    {
      name: 'a written summary reads as itself after the date, no pattern before it',
      event: {
        type: { label: 'Phone call', code: '040', taxonomy: 'CAMEO', subType: null },
        actors: [trump, xi],
        summary: 'Trump and Xi Jinping spoke by phone for about 90 minutes; Trump said rare earth questions were settled.',
      },
      expected: 'On 5 June 2025, Trump and Xi Jinping spoke by phone for about 90 minutes; Trump said rare earth questions were settled.',
    },
    {
      name: 'a summary starting with a common word is lower-cased after the date; a range date',
      event: {
        date: day('2025-06-09'),
        endDate: day('2025-06-10'),
        type: { label: 'Negotiations', code: '046', taxonomy: 'CAMEO', subType: null },
        actors: [actor('Scott Bessent'), actor('He Lifeng', 'target')],
        location: place('London'),
        summary: 'The talks at Lancaster House centred on rare earth shipments and US export controls.',
      },
      expected: 'On 9–10 June 2025, the talks at Lancaster House centred on rare earth shipments and US export controls.',
    },
    {
      name: 'a summary that already starts with the same date keeps its own phrasing (ACLED notes)',
      event: { summary: 'On 5 June 2025, the SAF and the RSF clashed near El Fasher' },
      expected: 'On 5 June 2025, the SAF and the RSF clashed near El Fasher.',
    },
    {
      name: 'a summary dated more precisely than a month event keeps its date',
      event: { date: { date: '2025-06-01', precision: 'month' }, summary: 'In early June 2025, soldiers detained a villager near Monywa. [Sample data]' },
      expected: 'In early June 2025, soldiers detained a villager near Monywa.',
    },
    {
      name: 'a summary led by another date (a stale hand edit) gets the event date instead',
      event: { summary: 'On 3 June 2025, protesters rallied in Kyiv.' },
      expected: 'On 5 June 2025, protesters rallied in Kyiv.',
    },
    {
      name: 'a summary led by a bare date is re-led',
      event: { summary: '5 June 2025: Talks resumed in Geneva' },
      expected: 'On 5 June 2025, talks resumed in Geneva.',
    },
    {
      name: 'US-style dates are recognised',
      event: { summary: 'On June 5, 2025, officials met in Geneva.' },
      expected: 'On June 5, 2025, officials met in Geneva.',
    },
    {
      name: 'several sentences: the first is kept; abbreviations and decimals do not end it',
      event: { summary: 'U.S. officials said exports fell 4.8% after Gen. Smith spoke. A further 5 people were injured. [size=no report]' },
      expected: 'On 5 June 2025, U.S. officials said exports fell 4.8% after Gen. Smith spoke.',
    },
    {
      name: 'no full stop, lower-case start',
      event: { summary: 'relatives of prisoners of war rallied on Maidan' },
      expected: 'On 5 June 2025, relatives of prisoners of war rallied on Maidan.',
    },
    {
      name: 'a trailing source credit and repeated punctuation go',
      event: { summary: 'China lifted its ban on gallium exports... (Reuters)' },
      expected: 'On 5 June 2025, China lifted its ban on gallium exports.',
    },
    {
      name: 'a quotation at the end keeps its closing quote, one stop outside',
      event: { summary: 'Trump said the deal was "done."' },
      expected: 'On 5 June 2025, Trump said the deal was "done".',
    },
    {
      name: 'names keep their capital (China, Trump); month precision',
      event: { date: { date: '2025-04-01', precision: 'month' }, summary: 'China raised tariffs on US goods to 125%.' },
      expected: 'In April 2025, China raised tariffs on US goods to 125%.',
    },
    {
      name: 'year precision, summary starting with "The"',
      event: { date: { date: '2025-01-01', precision: 'year' }, summary: 'The price of dysprosium doubles' },
      expected: 'In 2025, the price of dysprosium doubles.',
    },
    // Coded events (GDELT): who did what to whom, where.
    {
      name: 'GDELT: role of a country acts on a group, in a place',
      event: {
        type: gdeltType('173', 'Arrest, detain, or charge with legal action'),
        actors: [coded('Nigeria', 'NGACOP'), { name: 'Protester', role: 'target', countryCode: null, code: 'OPP' }],
        location: { ...place('Lagos, Lagos, Nigeria'), country: 'NI' },
        summary: 'Nigeria — Arrest, detain, or charge with legal action — Protester (Lagos, Lagos, Nigeria)',
      },
      expected: 'On 5 June 2025, police in Nigeria arrested or detained protesters in Lagos, Nigeria.',
    },
    {
      name: 'GDELT: country codes name the country whatever word matched; upper case names read properly',
      event: {
        type: gdeltType('042', 'Make a visit'),
        actors: [coded('HALLE', 'DEU'), coded('UNITED STATES', 'USA', 'target')],
        location: place('Hollywood, California, United States'),
        summary: 'Halle — Make a visit — United States (Hollywood, California, United States)',
      },
      expected: 'On 5 June 2025, Germany visited the United States in Hollywood, United States.',
    },
    {
      name: 'GDELT: generic and organisation names, the place article',
      event: {
        type: gdeltType('1661', 'Expel or withdraw'),
        actors: [{ name: 'PRESIDENT', role: 'initiator', countryCode: null, code: 'GOV' }, { name: 'HOUSE OF COMMONS', role: 'target', countryCode: null, code: 'LEG' }],
        location: place('Red Sea, Djibouti (general), Djibouti'),
      },
      expected: 'On 5 June 2025, the president expelled or withdrew personnel in a dispute with the House of Commons in the Red Sea, Djibouti.',
    },
    {
      name: 'GDELT: no target, a visit goes to a place',
      event: { type: gdeltType('042', 'Make a visit'), actors: [coded('FRANCE', 'FRA')], location: place('Vichy, Auvergne, France') },
      expected: 'On 5 June 2025, France made a visit to Vichy, France.',
    },
    {
      name: 'GDELT: no initiator is said, never an empty slot',
      event: { type: gdeltType('040', 'Consult'), actors: [coded('BANK', 'BUS', 'target')], location: place('Niekerk, Free State, South Africa') },
      expected: 'On 5 June 2025, an unidentified party consulted a bank in Niekerk, South Africa.',
    },
    {
      name: 'GDELT: an actor acting on itself is said once',
      event: { type: gdeltType('046', 'Engage in negotiation'), actors: [coded('ISRAEL', 'ISR'), coded('ISRAEL', 'ISR', 'target')], location: place('Israel') },
      expected: 'On 5 June 2025, Israel held negotiations in Israel.',
    },
    // No written summary, not GDELT: the type pattern.
    {
      name: 'statement (CAMEO 01) with a GDELT-style summary that adds nothing',
      event: {
        type: { label: 'Make public statement', code: '010', taxonomy: 'CAMEO', subType: 'MAKE PUBLIC STATEMENT' },
        actors: [actor('UNITED STATES'), actor('CHINA', 'target')],
        summary: 'UNITED STATES — Make public statement — CHINA',
      },
      expected: 'On 5 June 2025, the United States made a public statement.',
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
      name: 'tariff reduction',
      event: { type: { label: 'Tariff reduction', code: '081', taxonomy: 'CAMEO', subType: null }, actors: [actor('United States'), actor('China')] },
      expected: 'On 5 June 2025, the United States and China reduced tariffs.',
    },
    {
      name: 'agreement',
      event: { type: { label: 'Agreement', code: '057', taxonomy: 'CAMEO', subType: null }, actors: [actor('United States'), actor('China')] },
      expected: 'On 5 June 2025, the United States and China reached an agreement.',
    },
    {
      name: 'our CSV summary made from the fields',
      event: { type: { label: 'Negotiation', code: null, taxonomy: 'custom', subType: null }, actors: [actor('United States'), actor('China', 'target')], location: place('London'), summary: 'United States — China: Negotiation (London)' },
      expected: 'On 5 June 2025, the United States and China held talks in London.',
    },
    {
      name: 'ACLED protest with a generated summary: group of a country, year range dropped',
      event: {
        type: { label: 'Protests', code: null, taxonomy: 'ACLED', subType: 'Peaceful protest' },
        actors: [actor('Protesters (Kenya)'), actor('Police Forces of Kenya (2022-)', 'target')],
        location: place('Nairobi'),
        summary: 'Peaceful protest by Protesters (Kenya) against Police Forces of Kenya (2022-) in Nairobi, Kenya',
      },
      expected: 'On 5 June 2025, protesters in Kenya demonstrated in Nairobi.',
    },
    {
      name: 'nothing but a type and a place',
      event: { type: { label: 'Unclassified event', code: null, taxonomy: 'custom', subType: null }, location: place('London'), summary: 'Unclassified event (London)' },
      expected: 'On 5 June 2025, unclassified event took place in London.',
    },
  ];
  it.each(cases)('$name', ({ event: overrides, expected }) => {
    expect(factSentence(event(overrides))).toBe(expected);
  });

  it('factClause drops the date (also one the summary starts with) and starts with a capital', () => {
    expect(factClause(event({ type: { label: 'Agreement', code: null, taxonomy: 'custom', subType: null }, actors: [actor('United States'), actor('China')] }))).toBe(
      'The United States and China reached an agreement.',
    );
    expect(factClause(event({ summary: 'On 5 June 2025, the SAF and the RSF clashed near El Fasher. Casualties unknown.' }))).toBe('The SAF and the RSF clashed near El Fasher.');
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
