import { plugins } from '@citation-js/core';
import type { CitationLocator, SourceSnapshot } from '../editor/citation';
import { type BibliographyEntry, cslItems, formatBibliography, OutputCache, unavailable } from './format';
import type { CitationNumbering, CitationOccurrence } from './numbering';
import { numericInText, usableLocator } from './numeric-label';
import { CSL_LANG, type CitationStyleKind, type RegisteredStyle, resolveStyle } from './styles';

/** One citation of a note (a citation node): the sources it names and its locator. */
export interface CitationCluster {
  sourceIds: readonly string[];
  locator: CitationLocator | null;
}

/** Everything the note's citations look like in its style: the editor and every export read this. */
export interface NoteCitations {
  /** How the labels read: 'note' labels are note numbers ("1", "2"), shown superscript; a broken style falls back to 'numeric'. */
  kind: CitationStyleKind;
  /**
   * The label of each cluster, in document order: "[1]", "[2, para. 4]", "(CNA, 2025a)", or the note
   * number ("3") in a note style. A cluster with sources the note cannot show ends in "[?]"; one with
   * none is "[?]".
   */
  labels: string[];
  /** Note styles: the text of each cluster's note (each citation is one note, numbered in document order); empty otherwise. */
  notes: string[];
  /** The Sources list: citation order and numbered in numeric styles, the style's own order otherwise. */
  bibliography: BibliographyEntry[];
  /** Sources numbered by first appearance. */
  numbering: CitationNumbering;
}

/** Options of {@link formatNoteCitations}. */
export interface NoteCitationsOptions {
  /**
   * Sources to leave out of the labels although the note holds a snapshot (deleted from the
   * library): the label shows "[?]" for them, the Sources list still has their entry.
   */
  unavailable?: ReadonlySet<string>;
}

/** Numbers sources by first appearance over the clusters (as core/citations/numbering does over a document). */
function numberClusters(clusters: readonly CitationCluster[]): CitationNumbering {
  const order: string[] = [];
  const numberOf = new Map<string, number>();
  const occurrences: CitationOccurrence[] = [];
  for (const [index, cluster] of clusters.entries()) {
    const numbers = cluster.sourceIds.map((id) => {
      let number = numberOf.get(id);
      if (number === undefined) {
        order.push(id);
        number = order.length;
        numberOf.set(id, number);
      }
      return number;
    });
    occurrences.push({ pos: index, sourceIds: [...cluster.sourceIds], numbers });
  }
  return { order, numberOf, occurrences };
}

/** citeproc's engine, as @citation-js/plugin-csl prepares it (one cached engine per style and locale). */
interface CslEngine {
  rebuildProcessorState(citations: CslCitation[], mode: string, uncited: string[]): [string, number, string][];
  makeBibliography(): [unknown, string[]] | false;
  sys: { wrapBibliographyEntry?: (id: string) => [string, string] };
}

interface CslCitation {
  citationID: string;
  citationItems: { id: string; locator?: string; label?: string }[];
  properties: { noteIndex: number };
}

/** Marks a bibliography entry's source id (a control character no formatted text contains). */
const ENTRY_ID = '\u0001';
const ENTRY_MARK = /^\u0001([^\u0001]*)\u0001([\s\S]*)$/;

type PrepareEngine = (data: Record<string, unknown>[], style: string, lang: string, format: string) => CslEngine;

function prepareEngine(): PrepareEngine {
  return (plugins.config.get('@csl') as unknown as { engine: PrepareEngine }).engine;
}

/** The sources of a cluster the note can show, each once, in the cluster's order. */
function goodIds(cluster: CitationCluster, snapshots: ReadonlyMap<string, SourceSnapshot>, omit: ReadonlySet<string> | undefined): string[] {
  return [...new Set(cluster.sourceIds)].filter((id) => snapshots.has(id) && !omit?.has(id));
}

const withProblem = (text: string, cluster: CitationCluster, good: readonly string[]): string =>
  good.length < new Set(cluster.sourceIds).size ? `${text}[?]` : text;

/** Formatted notes by style, clusters and items: the editor asks again after every edit that touches a citation. */
const cache = new OutputCache<Omit<NoteCitations, 'numbering'>>(16);

/**
 * Runs the whole note through citeproc as one sequence of citation clusters, in document order, so
 * what depends on the other citations comes out as the style says: "2025a/2025b" for one author's
 * works of a year (in the text and in the list alike), initials or given names added to tell authors
 * apart, "et al.", and in note styles the short form of a source cited before.
 */
