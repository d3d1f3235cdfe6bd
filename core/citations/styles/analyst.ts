import xml from './analyst.csl';

/**
 * Briefing Desk's analyst style (numeric, each entry ending with the Admiralty grade), the text of
 * `analyst.csl` in this folder (read at build time; see README.md). CSL has no grade variable, so
 * the item conversion (`snapshotToCsl`) carries the grade in `annote`, which no other built-in
 * style prints.
 */
export const ANALYST_CSL: string = xml;
