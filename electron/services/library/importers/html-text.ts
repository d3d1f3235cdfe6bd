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
  /** Elements in the tree. */
  elements: number;
  /** Sum over elements of their number of child elements squared: what jsdom's sibling index
   *  costs when code removes or moves children one by one. */
  siblingPairs: number;
}

/** Measures `root`'s element tree in one iterative pass. */
export function markupShape(root: Element): MarkupShape {
  let maxDepth = 0;
  let pairs = 0;
  let elements = 0;
  let siblingPairs = 0;
  const todo: [Element, number][] = [[root, 1]];
  while (todo.length > 0) {
    const [element, depth] = todo.pop()!;
    maxDepth = Math.max(maxDepth, depth);
    pairs += depth;
    elements += 1;
    let children = 0;
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
      todo.push([child, depth + 1]);
      children += 1;
    }
    siblingPairs += children * children;
  }
  return { maxDepth, pairs, elements, siblingPairs };
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

/**
 * Deepest nesting (as estimateMarkupDepth sees it) of a page given to jsdom, the depth at which
 * Chromium's HTML parser stops nesting too. jsdom's tree code recurses once per level and its parse
 * grows with depth squared (5000 levels exhaust the stack); deeper pages and feed fragments are read as plain text.
 */
export const PARSE_MAX_DEPTH = 512;

const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content is text up to their own end tag (no markup inside). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
const CLOSES_P = new Set([...BLOCK].map((name) => name.toLowerCase()));
const P_ONLY = new Set(['p']);
const P_SCOPE = new Set(['button', 'table', 'td', 'th', 'caption', 'object', 'marquee', 'applet', 'template', 'html']);
/**
 * Implied end tags parsers apply (a simplified HTML tree-construction algorithm): a start tag closes
 * an open element of `closes`, unless one of `within` comes first.
 */
const IMPLIED: Record<string, { closes: Set<string>; within: Set<string> }> = {
  li: { closes: new Set(['li']), within: new Set(['ul', 'ol', 'table', 'td', 'th']) },
  dt: { closes: new Set(['dt', 'dd']), within: new Set(['dl', 'table', 'td', 'th']) },
  dd: { closes: new Set(['dt', 'dd']), within: new Set(['dl', 'table', 'td', 'th']) },
  td: { closes: new Set(['td', 'th']), within: new Set(['tr', 'table']) },
  th: { closes: new Set(['td', 'th']), within: new Set(['tr', 'table']) },
  tr: { closes: new Set(['tr']), within: new Set(['table', 'tbody', 'thead', 'tfoot']) },
  tbody: { closes: new Set(['tbody', 'thead', 'tfoot']), within: new Set(['table']) },
  thead: { closes: new Set(['tbody', 'thead', 'tfoot']), within: new Set(['table']) },
  tfoot: { closes: new Set(['tbody', 'thead', 'tfoot']), within: new Set(['table']) },
  option: { closes: new Set(['option']), within: new Set(['select', 'datalist']) },
};
/** How far down the open elements an implied end tag is looked for: keeps the estimate linear. */
const IMPLIED_REACH = 64;

/**
 * How deeply `html` nests its elements, estimated from its tags in one linear pass without building
 * a document: end tags close back to their element, void and self-closed tags open nothing, and the
 * usual implied end tags (`<li>` after `<li>`, a block after an open `<p>`) are applied. It may
 * overestimate odd markup; it exists to keep pathological pages away from jsdom, whose tree code
 * recurses once per level (a few thousand levels exhaust the stack) and whose parse grows with
 * depth squared.
 */
export function estimateMarkupDepth(html: string): number {
  const tag = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  const open: string[] = [];
  const counts = new Map<string, number>();
  let max = 0;
  const lower = html.toLowerCase();
  const popTo = (index: number): void => {
    while (open.length > index) {
      const name = open.pop()!;
      counts.set(name, (counts.get(name) ?? 1) - 1);
    }
  };
  const closeImplied = (closes: Set<string>, within: Set<string>): void => {
    for (let i = open.length - 1; i >= Math.max(0, open.length - IMPLIED_REACH); i -= 1) {
      if (closes.has(open[i]!)) return popTo(i);
      if (within.has(open[i]!)) return;
    }
  };
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (m[2] === undefined) continue; // comment
    const name = m[2].toLowerCase();
    if (m[1]) {
      if (!counts.get(name)) continue; // stray end tag: parsers ignore it
      popTo(open.lastIndexOf(name));
      continue;
    }
    if (CLOSES_P.has(name) && counts.get('p')) closeImplied(P_ONLY, P_SCOPE);
    const implied = IMPLIED[name];
    if (implied) closeImplied(implied.closes, implied.within);
    if (RAW_TEXT.has(name)) {
      const end = lower.indexOf(`</${name}`, tag.lastIndex);
      tag.lastIndex = end === -1 ? html.length : end;
      continue;
    }
    if (VOID.has(name) || m[3]!.trimEnd().endsWith('/')) continue;
    open.push(name);
    counts.set(name, (counts.get(name) ?? 0) + 1);
    max = Math.max(max, open.length);
  }
  return max;
}

/**
 * Plain text of a whole HTML page without building its element tree: comments and raw-text
 * elements (scripts, styles) dropped, breaks at block tags, every other tag removed, character
 * references decoded. For pages too deeply nested to parse (see estimateMarkupDepth).
 */
export function markupToPlainText(html: string): string {
  const stripped = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<[!?][^>]*>/g, ' ')
    .replace(/<(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|template|svg|head)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
    .replace(/<br\b[^>]*>/gi, '\n')
    .replace(/<\/?([a-zA-Z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g, (_tag, name: string) => (CLOSES_P.has(name.toLowerCase()) ? '\n\n' : name.toLowerCase() === 'td' || name.toLowerCase() === 'th' ? ' ' : ''));
  // No tags are left, so this parse builds a flat list of text nodes: the references are decoded.
  return htmlToText(stripped.replace(/</g, '&lt;'));
}

let shared: JSDOM | null = null;

/**
 * Tags past which a fragment is parsed as a document of its own rather than into a <template>:
 * jsdom moves a template's parsed nodes in one by one at a cost that grows with their number
 * (16,000 paragraphs: 5 s, quadratic), while a document is built as it is parsed. Both are inert.
 */
const TEMPLATE_MAX_TAGS = 2000;

function countTags(html: string): number {
  let count = 0;
  for (let at = html.indexOf('<'); at !== -1 && count <= TEMPLATE_MAX_TAGS; at = html.indexOf('<', at + 1)) count += 1;
  return count;
}

/**
 * Plain text of an HTML fragment (a feed item's description). Fast path for text without markup or
 * entities; otherwise parsed into an inert <template>.
 */
export function htmlToText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return normalizeText(html);
  // A fragment nested past jsdom's reach (a hostile feed description) is read without a tree.
  if (estimateMarkupDepth(html) > PARSE_MAX_DEPTH) return markupToPlainText(html);
  shared ??= makeDom('');
  if (countTags(html) > TEMPLATE_MAX_TAGS) {
    const doc = new shared.window.DOMParser().parseFromString(html, 'text/html');
    return doc.body ? nodeToText(doc.body) : '';
  }
  const template = shared.window.document.createElement('template');
  template.innerHTML = html;
  return nodeToText(template.content);
}
