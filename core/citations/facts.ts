import type { Actor, FuzzyDate, LibraryEvent, Source } from '../domain/library';
import type { DocNode } from '../domain/note';
import type { SourceSnapshot } from '../editor/citation';
import type { ProvenanceAttrs } from '../editor/provenance';
import { codedActorName, nameInText, properCase } from './cameo-actors';
import { cameoPredicate } from './cameo-phrases';
import { capitalise, leadMatchesDate, lowerLeadingCommonWord, splitDateLead, summaryBody } from './fact-summary';

/** The metadata a citation keeps of a source, so a note renders and exports on its own. */
export function sourceSnapshotOf(
  source: Pick<Source, 'title' | 'publisher' | 'authors' | 'published' | 'url' | 'canonicalUrl' | 'grade'>,
): SourceSnapshot {
  const publisher = source.publisher.trim();
  const { reliability, credibility } = source.grade;
  const grade = `${reliability ?? ''}${credibility ?? ''}`;
  return {
    title: source.title,
    publisher,
    authors: [...source.authors],
    published: source.published ? datePrefix(source.published) : null,
    // The canonical URL drops tracking parameters and mirrors; fall back to the URL as saved.
    url: source.canonicalUrl ?? source.url,
    grade: grade === '' ? null : grade,
    type: publisher ? 'article-newspaper' : 'webpage',
  };
}

