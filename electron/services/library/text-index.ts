import SearchableMap from 'minisearch/SearchableMap';
import { normalizeForSearch } from '../notes/note-search';

/*
 * A small inverted index for the library's search: MiniSearch's radix tree (SearchableMap) holds
 * the vocabulary and answers prefix and fuzzy lookups; postings are plain arrays of document slots.
 *
 * Why not MiniSearch's own search(): it scores and sorts every hit of every term, which costs
 * ~95 ms at the 95th percentile over 100,000 events for broad queries ("united states"). Here
 * postings are sorted Int32Arrays: every query term must match (AND), each term may match exactly,
 * by prefix or (terms of 4+ characters) within an edit distance of 20 %. Each term's hits (the union
 * of its expansions' lists, with scores) are built in typed arrays reused from query to query —
 * allocating and zeroing fresh arrays of tens of thousands of entries cost more than filling them;
 * a term with one spelling is its posting list as it is, scored only where an intersection keeps
 * a slot. Terms are intersected smallest first (galloping when one list is much longer, else one
 * flat merge loop); the caller filters the survivors and picks the top k with a heap.
 * Whole results are cached by the caller (event-search.ts), so nothing here is cached per term:
 * the words queries share ("united", "minister") come back dozens of queries apart, beyond any
 * small cache, and the broadest of them cost no scores array anyway.
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
/** Scratch arrays kept between queries (a 16-term query would otherwise keep 16 pairs alive). */
const SCRATCH_KEPT = 8;
/** Up to this many expansions a term's lists are merged; beyond, marked in dense arrays. */
const MERGED_EXPANSIONS = 4;
const EXPANSION_CACHE_SIZE = 2_000;

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
const NO_MASKS = new Uint8Array(0);

/**
 * One term's live hits (or the running intersection) in ascending slot order. A term with one
 * spelling and no tombstones is its posting list as it is: `scores` is null and entry i scores
 * `factor * fieldWeights[masks[i]]`, computed only for the entries an intersection keeps — a
 * broad word ("united": 32,000 events) then costs no scores array written in full and read again.
 */
interface TermList {
  slots: Int32Array;
  scores: Float64Array | null;
  masks: Uint8Array;
  factor: number;
  length: number;
}

function listOf(match: SortedMatch): TermList {
  return { slots: match.slots, scores: match.scores, masks: NO_MASKS, factor: 0, length: match.length };
}

/** A capacity for `size` entries with headroom, so a slightly bigger list next time needs no new array. */
function capacityFor(size: number): number {
  return Math.max(1024, size + (size >> 2));
}

/**
 * Typed arrays lent to one query and all taken back when the next starts: the intermediate lists
 * of a broad query run to tens of thousands of entries, and allocating them anew each time (large
 * typed arrays are zeroed outside the heap) cost more than the search itself.
 */
class ScratchArrays {
  private readonly ints: Int32Array[] = [];
  private readonly floats: Float64Array[] = [];
  private usedInts = 0;
  private usedFloats = 0;

  /** Takes every lent array back; arrays lent before must not be used any more. */
  reset(): void {
    this.usedInts = 0;
    this.usedFloats = 0;
    if (this.ints.length > SCRATCH_KEPT) this.ints.length = SCRATCH_KEPT;
    if (this.floats.length > SCRATCH_KEPT) this.floats.length = SCRATCH_KEPT;
  }

  /** An Int32Array of at least `size` entries (contents undefined). */
  int32(size: number): Int32Array {
    const at = this.usedInts++;
    const current = this.ints[at];
    if (current && current.length >= size) return current;
    const fresh = new Int32Array(capacityFor(size));
    this.ints[at] = fresh;
    return fresh;
  }

  /** A Float64Array of at least `size` entries (contents undefined). */
  float64(size: number): Float64Array {
    const at = this.usedFloats++;
    const current = this.floats[at];
    if (current && current.length >= size) return current;
    const fresh = new Float64Array(capacityFor(size));
    this.floats[at] = fresh;
    return fresh;
  }
}

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

