import type { BibliographyEntry } from '../../../../core/citations/format';
import type { CitationNumbering } from '../../../../core/citations/numbering';
import type { SourceSnapshot } from '../../../../core/editor/citation';
import { type CitationEngine, citationEngine } from '../../../citations/citation-engine';

interface CachedEntry {
  /** Text before and after the entry's number ("[" + n + "] ", or n + ". "), null when it has none. */
  before: string | null;
  after: string;
  body: string;
}

const LEADING_NUMBER = /^(\[?)(\d+)(\]?\.?\s+)/;
const entryCache = new Map<string, CachedEntry>();
const ENTRY_CACHE_LIMIT = 5000;

// Snapshot objects are shared by the document's nodes from one edit to the next: serialize each once.
const snapshotJson = new WeakMap<SourceSnapshot, string>();

function keyOf(template: string, sourceId: string, snapshot: SourceSnapshot | undefined): string {
  if (!snapshot) return `${template}\u0000${sourceId}\u0000`;
  let json = snapshotJson.get(snapshot);
  if (json === undefined) {
    json = JSON.stringify(snapshot);
    snapshotJson.set(snapshot, json);
  }
  return `${template}\u0000${sourceId}\u0000${json}`;
}

function split(text: string): CachedEntry {
  const match = LEADING_NUMBER.exec(text);
  if (!match) return { before: null, after: '', body: text };
  return { before: match[1]!, after: match[3]!, body: text.slice(match[0].length) };
}

/**
 * The Sources entries of a note, through core's formatBibliography, fast enough to run after every
 * renumbering. In citation-order styles (numeric, analyst, notes) an entry depends only on its source
 * and its number, so each entry is formatted once per source and style and renumbered here: moving
 * a citation costs no CSL run. Author-date styles sort the whole list, so it is formatted as a whole,
 * with the ids given in a stable order so the engine's own cache answers while the set is unchanged.
 */
export function sourcesEntries(styleId: string, numbering: CitationNumbering, snapshots: ReadonlyMap<string, SourceSnapshot>): BibliographyEntry[] {
  const engine = citationEngine();
  if (!engine) return plainEntries(numbering, snapshots);
  return formattedEntries(engine, styleId, numbering, snapshots);
}

/** "Title. Publisher. 2025-06-05." without the engine; the styled list replaces it once the engine is loaded. */
export function plainEntryText(snapshot: SourceSnapshot): string {
  const parts = [snapshot.title || 'Untitled', snapshot.publisher ?? '', snapshot.published ?? '']
    .map((part) => part.trim().replace(/\.+$/, ''))
    .filter((part) => part !== '');
  return `${parts.join('. ')}.`;
}

/**
 * The Sources list before the CSL engine chunk has loaded: numbered in citation order, plain text.
 * It shows for a moment at most (the engine is fetched right after the first render).
 */
function plainEntries(numbering: CitationNumbering, snapshots: ReadonlyMap<string, SourceSnapshot>): BibliographyEntry[] {
  return numbering.order.map((sourceId, index) => {
    const number = index + 1;
    const snapshot = snapshots.get(sourceId);
    return { sourceId, number, text: `${number}. ${snapshot ? plainEntryText(snapshot) : `Source unavailable (${sourceId})`}` };
  });
}

function formattedEntries(engine: CitationEngine, styleId: string, numbering: CitationNumbering, snapshots: ReadonlyMap<string, SourceSnapshot>): BibliographyEntry[] {
  const { formatBibliography } = engine;
  const style = engine.resolveStyle(styleId);
  if (style.kind === 'author-date') {
    return formatBibliography(styleId, { ...numbering, order: [...numbering.order].sort() }, snapshots);
  }
  const missing = numbering.order.filter((id) => !entryCache.has(keyOf(style.template, id, snapshots.get(id))));
  if (missing.length > 0) {
    const formatted = formatBibliography(styleId, { order: missing, numberOf: new Map(missing.map((id, index) => [id, index + 1])), occurrences: [] }, snapshots);
    if (entryCache.size + formatted.length > ENTRY_CACHE_LIMIT) entryCache.clear();
    for (const entry of formatted) entryCache.set(keyOf(style.template, entry.sourceId, snapshots.get(entry.sourceId)), split(entry.text));
  }
  return numbering.order.map((sourceId, index) => {
    const number = index + 1;
    const cached = entryCache.get(keyOf(style.template, sourceId, snapshots.get(sourceId)));
    if (!cached) return { sourceId, number, text: `${number}. Source unavailable (${sourceId})` };
    const text = cached.before === null ? cached.body : `${cached.before}${number}${cached.after}${cached.body}`;
    return { sourceId, number, text };
  });
}
