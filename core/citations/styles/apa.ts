import xml from './apa.csl';

/** APA 7th edition, the text of `apa.csl` in this folder as shipped (read at build time; see README.md). */
export const APA_CSL: string = xml;