function datePrefix(date: FuzzyDate): string {
  if (date.precision === 'year') return date.date.slice(0, 4);
  if (date.precision === 'month') return date.date.slice(0, 7);
  return date.date.slice(0, 10);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface DateParts {
  year: number;
  month: number | null;
  day: number | null;
}

function partsOf(date: FuzzyDate): DateParts {
  const [year = 0, month = 1, day = 1] = date.date.split('-').map(Number);
  if (date.precision === 'year') return { year, month: null, day: null };
  if (date.precision === 'month') return { year, month, day: null };
  return { year, month, day };
}

const monthName = (month: number | null): string => (month === null ? '' : (MONTHS[month - 1] ?? ''));

function formatParts(parts: DateParts, withYear: boolean): string {
  const pieces = [parts.day === null ? '' : String(parts.day), monthName(parts.month), withYear ? String(parts.year) : ''];
  return pieces.filter(Boolean).join(' ');
}

/**
 * A date as written in British briefing style, by precision: "5 June 2025", "June 2025", "2025";
 * ranges share what they can: "9–10 June 2025", "30 May – 2 June 2025", "April–May 2025".
 */
export function formatEventDate(date: FuzzyDate, endDate: FuzzyDate | null = null): string {
  const start = partsOf(date);
  if (!endDate || endDate.date <= date.date) return formatParts(start, true);
  const end = partsOf(endDate);
  // Mixed precisions read best written out in full.
  if (date.precision !== endDate.precision) return `${formatParts(start, true)} – ${formatParts(end, true)}`;
  if (start.year !== end.year) return `${formatParts(start, true)} – ${formatParts(end, true)}`;
  if (date.precision === 'year') return String(start.year);
  if (date.precision === 'month') return start.month === end.month ? formatParts(start, true) : `${monthName(start.month)}–${monthName(end.month)} ${start.year}`;
  if (start.month === end.month) return `${start.day}–${end.day} ${monthName(start.month)} ${start.year}`;
  return `${formatParts(start, false)} – ${formatParts(end, true)}`;
}

/** "A", "A and B", "A, B and C"; long lists end with "and others". */
export function joinNames(names: string[]): string {
  const unique = [...new Set(names.map((name) => name.trim()).filter(Boolean))];
  if (unique.length > 4) return `${unique.slice(0, 3).join(', ')} and others`;
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

type FactEvent = Pick<LibraryEvent, 'date' | 'endDate' | 'summary' | 'type' | 'actors' | 'location'>;

/** The event families a sentence pattern exists for. */
type Family =
  | 'tariffs'
  | 'sanctions'
  | 'agreement'
  | 'accusation'
  | 'negotiations'
  | 'consultation'
  | 'economic'
  | 'violence'
  | 'statement'
  | 'other';

/** Label words first (they are the most specific), in an order where the narrower family wins. */
const LABEL_FAMILIES: [RegExp, Family][] = [
  [/tariff|dut(y|ies)|levy|levies/, 'tariffs'],
  [/sanction|export control|restriction|embargo|\bban\b|blacklist|entity list|licen[cs]e|boycott/, 'sanctions'],
  [/agreement|\bdeal\b|accord|treaty|truce|ceasefire|cease-fire|joint statement|memorandum/, 'agreement'],
  [/accus|criticis|criticiz|condemn|denounc|disapprov|complain|blame|threat|demand|reject/, 'accusation'],
  // Announced or planned talks are statements: "held talks" would assert a meeting that has not happened.
  [/announce|intent|plan|propos|invit/, 'statement'],
  [/negotiat|talks|summit|meeting|\bmeet/, 'negotiations'],
  [/phone|\bcall\b|consult|visit|host/, 'consultation'],
  [/trade data|figure|statistic|\bdata\b|gdp|inflation|output|economic/, 'economic'],
  [/protest|riot|battle|violence|attack|explosion|remote violence|clash|demonstrat|strike|shelling|assault|fight/, 'violence'],
  [/statement|announce|comment|said|says|appeal|declar|speech|press/, 'statement'],
];

/** CAMEO root codes (GDELT) to families; 04 is consultation, its 046 negotiations. */
function cameoFamily(code: string): Family {
  if (code.startsWith('046')) return 'negotiations';
  if (code.startsWith('057')) return 'agreement';
  const root = Number(code.slice(0, 2));
  if (root === 4) return 'consultation';
  if (root >= 1 && root <= 3) return 'statement';
  if (root === 5 || root === 6) return 'agreement';
  if (root === 11 || root === 12 || root === 10 || root === 13) return 'accusation';
  if (root === 16 || root === 17) return 'sanctions';
  if (root >= 14 && root <= 20) return 'violence';
  return 'other';
}

function labelFamily(event: FactEvent): Family | null {
  const words = `${event.type.label} ${event.type.subType ?? ''}`.toLowerCase();
  for (const [pattern, family] of LABEL_FAMILIES) if (pattern.test(words)) return family;
  return null;
}

function familyOf(event: FactEvent): Family {
  const family = labelFamily(event);
  if (family) return family;
  if (event.type.taxonomy === 'ACLED') return 'violence';
  if (event.type.taxonomy === 'CAMEO' && event.type.code) return cameoFamily(event.type.code);
  return 'other';
}

const namesOf = (actors: Actor[]): string[] => actors.map((actor) => nameInText(actor.name));

/** Subject and object of a directed pattern: initiators act on targets (everyone acts when no roles). */
function rolesOf(actors: Actor[]): { subject: string; object: string; everyone: string } {
  const initiators = actors.filter((actor) => actor.role === 'initiator');
  const targets = actors.filter((actor) => actor.role === 'target');
  const everyone = joinNames(namesOf(actors));
  if (initiators.length === 0) return { subject: everyone, object: '', everyone };
  return { subject: joinNames(namesOf(initiators)), object: joinNames(namesOf(targets)), everyone };
}

/**
 * A place as it reads after "in": GDELT's full names ("Hollywood, California, United States",
 * "Paris, France (general), France") shrink to the place and its country ("Hollywood, United
 * States", "Paris, France"); a country alone takes its article ("in the United States").
 */
export function placeInText(name: string | null | undefined): string {
  const parts = (name ?? '')
    .split(',')
    .map((part) => part.replace(/\s*\(general\)\s*$/i, '').trim())
    .filter((part, index, all) => part !== '' && part.toLowerCase() !== 'the' && all.findIndex((other) => other.toLowerCase() === part.toLowerCase()) === index);
  if (parts.length === 0) return '';
  if (parts.length === 1) return nameInText(parts[0]!);
  return `${nameInText(parts[0]!)}, ${properCase(parts[parts.length - 1]!)}`;
}

/** The past-tense clause of a pattern, or null when the event lacks the actors the pattern needs. */
function patternClause(event: FactEvent, family: Family): string | null {
  const { subject, object, everyone } = rolesOf(event.actors);
  const label = `${event.type.label} ${event.type.subType ?? ''}`.toLowerCase();
  const where = placeInText(event.location?.name);
  const place = where ? ` in ${where}` : '';
  const on = object ? ` on ${object}` : '';
  if (!everyone) return null;
  switch (family) {
    case 'tariffs':
      if (/reduc|cut|lower|suspen|lift|rollback|exempt/.test(label)) return `${subject} reduced tariffs${on}`;
      return `${subject} announced tariffs${on}`;
    case 'sanctions':
      if (/licen[cs]e/.test(label)) return `${subject} granted export licences${object ? ` to ${object}` : ''}`;
      if (/export control/.test(label)) return `${subject} imposed export controls${on}`;
      if (/sanction/.test(label)) return `${subject} imposed sanctions${on}`;
      return `${subject} imposed restrictions${on}`;
    case 'agreement':
      return /sign/.test(label) ? `${everyone} signed an agreement${place}` : `${everyone} reached an agreement${place}`;
    case 'accusation':
      return object ? `${subject} accused ${object}` : `${subject} made accusations`;
    case 'negotiations':
      return `${everyone} held talks${place}`;
    case 'consultation':
      if (/phone|\bcall\b/.test(label)) return `${everyone} held a phone call`;
      if (/visit/.test(label) && object) return `${subject} visited ${object}`;
      return `${everyone} held consultations${place}`;
    case 'economic':
      return /trade/.test(label) ? `${subject} released trade data` : `${subject} released economic figures`;
    case 'violence':
      // "Protesters held a protest" says it twice.
      if (/protest|demonstrat/.test(label)) return /protester|demonstrator/i.test(subject) ? `${subject} demonstrated${place}` : `${subject} held a protest${place}`;
      if (/riot/.test(label)) return /rioter/i.test(subject) ? `${subject} took part in a riot${place}` : `${subject} rioted${place}`;
      if (/battle|clash|armed/.test(label)) return `${everyone} clashed${place}`;
      if (/civilian/.test(label)) return `${subject} attacked civilians${place}`;
      if (/explosion|remote/.test(label)) return `${subject} carried out an attack with explosives or remote weapons${place}`;
      return `${subject} took part in ${(event.type.subType ?? event.type.label).toLowerCase()}${place}`;
    case 'statement':
      if (/announce/.test(label)) return `${subject} made an announcement`;
      return `${subject} made a public statement`;
    default:
      return null;
  }
}

/**
 * The clause of an event known by its CAMEO code (GDELT): who did what to whom, where — "police in
 * Nigeria arrested or detained protesters in Lagos, Nigeria". Null for a code the table lacks.
 */
function codedClause(event: FactEvent): string | null {
  const code = event.type.code;
  if (event.type.taxonomy !== 'CAMEO' || !code) return null;
  // A hand-made type ("Export controls" coded 163) says more than the code's broad predicate; the
  // code speaks for events that have nothing else, which GDELT's carry as actor codes.
  if (!event.actors.some((actor) => actor.code) && labelFamily(event) !== null) return null;
  const named = (role: Actor['role']): string => joinNames(event.actors.filter((actor) => actor.role === role).map(codedActorName));
  const subject = named('initiator') || named('other');
  let object = named('target');
  // GDELT codes some events between an actor and itself; "France visited France" says nothing.
  if (object.toLowerCase() === subject.toLowerCase()) object = '';
  const predicate = cameoPredicate(code, object);
  if (!predicate) return null;
  const where = placeInText(event.location?.name);
  // A visit goes to a place; everything else happens in one.
  const preposition = !object && code.startsWith('042') ? 'to' : 'in';
  return `${subject || 'an unidentified party'} ${predicate}${where ? ` ${preposition} ${where}` : ''}`;
}

/**
 * True when the summary is one an importer made from the structured fields — GDELT's "A — Consult —
 * B (Place)", ACLED's "Protests by A in Place", our CSV's "A: Label (Place)" — which says nothing
 * the pattern sentence does not. Anything else is someone's own words (ACLED notes, an analyst's).
 */
export function isGeneratedSummary(event: Pick<LibraryEvent, 'summary' | 'type'>): boolean {
  const summary = event.summary.trim().toLowerCase();
  if (summary === '') return true;
  const labels = [event.type.label, event.type.subType ?? ''].map((label) => label.trim().toLowerCase()).filter(Boolean);
  return labels.some(
    (label) =>
      summary === label ||
      summary.includes(` — ${label}`) ||
      summary.startsWith(`${label} — `) ||
      summary.startsWith(`${label} (`) ||
      summary.startsWith(`${label} by `) ||
      summary.startsWith(`${label} against `) ||
      summary.startsWith(`${label} in `) ||
      summary.endsWith(`: ${label}`) ||
      summary.includes(`: ${label} (`),
  );
}

/** "On 9 June 2025" for a day, "In June 2025" for a month or year. */
function dateLead(event: FactEvent): string {
  const when = formatEventDate(event.date, event.endDate);
  return event.date.precision === 'day' ? `On ${when}` : `In ${when}`;
}

/** The clause of an event without written words: a code pattern, a type pattern, or the type itself. */
function generatedClause(event: FactEvent): string {
  const clause = codedClause(event) ?? patternClause(event, familyOf(event));
  if (clause) return clause;
  const where = placeInText(event.location?.name);
  const label = event.type.label.trim() || 'an event';
  return `${lowerLeadingCommonWord(label.charAt(0).toLowerCase() + label.slice(1))} took place${where ? ` in ${where}` : ''}`;
}

/** The sentence without its date, for chronology lines that show the date separately. */
export function factClause(event: FactEvent): string {
  if (isGeneratedSummary(event)) return `${capitalise(generatedClause(event))}.`;
  const body = summaryBody(event.summary);
  const rest = splitDateLead(body)?.rest ?? body;
  return `${capitalise(rest)}.`;
}

/**
 * A factual, editable sentence for an event, led by its date. An event with written words (ACLED
 * notes, an analyst's summary, a hand edit) reads as those words — their first sentence, kept
 * verbatim, never re-tensed (rewriting "will meet" as "met" would change the fact) — after "On
 * {date}, " unless they already start with that date. An event known only by its codes reads as a
 * pattern: who did what to whom, where ("On 13 October 2016, police in Nigeria arrested or
 * detained protesters in Lagos, Nigeria."). Always one sentence with one full stop.
 */
export function factSentence(event: FactEvent): string {
  const lead = dateLead(event);
  if (isGeneratedSummary(event)) return `${lead}, ${generatedClause(event)}.`;
  const body = summaryBody(event.summary);
  const dated = splitDateLead(body);
  // Words that already start with this date keep their own phrasing ("In early June 2025, …").
  if (dated && /^[a-z]/i.test(dated.lead) && leadMatchesDate(dated.lead, event.date)) return `${capitalise(body)}.`;
  return `${lead}, ${lowerLeadingCommonWord(dated?.rest ?? body)}.`;
}

/** How events are inserted: one paragraph each, one bullet each, or a dated chronology (list or table). */
export type InsertMode = 'sentence' | 'bullet' | 'chronology' | 'chronology-table';

function provenanceMark(event: LibraryEvent, insertedAt: string): NonNullable<DocNode['marks']>[number] {
  const attrs: ProvenanceAttrs = { eventId: event.id, datasetId: event.datasetId, datasetVersion: event.datasetVersion, insertedAt };
  return { type: 'provenance', attrs: { ...attrs } };
}

/** A citation to the event's sources that exist in the library, or null when none does. */
function citationNode(event: LibraryEvent, sources: ReadonlyMap<string, Source>): DocNode | null {
  const sourceIds = [...new Set(event.sourceIds)].filter((id) => sources.has(id));
  if (sourceIds.length === 0) return null;
  const snapshots: Record<string, SourceSnapshot> = {};
  for (const id of sourceIds) snapshots[id] = sourceSnapshotOf(sources.get(id) as Source);
  return { type: 'citation', attrs: { sourceIds, locator: null, snapshots } };
}

/** Marked fact text followed by a space and its citation. */
function factInline(text: string, event: LibraryEvent, sources: ReadonlyMap<string, Source>, insertedAt: string): DocNode[] {
  const inline: DocNode[] = [{ type: 'text', text, marks: [provenanceMark(event, insertedAt)] }];
  const citation = citationNode(event, sources);
  if (citation) inline.push({ type: 'text', text: ' ' }, citation);
  return inline;
}

const paragraph = (content: DocNode[]): DocNode => ({ type: 'paragraph', content });
const bulletList = (items: DocNode[][]): DocNode => ({
  type: 'bulletList',
  content: items.map((content) => ({ type: 'listItem', content: [paragraph(content)] })),
});

/** Oldest first; events of the same day keep the order they were given in. */
function chronological(events: LibraryEvent[]): LibraryEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.date.date.localeCompare(b.event.date.date) || (a.event.endDate?.date ?? '').localeCompare(b.event.endDate?.date ?? '') || a.index - b.index)
    .map(({ event }) => event);
}

