import { createHash } from 'node:crypto';
import * as chrono from 'chrono-node';
import nlp from 'compromise';
import type { EventDraft } from '../../../../core/api/contract';
import type { CandidateEvent, FuzzyDate } from '../../../../core/domain/library';

/** What extraction needs of an article. */
export interface ExtractionSource {
  id: string;
  text: string;
  published: FuzzyDate | null;
  /** BCP 47 tag or null; picks chrono's locale parser ("fr" → chrono.fr). English otherwise. */
  language?: string | null;
  /** The headline: its event is a candidate, dated by the publication date unless it states its own. */
  title?: string | null;
}

export interface ExtractionOptions {
  /** Most candidates returned (first ones in reading order). Default 200. */
  max?: number;
  /** Reference date when the article has no publication date; defaults to today. */
  today?: Date;
}

/** Longest candidate summary; the analyst edits it before accepting. */
export const SUMMARY_MAX_CHARS = 240;

const DEFAULT_MAX = 200;
/** Sentences longer than this are boilerplate or run-on text, not a statement of fact. */
const MAX_SENTENCE_CHARS = 1200;
const MIN_SENTENCE_CHARS = 12;

type DateParser = { parse: (text: string, ref: Date, option?: chrono.ParsingOption) => chrono.ParsedResult[] };

const PARSERS: Record<string, DateParser> = {
  en: chrono,
  fr: chrono.fr,
  de: chrono.de,
  es: chrono.es,
  pt: chrono.pt,
  nl: chrono.nl,
  it: chrono.it,
  ja: chrono.ja,
  zh: chrono.zh,
  ru: chrono.ru,
  uk: chrono.uk,
  sv: chrono.sv,
  fi: chrono.fi,
};

/** Durations ("for 90 minutes", "two hours later") parse as instants near the reference: not event dates. */
const DURATION_ONLY = /\b(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|heures?|minutes?|Stunden?|Minuten?)\b/i;
const CALENDAR_WORD =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|mars|avr|mai|juin|juil|août|sept|déc|mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim|today|yesterday|tomorrow|aujourd|hier|demain)[a-zé]*\.?\b|\d{1,4}[/.-]\d{1,2}/i;
/** A bare year ("in 2024"), which chrono leaves alone. */
const YEAR_PHRASE = /\b(?:in|since|during|by|until|through|throughout|early|late|mid|mid-|end of|start of|en|depuis|fin|début)\s*((?:19|20)\d{2})\b/i;
/** Words that make a weekday refer forward ("talks will resume on Thursday"). */
const FUTURE_HINT = /\b(?:will|would|shall|next|upcoming|scheduled|due to|set to|plans? to|expected to|is to|are to|towards?|until|through)\b/i;

/** Titles and honorifics dropped from the front of a name ("Vice Premier He Lifeng" → "He Lifeng"). */
const HONORIFICS = new Set(
  [
    'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'president', 'vice', 'premier', 'prime',
    'minister', 'secretary', 'treasury', 'commerce', 'trade', 'foreign', 'defense', 'defence', 'state', 'representative',
    'ambassador', 'chancellor', 'chairman', 'chairwoman', 'chair', 'governor', 'senator', 'sen', 'rep', 'gen', 'general',
    'chief', 'executive', 'ceo', 'spokesman', 'spokeswoman', 'spokesperson', 'leader', 'king', 'queen', 'pope', 'us',
    'u.s', 'chinese', 'american', 'british', 'economic', 'adviser', 'advisor', 'envoy', 'deputy', 'director', 'press',
    'm', 'mme', 'herr', 'frau',
  ].map((word) => word.toLowerCase()),
);

/** Nationality adjectives ("Chinese", "American") are capitalised but name no one. */
const DEMONYM =
  /^(?:\p{Lu}\p{Ll}+(?:ese|ian|ish|ean)|American|Mexican|African|Moroccan|Afghan|Pakistani|Israeli|Iraqi|Saudi|Emirati|French|Dutch|Swiss|Greek|Thai|Czech|U\.?S\.?|UK|EU)$/u;

/** Words that make a proper-noun run an organisation. */
const ORG_WORDS =
  /\b(?:Ministry|Department|Commission|Council|Administration|Bureau|Agency|Office|Bank|Association|Exchange|Organi[sz]ation|Committee|Congress|Parliament|Senate|Party|Corporation|Corp|Inc|Ltd|Group|Company|Institute|University|Reuters|Xinhua|Fund|Authority|Union|Court|Navy|Army|Forces|White House|Kremlin|Pentagon|Treasury)\b/;
