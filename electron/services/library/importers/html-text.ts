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

/** Text of a DOM subtree with line breaks at block boundaries; comments and scripts are dropped. */
export function nodeToText(root: Node): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      parts.push(node.nodeValue ?? '');
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11 && node.nodeType !== 9) return;
    const name = node.nodeType === 1 ? (node as Element).tagName.toUpperCase() : '';
    if (SKIP.has(name)) return;
    if (name === 'BR') {
      parts.push('\n');
      return;
    }
    const block = BLOCK.has(name);
    if (block) parts.push('\n\n');
    else if (name === 'TD' || name === 'TH') parts.push(' ');
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (block) parts.push('\n\n');
  };
  walk(root);
  return normalizeText(parts.join(''));
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
