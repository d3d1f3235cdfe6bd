import type { DocNode, Note, NoteMeta } from '../domain/note';
import type { CitationLocator, SourceSnapshot } from '../editor/citation';

// A note as an analyst would write it from the situation-brief template, about the June 2025
// rare-earth export controls and the US–China talks in London. Shared by the export tests of every
// format and by the benchmark, so it exercises every node the editor can produce.

/** Source ids of the sample note, in the order they are first cited. */
export const SAMPLE_SOURCE_IDS = ['src-rex-london', 'src-reuters-call', 'src-mofcom-notice', 'src-wh-readout'] as const;

/** Snapshots of the four cited sources (titles, outlets, dates and URLs as published). */
export const SAMPLE_SNAPSHOTS: Record<(typeof SAMPLE_SOURCE_IDS)[number], SourceSnapshot> = {
  'src-rex-london': {
    title: 'Rare Earths Dominate U.S.-China Talks as Trump-Xi Call Spurs High-Stakes London Negotiations',
    publisher: 'Rare Earth Exchanges',
    authors: [],
    published: '2025-06-10',
    url: 'https://rareearthexchanges.com/news/rare-earths-dominate',
    grade: 'C3',
    type: 'article-newspaper',
  },
  'src-reuters-call': {
    title: 'Trump says he had a very good call with Xi, trade talks in London on Monday',
    publisher: 'Reuters',
    authors: ['Andrea Shalal', 'Trevor Hunnicutt'],
    published: '2025-06-05',
    url: 'https://www.reuters.com/world/china/trump-xi-call-2025-06-05/',
    grade: 'A2',
    type: 'article-newspaper',
  },
  'src-mofcom-notice': {
    title: 'Announcement on the implementation of export control measures on certain medium and heavy rare earth items',
    publisher: 'Ministry of Commerce of the People’s Republic of China',
    authors: [],
    published: '2025-04-04',
    url: 'https://www.mofcom.gov.cn/zwgk/zcfb/art/2025/art_rare_earths.html',
    grade: 'A1',
    type: 'report',
  },
  'src-wh-readout': {
    title: 'Readout of President Trump’s call with President Xi',
    publisher: 'The White House',
    authors: [],
    published: '2025-06',
    url: 'https://www.whitehouse.gov/briefings-statements/2025/06/readout/',
    grade: 'B2',
    type: 'webpage',
  },
};

type SampleId = (typeof SAMPLE_SOURCE_IDS)[number];

const text = (value: string, marks?: DocNode['marks']): DocNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const bold = (value: string): DocNode => text(value, [{ type: 'bold' }]);
const italic = (value: string): DocNode => text(value, [{ type: 'italic' }]);
const link = (value: string, href: string): DocNode => text(value, [{ type: 'link', attrs: { href, target: '_blank', rel: 'noopener noreferrer nofollow', class: null } }]);
const p = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content });
const h = (level: number, value: string): DocNode => ({ type: 'heading', attrs: { level }, content: [text(value)] });
const li = (...content: DocNode[]): DocNode => ({ type: 'listItem', content: [p(...content)] });
const task = (checked: boolean, value: string): DocNode => ({ type: 'taskItem', attrs: { checked }, content: [p(text(value))] });
const cell = (type: 'tableHeader' | 'tableCell', ...content: DocNode[]): DocNode => ({
  type,
  attrs: { colspan: 1, rowspan: 1, colwidth: null },
  content: [p(...content)],
});
const row = (type: 'tableHeader' | 'tableCell', ...cells: (string | DocNode[])[]): DocNode => ({
  type: 'tableRow',
  content: cells.map((value) => (typeof value === 'string' ? cell(type, text(value)) : cell(type, ...value))),
});

/** A citation node with the snapshots of its sources, as the editor inserts it. */
export function sampleCitation(ids: SampleId[], locator: CitationLocator | null = null): DocNode {
  const snapshots: Record<string, SourceSnapshot> = {};
  for (const id of ids) snapshots[id] = SAMPLE_SNAPSHOTS[id];
  return { type: 'citation', attrs: { sourceIds: [...ids], locator, snapshots } };
}

const cite = sampleCitation;

/** A fact inserted from an event (provenance mark). */
const fact = (value: string): DocNode =>
  text(value, [
    {
      type: 'provenance',
      attrs: { eventId: 'evt-2025-06-09-london-talks', datasetId: 'gdelt-sample', datasetVersion: 3, insertedAt: '2025-06-10T08:12:00.000Z' },
    },
  ]);

