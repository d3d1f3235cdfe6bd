import type { CallOutput, ParsedInput } from '../../../core/index';
import type { Source } from '../../../core/domain/library';
import { TextIndex, queryTerms } from './text-index';
import { topK } from './top-k';

const DEFAULT_LIMIT = 200;
const SLOT_SPACE = 1 << 22;

/** A source without its text (lists never carry whole articles). */
export function sourceSummary(source: Source): Omit<Source, 'text'> {
  const { text: _text, ...rest } = source;
  return rest;
}

/** Full-text search over sources: title, publisher and excerpt; newest first without a query. */
export class SourceSearchService {
  private index = new TextIndex([]);
  private readonly slotOf = new Map<string, number>();
  private sources: (Source | null)[] = [];
  private published: number[] = [];

  constructor() {
    this.reset();
  }

  /** Replaces the whole index. */
  rebuild(sources: Iterable<Source>): void {
    this.reset();
    for (const source of sources) this.add(source);
  }

  /** Adds or replaces one source. */
  put(source: Source): void {
    this.removeSlot(source.id);
    this.add(source);
    if (this.index.dead > 10_000 && this.index.dead > this.index.count) this.rebuild(this.sources.filter((s): s is Source => s !== null));
  }

  /**
   * Adds or replaces many sources (an import brings tens of thousands): into an empty index they
   * are added without looking each id up first, and the tombstone check runs once at the end.
   */
  putAll(sources: readonly Source[]): void {
    if (this.slotOf.size === 0) for (const source of sources) this.add(source);
    else
      for (const source of sources) {
        this.removeSlot(source.id);
        this.add(source);
      }
    if (this.index.dead > 10_000 && this.index.dead > this.index.count) this.rebuild(this.sources.filter((s): s is Source => s !== null));
  }

  /** Removes one source. */
  remove(id: string): void {
    this.removeSlot(id);
  }

  /** `sources:search`. */
  search(input: ParsedInput<'sources:search'>): CallOutput<'sources:search'> {
    const terms = queryTerms(input.query);
    const wanted = input.reliability && input.reliability.length > 0 ? new Set<string>(input.reliability) : null;
    const accept = (slot: number): boolean => {
      if (!wanted) return true;
      const grade = this.sources[slot]?.grade.reliability;
      return grade !== null && grade !== undefined && wanted.has(grade);
    };
    const matched: number[] = [];
    let scores: Float64Array | null = null;
    if (terms.length > 0) {
      const result = this.index.match(terms);
      scores = result.scores;
      for (const slot of result.slots) if (accept(slot)) matched.push(slot);
    } else {
      for (let slot = 0; slot < this.index.size; slot += 1) if (this.index.isAlive(slot) && accept(slot)) matched.push(slot);
    }
    const offset = input.offset ?? 0;
    const limit = input.limit ?? DEFAULT_LIMIT;
    const { published } = this;
    const key = scores ? (slot: number): number => scores[slot]! * 1e9 + published[slot]! : (slot: number): number => published[slot]! * SLOT_SPACE + slot;
    const page = topK(matched, offset + limit, key).slice(offset);
    return { total: matched.length, sources: page.map((slot) => sourceSummary(this.sources[slot]!)) };
  }

  private add(source: Source): void {
    const slot = this.index.add([source.title, source.publisher, `${source.excerpt} ${source.tags.join(' ')}`]);
    this.slotOf.set(source.id, slot);
    this.sources[slot] = source;
    this.published[slot] = source.published ? Number(source.published.date.replace(/-/g, '')) : 0;
  }

  private removeSlot(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.index.remove(slot);
    this.sources[slot] = null;
    this.slotOf.delete(id);
  }

  private reset(): void {
    this.index = new TextIndex([
      { name: 'title', boost: 2 },
      { name: 'publisher', boost: 1.5 },
      { name: 'excerpt', boost: 1 },
    ]);
    this.slotOf.clear();
    this.sources = [];
    this.published = [];
  }
}
