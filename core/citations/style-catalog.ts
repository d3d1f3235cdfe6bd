// The list of shipped styles, without the CSL engine: the renderer reads it at startup and loads
// citation-js (about 2.4 MB) only later, in its own chunk. core/citations/styles re-exports all of it.

/** How a style cites in the text: numbers, notes (shown as numbers in the editor), or author and date. */
export type CitationStyleKind = 'numeric' | 'note' | 'author-date';

/** A citation style as listed to the analyst. */
export interface CitationStyleInfo {
  id: string;
  name: string;
  kind: CitationStyleKind;
}

/** The styles that ship with Briefing Desk; ids are stored in notes and settings. */
export const BUILTIN_STYLES: readonly CitationStyleInfo[] = [
  { id: 'numeric', name: 'Numeric [1] (Vancouver)', kind: 'numeric' },
  { id: 'chicago', name: 'Chicago (shortened notes and bibliography)', kind: 'note' },
  { id: 'apa', name: 'APA 7th edition', kind: 'author-date' },
  { id: 'harvard', name: 'Harvard', kind: 'author-date' },
  { id: 'analyst', name: 'Analyst (numeric with Admiralty grade)', kind: 'numeric' },
];

/** The id used when a note names a style that does not exist (deleted, or from another workspace). */
export const FALLBACK_STYLE_ID = 'numeric';

/** The language every style formats in; the locale XML ships in core/citations/styles. */
export const CSL_LANG = 'en-US';

/** True for the ids of the shipped styles. */
export function isBuiltinStyle(id: string): boolean {
  return BUILTIN_STYLES.some((style) => style.id === id);
}
