import SearchableMap from 'minisearch/SearchableMap';
import { normalizeForSearch } from '../notes/note-search';

/*
 * A small inverted index for the library's search: MiniSearch's radix tree (SearchableMap) holds
 * the vocabulary and answers prefix and fuzzy lookups; postings are plain arrays of document slots.
 *
 * Why not MiniSearch's own search(): it scores and sorts every hit of every term, which costs
 * ~95 ms at the 95th percentile over 100,000 events for broad queries ("united states"). Here
 * postings are sorted Int32Arrays: every query term must match (AND), each term may match exactly,
 * by prefix or (terms of 4+ characters) within an edit distance of 20 %. A term's hits (the union
 * of its expansions' lists, with scores) are computed once and cached until the index changes;
 * terms are intersected smallest first (galloping when one list is much longer, through dense mark
 * arrays when both are long); the caller filters the survivors and picks the top k with a heap.
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
const MAX_EPOCH = 0x7fffffff;
/** Terms whose hits are kept (a typed query asks for the same words again and again). */
const HIT_CACHE_SIZE = 32;
/** Up to this many expansions a term's lists are merged; beyond, marked in dense arrays. */
const MERGED_EXPANSIONS = 4;
const EXPANSION_CACHE_SIZE = 2_000;
/** From this many hits on, two terms' lists are intersected through the dense arrays. */
const DENSE_INTERSECT = 512;

/** Hits in ascending slot order; `scores[i]` belongs to `slots[i]`; only the first `length` entries count. */
export interface SortedMatch {
  slots: Int32Array;
  scores: Float64Array;
  length: number;
}

interface Expansion {
  termId: number;
  quality: number;
}

const EMPTY_MATCH: SortedMatch = { slots: new Int32Array(0), scores: new Float64Array(0), length: 0 };

