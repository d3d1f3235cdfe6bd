import { describe, expect, it, vi } from 'vitest';
import { READABILITY_BUDGET, READABILITY_MAX_DEPTH } from './article';
import { PARSE_MAX_DEPTH, estimateMarkupDepth, flattenBelow, htmlToText, makeDom, markupShape, markupToPlainText, nodeToText } from './html-text';
import { parseImport } from './index';
import { readReal, utf8 } from './test-support';

/**
 * Deeply nested saved pages. Before the bounds in article.ts, 1000 nested <div>s took minutes
 * (Readability reads every element's subtree text, quadratically along a chain) and 5000 levels
 * exhausted jsdom's recursive tree code; these tests run under vitest's default timeout and count
 * the work Readability is given instead of timing it.
 */

/** Depth and size of every document handed to Readability (recorded by the mock below). */
const given = vi.hoisted(() => [] as { maxDepth: number; pairs: number }[]);

vi.mock('@mozilla/readability', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@mozilla/readability')>();
  class CountingReadability<T = string> extends actual.Readability<T> {
    constructor(doc: Document, options?: ConstructorParameters<typeof actual.Readability<T>>[1]) {
      let maxDepth = 0;
      let pairs = 0;
      const todo: [Element, number][] = [[doc.documentElement, 1]];
      while (todo.length > 0) {
        const [element, depth] = todo.pop()!;
        maxDepth = Math.max(maxDepth, depth);
        pairs += depth;
        for (let child = element.firstElementChild; child; child = child.nextElementSibling) todo.push([child, depth + 1]);
      }
      given.push({ maxDepth, pairs });
      super(doc, options);
    }
  }
  return { ...actual, Readability: CountingReadability };
});

/** Heavier cases get this much on a loaded machine; before the bounds each took minutes or crashed. */
const SLOW_MACHINE_MS = 30_000;

