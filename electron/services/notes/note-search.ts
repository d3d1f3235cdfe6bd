/** Characters NFD leaves alone: ASCII, Latin-1 punctuation and symbols, General Punctuation (’ – “ ”). */
const NEVER_DECOMPOSED = /^[\u0000-\u00bf\u2000-\u206f]*$/;

/**
 * Folds case and accents so "Évaluation" matches "evaluation". NFD over a whole library is the
 * costly part of building the index, so text that cannot contain accents skips it (same result).
 */
export function normalizeForSearch(text: string): string {
  if (NEVER_DECOMPOSED.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a query, normalised; an empty query has none (and matches everything). */
export function queryWords(query: string | undefined): string[] {
  if (!query) return [];
  return normalizeForSearch(query).split(/\s+/).filter(Boolean);
}

/** True when every word occurs in the (already normalised) haystack. */
export function matchesAllWords(haystack: string, words: string[]): boolean {
  return words.every((word) => haystack.includes(word));
}
