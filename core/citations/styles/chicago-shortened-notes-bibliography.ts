import xml from './chicago-shortened-notes-bibliography.csl';

/** Chicago 18th edition shortened notes and bibliography, the text of the `.csl` file beside this one (read at build time; see README.md). */
export const CHICAGO_SHORTENED_NOTES_CSL: string = xml;
