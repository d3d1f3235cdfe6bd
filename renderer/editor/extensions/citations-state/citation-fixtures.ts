import type { DocNode } from '../../../../core/domain/note';
import type { SourceSnapshot } from '../../../../core/editor/citation';

/** A source snapshot, for tests and the benchmark page. */
export function snapshotOf(id: string, overrides: Partial<SourceSnapshot> = {}): SourceSnapshot {
  const n = Number(/\d+/.exec(id)?.[0] ?? 1);
  return {
    title: `Report ${id} on rare-earth exports`,
    publisher: ['Reuters', 'Xinhua', 'Nikkei Asia', 'Financial Times'][n % 4]!,
    authors: ['Andrea Shalal'],
    published: `2025-06-${String((n % 28) + 1).padStart(2, '0')}`,
    url: `https://example.com/${id}`,
    grade: 'B2',
    type: 'article-newspaper',
    ...overrides,
  };
}

/** A citation node naming `ids`, with their snapshots (tests and the benchmark page). */
export function citationOf(ids: string[], options: { locator?: { label: 'page' | 'paragraph' | 'section' | 'line'; value: string }; snapshots?: boolean } = {}): DocNode {
  const snapshots: Record<string, SourceSnapshot> = {};
  if (options.snapshots !== false) for (const id of ids) snapshots[id] = snapshotOf(id);
  return { type: 'citation', attrs: { sourceIds: ids, locator: options.locator ?? null, snapshots } };
}

/** A paragraph of text followed by citations, e.g. citedParagraph('Talks resumed.', ['s1'], ['s2', 's3']). */
export function citedParagraph(text: string, ...citations: (string[] | DocNode)[]): DocNode {
  const content: DocNode[] = [{ type: 'text', text }];
  for (const citation of citations) {
    content.push(Array.isArray(citation) ? citationOf(citation) : citation);
    content.push({ type: 'text', text: ' ' });
  }
  return { type: 'paragraph', content };
}
