import { Readability } from '@mozilla/readability';
import { parseFuzzyDate } from './dates';
import { type MarkupShape, PARSE_MAX_DEPTH, estimateMarkupDepth, flattenBelow, makeDom, markupShape, markupToPlainText, nodeToText, withoutStyles } from './html-text';
import { ResultBuilder } from './result-builder';
import { canonicalizeUrl, decodeBytes, makeExcerpt, normalizeText, oneLine, publisherFromUrl, sourceKey } from './text';
import { sourceUrlOf } from './url-field';
import { ImportCancelledError, ImportParseError, type ParseOptions, type ParseResult, type ParsedSource } from './types';

/** Saved HTML pages (Mozilla Readability) and plain text / Markdown files, each one Source. */

/** The charset an HTML page declares in its first bytes (<meta charset> or http-equiv). */
function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head);
  return m ? m[1]! : null;
}

function meta(doc: Document, ...selectors: string[]): string | null {
  for (const selector of selectors) {
    const element = doc.querySelector(selector);
    const value = element?.getAttribute('content') ?? element?.getAttribute('datetime') ?? element?.getAttribute('href');
    if (value && value.trim()) return value.trim();
  }
  return null;
}

/** datePublished from JSON-LD blocks (read as data; never executed). */
function jsonLdPublished(doc: Document): string | null {
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const data: unknown = JSON.parse(script.textContent ?? '');
      const items = Array.isArray(data) ? data : [data];
      for (const item of items) {
        const graph = item && typeof item === 'object' && '@graph' in item && Array.isArray(item['@graph']) ? (item['@graph'] as unknown[]) : [item];
        for (const node of graph) {
          if (node && typeof node === 'object' && 'datePublished' in node && typeof node.datePublished === 'string') return node.datePublished;
        }
      }
    } catch {
      // broken JSON-LD is common; other date sources follow
    }
  }
  return null;
}

/** Parses a saved HTML page into one Source. */
export function parseHtml(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): ParseResult {
  const { text: html } = decodeBytes(bytes, declaredHtmlCharset(bytes));
  if (html.trim() === '') throw new ImportParseError('The file is empty');
  const depth = estimateMarkupDepth(html);
  if (depth > PARSE_MAX_DEPTH) return parseDeepPage(html, fileName, depth, new ResultBuilder(options));
  try {
    return parsePage(html, fileName, new ResultBuilder(options));
  } catch (error) {
    if (error instanceof ImportParseError || error instanceof ImportCancelledError) throw error;
    // The DOM library threw while building the page (its CSS parser trips over some real
    // stylesheets). Browsers show such pages; the text does not need the styles, so read it without.
    const reason = error instanceof Error ? error.message : String(error);
    const out = new ResultBuilder(options);
    out.warn(null, `The page's styles could not be read (${reason}); its text was imported without them`);
    try {
      return parsePage(withoutStyles(html), fileName, out);
    } catch (second) {
      if (second instanceof ImportParseError || second instanceof ImportCancelledError) throw second;
      throw new ImportParseError(`The page could not be read as HTML (${second instanceof Error ? second.message : String(second)}); expected a saved article page`);
    }
  }
}

/**
 * Deepest element nesting handed to Readability. Its scoring reads every element's subtree text
 * several times over (and up to four times over when the article is short), so its work grows with
 * the sum of all elements' depths, quadratically along a deep chain (1000 nested <div>s took minutes).
 * Real pages stay far below this (Lighthouse flags a DOM deeper than 32); markup below it is read as
 * plain text.
 */
export const READABILITY_MAX_DEPTH = 64;

/**
 * The most work Readability is given, in the measures of markupShape. Its time grows with the
 * elements, with the sum of their depths (it reads each element's subtree text several times) and
 * with the square of long sibling lists (jsdom re-indexes siblings on each removal): 1,500 sibling
 * <div>s took 15 s, 5,000 took 100 s. Each limit is about ten seconds of its work on this machine
 * when loaded; a long real article is far below (the Le Monde fixture: 621 elements, 4,298 pairs,
 * 12,296 sibling pairs). Past any of them the whole page text is kept instead.
 */
export const READABILITY_BUDGET = { elements: 15_000, pairs: 400_000, siblingPairs: 2_000_000 } as const;

