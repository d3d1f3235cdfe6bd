import type { JSDOM } from 'jsdom';
import { loadJsdom } from './jsdom-lazy';
import { normalizeText } from './text';

/**
 * HTML → plain text on a jsdom document. jsdom runs no scripts and loads no resources unless told
 * to (we never tell it), and markup parsed into a <template> is inert, so hostile HTML in a feed item
 * or saved page can only end up as text.
 */

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'CANVAS', 'HEAD', 'TITLE', 'META', 'LINK', 'BUTTON', 'SELECT', 'TEXTAREA', 'FORM', 'NAV']);
const BLOCK = new Set([
  'P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TR', 'TABLE', 'BLOCKQUOTE', 'PRE', 'SECTION', 'ARTICLE', 'HEADER',
  'FOOTER', 'ASIDE', 'FIGURE', 'FIGCAPTION', 'HR', 'DD', 'DT', 'DL', 'ADDRESS', 'MAIN', 'DETAILS', 'SUMMARY',
]);

/** A quiet jsdom: page CSS and markup errors are not our console's business. */
export function makeDom(html: string, url?: string): JSDOM {
  const jsdom = loadJsdom();
  return new jsdom.JSDOM(html, { url, virtualConsole: new jsdom.VirtualConsole(), runScripts: undefined, resources: undefined });
}

/**
 * The page without its stylesheets: <style> blocks and style="" attributes removed, everything else
 * byte for byte. The text and metadata importers read do not depend on CSS, but jsdom parses it
 * while building the document, and some real stylesheets make it throw ("Cannot create property
 * 'border-width' on string 'inherit'" for `border: inherit; border-width: inherit`).
 */
export function withoutStyles(html: string): string {
  return html
    .replace(/<style\b[^>]*>[\s\S]*?(<\/style\s*>|$)/gi, '')
    .replace(/<[a-z][^<>]*>/gi, (tag) => tag.replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)/gi, ''));
}

/**
 * Text of a DOM subtree with line breaks at block boundaries; comments and scripts are dropped.
 * Iterative, not recursive: a page nested thousands of elements deep must not exhaust the stack.
 */
export function nodeToText(root: Node): string {
  const parts: string[] = [];
  // Each entry is a node to visit, or the closing break of a block element already entered.
  const todo: (Node | string)[] = [root];
  while (todo.length > 0) {
    const node = todo.pop()!;
    if (typeof node === 'string') {
      parts.push(node);
      continue;
    }
    if (node.nodeType === 3) {
      parts.push(node.nodeValue ?? '');
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11 && node.nodeType !== 9) continue;
    const name = node.nodeType === 1 ? (node as Element).tagName.toUpperCase() : '';
    if (SKIP.has(name)) continue;
    if (name === 'BR') {
      parts.push('\n');
      continue;
    }
    const block = BLOCK.has(name);
    if (block) {
      parts.push('\n\n');
      todo.push('\n\n');
    } else if (name === 'TD' || name === 'TH') parts.push(' ');
    for (let child = node.lastChild; child; child = child.previousSibling) todo.push(child);
  }
  return normalizeText(parts.join(''));
}

/** How deep and how large a document's element tree is. */
export interface MarkupShape {
  /** Elements on the longest path from the root element down (the root counts as 1). */
  maxDepth: number;
  /** Sum of every element's depth: the number of ancestor–descendant pairs, which is what
   *  subtree-walking code (text length or link density per element) costs in total. */
  pairs: number;
}

/** Measures `root`'s element tree in one iterative pass. */
export function markupShape(root: Element): MarkupShape {
  let maxDepth = 0;
  let pairs = 0;
  const todo: [Element, number][] = [[root, 1]];
  while (todo.length > 0) {
    const [element, depth] = todo.pop()!;
    maxDepth = Math.max(maxDepth, depth);
    pairs += depth;
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) todo.push([child, depth + 1]);
  }
  return { maxDepth, pairs };
}

/**
 * Replaces the content of every element `limit` levels below `root` that still has child elements
 * with that content's plain text (block breaks kept), so no element ends up deeper than `limit`.
 * Linear: each flattened subtree is read once and detached once. Returns how many were flattened.
 */
export function flattenBelow(root: Element, limit: number): number {
  let flattened = 0;
  const todo: [Element, number][] = [[root, 1]];
  while (todo.length > 0) {
    const [element, depth] = todo.pop()!;
    if (depth >= limit) {
      if (element.firstElementChild) {
        element.textContent = nodeToText(element);
        flattened += 1;
      }
      continue;
    }
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) todo.push([child, depth + 1]);
  }
  return flattened;
}

let shared: JSDOM | null = null;

/**
 * Plain text of an HTML fragment (a feed item's description). Fast path for text without markup or
 * entities; otherwise parsed into an inert <template>.
 */
export function htmlToText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return normalizeText(html);
  shared ??= makeDom('');
  const template = shared.window.document.createElement('template');
  template.innerHTML = html;
  return nodeToText(template.content);
}