/** First index in `slots[from..length)` holding a value ≥ `target` (galloping, then binary search). */
function gallop(slots: Int32Array, length: number, from: number, target: number): number {
  let step = 1;
  let low = from;
  let high = from;
  while (high < length && slots[high]! < target) {
    low = high + 1;
    high += step;
    step *= 2;
  }
  if (high > length) high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (slots[mid]! < target) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Slots in both (scores added), `small` being the shorter. */
function intersect(small: SortedMatch, large: SortedMatch): SortedMatch {
  const smallSlots = small.slots;
  const smallScores = small.scores;
  const smallLength = small.length;
  const largeSlots = large.slots;
  const largeScores = large.scores;
  const largeLength = large.length;
  const slots = new Int32Array(smallLength);
  const scores = new Float64Array(smallLength);
  let n = 0;
  let j = 0;
  const galloping = largeLength > smallLength * 8;
  for (let i = 0; i < smallLength && j < largeLength; i += 1) {
    const slot = smallSlots[i]!;
    if (galloping) j = gallop(largeSlots, largeLength, j, slot);
    else while (j < largeLength && largeSlots[j]! < slot) j += 1;
    if (j < largeLength && largeSlots[j] === slot) {
      slots[n] = slot;
      scores[n] = smallScores[i]! + largeScores[j]!;
      n += 1;
      j += 1;
    }
  }
  return { slots, scores, length: n };
}

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
  /** Reused by add(): the field mask of each term of the document being added, and which terms it has. */
  private docMasks = new Uint8Array(1024);
  private docTerms = new Int32Array(1024);
  /** Term ids of field texts: imported events repeat actors, places and summaries. */
  private readonly tokenCache = new Map<string, Int32Array>();
  /** Field weight of every field mask (masks are ≤ 8 bits). */
  private readonly fieldWeights: Float64Array;
  /** Bumped by every add and remove: cached hits of an older version are stale. */
  private version = 0;
  /** Words in the vocabulary: cached expansions are stale once it grows. */
  private vocabularySize = 0;
  private readonly hitCache = new Map<string, { version: number; hits: SortedMatch }>();
  private readonly expansionCache = new Map<string, { vocabulary: number; expansions: readonly Expansion[] }>();
  /** Scratch for collecting a term's hits. */
  private collect = new Int32Array(1024);

  constructor(readonly fields: FieldSpec[]) {
    this.boosts = fields.map((field) => field.boost);
    this.fieldWeights = new Float64Array(256);
    for (let mask = 0; mask < 256; mask += 1) this.fieldWeights[mask] = this.fieldWeight(mask);
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
    this.version += 1;
    this.slotCount += 1;
    this.liveCount += 1;
    this.ensureCapacity(this.slotCount);
    this.alive[slot] = 1;
    // Field masks per term of this document, in a dense array indexed by term id (reset after use).
    let touched = 0;
    for (let field = 0; field < texts.length; field += 1) {
      const text = texts[field];
      if (!text) continue;
      const bit = 1 << field;
      for (const termId of this.termIdsOf(text)) {
        if (this.docMasks[termId] === 0) this.docTerms[touched++] = termId;
        this.docMasks[termId] = this.docMasks[termId]! | bit;
      }
    }
    for (let i = 0; i < touched; i += 1) {
      const termId = this.docTerms[i]!;
      this.postings[termId]!.push(slot, this.docMasks[termId]!);
      this.docMasks[termId] = 0;
    }
    return slot;
  }

  /** The distinct term ids of a text (new words join the vocabulary); cached, texts repeat across documents. */
  private termIdsOf(text: string): Int32Array {
    let ids = this.tokenCache.get(text);
    if (ids) return ids;
    const tokens = [...new Set(tokenize(text))];
    ids = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i]!;
      let termId = this.termIds.get(token);
      if (termId === undefined) {
        termId = this.postings.length;
        this.postings.push(new Postings());
        this.termIds.set(token, termId);
        this.vocabulary.set(token, termId);
        this.vocabularySize += 1;
        if (termId >= this.docMasks.length) {
          const grown = new Uint8Array(this.docMasks.length * 2);
          grown.set(this.docMasks);
          this.docMasks = grown;
          const terms = new Int32Array(this.docMasks.length);
          terms.set(this.docTerms);
          this.docTerms = terms;
        }
      }
      ids[i] = termId;
    }
    if (this.tokenCache.size >= TOKEN_CACHE_LIMIT) this.tokenCache.clear();
    this.tokenCache.set(text, ids);
    return ids;
  }

  /** Tombstones a slot. */
  remove(slot: number): void {
    if (this.alive[slot] !== 1) return;
    this.version += 1;
    this.alive[slot] = 0;
    this.liveCount -= 1;
  }

  /**
   * Slots whose texts contain every query term (exact, prefix for terms of 3+ characters, fuzzy
   * for 4+), restricted to `within` when given. Scores: idf × match quality × field boost, summed.
   */
  match(terms: readonly string[], within?: Iterable<number>): MatchResult {
    const found = this.matchSorted(terms, within);
    const scores = this.scoreArray;
    const slots: number[] = new Array<number>(found.length);
    for (let i = 0; i < found.length; i += 1) {
      const slot = found.slots[i]!;
      slots[i] = slot;
      scores[slot] = found.scores[i]!;
    }
    return { slots, scores };
  }

  /**
   * Like {@link match}, as parallel typed arrays in ascending slot order: `scores[i]` is the score
   * of `slots[i]`. The arrays may be shared with the index's cache: callers must not write to them.
   * Each term's hits are computed once and cached until the index changes; terms are intersected
   * smallest first, galloping through the longer lists.
   */
  matchSorted(terms: readonly string[], within?: Iterable<number>): SortedMatch {
    if (terms.length === 0) return EMPTY_MATCH;
    const hits = terms.map((term) => this.termHits(term)).sort((a, b) => a.length - b.length);
    let result: SortedMatch = hits[0]!;
    for (let i = 1; i < hits.length && result.length > 0; i += 1) {
      const other = hits[i]!;
      // Long lists of similar length: mark one in the dense arrays and scan the other (no branchy merge).
      result = result.length >= DENSE_INTERSECT && other.length <= result.length * 8 ? this.intersectDense(result, other) : intersect(result, other);
    }
    if (within) {
      const allowed = new Set<number>();
      for (const slot of within) allowed.add(slot);
      const slots = new Int32Array(Math.min(result.length, allowed.size));
      const scores = new Float64Array(slots.length);
      let n = 0;
      for (let i = 0; i < result.length && n < slots.length; i += 1) {
        if (!allowed.has(result.slots[i]!)) continue;
        slots[n] = result.slots[i]!;
        scores[n] = result.scores[i]!;
        n += 1;
      }
      result = { slots, scores, length: n };
    }
    return result;
  }

  /** Slots in both, in `large`'s order (ascending), scores added; via the dense mark and score arrays. */
  private intersectDense(small: SortedMatch, large: SortedMatch): SortedMatch {
    const epoch = this.nextEpoch();
    const { marks } = this;
    const dense = this.scoreArray;
    const smallSlots = small.slots;
    const smallScores = small.scores;
    const smallLength = small.length;
    for (let i = 0; i < smallLength; i += 1) {
      const slot = smallSlots[i]!;
      marks[slot] = epoch;
      dense[slot] = smallScores[i]!;
    }
    const largeSlots = large.slots;
    const largeScores = large.scores;
    const largeLength = large.length;
    const slots = new Int32Array(smallLength);
    const scores = new Float64Array(smallLength);
    let n = 0;
    for (let j = 0; j < largeLength; j += 1) {
      const slot = largeSlots[j]!;
      if (marks[slot] !== epoch) continue;
      slots[n] = slot;
      scores[n] = dense[slot]! + largeScores[j]!;
      n += 1;
    }
    return { slots, scores, length: n };
  }

  /** The live slots one query term matches (all its expansions), ascending, with scores; cached per index version. */
  private termHits(term: string): SortedMatch {
    const cached = this.hitCache.get(term);
    if (cached && cached.version === this.version) {
      // Most recently used last.
      this.hitCache.delete(term);
      this.hitCache.set(term, cached);
      return cached.hits;
    }
    const hits = this.computeTermHits(term);
    this.hitCache.set(term, { version: this.version, hits });
    if (this.hitCache.size > HIT_CACHE_SIZE) this.hitCache.delete(this.hitCache.keys().next().value!);
    return hits;
  }

  private computeTermHits(term: string): SortedMatch {
    const expansions = this.expand(term);
    if (expansions.length === 0) return EMPTY_MATCH;
    const { alive, fieldWeights } = this;
    const live = this.liveCount || 1;
    if (expansions.length === 1) {
      // One posting list: already in slot order.
      const { termId, quality } = expansions[0]!;
      const list = this.postings[termId]!;
      const factor = Math.log(1 + live / list.length) * quality;
      const length = list.length;
      const source = list.slots;
      const masks = list.masks;
      const scores = new Float64Array(length);
      if (this.liveCount === this.slotCount) {
        // No tombstones: the posting list itself is the answer (a view; nothing writes to it while cached).
        for (let i = 0; i < length; i += 1) scores[i] = factor * fieldWeights[masks[i]!]!;
        return { slots: source.subarray(0, length), scores, length };
      }
      const slots = new Int32Array(length);
      let n = 0;
      for (let i = 0; i < length; i += 1) {
        const slot = source[i]!;
        if (alive[slot] !== 1) continue;
        slots[n] = slot;
        scores[n] = factor * fieldWeights[masks[i]!]!;
        n += 1;
      }
      return { slots, scores, length: n };
    }
    if (expansions.length <= MERGED_EXPANSIONS) {
      // A few lists: merge them one by one, in expansion order (the first to reach a slot scores in full).
      let merged: SortedMatch = EMPTY_MATCH;
      for (const { termId, quality } of expansions) merged = this.mergeInto(merged, this.postings[termId]!, Math.log(1 + live / this.postings[termId]!.length) * quality);
      return merged;
    }
    // Several lists: mark and score in the dense arrays, then read the marked slots back in order.
    const epoch = this.nextEpoch();
    const { marks } = this;
    const dense = this.scoreArray;
    let count = 0;
    let low = this.slotCount;
    let high = -1;
    let collected = this.collect;
    for (const { termId, quality } of expansions) {
      const list = this.postings[termId]!;
      const factor = Math.log(1 + live / list.length) * quality;
      const { slots, masks } = list;
      for (let i = 0; i < list.length; i += 1) {
        const slot = slots[i]!;
        if (alive[slot] !== 1) continue;
        const gain = factor * fieldWeights[masks[i]!]!;
        if (marks[slot] === epoch) {
          // Another expansion of the same term: count only a share of it.
          dense[slot] = dense[slot]! + gain * 0.1;
          continue;
        }
        marks[slot] = epoch;
        dense[slot] = gain;
        if (count === collected.length) {
          const grown = new Int32Array(Math.max(1024, count * 2));
          grown.set(collected);
          collected = grown;
        }
        collected[count] = slot;
        count += 1;
        if (slot < low) low = slot;
        if (slot > high) high = slot;
      }
    }
    this.collect = collected;
    const slots = new Int32Array(count);
    const scores = new Float64Array(count);
    if (count * 16 < high - low) {
      // Few hits over a wide range: sorting them is cheaper than scanning the range.
      slots.set(collected.subarray(0, count));
      slots.sort();
    } else {
      let n = 0;
      for (let slot = low; slot <= high; slot += 1) if (marks[slot] === epoch) slots[n++] = slot;
    }
    for (let i = 0; i < count; i += 1) scores[i] = dense[slots[i]!]!;
    return { slots, scores, length: count };
  }

  /** `merged` ∪ the live slots of `list`; slots already in `merged` gain a tenth of their score here. */
  private mergeInto(merged: SortedMatch, list: Postings, factor: number): SortedMatch {
    const { alive, fieldWeights } = this;
    const mergedSlots = merged.slots;
    const mergedScores = merged.scores;
    const mergedLength = merged.length;
    const listSlots = list.slots;
    const listMasks = list.masks;
    const listLength = list.length;
    const slots = new Int32Array(mergedLength + listLength);
    const scores = new Float64Array(mergedLength + listLength);
    let n = 0;
    let i = 0;
    for (let j = 0; j < listLength; j += 1) {
      const slot = listSlots[j]!;
      if (alive[slot] !== 1) continue;
      while (i < mergedLength && mergedSlots[i]! < slot) {
        slots[n] = mergedSlots[i]!;
        scores[n] = mergedScores[i]!;
        n += 1;
        i += 1;
      }
      const gain = factor * fieldWeights[listMasks[j]!]!;
      slots[n] = slot;
      if (i < mergedLength && mergedSlots[i] === slot) {
        scores[n] = mergedScores[i]! + gain * 0.1;
        i += 1;
      } else scores[n] = gain;
      n += 1;
    }
    while (i < mergedLength) {
      slots[n] = mergedSlots[i]!;
      scores[n] = mergedScores[i]!;
      n += 1;
      i += 1;
    }
    return { slots, scores, length: n };
  }

  /** Vocabulary terms a query term matches, with the quality of the match; cached until a new word is added. */
  private expand(term: string): readonly Expansion[] {
    const cached = this.expansionCache.get(term);
    if (cached && cached.vocabulary === this.vocabularySize) return cached.expansions;
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
    const expansions = [...found].map(([termId, quality]) => ({ termId, quality }));
    if (this.expansionCache.size >= EXPANSION_CACHE_SIZE) this.expansionCache.clear();
    this.expansionCache.set(term, { vocabulary: this.vocabularySize, expansions });
    return expansions;
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
