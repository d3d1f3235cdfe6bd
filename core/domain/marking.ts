/**
 * Handling markings: the Traffic Light Protocol 2.0 labels plus free classification lines
 * (OFFICIAL-SENSITIVE, RESTRICTED…). Stored on a note as one string so the CLI can take it as-is.
 */

/** TLP 2.0 labels, least to most restrictive. */
export const TLP_LEVELS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;

/** One of the TLP 2.0 labels. */
export type TlpLevel = (typeof TLP_LEVELS)[number];

/** How a marking is drawn: FIRST's TLP 2.0 colours, text on a black ground. */
export interface MarkingStyle {
  /** The label as printed. */
  label: string;
  /** Text colour. */
  color: string;
  /** Background colour. */
  background: string;
  /** TLP level, or null for a free classification line. */
  tlp: TlpLevel | null;
}

const TLP_COLOURS: Record<TlpLevel, string> = {
  'TLP:CLEAR': '#FFFFFF',
  'TLP:GREEN': '#33FF00',
  'TLP:AMBER': '#FFC000',
  'TLP:AMBER+STRICT': '#FFC000',
  'TLP:RED': '#FF2B2B',
};

/** Normalises user input such as "tlp amber", "TLP:Amber+Strict" or "red" to a TLP label when it is one. */
export function toTlpLevel(input: string): TlpLevel | null {
  const compact = input.trim().toUpperCase().replace(/\s+/g, '').replace(/^TLP[:\-_]?/, '');
  const found = TLP_LEVELS.find((level) => level.slice(4) === compact);
  return found ?? null;
}

/** Canonical form of a marking: TLP labels normalised, free lines trimmed and collapsed. */
export function normalizeMarking(input: string): string {
  return toTlpLevel(input) ?? input.trim().replace(/\s+/g, ' ');
}

/** Colours and label for a marking string. */
export function markingStyle(marking: string): MarkingStyle {
  const tlp = toTlpLevel(marking);
  if (tlp) return { label: tlp, color: TLP_COLOURS[tlp], background: '#000000', tlp };
  return { label: normalizeMarking(marking).toUpperCase(), color: '#FFFFFF', background: '#4A2A6A', tlp: null };
}