/** What a page exceeds of READABILITY_BUDGET, as words for a warning, or null. */
function overBudget(shape: MarkupShape): string | null {
  if (shape.elements > READABILITY_BUDGET.elements) return `${shape.elements} elements, at most ${READABILITY_BUDGET.elements}`;
  if (shape.pairs > READABILITY_BUDGET.pairs) return `${shape.pairs} nested element pairs, at most ${READABILITY_BUDGET.pairs}`;
  if (shape.siblingPairs > READABILITY_BUDGET.siblingPairs) return `${shape.siblingPairs} sibling element pairs, at most ${READABILITY_BUDGET.siblingPairs}`;
  return null;
}

/**
 * Readability's article from `doc`, after bounding the work it gets (it rewrites the document).
 * Returns undefined, with a warning, when the page is too large for article detection; the document
 * is then left as it was.
 */
function readableArticle(doc: Document, out: ResultBuilder): ReturnType<Readability<Node>['parse']> | undefined {
  const shape = markupShape(doc.documentElement);
  if (shape.maxDepth > READABILITY_MAX_DEPTH) {
    flattenBelow(doc.documentElement, READABILITY_MAX_DEPTH);
    out.warn(null, `The page nests its markup ${shape.maxDepth} levels deep; below level ${READABILITY_MAX_DEPTH} it was read as plain text`);
  }
  const over = overBudget(shape.maxDepth > READABILITY_MAX_DEPTH ? markupShape(doc.documentElement) : shape);
  if (over) {
    out.warn(null, `The page is too large for article detection (${over}); the whole page text was kept`);
    return undefined;
  }
  return new Readability<Node>(doc, { serializer: (node) => node }).parse();
}

/** A page nested too deeply to build as a document: its title and plain text, with a warning. */
function parseDeepPage(html: string, fileName: string, depth: number, out: ResultBuilder): ParseResult {
  out.tick(() => 0.1);
  const text = markupToPlainText(html);
  if (!text) throw new ImportParseError('The HTML page has no readable text; expected a saved article page');
  out.warn(null, `The page nests its markup about ${depth} levels deep (at most ${PARSE_MAX_DEPTH} are read as a page); its text was imported without article detection or page metadata`);
  const titleMatch = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
  const title = titleMatch ? oneLine(markupToPlainText(titleMatch[1]!)) : '';
  out.addSource(
    { key: sourceKey(null, text, ''), title: title || fileName, publisher: '', authors: [], published: null, url: null, canonicalUrl: null, language: null, text, excerpt: makeExcerpt(text), grade: null, tags: [] },
    true,
  );
  return out.build('html', null);
}

/** Metadata and article text of one page, collected in `out`. */
function parsePage(html: string, fileName: string, out: ResultBuilder): ParseResult {
  out.tick(() => 0.1);

  // First pass on an untouched document for metadata: Readability rewrites the DOM it reads.
  const probe = makeDom(html);
  const doc = probe.window.document;
  const canonicalRaw = sourceUrlOf(meta(doc, 'link[rel~="canonical"]', 'meta[property="og:url"]'), out, null, 'The page\'s canonical link');
  const canonicalUrl = canonicalizeUrl(canonicalRaw);
  const publishedRaw =
    meta(doc, 'meta[property="article:published_time"]', 'meta[property="og:published_time"]', 'meta[name="article:published_time"]', 'meta[itemprop="datePublished"]', 'time[itemprop="datePublished"]') ??
    jsonLdPublished(doc) ??
    meta(doc, 'meta[name="date"]', 'meta[name="dc.date"]', 'meta[name="DC.date"]', 'time[datetime]');
  const ogSiteName = meta(doc, 'meta[property="og:site_name"]');
  const metaAuthor = meta(doc, 'meta[name="author"]', 'meta[property="article:author"]');
  const htmlLang = doc.documentElement.getAttribute('lang')?.trim() || meta(doc, 'meta[http-equiv="content-language" i]', 'meta[name="DC.language"]', 'meta[name="dc.language"]');
  const fallbackTitle = meta(doc, 'meta[property="og:title"]') ?? doc.title;
  probe.window.close();

  const dom = makeDom(html, canonicalUrl ?? undefined);
  const article = readableArticle(dom.window.document, out);
  let text = article?.content ? nodeToText(article.content) : '';
  if (!text && article !== undefined) {
    const fallback = makeDom(html);
    text = fallback.window.document.body ? nodeToText(fallback.window.document.body) : '';
    fallback.window.close();
    if (text) out.warn(null, 'No article found on the page; the whole page text was kept');
  } else if (!text) {
    // Readability was skipped: the document is untouched, so its whole text is read from it.
    text = dom.window.document.body ? nodeToText(dom.window.document.body) : '';
  }
  dom.window.close();
  if (!text) throw new ImportParseError('The HTML page has no readable text; expected a saved article page');

  const published = parseFuzzyDate(publishedRaw ?? article?.publishedTime ?? null);
  if ((publishedRaw || article?.publishedTime) && !published) out.warn(null, `Publication date "${publishedRaw ?? article?.publishedTime}" not understood; kept unknown`);
  const byline = oneLine(article?.byline ?? metaAuthor ?? '').replace(/^(by|von|par|por)\s+/i, '');
  const source: ParsedSource = {
    key: sourceKey(canonicalUrl, text, ''),
    title: oneLine(article?.title || fallbackTitle || '') || fileName,
    publisher: oneLine(article?.siteName || ogSiteName || '') || publisherFromUrl(canonicalUrl) || '',
    authors: byline ? [byline] : [],
    published,
    url: canonicalRaw && canonicalUrl ? canonicalRaw : null,
    canonicalUrl,
    language: article?.lang || htmlLang || null,
    text,
    excerpt: oneLine(article?.excerpt ?? '') || makeExcerpt(text),
    grade: null,
    tags: [],
  };
  out.addSource(source, true);
  return out.build('html', null);
}

