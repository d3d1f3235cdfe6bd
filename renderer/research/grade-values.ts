/** Admiralty source reliability, with the standard wording. */
export const RELIABILITY_VALUES: readonly (readonly ['A' | 'B' | 'C' | 'D' | 'E' | 'F', string])[] = [
  ['A', 'Completely reliable'],
  ['B', 'Usually reliable'],
  ['C', 'Fairly reliable'],
  ['D', 'Not usually reliable'],
  ['E', 'Unreliable'],
  ['F', 'Cannot be judged'],
];

/** Admiralty information credibility, with the standard wording. */
export const CREDIBILITY_VALUES: readonly (readonly ['1' | '2' | '3' | '4' | '5' | '6', string])[] = [
  ['1', 'Confirmed'],
  ['2', 'Probably true'],
  ['3', 'Possibly true'],
  ['4', 'Doubtful'],
  ['5', 'Improbable'],
  ['6', 'Cannot be judged'],
];
