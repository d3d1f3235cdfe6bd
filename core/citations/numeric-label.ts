import type { CitationLocator } from '../editor/citation';
import { type CitationNumbering, numericLabelBody } from './numbering';

// The in-text label of numeric and note styles needs only the numbering, never the CSL engine, so
// the editor can show "[1]" before citation-js has loaded. core/citations/format uses it too.

/** Short locator terms of the shipped en-US locale (singular, plural). */
const LOCATOR_TERMS: Record<CitationLocator['label'], [string, string]> = {
  page: ['p.', 'pp.'],
  paragraph: ['para.', 'paras.'],
  section: ['sec.', 'secs.'],
  line: ['l.', 'll.'],
};

/** A locator as the label prints it ("para. 4", "pp. 3-5"). */
export function locatorText(locator: CitationLocator): string {
  const value = locator.value.trim();
  const [single, plural] = LOCATOR_TERMS[locator.label] ?? ['', ''];
  const term = /[-–,&]|\band\b/.test(value) ? plural : single;
  return term ? `${term} ${value}` : value;
}

/** The locator when it says something, else null (an empty value is no locator). */
export function usableLocator(locator: CitationLocator | null): CitationLocator | null {
  return locator && locator.value.trim() !== '' ? locator : null;
}

/** The numeric in-text label of a citation: "[1]", "[1, 3]", "[2, para. 4]"; unknown ids count as 0. */
export function numericInText(sourceIds: readonly string[], numbering: CitationNumbering, locator: CitationLocator | null): string {
  const body = numericLabelBody(sourceIds.map((id) => numbering.numberOf.get(id) ?? 0));
  const usable = usableLocator(locator);
  return usable ? `[${body}, ${locatorText(usable)}]` : `[${body}]`;
}