const page = (body: string, head = '<title>Deep page</title>'): Uint8Array => utf8(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
const nested = (open: string, close: string, depth: number, inner = 'deep text'): string => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

const ARTICLE = `<article><h1>Talks resume in London</h1>${`<p>${'Negotiators met again on Tuesday and agreed to keep talking through the week, officials said. '.repeat(3)}</p>`.repeat(4)}</article>`;

describe('deeply nested HTML pages import in bounded time', () => {
  it.each([
    ['<div>', '</div>', 1000],
    ['<div>', '</div>', 5000],
    ['<span>', '</span>', 1000],
    ['<span>', '</span>', 5000],
    ['<table><tr><td>', '</td></tr></table>', 1000],
    ['<table><tr><td>', '</td></tr></table>', 5000],
    ['<b>', '', 5000], // never closed: parsers nest these for real
  ])('%s…%s nested %s levels deep imports its text with a warning', (open, close, depth) => {
    given.length = 0;
    const result = parseImport(page(nested(open, close, depth)), 'deep.html');
    expect(result.format).toBe('html');
    expect(result.sources).toHaveLength(1);
    expect(result.sources[0]!.text).toBe('deep text');
    expect(result.sources[0]!.title).toBe('Deep page');
    expect(result.warnings.map((warning) => warning.message).join('\n')).toMatch(/levels deep/);
    for (const shape of given) expect(shape.maxDepth).toBeLessThanOrEqual(READABILITY_MAX_DEPTH);
  });

  it('keeps Readability and the page metadata when only part of the page is deep', () => {
    given.length = 0;
    const head = '<title>Talks resume in London</title><link rel="canonical" href="https://example.org/news/talks"><meta property="og:site_name" content="Example Wire">';
    const result = parseImport(page(`<nav>Home | World</nav>${ARTICLE}<aside>${nested('<div>', '</div>', 300, 'widget')}</aside>`, head), 'partly-deep.html');
    const source = result.sources[0]!;
    expect(source.title).toBe('Talks resume in London');
    expect(source.authors).toEqual([]);
    expect(source.publisher).toBe('Example Wire');
    expect(source.canonicalUrl).toBe('https://example.org/news/talks');
    expect(source.text).toMatch(/^Negotiators met again on Tuesday/);
    expect(source.text).not.toContain('Home | World');
    expect(result.warnings.map((warning) => warning.message)).toEqual([`The page nests its markup 303 levels deep; below level ${READABILITY_MAX_DEPTH} it was read as plain text`]);
    expect(given).toHaveLength(1);
    expect(given[0]!.maxDepth).toBe(READABILITY_MAX_DEPTH);
  }, SLOW_MACHINE_MS);

  it('keeps the whole page text instead of running Readability on a page past its work budget', () => {
    given.length = 0;
    // 230 chains of 60 nested <div>s: within both depth bounds, but 448,500 ancestor pairs.
    const body = Array.from({ length: 230 }, (_, index) => nested('<div>', '</div>', 60, `chain ${index}`)).join('');
    const result = parseImport(page(body), 'wide.html');
    expect(given).toEqual([]);
    expect(result.sources[0]!.text).toMatch(/^chain 0\n\nchain 1\n\n/);
    expect(result.sources[0]!.text).toContain('chain 229');
    expect(result.warnings.map((warning) => warning.message).join('\n')).toMatch(/too large for article detection \(\d+ nested element pairs, at most 400000\)/);
  }, SLOW_MACHINE_MS);

  it('keeps the whole page text instead of running Readability on a long list of siblings', () => {
    given.length = 0;
    // 2,000 sibling blocks: shallow and few pairs, but jsdom re-indexes siblings on each removal (before: ~30 s).
    const result = parseImport(page('<div><p>word word</p><a href="#">link</a></div>'.repeat(2000)), 'wide.html');
    expect(given).toEqual([]);
    expect(result.sources[0]!.text.match(/word word\n\nlink/g)).toHaveLength(2000);
    expect(result.warnings.map((warning) => warning.message).join('\n')).toMatch(/too large for article detection \(\d+ sibling element pairs, at most 2000000\)/);
  }, SLOW_MACHINE_MS);

  it('leaves real pages untouched: the Le Monde article is measured, not flattened', () => {
    given.length = 0;
    const result = parseImport(readReal('article-lemonde-1.html'), 'article-lemonde-1.html');
    expect(result.warnings).toEqual([]);
    expect(given).toHaveLength(1);
    expect(given[0]!.maxDepth).toBeLessThan(READABILITY_MAX_DEPTH / 2);
    expect(given[0]!.pairs).toBeLessThan(READABILITY_BUDGET.pairs / 50);
  });
});

describe('deeply nested HTML inside a feed item', () => {
  it('imports the item with its text (before: RangeError from jsdom after ~8 s)', () => {
    const description = `${'&lt;div&gt;'.repeat(6000)}deep summary${'&lt;/div&gt;'.repeat(6000)}`;
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Item</title><link>https://example.org/a</link><description>${description}</description></item></channel></rss>`;
    const result = parseImport(utf8(xml), 'feed.xml');
    expect(result.format).toBe('rss');
    expect(result.sources[0]!.text).toBe('deep summary');
  });

  it.each([
    ['<span>', '</span>'],
    ['<b>', ''],
  ])('htmlToText reads %s nested 20,000 deep', (open, close) => {
    expect(htmlToText(nested(open, close, 20_000, 'x &amp; y'))).toBe('x & y');
  });

  it('htmlToText reads 40,000 sibling paragraphs (before: ~30 s, quadratic in a <template>)', () => {
    const text = htmlToText('<p>x'.repeat(40_000));
    expect(text.split('\n\n')).toHaveLength(40_000);
  }, SLOW_MACHINE_MS);
});

describe('estimateMarkupDepth', () => {
  it.each([
    ['real page (Le Monde)', Buffer.from(readReal('article-lemonde-1.html')).toString('utf8'), 14],
    ['nested divs', nested('<div>', '</div>', 700), 700],
    ['unclosed <b>', '<b>x'.repeat(700), 700],
    ['unclosed list items', `<ul>${'<li>item'.repeat(5000)}</ul>`, 2],
    ['unclosed cells and rows', `<table>${'<tr><td>a<td>b'.repeat(5000)}</table>`, 3],
    ['unclosed paragraphs with formatting', '<p><b>x'.repeat(5000), 2],
    ['unclosed definitions', `<dl>${'<dt>a<dd>b'.repeat(5000)}</dl>`, 2],
    ['void and self-closed elements', '<div><br><img src="a.png"><hr/><svg><path d="M0"/></svg></div>'.repeat(5000), 2],
    ['markup inside scripts and comments', `<div><script>${'<div>'.repeat(5000)}</script><!-- ${'<div>'.repeat(5000)} --></div>`, 1],
    ['stray end tags', `${'</div>'.repeat(5000)}<div>x</div>`, 1],
  ])('%s', (_name, html, depth) => {
    expect(estimateMarkupDepth(html)).toBe(depth);
  });

  it('matches the parsed depth of what it lets through', () => {
    const html = `<html><body>${nested('<section>', '</section>', PARSE_MAX_DEPTH - 2)}</body></html>`;
    const dom = makeDom(html);
    expect(estimateMarkupDepth(html)).toBe(markupShape(dom.window.document.documentElement).maxDepth);
    dom.window.close();
  });
});

describe('markup helpers stay linear and stack-safe', () => {
  it('nodeToText reads a 100,000-level tree without recursion', () => {
    const doc = makeDom('').window.document;
    // Built bottom-up on detached nodes, so building is linear too.
    let node: Node = doc.createTextNode('bottom');
    for (let level = 0; level < 100_000; level++) {
      const element = doc.createElement(level % 2 ? 'div' : 'span');
      element.appendChild(node);
      node = element;
    }
    expect(nodeToText(node)).toBe('bottom');
  }, SLOW_MACHINE_MS);

  it('flattenBelow caps the depth and keeps the text with its block breaks', () => {
    const dom = makeDom(`<body>${nested('<div>', '</div>', 50, '<p>one</p><p>two <b>bold</b></p>')}</body>`);
    const root = dom.window.document.documentElement;
    expect(flattenBelow(root, 10)).toBe(1);
    expect(markupShape(root).maxDepth).toBe(10);
    expect(nodeToText(dom.window.document.body)).toBe('one\n\ntwo bold');
    dom.window.close();
  });

  it.each([
    ['<p>a &amp; b</p><div>c<span>d</span></div>', 'a & b\n\ncd'],
    ['<!doctype html><html><head><title>T</title><style>p{}</style></head><body>x<br>y</body></html>', 'x\ny'],
    ['3 < 4 <!-- note --><script>bad()</script>ok', '3 < 4 ok'],
    ['<table><tr><td>a</td><td>b</td></tr></table>', 'a b'],
  ])('markupToPlainText(%j)', (html, text) => {
    expect(markupToPlainText(html)).toBe(text);
  });
});
