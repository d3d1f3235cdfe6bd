import type { Node as PmNode } from '@tiptap/pm/model';
import type { DocNode } from '../domain/note';
import { noteSchema } from '../editor/schema';

/** One citation node of a document, with the numbers of the sources it names. */
export interface CitationOccurrence {
  /** Document position of the citation node (for jumping to it). */
  pos: number;
  sourceIds: string[];
  /** The number of each source id, in the citation's own order (not sorted). */
  numbers: number[];
}

/** Citation numbers of a document: sources numbered by first appearance. */
export interface CitationNumbering {
  /** Cited source ids in order of first appearance; `order[n - 1]` has number n. */
  order: string[];
  numberOf: ReadonlyMap<string, number>;
  occurrences: CitationOccurrence[];
}

const CITATION = 'citation';
const SOURCES_SECTION = 'sourcesSection';

/** Citation node attrs come from stored JSON: keep only the strings. */
function sourceIdsOf(attrs: Record<string, unknown> | undefined): string[] {
  const raw = attrs?.sourceIds;
  if (!Array.isArray(raw)) return [];
  return raw.filter((id): id is string => typeof id === 'string' && id.length > 0);
}

/** Collects occurrences in document order and assigns numbers on the way. */
class Numberer {
  readonly order: string[] = [];
  readonly numberOf = new Map<string, number>();
  readonly occurrences: CitationOccurrence[] = [];

  add(pos: number, sourceIds: string[]): void {
    const numbers: number[] = [];
    for (const id of sourceIds) {
      let number = this.numberOf.get(id);
      if (number === undefined) {
        this.order.push(id);
        number = this.order.length;
        this.numberOf.set(id, number);
      }
      numbers.push(number);
    }
    this.occurrences.push({ pos, sourceIds, numbers });
  }

  result(): CitationNumbering {
    return { order: this.order, numberOf: this.numberOf, occurrences: this.occurrences };
  }
}

/**
 * Numbers the sources cited in a ProseMirror document by first appearance; a source cited again
 * keeps its number. Runs on every edit, so it walks blocks only: a textblock's inline children are
 * scanned with a plain loop instead of a descent into every text node, and the Sources section (an
 * atom, never holding citations) is skipped.
 */
export function numberCitations(doc: PmNode): CitationNumbering {
  const numberer = new Numberer();
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      const count = node.childCount;
      let offset = pos + 1;
      for (let index = 0; index < count; index += 1) {
        const child = node.child(index);
        if (child.type.name === CITATION) numberer.add(offset, sourceIdsOf(child.attrs));
        offset += child.nodeSize;
      }
      return false;
    }
    if (node.type.name === CITATION) {
      numberer.add(pos, sourceIdsOf(node.attrs));
      return false;
    }
    if (node.isLeaf || node.type.name === SOURCES_SECTION) return false;
    return true;
  });
  return numberer.result();
}

/** Size of a JSON node as ProseMirror counts it, walking and numbering on the way. */
function walkJson(node: DocNode, pos: number, numberer: Numberer): number {
  if (node.type === 'text') return node.text?.length ?? 0;
  if (node.type === CITATION) {
    numberer.add(pos, sourceIdsOf(node.attrs));
    return 1;
  }
  const type = noteSchema().nodes[node.type];
  if (type?.isLeaf || node.type === SOURCES_SECTION) return 1;
  let size = 0;
  for (const child of node.content ?? []) size += walkJson(child, pos + 1 + size, numberer);
  return size + 2;
}

/**
 * The same numbering from stored TipTap JSON (backend, CLI, export), without building a
 * ProseMirror document. Positions are those the document would have in the editor.
 */
export function numberCitationsJson(doc: DocNode): CitationNumbering {
  const numberer = new Numberer();
  let size = 0;
  // The doc node itself has no opening token: its content starts at position 0.
  for (const child of doc.content ?? []) size += walkJson(child, size, numberer);
  return numberer.result();
}

/**
 * The in-text label of a numeric citation: numbers sorted ascending and de-duplicated, runs of
 * three or more collapsed with an en dash: [1], [1, 3], [1–3], [1, 2], [2, 5–7]. Empty gives [?].
 */
export function formatNumericLabel(numbers: number[]): string {
  return `[${numericLabelBody(numbers)}]`;
}

/** The label without brackets, for callers that append a locator inside them. */
export function numericLabelBody(numbers: number[]): string {
  const sorted = [...new Set(numbers.filter((n) => Number.isFinite(n) && n > 0))].sort((a, b) => a - b);
  if (sorted.length === 0) return '?';
  const parts: string[] = [];
  let start = 0;
  for (let index = 1; index <= sorted.length; index += 1) {
    const runEnds = index === sorted.length || (sorted[index] as number) !== (sorted[index - 1] as number) + 1;
    if (!runEnds) continue;
    const first = sorted[start] as number;
    const last = sorted[index - 1] as number;
    if (index - start >= 3) parts.push(`${first}–${last}`);
    else for (let k = start; k < index; k += 1) parts.push(String(sorted[k]));
    start = index;
  }
  return parts.join(', ');
}