/**
 * Slots in both (scores added), `small` being the shorter, written to `out` (at least `small.length`
 * long). `out` may be `small`'s own arrays: entry n is written after entry i ≥ n was read.
 */
function intersect(small: TermList, large: TermList, out: SortedMatch, fieldWeights: Float64Array): SortedMatch {
  const smallSlots = small.slots;
  const smallScores = small.scores;
  const smallMasks = small.masks;
  const smallFactor = small.factor;
  const smallLength = small.length;
  const largeSlots = large.slots;
  const largeScores = large.scores;
  const largeMasks = large.masks;
  const largeFactor = large.factor;
  const largeLength = large.length;
  const { slots, scores } = out;
  let n = 0;
  if (largeLength > smallLength * 8) {
    // Much longer: gallop through it from each slot of the short list.
    let j = 0;
    for (let i = 0; i < smallLength && j < largeLength; i += 1) {
      const slot = smallSlots[i]!;
      j = gallop(largeSlots, largeLength, j, slot);
      if (j < largeLength && largeSlots[j] === slot) {
        const smallScore = smallScores !== null ? smallScores[i]! : smallFactor * fieldWeights[smallMasks[i]!]!;
        const largeScore = largeScores !== null ? largeScores[j]! : largeFactor * fieldWeights[largeMasks[j]!]!;
        slots[n] = slot;
        scores[n] = smallScore + largeScore;
        n += 1;
        j += 1;
      }
    }
    return { slots, scores, length: n };
  }
  // Similar lengths: one flat loop stepping whichever list is behind. (An outer loop over one list
  // with an inner loop over the other, or marking one list in per-slot arrays and probing them
  // from the other, each ran 2–4 times slower on 20,000-entry lists.)
  let i = 0;
  let j = 0;
  while (i < smallLength && j < largeLength) {
    const a = smallSlots[i]!;
    const b = largeSlots[j]!;
    if (a < b) i += 1;
    else if (a > b) j += 1;
    else {
      const smallScore = smallScores !== null ? smallScores[i]! : smallFactor * fieldWeights[smallMasks[i]!]!;
      const largeScore = largeScores !== null ? largeScores[j]! : largeFactor * fieldWeights[largeMasks[j]!]!;
      slots[n] = a;
      scores[n] = smallScore + largeScore;
      n += 1;
      i += 1;
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
  /** Words in the vocabulary: cached expansions are stale once it grows. */
  private vocabularySize = 0;
  /** The intermediate lists of the current query. */
  private readonly scratch = new ScratchArrays();
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
   * of `slots[i]`. The arrays are the index's own (scratch, or a term's postings): callers must not
   * write to them, and they hold the answer only until the next call to `match` or `matchSorted`.
   * Terms are intersected smallest first, galloping through the longer lists.
   */
  matchSorted(terms: readonly string[], within?: Iterable<number>): SortedMatch {
    if (terms.length === 0) return EMPTY_MATCH;
    const { scratch } = this;
    scratch.reset();
    // A word found nowhere empties the answer: the other terms' lists need not be built.
    for (const term of terms) if (this.expand(term).length === 0) return EMPTY_MATCH;
    const hits = terms.map((term) => this.termHits(term)).sort((a, b) => a.length - b.length);
    let result: SortedMatch;
    if (hits.length === 1 || hits[0]!.length === 0) result = this.materialize(hits[0]!);
    else {
      // Intersections only shrink the smallest list: one output, rewritten in place at each step.
      const out: SortedMatch = { slots: scratch.int32(hits[0]!.length), scores: scratch.float64(hits[0]!.length), length: 0 };
      let running: TermList = hits[0]!;
      result = out;
      for (let i = 1; i < hits.length && running.length > 0; i += 1) {
        const other = hits[i]!;
        result = intersect(running, other, out, this.fieldWeights);
        running = listOf(result);
      }
    }
    if (within) {
      const allowed = new Set<number>();
      for (const slot of within) allowed.add(slot);
      const size = Math.min(result.length, allowed.size);
      const slots = scratch.int32(size);
      const scores = scratch.float64(size);
      let n = 0;
      for (let i = 0; i < result.length && n < size; i += 1) {
        if (!allowed.has(result.slots[i]!)) continue;
        slots[n] = result.slots[i]!;
        scores[n] = result.scores[i]!;
        n += 1;
      }
      result = { slots, scores, length: n };
    }
    return result;
  }

  /** A term list with its scores written out (the answer of a one-term query). */
  private materialize(list: TermList): SortedMatch {
    if (list.scores !== null) return { slots: list.slots, scores: list.scores, length: list.length };
    const { fieldWeights } = this;
    const { length, masks, factor } = list;
    const scores = this.scratch.float64(length);
    for (let i = 0; i < length; i += 1) scores[i] = factor * fieldWeights[masks[i]!]!;
    return { slots: list.slots, scores, length };
  }

  /** The live slots one query term matches (all its expansions), ascending, with scores, in scratch arrays. */
  private termHits(term: string): TermList {
    const expansions = this.expand(term);
    if (expansions.length === 0) return listOf(EMPTY_MATCH);
    const { alive, fieldWeights, scratch } = this;
    const live = this.liveCount || 1;
    if (expansions.length === 1) {
      // One posting list: already in slot order.
      const { termId, quality } = expansions[0]!;
      const list = this.postings[termId]!;
      const factor = Math.log(1 + live / list.length) * quality;
      const length = list.length;
      const source = list.slots;
      const masks = list.masks;
      // No tombstones: the posting list itself is the answer (read only; nothing is added during a query).
      if (this.liveCount === this.slotCount) return { slots: source, scores: null, masks, factor, length };
      const scores = scratch.float64(length);
      const slots = scratch.int32(length);
      let n = 0;
      for (let i = 0; i < length; i += 1) {
        const slot = source[i]!;
        if (alive[slot] !== 1) continue;
        slots[n] = slot;
        scores[n] = factor * fieldWeights[masks[i]!]!;
        n += 1;
      }
      return { slots, scores, masks: NO_MASKS, factor: 0, length: n };
    }
    if (expansions.length === 2 && this.liveCount === this.slotCount) return listOf(this.unionOfTwo(expansions[0]!, expansions[1]!, live));
    if (expansions.length <= MERGED_EXPANSIONS) return listOf(this.mergedHits(expansions, live));
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
    const slots = scratch.int32(count);
    const scores = scratch.float64(count);
    if (count * 16 < high - low) {
      // Few hits over a wide range: sorting them is cheaper than scanning the range.
      slots.set(collected.subarray(0, count));
      slots.subarray(0, count).sort();
    } else {
      let n = 0;
      for (let slot = low; slot <= high; slot += 1) if (marks[slot] === epoch) slots[n++] = slot;
    }
    for (let i = 0; i < count; i += 1) scores[i] = dense[slots[i]!]!;
    return { slots, scores, masks: NO_MASKS, factor: 0, length: count };
  }

  /**
   * {@link mergedHits} for the common case of two spellings and no tombstones ("israel",
   * "israeli"): the same merge and the same scores without an `alive` lookup per entry, which made
   * the merge of a 20,000- and a 2,000-entry list ~1.5× slower (the array spans every slot).
   */
  private unionOfTwo(firstExpansion: Expansion, secondExpansion: Expansion, live: number): SortedMatch {
    const { fieldWeights, scratch } = this;
    const first = this.postings[firstExpansion.termId]!;
    const second = this.postings[secondExpansion.termId]!;
    const firstFactor = Math.log(1 + live / first.length) * firstExpansion.quality;
    const secondFactor = Math.log(1 + live / second.length) * secondExpansion.quality;
    const firstSlots = first.slots;
    const firstMasks = first.masks;
    const firstLength = first.length;
    const secondSlots = second.slots;
    const secondMasks = second.masks;
    const secondLength = second.length;
    const slots = scratch.int32(firstLength + secondLength);
    const scores = scratch.float64(firstLength + secondLength);
    let n = 0;
    let i = 0;
    for (let j = 0; j < secondLength; j += 1) {
      const slot = secondSlots[j]!;
      while (i < firstLength && firstSlots[i]! < slot) {
        slots[n] = firstSlots[i]!;
        scores[n] = firstFactor * fieldWeights[firstMasks[i]!]!;
        n += 1;
        i += 1;
      }
      const gain = secondFactor * fieldWeights[secondMasks[j]!]!;
      slots[n] = slot;
      if (i < firstLength && firstSlots[i] === slot) {
        scores[n] = firstFactor * fieldWeights[firstMasks[i]!]! + gain * 0.1;
        i += 1;
      } else scores[n] = gain;
      n += 1;
    }
    for (; i < firstLength; i += 1) {
      slots[n] = firstSlots[i]!;
      scores[n] = firstFactor * fieldWeights[firstMasks[i]!]!;
      n += 1;
    }
    return { slots, scores, length: n };
  }

  /**
   * The union of a few expansions' lists, merged one by one in expansion order: the first to reach
   * a slot scores in full, later ones add a tenth. The first two lists are merged straight from
   * the postings; further ones into two scratch pairs taking turns as input and output.
   */
  private mergedHits(expansions: readonly Expansion[], live: number): SortedMatch {
    const { alive, fieldWeights, scratch } = this;
    let total = 0;
    for (const { termId } of expansions) total += this.postings[termId]!.length;
    let from: SortedMatch = { slots: scratch.int32(total), scores: scratch.float64(total), length: 0 };
    let to: SortedMatch = expansions.length > 2 ? { slots: scratch.int32(total), scores: scratch.float64(total), length: 0 } : from;
    {
      const first = this.postings[expansions[0]!.termId]!;
      const second = this.postings[expansions[1]!.termId]!;
      const firstFactor = Math.log(1 + live / first.length) * expansions[0]!.quality;
      const secondFactor = Math.log(1 + live / second.length) * expansions[1]!.quality;
      const firstSlots = first.slots;
      const firstMasks = first.masks;
      const firstLength = first.length;
      const secondSlots = second.slots;
      const secondMasks = second.masks;
      const secondLength = second.length;
      const { slots, scores } = from;
      let n = 0;
      let i = 0;
      for (let j = 0; j < secondLength; j += 1) {
        const slot = secondSlots[j]!;
        if (alive[slot] !== 1) continue;
        while (i < firstLength && firstSlots[i]! < slot) {
          const earlier = firstSlots[i]!;
          if (alive[earlier] === 1) {
            slots[n] = earlier;
            scores[n] = firstFactor * fieldWeights[firstMasks[i]!]!;
            n += 1;
          }
          i += 1;
        }
        const gain = secondFactor * fieldWeights[secondMasks[j]!]!;
        slots[n] = slot;
        if (i < firstLength && firstSlots[i] === slot) {
          scores[n] = firstFactor * fieldWeights[firstMasks[i]!]! + gain * 0.1;
          i += 1;
        } else scores[n] = gain;
        n += 1;
      }
      for (; i < firstLength; i += 1) {
        const later = firstSlots[i]!;
        if (alive[later] !== 1) continue;
        slots[n] = later;
        scores[n] = firstFactor * fieldWeights[firstMasks[i]!]!;
        n += 1;
      }
      from.length = n;
    }
    for (let e = 2; e < expansions.length; e += 1) {
      const { termId, quality } = expansions[e]!;
      const list = this.postings[termId]!;
      const factor = Math.log(1 + live / list.length) * quality;
      const mergedSlots = from.slots;
      const mergedScores = from.scores;
      const mergedLength = from.length;
      const listSlots = list.slots;
      const listMasks = list.masks;
      const listLength = list.length;
      const { slots, scores } = to;
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
      to.length = n;
      [from, to] = [to, from];
    }
    return from;
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