function cell(type: 'tableCell' | 'tableHeader', content: DocNode[]): DocNode {
  return { type, attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [content.length > 0 ? paragraph(content) : { type: 'paragraph' }] };
}

function chronologyTable(events: LibraryEvent[], sources: ReadonlyMap<string, Source>, insertedAt: string): DocNode {
  const header: DocNode = { type: 'tableRow', content: ['Date', 'Event', 'Sources'].map((title) => cell('tableHeader', [{ type: 'text', text: title }])) };
  const rows = chronological(events).map((event): DocNode => {
    const mark = provenanceMark(event, insertedAt);
    const citation = citationNode(event, sources);
    return {
      type: 'tableRow',
      content: [
        cell('tableCell', [{ type: 'text', text: formatEventDate(event.date, event.endDate), marks: [mark] }]),
        cell('tableCell', [{ type: 'text', text: factClause(event), marks: [mark] }]),
        cell('tableCell', citation ? [citation] : []),
      ],
    };
  });
  return { type: 'table', content: [header, ...rows] };
}

/**
 * Events as cited facts, ready to insert (editor and CLI alike). Each fact's text carries a
 * provenance mark (event id, dataset, dataset version, insertion time) and is followed by a citation
 * to those of the event's sources that exist in `sources`, with their snapshots. Modes: `sentence`
 * (a paragraph per event), `bullet` (one list, an item per event), `chronology` (one list of
 * "5 June 2025 — sentence" items, oldest first), `chronology-table` (Date | Event | Sources).
 */