const STOP_CAPITALS = new Set(['The', 'A', 'An', 'But', 'And', 'Or', 'In', 'On', 'At', 'It', 'He', 'She', 'They', 'We', 'I', 'This', 'That', 'These', 'Those', 'His', 'Her', 'Their', 'Its', 'After', 'Before', 'While', 'When', 'As', 'Since', 'Le', 'La', 'Les', 'Un', 'Une', 'Des']);

/**
 * Proposes candidate events from an article: every sentence that carries a calendar date
 * (chrono-node, resolved against the publication date so "June 5" in a June 2025 article is
 * 2025-06-05 and "in April" is April 2025 with month precision) with its people, organisations and
 * places (compromise). Each candidate keeps its sentence as the supporting quote; ids are stable
 * for the same source and sentence. Pure and synchronous: a 2,000-word article takes well under a second.
 */
export function extractCandidates(source: ExtractionSource, options: ExtractionOptions = {}): CandidateEvent[] {
  const max = options.max ?? DEFAULT_MAX;
  if (max <= 0) return [];
  const reference = referenceDate(source.published, options.today ?? new Date());
  const parser = parserFor(source.language);
  const english = isEnglish(source.language);
  const seen = new Set<string>();
  const candidates: CandidateEvent[] = [];
  const propose = (sentence: string, span: DateSpan): void => {
    const entities = extractEntities(sentence, english);
    candidates.push({
      id: candidateId(source.id, sentence),
      sourceId: source.id,
      date: span.date,
      ...(span.endDate && { endDate: span.endDate }),
      sentence,
      summary: shortenSummary(sentence),
      actors: entities.people,
      places: entities.places,
      organizations: entities.organizations,
    });
  };
  // The headline states the article's own event; it carries the publication date unless it has a date of its own.
  const headline = (source.title ?? '').replace(/\s+/g, ' ').trim();
  if (headline.length >= MIN_SENTENCE_CHARS && headline.length <= MAX_SENTENCE_CHARS) {
    const results = parseDates(headline, reference, parser);
    const span = spanOf(results, headline, reference) ?? (source.published ? { date: source.published, endDate: null } : null);
    if (span && !isDateLine(headline, results)) {
      seen.add(headline.toLowerCase());
      propose(headline, span);
    }
  }
  for (const sentence of splitSentences(source.text)) {
    if (candidates.length >= max) break;
    if (sentence.length < MIN_SENTENCE_CHARS || sentence.length > MAX_SENTENCE_CHARS) continue;
    const key = sentence.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const results = parseDates(sentence, reference, parser);
    // A byline or date line ("By Jane Doe, 10 June 2025", "Published 10 June 2025 10:32") dates the article, not an event.
    if (isDateLine(sentence, results)) continue;
    const span = spanOf(results, sentence, reference);
    if (span) propose(sentence, span);
  }
  return candidates.slice(0, max);
}

/**
 * The event draft an accepted candidate starts from: people and organisations as actors (role
 * "other", no country: the analyst sets them), the first place as the location, linked to the source.
 */
export function acceptCandidateDraft(candidate: CandidateEvent): EventDraft {
  const actorNames = [...candidate.actors, ...candidate.organizations];
  const place = candidate.places[0];
  return {
    date: candidate.date,
    endDate: candidate.endDate ?? null,
    summary: candidate.summary.trim() || candidate.sentence.slice(0, SUMMARY_MAX_CHARS),
    actors: actorNames.slice(0, 50).map((name) => ({ name, role: 'other' as const, countryCode: null })),
    location: place ? { name: place, country: null, admin1: null, latitude: null, longitude: null } : null,
    sourceIds: [candidate.sourceId],
  };
}

/** Stable id: the same source and sentence always give the same candidate id. */
export function candidateId(sourceId: string, sentence: string): string {
  const hash = createHash('sha256').update(`${sourceId}\n${sentence}`).digest('hex');
  return `cand-${hash.slice(0, 20)}`;
}

/** Shortens a sentence to at most 240 characters at a word boundary, with an ellipsis when cut. */
export function shortenSummary(sentence: string, maxChars = SUMMARY_MAX_CHARS): string {
  const clean = sentence.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxChars) return clean;
  const cut = clean.slice(0, maxChars - 1);
  const lastSpace = cut.lastIndexOf(' ');
  // A single 240-character "word" (a URL) is cut hard rather than dropped.
  const head = lastSpace > maxChars / 2 ? cut.slice(0, lastSpace) : cut;
  return `${head.replace(/[\s,;:–—-]+$/u, '')}…`;
}

