import SearchableMap from 'minisearch/SearchableMap';
import { normalizeForSearch } from '../notes/note-search';

/*
 * A small inverted index for the library's search: MiniSearch's radix tree (SearchableMap) holds
 * the vocabulary and answers prefix and fuzzy lookups; postings are plain arrays of document slots.
 *
 * Why not MiniSearch's own search(): it scores and sorts every hit of every term, which costs
 * ~95 ms at the 95th percentile over 100,000 events for broad queries ("united states"). Here a
 * query only marks slots in typed arrays: every query term must match (AND), each term may match
 * exactly, by prefix or (terms of 4+ characters) within an edit distance of 20 %; scores add up
 * per slot; the caller filters the survivors and picks the top k without sorting them all.
 *
 * Slots are never reused: a changed document is removed (tombstoned) and added again at a new slot;
 * postings of dead slots are skipped and dropped when the index is compacted by a rebuild.
 */

/** Field weights: bits of a posting's field mask. */
export interface FieldSpec {
  name: string;
  boost: number;
}

/** The words of a text, normalized (case and accents folded). */
export function tokenize(text: string): string[] {
  return normalizeForSearch(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The words of a query; exported for tests. */
export function queryTerms(query: string | undefined): string[] {
  if (!query) return [];
  return [...new Set(tokenize(query))].slice(0, 16);
}

/** The documents of one term: slots and field masks in typed arrays (5 bytes a posting, not 16+). */
class Postings {
  slots = new Int32Array(2);
  masks = new Uint8Array(2);
  length = 0;

  push(slot: number, mask: number): void {
    if (this.length === this.slots.length) {
      const capacity = this.length * 2;
      const slots = new Int32Array(capacity);
      slots.set(this.slots);
      this.slots = slots;
      const masks = new Uint8Array(capacity);
      masks.set(this.masks);
      this.masks = masks;
    }
    this.slots[this.length] = slot;
    this.masks[this.length] = mask;
    this.length += 1;
  }
}

/** Tokenized field texts are cached: imported events repeat actors, places and summaries. */
const TOKEN_CACHE_LIMIT = 50_000;

/** The outcome of {@link TextIndex.match}: slots matching every term, with scores in `scores`. */
export interface MatchResult {
  /** Matching slots (alive), unsorted. */
  slots: number[];
  /** Score per slot (read only for slots in `slots`). */
  scores: Float64Array;
}

const EXACT = 1;
const PREFIX = 0.5;
const FUZZY = 0.3;
const MAX_EPOCH = 1 << 24;

/** The inverted index over documents identified by slot number. */
export class TextIndex {
  /** Prefix and fuzzy lookups. */
  private readonly vocabulary = new SearchableMap<number>();
  /** Exact lookups: a hash map is several times faster than the radix tree, and adding documents is all exact lookups. */
  private readonly termIds = new Map<string, number>();
  private readonly postings: Postings[] = [];
  private alive = new Uint8Array(1024);
  private marks = new Int32Array(1024);
  private scoreArray = new Float64Array(1024);
  private epoch = 0;
  private slotCount = 0;
  private liveCount = 0;
  private readonly boosts: number[];
  /** Reused by add(): one Map per document would be 100,000 short-lived Maps on a library load. */
  private readonly scratch = new Map<string, number>();
  private readonly tokenCache = new Map<string, string[]>();

  constructor(readonly fields: FieldSpec[]) {
    this.boosts = fields.map((field) => field.boost);
  }

  /** Slots allocated so far (dead ones included). */
  get size(): number {
    return this.slotCount;
  }

  /** Live documents. */
  get count(): number {
    return this.liveCount;
  }

  /** Dead slots (tombstones) so far. */
  get dead(): number {
    return this.slotCount - this.liveCount;
  }

  /** True when the slot holds a live document. */
  isAlive(slot: number): boolean {
    return this.alive[slot] === 1;
  }

  /** Adds a document with one text per field (same order as `fields`); returns its slot. */
  add(texts: readonly string[]): number {
    const slot = this.slotCount;
    this.slotCount += 1;
    this.liveCount += 1;
    this.ensureCapacity(this.slotCount);
    this.alive[slot] = 1;
    const masks = this.scratch;
    masks.clear();
    for (let field = 0; field < texts.length; field += 1) {
      const text = texts[field];
      if (!text) continue;
      for (const token of this.tokensOf(text)) masks.set(token, (masks.get(token) ?? 0) | (1 << field));
    }
    for (const [token, mask] of masks) {
      let termId = this.termIds.get(token);
      if (termId === undefined) {
        termId = this.postings.length;
        this.postings.push(new Postings());
        this.termIds.set(token, termId);
        this.vocabulary.set(token, termId);
      }
      this.postings[termId]!.push(slot, mask);
    }
    return slot;
  }

  private tokensOf(text: string): string[] {
    let tokens = this.tokenCache.get(text);
    if (tokens) return tokens;
    tokens = tokenize(text);
    if (this.tokenCache.size >= TOKEN_CACHE_LIMIT) this.tokenCache.clear();
    this.tokenCache.set(text, tokens);
    return tokens;
  }

  /** Tombstones a slot. */
  remove(slot: number): void {
    if (this.alive[slot] !== 1) return;
    this.alive[slot] = 0;
    this.liveCount -= 1;
  }

  /**
   * Slots whose texts contain every query term (exact, prefix for terms of 3+ characters, fuzzy
   * for 4+), restricted to `within` when given. Scores: idf × match quality × field boost, summed.
   */
  match(terms: readonly string[], within?: Iterable<number>): MatchResult {
    const epoch = this.nextEpoch();
    const base = epoch << 5;
    const { marks, alive } = this;
    const scores = this.scoreArray;
    if (within) {
      // Pre-mark the allowed slots as "matched zero terms" so only they can advance.
      for (const slot of within) if (alive[slot] === 1) marks[slot] = base;
    }
    let matched: number[] = [];
    terms.forEach((term, position) => {
      const expected = base | position;
      const next = base | (position + 1);
      const expansions = this.expand(term);
      const live = this.liveCount || 1;
      for (const [termId, quality] of expansions) {
        const list = this.postings[termId]!;
        const idf = Math.log(1 + live / list.length);
        const { slots, masks } = list;
        for (let i = 0; i < list.length; i += 1) {
          const slot = slots[i]!;
          if (alive[slot] !== 1) continue;
          const mark = marks[slot]!;
          const gain = idf * quality * this.fieldWeight(masks[i]!);
          if (mark === next) {
            // Another expansion of the same term: count only a share of it.
            scores[slot] = scores[slot]! + gain * 0.1;
            continue;
          }
          if (position === 0 ? within !== undefined && mark !== expected : mark !== expected) continue;
          marks[slot] = next;
          scores[slot] = position === 0 ? gain : scores[slot]! + gain;
          if (position === 0) matched.push(slot);
        }
      }
      if (position > 0) matched = matched.filter((slot) => marks[slot] === next);
    });
    return { slots: terms.length === 0 ? [] : matched, scores };
  }

  /** Vocabulary terms a query term matches, with the quality of the match. */
  private expand(term: string): Map<number, number> {
    const found = new Map<number, number>();
    const exact = this.termIds.get(term);
    if (exact !== undefined) found.set(exact, EXACT);
    if (term.length >= 3) {
      for (const [key, termId] of this.vocabulary.atPrefix(term)) {
        if (!found.has(termId)) found.set(termId, PREFIX * (term.length / key.length));
      }
    }
    if (term.length >= 4) {
      const distance = Math.round(term.length * 0.2);
      for (const [, [termId]] of this.vocabulary.fuzzyGet(term, distance)) if (!found.has(termId)) found.set(termId, FUZZY);
    }
    return found;
  }

  private fieldWeight(mask: number): number {
    let weight = 0;
    for (let field = 0; field < this.boosts.length; field += 1) if (mask & (1 << field)) weight += this.boosts[field]!;
    return weight;
  }

  private nextEpoch(): number {
    this.epoch += 1;
    if (this.epoch >= MAX_EPOCH) {
      this.marks.fill(0);
      this.epoch = 1;
    }
    return this.epoch;
  }

  private ensureCapacity(size: number): void {
    if (size <= this.alive.length) return;
    const capacity = Math.max(size, this.alive.length * 2);
    const alive = new Uint8Array(capacity);
    alive.set(this.alive);
    this.alive = alive;
    const marks = new Int32Array(capacity);
    marks.set(this.marks);
    this.marks = marks;
    this.scoreArray = new Float64Array(capacity);
  }
}