/** Markdown to plain text: markers removed, link texts kept, code kept as text. */
function stripMarkdown(markdown: string): string {
  return markdown
    .replace(/^```.*$/gm, '')
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, '')
    .replace(/^[ \t]{0,3}>[ \t]?/gm, '')
    .replace(/^[ \t]*([-*+]|\d+[.)])[ \t]+/gm, '• ')
    .replace(/^[ \t]*([-*_][ \t]*){3,}$/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/^[ \t]*\[[^\]]+\]:[ \t]+\S+.*$/gm, '')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(\*|_)([^*_\s][^*_]*?)\1/g, '$2')
    .replace(/`([^`]+)`/g, '$1');
}

/** Parses a plain-text or Markdown file: first heading (or line) is the title, the rest the text. */
export function parseText(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): ParseResult {
  const decoded = decodeBytes(bytes);
  let body = decoded.text.replace(/\r\n?/g, '\n');
  if (body.trim() === '') throw new ImportParseError('The file is empty');
  const out = new ResultBuilder(options);
  out.tick(() => 0.5);
  if (decoded.encoding !== 'utf-8') out.warn(null, 'The file is not UTF-8; it was read as windows-1252');

  // YAML front matter (common in Markdown notes): title and date only.
  let frontTitle: string | null = null;
  let frontDate: string | null = null;
  const front = /^---\n([\s\S]*?)\n---\n/.exec(body);
  if (front) {
    frontTitle = /^title:\s*["']?(.+?)["']?\s*$/m.exec(front[1]!)?.[1] ?? null;
    frontDate = /^date:\s*["']?(.+?)["']?\s*$/m.exec(front[1]!)?.[1] ?? null;
    body = body.slice(front[0].length);
  }
  const lines = body.split('\n');
  let title = frontTitle ?? '';
  if (!title) {
    const first = lines.findIndex((line) => line.trim() !== '');
    const heading = lines.findIndex((line) => /^\s{0,3}#{1,6}\s+\S/.test(line));
    const at = heading !== -1 && lines.slice(0, heading).every((line) => line.trim() === '') ? heading : first;
    title = oneLine(stripMarkdown(lines[at] ?? ''));
    // Setext heading ("Title\n=====") underline goes with the title.
    const drop = /^\s*(=+|-+)\s*$/.test(lines[at + 1] ?? '') ? 2 : 1;
    lines.splice(at, drop);
  }
  let text = normalizeText(stripMarkdown(lines.join('\n')));
  if (!text) text = normalizeText(title);
  const published = frontDate ? parseFuzzyDate(frontDate) : null;
  if (frontDate && !published) out.warn(null, `date "${frontDate}" in the front matter not understood; kept unknown`);
  out.addSource(
    { key: sourceKey(null, text, ''), title: title || fileName, publisher: '', authors: [], published, url: null, canonicalUrl: null, language: null, text, excerpt: makeExcerpt(text), grade: null, tags: [] },
    true,
  );
  return out.build('text', null);
}
