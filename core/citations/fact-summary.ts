import type { FuzzyDate } from '../domain/library';

/**
 * Turning a written event summary (ACLED notes, the analyst's CSV/JSON summary, a hand edit) into
 * the one sentence a fact inserts: its first sentence, without trailing tags or source credits,
 * with any date it already starts with recognised so the fact never gives its date twice.
 */

/** Words before a full stop that do not end a sentence ("Gen. Burhan", "No. 18", "U.S. officials"). */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st mt ft gen col lt sgt capt maj adm cmdr rep sen gov pres no nos art vol vols vs approx est inc ltd co corp jr sr dept govt univ jan feb mar apr jun jul aug sep sept oct nov dec etc cf fig'.split(' '),
);

/** True when the token before a full stop is an abbreviation or an initial, not a sentence end. */
function isAbbreviation(token: string): boolean {
  const word = token.replace(/^["'“‘(]+/, '').replace(/\.$/, '');
  if (word === '') return false;
  if (/^[A-Za-z]$/.test(word)) return true; // an initial: "J. Smith"
  if (/^([A-Za-z]\.)+[A-Za-z]?$/.test(word)) return true; // "U.S", "e.g", "a.m"
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** The first sentence of a text (the whole text when it is one sentence). */
export function firstSentence(text: string): string {
  const boundary = /([.!?…]+)(["'”’)\]]*)\s+(?=["'“‘(]?[A-Z0-9])/g;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const before = text.slice(0, match.index);
    const token = /(\S+)$/.exec(before)?.[1] ?? '';
    if (match[1] === '.' && isAbbreviation(`${token}.`)) continue;
    return text.slice(0, match.index + match[1]!.length + match[2]!.length);
  }
  return text;
}

/** News agencies whose credit trails a summary: "(Reuters)", "— AP". */
const AGENCIES = 'Reuters|AP|AFP|Associated Press|Agence France-Presse|Bloomberg|Xinhua|TASS|Interfax|Anadolu|DPA|Kyodo|Yonhap|BBC|CNN|Al Jazeera|ANI|PTI|EFE|ANSA';
const TRAILING_CREDIT = new RegExp(
  [
    '\\s*[([]\\s*(?:sources?|via|credit)\\s*:?[^)\\]]*[)\\]]\\s*$', // "(Source: Reuters)", "[via AP]"
    '\\s*\\b(?:sources?|via)\\s*:\\s*[^.;]*$', // "Source: Reuters"
    `\\s*[([]\\s*(?:${AGENCIES})\\s*[)\\]]\\s*$`, // "(Reuters)"
    `\\s+[-–—]\\s*(?:${AGENCIES})\\s*$`, // "— Reuters"
  ].join('|'),
  'i',
);

/** Tags ACLED and desk notes append in brackets: "[size=no report]", "[women targeted: girls]". */
const TRAILING_TAG = /\s*\[[^\]]*\]\s*$/;

/**
 * A written summary as one clean sentence body: whitespace collapsed, trailing bracketed tags and
 * source credits removed, only the first sentence kept, no closing punctuation (the caller ends it
 * with exactly one full stop). A final quotation keeps its closing quote: `said "no deal"`.
 */
export function summaryBody(summary: string): string {
  let text = summary.replace(/\s+/g, ' ').trim();
  // Tags and credits may close the whole note, after its last sentence.
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(TRAILING_TAG, '').replace(TRAILING_CREDIT, '').trim();
  }
  text = firstSentence(text);
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(TRAILING_TAG, '').replace(TRAILING_CREDIT, '').trim();
    // "…over." or "…over.”" → "…over" / "…over”": the stop goes back on once, outside.
    text = text.replace(/[\s.,;:!?…–—-]+$/, '').replace(/[.,;:!?…]+(["'”’)])$/, '$1');
  }
  return text;
}

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '\\d{1,2}(?:st|nd|rd|th)?';
const WEEKDAY = '(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+)?';
const PART = '(?:(?:early|mid|late|the (?:end|beginning|start|middle) of)[-\\s]+)?';
const ONE_DATE = `(?:${WEEKDAY}${PART}(?:${DAY}(?:\\s*(?:–|-|and|to)\\s*${DAY})?\\s+${MONTH}|${MONTH}\\s+${DAY}(?:\\s*(?:–|-|and|to)\\s*${DAY})?,?|${MONTH})\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})`;
const PREPOSITION = '(?:on|in|between|from|during|by|since|as of|over|late on|early on|(?:late|early) in)';
/** A date at the very start: "On 9 June 2025, ", "In early June 2025 ", "Between 9 and 10 June 2025: ", "9 June 2025 — ". */
const DATE_LEAD = new RegExp(
  `^((?:${PREPOSITION}\\s+)?${ONE_DATE}(?:\\s*(?:–|-|and|to|until)\\s*${ONE_DATE})?|${PREPOSITION}\\s+\\d{4})(?:\\s*[,:]\\s*|\\s+[–—-]\\s+|\\s+(?=\\S))`,
  'i',
);

/** A summary's leading date phrase and the rest, or null when it does not start with a date. */
export function splitDateLead(text: string): { lead: string; rest: string } | null {
  const match = DATE_LEAD.exec(text);
  if (!match) return null;
  const rest = text.slice(match[0].length).trim();
  if (rest === '') return null;
  return { lead: match[1]!.trim(), rest };
}

const MONTH_INDEX = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * True when a lead date phrase names the same date as the event, to the event's precision (a
 * phrase more precise than the event, "In early June 2025" for June 2025, also matches).
 */
export function leadMatchesDate(lead: string, date: FuzzyDate): boolean {
  const [year, month, day] = date.date.split('-').map(Number) as [number, number, number];
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(lead);
  let leadYear: number;
  let leadMonth: number | null = null;
  let leadDay: number | null = null;
  if (iso) {
    leadYear = Number(iso[1]);
    leadMonth = Number(iso[2]);
    leadDay = Number(iso[3]);
  } else {
    const yearMatch = /\b(\d{4})\b/.exec(lead);
    if (!yearMatch) return false;
    leadYear = Number(yearMatch[1]);
    const monthMatch = new RegExp(`\\b(${MONTH})(?=[\\s,]|$)`, 'i').exec(lead);
    if (monthMatch) leadMonth = MONTH_INDEX.indexOf(monthMatch[1]!.slice(0, 3).toLowerCase()) + 1;
    const dayMatch = /\b(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)/.exec(lead.replace(/\d{4}/g, ''));
    if (dayMatch && leadMonth !== null) leadDay = Number(dayMatch[1]);
  }
  if (leadYear !== year) return false;
  if (date.precision === 'year') return true;
  if (leadMonth !== month) return false;
  if (date.precision === 'month') return true;
  return leadDay === day;
}

/** First words that are not names, lower-cased after "On {date}, " ("The talks…" → "the talks…"). */
const COMMON_FIRST_WORDS = new Set(
  (
    'the a an this that these those its their his her our in on at after before during following for with without from by as when while ' +
    'some several many most more few both each every all no one two three four five six seven eight nine ten dozens hundreds thousands ' +
    'protesters demonstrators rioters unidentified unknown armed police troops soldiers forces fighters militants gunmen rebels residents ' +
    'relatives villagers civilians students workers farmers officials authorities government delegations talks negotiations customs data ' +
    'exports imports tariffs shipments prices sources reports local national security senior top first suppliers joint'
  ).split(' '),
);

/** Lower-cases a leading common word but keeps names and acronyms ("China", "US", "Trump"). */
export function lowerLeadingCommonWord(text: string): string {
  const first = /^([A-Za-z]+)/.exec(text)?.[1] ?? '';
  if (first.length > 1 && first === first.toUpperCase()) return text; // an acronym
  return COMMON_FIRST_WORDS.has(first.toLowerCase()) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** Upper-cases the first letter (after any opening quote). */
export function capitalise(text: string): string {
  return text.replace(/^(["'“‘(]*)(\p{L})/u, (_all, quote: string, letter: string) => quote + letter.toUpperCase());
}