/**
 * Sentences of a text: paragraphs first (articles imported as plain text keep their line breaks),
 * then compromise's tokenizer, which knows "U.S.", "Mr." and "Jan." are not sentence ends.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  // Date and byline lines ("By Jane Doe", "Published 10 June 2025") stand alone even without a blank line.
  for (const paragraph of text.split(/\n\s*\n|\r\n\s*\r\n|\n(?=\s*[-•*]\s)|\n(?=[ \t]*(?:By|Published|Updated|Posted|Last updated|First published|Publié|Mis à jour)\b)|(?<=(?:^|\n)[ \t]*(?:By|Published|Updated|Posted|Last updated|First published|Publié|Mis à jour)\b[^\n]*)\n|(?<=(?:^|\n)[^\n.!?]{0,40}\b(?:19|20)\d{2}\b[^\n.!?]{0,16})\n/)) {
    const flat = paragraph.replace(/\s+/g, ' ').trim();
    if (flat === '') continue;
    for (const sentence of nlp.tokenize(flat).sentences().out('array') as string[]) {
      const trimmed = sentence.trim();
      if (trimmed !== '') sentences.push(trimmed);
    }
  }
  return sentences;
}

/** compromise tags English only; other languages get the language-neutral rules. */
function isEnglish(language: string | null | undefined): boolean {
  return ((language ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en') === 'en';
}

function parserFor(language: string | null | undefined): DateParser {
  const base = (language ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  return PARSERS[base] ?? chrono;
}

function referenceDate(published: FuzzyDate | null, today: Date): Date {
  if (!published) return today;
  const [year, month, day] = published.date.split('-').map(Number) as [number, number, number];
  // Noon keeps the calendar day whatever the machine's time zone.
  return new Date(year, month - 1, day, 12, 0, 0);
}

/** A date, or a span of days ("this week" → Monday to Sunday). */
interface DateSpan {
  date: FuzzyDate;
  endDate: FuzzyDate | null;
}

function parseDates(sentence: string, reference: Date, parser: DateParser): chrono.ParsedResult[] {
  try {
    return parser.parse(sentence, reference, { forwardDate: false });
  } catch {
    // chrono throws on a few pathological inputs; a sentence without a date is the safe reading.
    return [];
  }
}

/** "now", "currently": chrono reads them as the reference instant, but they date nothing. */
const NOT_A_DATE = /^(?:right now|just now|now|currently|at present|at the moment|nowadays|these days|maintenant|actuellement|désormais|jetzt|ahora)$/i;
/** A bare duration ("four months", "de quatre mois"), which some locales parse as a date that far ahead. */
const BARE_DURATION =
  /^(?:de |for |pour |während )?(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze)\s+(?:days?|weeks?|months?|years?|jours?|semaines?|mois|ans|années?)$/i;
/** "this week", "last week", "next week", "earlier this week": the calendar week, Monday to Sunday. */
const WEEK_PHRASE = /\b(this|last|next|past|previous|coming)\s+week\b|\bcette semaine\b|\bla semaine (dernière|prochaine)\b/i;

/** The first calendar date or span a sentence states, with its precision; null for times or durations only. */
function spanOf(results: chrono.ParsedResult[], sentence: string, reference: Date): DateSpan | null {
  for (const result of results) {
    const text = result.text.trim();
    if (NOT_A_DATE.test(text) || BARE_DURATION.test(text)) continue;
    const week = weekSpan(text, reference);
    if (week) return week;
    const date = resultDate(result, sentence, reference);
    if (date) return { date, endDate: null };
  }
  const year = YEAR_PHRASE.exec(sentence)?.[1];
  return year ? { date: { date: `${year}-01-01`, precision: 'year' }, endDate: null } : null;
}

/** The week a phrase names, relative to the reference date's week (weeks start on Monday). */
function weekSpan(text: string, reference: Date): DateSpan | null {
  const match = WEEK_PHRASE.exec(text);
  if (!match) return null;
  const word = (match[1] ?? match[2] ?? 'this').toLowerCase();
  const offset = /last|past|previous|dernière/.test(word) ? -7 : /next|coming|prochaine/.test(word) ? 7 : 0;
  const monday = new Date(reference.getFullYear(), reference.getMonth(), reference.getDate() - ((reference.getDay() + 6) % 7) + offset, 12);
  const sunday = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 6, 12);
  const day = (d: Date): FuzzyDate => ({ date: isoDate(d.getFullYear(), d.getMonth() + 1, d.getDate()), precision: 'day' });
  return { date: day(monday), endDate: day(sunday) };
}

/** Words a byline or date line has besides its names and dates. */
const DATE_LINE_WORDS =
  /\b(?:by|published|updated|posted|last|first|modified|on|at|le|à|publié|mis à jour|am|pm|a\.m|p\.m|gmt|utc|bst|cet|cest|edt|est|pdt|pst|et|ist|jst|local time|heure de paris)\b\.?/gi;

/**
 * A line that only dates or signs the article — "10 June 2025", "Published 10 June 2025 10:32",
 * "By Jane Doe, 10 June 2025", "Updated June 10, 2025 at 10:32 a.m. EDT" — with no event in it.
 */
function isDateLine(sentence: string, results: chrono.ParsedResult[]): boolean {
  if (results.length === 0) return false;
  let rest = sentence;
  for (const result of results) rest = rest.replace(result.text, ' ');
  rest = rest.replace(/\d{1,2}[:h.]\d{2}/g, ' ').replace(DATE_LINE_WORDS, ' ').replace(/[^\p{L}\s'’-]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (rest === '') return true;
  // A byline: "By" and names (capitalised words, "and", "with"), nothing else.
  if (!/^\s*(?:by|par|von)\s/i.test(sentence)) return false;
  const words = rest.split(' ').filter((word) => !/^(and|with|et|avec|und)$/i.test(word));
  return words.length <= 8 && words.every((word) => /^\p{Lu}/u.test(word));
}

function resultDate(result: chrono.ParsedResult, sentence: string, reference: Date): FuzzyDate | null {
  const start = result.start;
  const hasCalendar =
    start.isCertain('day') || start.isCertain('month') || start.isCertain('year') || start.isCertain('weekday');
  if (!hasCalendar) return null;
  if (DURATION_ONLY.test(result.text) && !CALENDAR_WORD.test(result.text)) return null;
  const year = start.get('year');
  const month = start.get('month');
  const day = start.get('day');
  if (year === null || month === null || day === null) return null;
  if (start.isCertain('weekday') && !start.isCertain('day')) return weekdayDate(result, sentence, reference);
  const precision = start.isCertain('day') ? 'day' : start.isCertain('month') ? 'month' : 'year';
  const dayOfMonth = precision === 'day' ? day : 1;
  const monthOfYear = precision === 'year' ? 1 : month;
  // chrono takes the nearest year ("March 3" in a November article → next March); a report speaks
  // of the past unless the sentence says otherwise.
  const pastYear =
    !start.isCertain('year') && precision !== 'year' && isAfter(year, monthOfYear, dayOfMonth, reference) && !FUTURE_HINT.test(sentence)
      ? year - 1
      : year;
  return { date: isoDate(pastYear, monthOfYear, dayOfMonth), precision };
}

/**
 * "On Thursday" in a news report nearly always means the Thursday before publication; chrono picks
 * the nearest one, which can be after. Keep the forward reading only when the sentence speaks of the future.
 */
function weekdayDate(result: chrono.ParsedResult, sentence: string, reference: Date): FuzzyDate {
  const resolved = result.start.date();
  const refDay = new Date(reference.getFullYear(), reference.getMonth(), reference.getDate());
  const day = new Date(resolved.getFullYear(), resolved.getMonth(), resolved.getDate());
  if (day > refDay && !FUTURE_HINT.test(sentence)) day.setDate(day.getDate() - 7);
  return { date: isoDate(day.getFullYear(), day.getMonth() + 1, day.getDate()), precision: 'day' };
}

/** Dates this close after publication are read as coming up, not as last year ("talks extended toward 11 June"). */
const NEAR_FUTURE_DAYS = 45;

function isAfter(year: number, month: number, day: number, reference: Date): boolean {
  const refKey = reference.getFullYear() * 10_000 + (reference.getMonth() + 1) * 100 + reference.getDate();
  // A month mention ("in June" in a June article) is not after the reference.
  const key = year * 10_000 + month * 100 + (day === 1 ? 0 : day);
  if (key <= refKey) return false;
  const ahead = (Date.UTC(year, month - 1, day) - Date.UTC(reference.getFullYear(), reference.getMonth(), reference.getDate())) / 86_400_000;
  return ahead > NEAR_FUTURE_DAYS;
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface Entities {
  people: string[];
  organizations: string[];
  places: string[];
}

/** The lexicon of compromise: word → tag(s); names it knows carry Person, Place or Organization tags. */
const LEXICON: Readonly<Record<string, string | string[] | undefined>> = (nlp as unknown as { model: () => { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
const NAME_TAGS = /^(?:Person|FirstName|LastName|MaleName|FemaleName|Honorific|ProperNoun|Place|Country|City|Region|Organization|SportsTeam|Company|School)$/;

/** True when compromise knows a word as an ordinary word ("Trade", "Shares", "Officials"), not a name. */
function isCommonWord(word: string): boolean {
  const lower = word.toLowerCase().replace(/[\u2019']s$/u, '');
  const tags = LEXICON[lower];
  if (tags !== undefined) return ![tags].flat().some((tag) => NAME_TAGS.test(tag));
  // Unknown to the lexicon: a singular noun is a name ("Bessent"); a plural ("Negotiators"), an
  // adverb ("Separately") or anything else is an ordinary word.
  const unknown = nlp(lower);
  return !unknown.has('#Singular') || unknown.has('#Plural') || STOP_CAPITALS.has(word);
}

/** Institutions a country owns in running text: "China's commerce ministry" → "Commerce Ministry of China". */
const OWNED_INSTITUTION =
  /\b(\p{Lu}[\p{L}-]+)[\u2019']s\s+((?:[a-z]+\s+){0,2}(?:ministry|government|cabinet|parliament|military|army|navy|air force|central bank|customs administration|customs agency|embassy|regulator|commission|foreign ministry|commerce ministry|defence ministry|defense ministry|trade ministry|state council|national assembly))\b/gu;

/**
 * Who opens a sentence: "Trump and Xi spoke…", "Xi Jinping said…", "Bessent told…". compromise
 * tags a capitalised first word as an ordinary one, so the first capitalised run is judged here:
 * a name unless its words are ones the lexicon knows as ordinary words.
 */
function leadingName(sentence: string): string | null {
  const run = /^["“‘(]?((?:\p{Lu}[\p{L}.-]*)(?:\s+\p{Lu}[\p{L}.-]*){0,2})(?:[\u2019']s\b)?(?=[\s,;:]|$)/u.exec(sentence)?.[1];
  if (!run) return null;
  const words = run.split(/\s+/);
  // "He" opens a sentence as a pronoun, but "He Lifeng" is a name.
  const pronounName = words.length > 1 && words[0] === 'He' && !isCommonWord(words[1] ?? '');
  if ((!pronounName && words.some((word) => STOP_CAPITALS.has(word))) || CALENDAR_WORD.test(run) || DEMONYM.test(words[0] ?? '')) return null;
  if (words.length === 1 && isCommonWord(run)) return null;
  if (words.length > 1 && isCommonWord(words[0] ?? '') && isCommonWord(words[words.length - 1] ?? '')) return null;
  return run;
}

/**
 * People, organisations and places of one sentence. compromise's taggers miss unfamiliar names
 * ("Jamieson Greer", "He Lifeng") and names that open a sentence, so runs of proper nouns it did not
 * classify are sorted by a simple rule: an organisation word makes an organisation, anything else of
 * two or three words a person. compromise knows English only: in other languages only the lexicon's
 * names and the capitalised-run rule apply.
 */
function extractEntities(sentence: string, english = true): Entities {
  const doc = nlp(sentence);
  const people = new NameSet();
  const organizations = new NameSet();
  const places = new NameSet();
  for (const match of sentence.matchAll(OWNED_INSTITUTION)) {
    const institution = (match[2] ?? '').replace(/\b\p{Ll}/gu, (letter) => letter.toUpperCase());
    organizations.add(`${institution} of ${match[1]}`);
  }
  if (english) {
    for (const name of doc.places().out('array') as string[]) places.add(cleanName(name, false));
    for (const name of doc.organizations().out('array') as string[]) organizations.add(cleanName(name, false));
    const lead = leadingName(sentence);
    if (lead && !places.covers(cleanName(lead, false))) {
      if (ORG_WORDS.test(lead)) organizations.add(cleanName(lead, false));
      else people.add(cleanName(lead, true));
    }
    for (const name of doc.people().out('array') as string[]) people.add(cleanName(name, true));
  } else {
    for (const word of sentence.match(/\p{Lu}[\p{L}-]+/gu) ?? []) {
      const tags = [LEXICON[word.toLowerCase()] ?? []].flat();
      if (tags.some((tag) => /^(Place|Country|City|Region)$/.test(tag))) places.add(word);
    }
  }
  // compromise tags "Ministry of Commerce" as separate runs; a regex finds the whole name.
  for (const match of sentence.matchAll(/\b(?:[\p{Lu}][\p{L}.&-]*\s+){0,3}(?:Ministry|Department|Bureau|Administration|Commission|Council|Agency)(?:\s+of(?:\s+the)?(?:\s+[\p{Lu}][\p{L}&'-]*){1,4})?/gu)) {
    const name = cleanName(match[0], false).replace(/^(?:The|the)\s+/, '');
    if (name.split(' ').length > 1) organizations.add(name);
  }
  const runs = english ? (doc.match('#ProperNoun+').out('array') as string[]) : capitalisedRuns(sentence);
  for (const run of runs) {
    // "China's Ministry" is two names: the owner and the owned.
    for (const part of run.split(/\s*[,;\u2013\u2014]\s*|[\u2019']s\s+/u)) {
      const raw = cleanName(part, false);
      if (raw === '' || people.covers(raw) || organizations.covers(raw) || places.covers(raw)) continue;
      if (ORG_WORDS.test(raw) || (!english && ORG_WORDS_OTHER.test(raw))) {
        organizations.add(raw);
        continue;
      }
      const name = cleanName(part, true);
      const words = name.split(' ');
      if (words.length > 3 || !words.every((word) => /^\p{Lu}/u.test(word))) continue;
      // A capitalised first word of the sentence ("The", "He") says nothing about being a name.
      const atStart = sentence.startsWith(raw);
      if (atStart && (words.length < 2 || STOP_CAPITALS.has(words[0] ?? ''))) continue;
      if (words.length === 1 && (name.length < 2 || STOP_CAPITALS.has(name) || CALENDAR_WORD.test(name) || DEMONYM.test(name))) continue;
      // Outside English a lone capitalised word may be anything; an acronym is an organisation.
      if (!english && words.length === 1) {
        if (/^\p{Lu}{2,6}$/u.test(name)) organizations.add(name);
        continue;
      }
      if (places.covers(name) || organizations.covers(name)) continue;
      people.add(name);
    }
  }
  return { people: people.values(), organizations: organizations.values(), places: places.values() };
}

/** Organisation words of other languages the app reads (French and German press). */
const ORG_WORDS_OTHER = /\b(?:Assemblée|Sénat|Conseil|Ministère|Gouvernement|Parti|Cour|Banque|Agence|Commission|Union|Bundestag|Bundesregierung|Ministerium|Regierung|Partei|Gericht)\b/u;

/** Runs of capitalised words (with name particles: "Laure de la Raudière"), for languages compromise does not tag. */
function capitalisedRuns(sentence: string): string[] {
  return (sentence.match(/\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:de|du|des|la|le|von|van|der|di|da)\s+)*\p{Lu}[\p{L}'’-]*)*/gu) ?? []).map((run) => run.replace(/^[DLJ]['’]/u, '').trim());
}

/** Trims punctuation, possessives and (for people) leading titles. */
function cleanName(raw: string, dropTitles: boolean): string {
  let name = raw
    .replace(/[\u2019']s\b/gu, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, '')
    .replace(/\.$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!dropTitles) return name;
  const words = name.split(' ');
  while (words.length > 1 && HONORIFICS.has((words[0] ?? '').toLowerCase().replace(/\.$/, ''))) words.shift();
  name = words.join(' ');
  return name;
}

/** Names kept once (case-insensitive), a shorter name dropped when a longer one contains it. */
class NameSet {
  private readonly names: string[] = [];

  add(name: string): void {
    if (name.length < 2 || !/\p{L}/u.test(name)) return;
    if (this.covers(name)) return;
    const lower = name.toLowerCase();
    for (let i = this.names.length - 1; i >= 0; i -= 1) {
      if (containsWords(lower, (this.names[i] ?? '').toLowerCase())) this.names.splice(i, 1);
    }
    this.names.push(name);
  }

  covers(name: string): boolean {
    const lower = name.toLowerCase();
    return this.names.some((existing) => containsWords(existing.toLowerCase(), lower));
  }

  values(): string[] {
    return [...this.names];
  }
}

function containsWords(haystack: string, needle: string): boolean {
  if (haystack === needle) return true;
  return ` ${haystack} `.includes(` ${needle} `);
}