function runClusters(
  style: RegisteredStyle,
  clusters: readonly CitationCluster[],
  good: readonly string[][],
  items: Record<string, unknown>[],
): { texts: (string | null)[]; bibliography: [string, string][] } {
  const note = style.kind === 'note';
  const citations: CslCitation[] = [];
  const indexOf: number[] = [];
  for (const [index, ids] of good.entries()) {
    if (ids.length === 0) continue;
    const locator = usableLocator(clusters[index]?.locator ?? null);
    citations.push({
      citationID: `c${index}`,
      citationItems: ids.map((id, position) =>
        locator && position === ids.length - 1 ? { id, locator: locator.value.trim(), label: locator.label } : { id },
      ),
      // Each citation is one note, numbered in document order; in-text styles have no notes.
      properties: { noteIndex: note ? index + 1 : 0 },
    });
    indexOf.push(index);
  }
  const engine = prepareEngine()(items, style.template, CSL_LANG, 'text');
  const cited = new Set(good.flat());
  // Sources cited only where they cannot be shown still get their entry in the list.
  const uncited = items.map((item) => item.id as string).filter((id) => !cited.has(id));
  const output = engine.rebuildProcessorState(citations, 'text', uncited);
  const texts: (string | null)[] = clusters.map(() => null);
  for (const [position, [, , text]] of output.entries()) texts[indexOf[position] as number] = text.trim();
  // citeproc's entry_ids list sources the style leaves out of the list (APA's personal
  // communications) while the entries skip them; plugin-csl's hook marks each entry with its id.
  engine.sys.wrapBibliographyEntry = (id) => [`${ENTRY_ID}${id}${ENTRY_ID}`, ''];
  const made = engine.makeBibliography();
  engine.sys.wrapBibliographyEntry = undefined;
  const bibliography: [string, string][] = [];
  for (const entry of made ? made[1] : []) {
    const match = ENTRY_MARK.exec(entry);
    if (match) bibliography.push([match[1] as string, `${match[2] ?? ''}`.trim()]);
  }
  return { texts, bibliography };
}

/**
 * The citations of a whole note in its style: each cluster's label, the note texts of a note style,
 * and the Sources list, from one run of the CSL engine over the clusters in document order. The
 * editor (citations-state) and every export (ExportModel) call this, so they agree. Numeric styles
 * need no engine for their labels ("[1]"); their entries are formatted once per source and cached.
 * A style that fails falls back to numbers, so a broken added style never breaks a note.
 */
export function formatNoteCitations(
  styleId: string,
  clusters: readonly CitationCluster[],
  snapshots: ReadonlyMap<string, SourceSnapshot>,
  options: NoteCitationsOptions = {},
): NoteCitations {
  const style = resolveStyle(styleId);
  const numbering = numberClusters(clusters);
  const good = clusters.map((cluster) => goodIds(cluster, snapshots, options.unavailable));
  const numericLabels = (): string[] =>
    clusters.map((cluster, index) => {
      const ids = good[index] as string[];
      return ids.length === 0 ? '[?]' : withProblem(numericInText(ids, numbering, cluster.locator), cluster, ids);
    });
  if (style.kind === 'numeric') {
    return { kind: 'numeric', labels: numericLabels(), notes: [], bibliography: formatBibliography(style.id, numbering, snapshots), numbering };
  }
  const items = cslItems(style, numbering.order, snapshots);
  const key = `${style.template}\u0000${JSON.stringify(good)}\u0000${JSON.stringify(clusters.map((cluster) => usableLocator(cluster.locator)))}\u0000${JSON.stringify(items)}`;
  const cached = cache.get(key);
  if (cached) return { ...cached, numbering };
  let run: ReturnType<typeof runClusters>;
  try {
    run = runClusters(style, clusters, good, items);
  } catch {
    return { kind: 'numeric', labels: numericLabels(), notes: [], bibliography: plainBibliography(numbering, snapshots), numbering };
  }
  const listed = new Set(run.bibliography.map(([id]) => id));
  const bibliography: BibliographyEntry[] = run.bibliography.map(([sourceId, text]) => ({ sourceId, number: numbering.numberOf.get(sourceId) ?? 0, text }));
  // A source the style leaves out of its list on purpose (APA: personal communications) stays out.
  for (const sourceId of numbering.order) {
    if (!listed.has(sourceId) && !snapshots.has(sourceId)) bibliography.push({ sourceId, number: numbering.numberOf.get(sourceId) ?? 0, text: unavailable(sourceId) });
  }
  const note = style.kind === 'note';
  const labels = clusters.map((cluster, index) => {
    const ids = good[index] as string[];
    if (note) return withProblem(String(index + 1), cluster, ids);
    const text = run.texts[index];
    return text === null || text === undefined || ids.length === 0 ? '[?]' : withProblem(text, cluster, ids);
  });
  const notes = note
    ? clusters.map((cluster, index) => run.texts[index] ?? `${cluster.sourceIds.map(unavailable).join('; ') || 'Source unavailable'}.`)
    : [];
  const result = { kind: style.kind, labels, notes, bibliography };
  cache.set(key, result);
  return { ...result, numbering };
}

/** "1. Title. Publisher. 2025-06-05." in citation order: the list when the style cannot format it. */
function plainBibliography(numbering: CitationNumbering, snapshots: ReadonlyMap<string, SourceSnapshot>): BibliographyEntry[] {
  return numbering.order.map((sourceId, index) => {
    const snapshot = snapshots.get(sourceId);
    const parts = snapshot
      ? [snapshot.title || 'Untitled', snapshot.publisher ?? '', snapshot.published ?? '', snapshot.url ?? ''].map((part) => part.trim().replace(/\.+$/, '')).filter((part) => part !== '')
      : [];
    return { sourceId, number: index + 1, text: `${index + 1}. ${snapshot ? `${parts.join('. ')}.` : unavailable(sourceId)}` };
  });
}