/** The body sections before the Sources (repeated by longExportNote). */
function bodySections(): DocNode[] {
  return [
    h(2, 'BLUF'),
    p(
      text('China’s licensing regime for seven medium and heavy rare earths has become the '),
      bold('central bargaining chip'),
      text(' in the US–China talks that opened in London on 9 June '),
      cite(['src-rex-london']),
      text('. A limited easing of licences in exchange for US concessions on chip-design software is '),
      italic('likely'),
      text(' within weeks; a full return to pre-April flows is '),
      italic('unlikely'),
      text(' this year.'),
    ),
    h(2, 'Situation'),
    p(
      text('The talks follow a 90-minute call between Presidents Trump and Xi on 5 June '),
      cite(['src-reuters-call', 'src-wh-readout']),
      text(', in which both sides agreed to send negotiators to London. '),
      fact('Treasury Secretary Bessent, Commerce Secretary Lutnick and USTR Greer lead the US delegation; Vice Premier He Lifeng leads for China.'),
      text(' '),
      cite(['src-reuters-call']),
    ),
    p(
      text('Beijing’s 4 April notice requires an export licence for samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium, including magnets that contain them '),
      cite(['src-mofcom-notice'], { label: 'paragraph', value: '2' }),
      text('. The full notice is published by the '),
      link('Ministry of Commerce', 'https://www.mofcom.gov.cn/'),
      text('; queries went to '),
      link('the desk', 'mailto:desk@example.org'),
      text('.'),
    ),
    h(3, 'Reported effects'),
    {
      type: 'bulletList',
      content: [
        li(text('European and US automotive suppliers reported magnet shortages and line stoppages in late May '), cite(['src-rex-london'])),
        li(text('Licence approvals resumed for some civilian users, but slowly and case by case '), cite(['src-rex-london', 'src-reuters-call'])),
        li(text('Defence-related end users remain excluded; magnets are declared under HS code '), text('8505.11', [{ type: 'code' }])),
      ],
    },
    h(2, 'Assessment'),
    p(
      text('We assess with '),
      bold('moderate confidence'),
      text(' that Beijing will trade faster licensing for a rollback of US export controls on EDA software and ethane, while keeping the regime itself as leverage. The sequence to watch:'),
    ),
    {
      type: 'orderedList',
      attrs: { start: 1, type: null },
      content: [
        li(text('A joint statement or “framework” announced at the end of the London round.')),
        li(text('MOFCOM publishing general licences for named civilian sectors.')),
        li(text('US Commerce lifting the May guidance on EDA tools.')),
      ],
    },
    {
      type: 'blockquote',
      content: [p(text('“The call was very good … we are in very good shape with China and the trade deal.” '), cite(['src-wh-readout']))],
    },
    h(3, 'Licensing at a glance'),
    {
      type: 'table',
      content: [
        row('tableHeader', 'Element', 'Status on 10 June', 'Outlook'),
        row('tableCell', 'Samarium, gadolinium, terbium', 'Licence required since 4 April', 'Easing for civilian users'),
        row('tableCell', 'Dysprosium, lutetium', [text('Licence required; few approvals '), cite(['src-mofcom-notice'])], 'Slow'),
        row('tableCell', 'Scandium, yttrium', 'Licence required', [text('Unchanged '), cite(['src-rex-london'])]),
      ],
    },
    h(2, 'Indicators'),
    {
      type: 'taskList',
      content: [
        task(true, 'Negotiators meet in London (9 June).'),
        task(false, 'Joint statement or framework text published.'),
        task(false, 'MOFCOM general licences for automotive users.'),
      ],
    },
    { type: 'horizontalRule' },
    p(italic('Prepared for the Monday trade desk; next update after the London round.'), { type: 'hardBreak' }, text('Contact: J. Analyst.')),
  ];
}

const BASE_META: NoteMeta = {
  title: 'Rare earths and the London talks',
  author: 'J. Analyst',
  date: '2025-06-10',
  status: 'in-review',
  marking: 'TLP:AMBER',
  tags: ['china', 'rare-earths', 'trade'],
  citationStyle: null,
};

/** A realistic note (rare-earth export controls, London talks): headings, paragraphs with bold/italic/links, a bullet and an ordered list, a task list, a blockquote, a 3-column table with a header row, citations (with snapshots) to 4 sources incl. one with a locator, a provenance-marked fact, and a sourcesSection at the end; marking TLP:AMBER. */
export function sampleExportNote(overrides?: Partial<NoteMeta>): Pick<Note, 'id' | 'meta' | 'content'> {
  return {
    id: 'note-rare-earths-london',
    meta: { ...BASE_META, ...overrides },
    content: { type: 'doc', content: [...bodySections(), h(2, 'Sources'), { type: 'sourcesSection' }] },
  };
}

/** A4 pages per body repetition, and pages of title block and Sources (measured by printing with Chromium). */
const PAGES_PER_REPEAT = 1.1;
const FIXED_PAGES = 1;

/** The same note with its body repeated until it fills about `pages` A4 pages (for page-count tests and the bench). */
export function longExportNote(pages: number): Pick<Note, 'id' | 'meta' | 'content'> {
  const repeats = Math.max(1, Math.round((pages - FIXED_PAGES) / PAGES_PER_REPEAT));
  const body: DocNode[] = [];
  for (let index = 0; index < repeats; index += 1) body.push(...bodySections());
  const note = sampleExportNote();
  return { ...note, content: { type: 'doc', content: [...body, h(2, 'Sources'), { type: 'sourcesSection' }] } };
}
