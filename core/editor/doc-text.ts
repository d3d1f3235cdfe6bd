import type { DocNode } from '../domain/note';

const BLOCK_SEPARATOR = '\n';

/** Plain text of a document, one line per block; used for search, excerpts and word counts. */
export function docText(node: DocNode): string {
  const parts: string[] = [];
  const walk = (current: DocNode): void => {
    if (current.type === 'text') {
      parts.push(current.text ?? '');
      return;
    }
    if (current.type === 'hardBreak') {
      parts.push(BLOCK_SEPARATOR);
      return;
    }
    for (const child of current.content ?? []) walk(child);
    if (current.type !== 'doc' && !current.content?.some((child) => child.type === 'text')) return;
    parts.push(BLOCK_SEPARATOR);
  };
  walk(node);
  return parts.join('').replace(/\n{2,}/g, '\n').trim();
}

/** Words as a word processor counts them: whitespace-separated runs holding a letter or digit ("US–China" is one). */
export function countWords(text: string): number {
  let words = 0;
  for (const token of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) words += 1;
  return words;
}

/** The first `maxChars` characters of the text, cut at a word boundary. */
export function excerptOf(text: string, maxChars = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxChars) return flat;
  const cut = flat.slice(0, maxChars);
  const lastSpace = cut.lastIndexOf(' ');
  return `${cut.slice(0, lastSpace > maxChars / 2 ? lastSpace : maxChars)}…`;
}