export function buildFactNodes(events: LibraryEvent[], sources: ReadonlyMap<string, Source>, mode: InsertMode, insertedAt: string): DocNode[] {
  if (events.length === 0) return [];
  switch (mode) {
    case 'bullet':
      return [bulletList(events.map((event) => factInline(factSentence(event), event, sources, insertedAt)))];
    case 'chronology':
      return [
        bulletList(
          chronological(events).map((event) => factInline(`${formatEventDate(event.date, event.endDate)} — ${factClause(event)}`, event, sources, insertedAt)),
        ),
      ];
    case 'chronology-table':
      return [chronologyTable(events, sources, insertedAt)];
    default:
      return events.map((event) => paragraph(factInline(factSentence(event), event, sources, insertedAt)));
  }
}

const SOURCES_HEADING = /^(sources|references|bibliography)$/i;

const plainText = (node: DocNode): string => (node.text ?? '') + (node.content ?? []).map(plainText).join('');

/**
 * Inserts blocks at the end of a note's body: before the "Sources" heading that introduces the
 * Sources section, else before the Sources section itself, else at the end. Returns a new document.
 */
export function insertBeforeSources(doc: DocNode, nodes: DocNode[]): DocNode {
  const content = doc.content ?? [];
  let index = content.findIndex((node) => node.type === 'sourcesSection');
  if (index === -1) index = content.length;
  else {
    const previous = content[index - 1];
    if (previous?.type === 'heading' && SOURCES_HEADING.test(plainText(previous).trim())) index -= 1;
  }
  return { ...doc, content: [...content.slice(0, index), ...nodes, ...content.slice(index)] };
}
