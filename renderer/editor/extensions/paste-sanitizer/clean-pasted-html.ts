import createDOMPurify, { type DOMPurify } from 'dompurify';
import { isAllowedLinkHref } from '../../../../core/editor/link-policy';

/**
 * Tags that survive a paste: the structure a briefing note can hold (headings, paragraphs, lists,
 * tables, links, emphasis). `div` stays so that block boundaries of web pages built from divs are
 * kept (ProseMirror treats it as a block and drops the element itself).
 */
const ALLOWED_TAGS = [
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'br', 'hr', 'blockquote', 'pre', 'code',
  'ul', 'ol', 'li',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'a', 'strong', 'b', 'em', 'i', 'u', 's', 'strike', 'del', 'mark',
];

/**
 * Attributes that survive. `style` is rewritten to `text-align` only (see the hook); the data
 * attributes are the ones our own editor writes, so copy and paste inside the app keeps task lists
 * and open list/table slices.
 */
const ALLOWED_ATTR = [
  'href', 'colspan', 'rowspan', 'start', 'style', 'data-type', 'data-checked', 'data-pm-slice',
  // A citation keeps its source ids, locator and snapshots; a fact keeps its provenance.
  'data-citation', 'data-source-ids', 'data-locator', 'data-snapshots',
  'data-provenance-event', 'data-provenance-dataset', 'data-provenance-version', 'data-provenance-at',
];

const ALIGNABLE = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const ALIGNMENTS = new Set(['left', 'center', 'right', 'justify']);
const TASK_TYPES = new Set(['taskList', 'taskItem']);
const PM_SLICE = /^\d+ \d+(?: -\d+)? \[.*\]$/;

/** Block elements whose inline content Word may style (the emphasis conversion wraps their children). */
const NON_WRAPPABLE = new Set(['TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'UL', 'OL', 'BODY', 'HTML']);

let purifier: DOMPurify | null = null;

/** One DOMPurify instance of our own, so our hooks never leak into other users of the library. */
function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  const instance = createDOMPurify(window);
  // Spans are unwrapped (their text kept), except our citations and provenance marks copied from
  // another note: those keep their data attributes. Decided per element, before the tag check.
  instance.addHook('uponSanitizeElement', (node, event) => {
    if (event.tagName !== 'span') return;
    event.allowedTags.span = node instanceof Element && (node.hasAttribute('data-citation') || node.hasAttribute('data-provenance-event'));
  });
  instance.addHook('uponSanitizeAttribute', (node, event) => {
    if (event.attrName !== 'style') return;
    const align = ALIGNABLE.has(node.nodeName) ? styleMap(event.attrValue).get('text-align') : undefined;
    if (align && ALIGNMENTS.has(align)) {
      event.attrValue = `text-align: ${align}`;
      return;
    }
    event.keepAttr = false;
  });
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && !isAllowedLinkHref(node.getAttribute('href'))) node.removeAttribute('href');
    const dataType = node.getAttribute('data-type');
    if (dataType !== null && !TASK_TYPES.has(dataType)) node.removeAttribute('data-type');
    const slice = node.getAttribute('data-pm-slice');
    if (slice !== null && !PM_SLICE.test(slice)) node.removeAttribute('data-pm-slice');
    for (const name of ['colspan', 'rowspan', 'start']) {
      const value = node.getAttribute(name);
      if (value !== null && !/^\d{1,3}$/.test(value)) node.removeAttribute(name);
    }
  });
  purifier = instance;
  return instance;
}

/** Parses an inline `style` attribute into lower-cased property → value. */
function styleMap(style: string | null): Map<string, string> {
  const map = new Map<string, string>();
  if (!style) return map;
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim().toLowerCase().replace(/\s*!important$/, '');
    if (property) map.set(property, value);
  }
  return map;
}

/** True for HTML that came from Microsoft Word (or Outlook, which uses Word's HTML). */
function isWordHtml(html: string): boolean {
  return /urn:schemas-microsoft-com:office|class=["']?Mso|mso-list:|<o:p>/i.test(html);
}

function unwrap(element: Element): void {
  const parent = element.parentNode;
  if (!parent) return;
  while (element.firstChild) parent.insertBefore(element.firstChild, element);
  parent.removeChild(element);
}

/** Replaces `element` by a new element named `tag` holding the same children. */
function rename(element: Element, tag: string): Element {
  const replacement = element.ownerDocument.createElement(tag);
  for (const name of ['style', 'align']) {
    const value = element.getAttribute(name);
    if (value !== null) replacement.setAttribute(name, value);
  }
  while (element.firstChild) replacement.appendChild(element.firstChild);
  element.replaceWith(replacement);
  return replacement;
}

/** Wraps all children of `element` in a new `tag` element. */
function wrapChildren(element: Element, tag: string): void {
  const wrapper = element.ownerDocument.createElement(tag);
  while (element.firstChild) wrapper.appendChild(element.firstChild);
  element.appendChild(wrapper);
}

function isMarkerSpan(element: Element): boolean {
  return /mso-list:\s*ignore/i.test(element.getAttribute('style') ?? '');
}

const NBSP_OR_SPACE = /[\s\u00a0]+/g;

/** Word writes list numbers as text: "1.", "a)", "iv." are ordered; "·", "o", "§", "•" are bullets. */
function isOrderedMarker(marker: string): boolean {
  return /^\(?(\d+(\.\d+)*\.?|[a-z][.)]|[ivxlcdm]+[.)])\)?$/i.test(marker);
}

interface WordListItem {
  paragraph: Element;
  level: number;
  ordered: boolean;
  start: number | null;
}

function readWordListItem(paragraph: Element): WordListItem | null {
  const style = paragraph.getAttribute('style') ?? '';
  const listStyle = /mso-list:\s*l\d+\s+level(\d+)/i.exec(style);
  const listClass = /^MsoListParagraph/i.test(paragraph.getAttribute('class') ?? '');
  if (!listStyle && !listClass) return null;
  const markerSpan = Array.from(paragraph.querySelectorAll('span')).find(isMarkerSpan);
  // A "list paragraph" with neither numbering nor marker is an indented paragraph, not an item.
  if (!listStyle && !markerSpan) return null;
  const marker = (markerSpan?.textContent ?? '').replace(NBSP_OR_SPACE, '');
  markerSpan?.remove();
  const ordered = isOrderedMarker(marker);
  const number = /^\(?(\d+)/.exec(marker);
  return {
    paragraph,
    level: Math.max(1, Math.min(9, Number(listStyle?.[1] ?? 1))),
    ordered,
    start: ordered && number ? Number(number[1]) : null,
  };
}

/** Turns runs of Word list paragraphs into real nested `<ul>` / `<ol>` lists. */
function convertWordLists(body: HTMLElement): void {
  const doc = body.ownerDocument;
  const paragraphs = Array.from(body.querySelectorAll('p'));
  const handled = new Set<Element>();
  for (const first of paragraphs) {
    if (handled.has(first)) continue;
    const firstItem = readWordListItem(first);
    if (!firstItem) continue;
    const run: WordListItem[] = [firstItem];
    handled.add(first);
    let next = first.nextElementSibling;
    while (next && next.nodeName === 'P') {
      const item = readWordListItem(next);
      if (!item) break;
      run.push(item);
      handled.add(next);
      next = next.nextElementSibling;
    }

    const stack: { level: number; list: Element }[] = [];
    let root: Element | null = null;
    for (const item of run) {
      while (stack.length > 0 && stack[stack.length - 1]!.level > item.level) stack.pop();
      let top = stack[stack.length - 1];
      if (!top || top.level < item.level) {
        const list = doc.createElement(item.ordered ? 'ol' : 'ul');
        if (item.start !== null && item.start !== 1) list.setAttribute('start', String(item.start));
        const parentItem = top?.list.lastElementChild;
        if (parentItem) parentItem.appendChild(list);
        else if (!root) root = list;
        else root.appendChild(list); // a deeper first item: keep it inside the outer list
        top = { level: item.level, list };
        stack.push(top);
      }
      const li = doc.createElement('li');
      const p = doc.createElement('p');
      while (item.paragraph.firstChild) p.appendChild(item.paragraph.firstChild);
      li.appendChild(p);
      top.list.appendChild(li);
    }
    if (root) first.before(root);
    for (const item of run) item.paragraph.remove();
  }
}

/** Word markup that carries no content: `<o:p>`, leftover list markers, empty spacer paragraphs. */
function removeWordNoise(body: HTMLElement): void {
  for (const element of Array.from(body.getElementsByTagName('*'))) {
    if (element.nodeName.toLowerCase() === 'o:p') {
      element.remove();
      continue;
    }
    if (element.nodeName === 'SPAN' && isMarkerSpan(element)) element.remove();
  }
  for (const paragraph of Array.from(body.querySelectorAll('p'))) {
    const text = (paragraph.textContent ?? '').replace(NBSP_OR_SPACE, '');
    if (!text && !paragraph.querySelector('br, img, table')) paragraph.remove();
  }
}

/** Word paragraph styles that mean headings. */
function convertWordHeadings(body: HTMLElement): void {
  for (const paragraph of Array.from(body.querySelectorAll('p[class]'))) {
    const className = paragraph.getAttribute('class') ?? '';
    if (/^MsoTitle$/i.test(className)) {
      rename(paragraph, 'h1');
      continue;
    }
    const heading = /^MsoHeading([1-6])$/i.exec(className);
    if (heading) rename(paragraph, `h${heading[1]}`);
  }
}

/**
 * Emphasis written as CSS (Word spans, Google Docs, many web editors) becomes real tags, before
 * the sanitizer drops every style attribute. Google Docs wraps a whole paste in
 * `<b style="font-weight:normal">`, which must not make everything bold.
 */
function convertStyledEmphasis(body: HTMLElement): void {
  for (const element of Array.from(body.querySelectorAll('[style], [align]'))) {
    const styles = styleMap(element.getAttribute('style'));
    const align = element.getAttribute('align');
    if (align && !styles.has('text-align')) {
      element.setAttribute('style', `${element.getAttribute('style') ?? ''};text-align:${align.toLowerCase()}`);
    }
    if (NON_WRAPPABLE.has(element.nodeName)) continue;
    const weight = styles.get('font-weight');
    const isBoldTag = element.nodeName === 'B' || element.nodeName === 'STRONG';
    if (isBoldTag && (weight === 'normal' || weight === '400' || weight === 'lighter')) {
      unwrap(element);
      continue;
    }
    if (!isBoldTag && weight && (weight === 'bold' || weight === 'bolder' || Number(weight) >= 600)) wrapChildren(element, 'strong');
    const fontStyle = styles.get('font-style');
    if (element.nodeName !== 'I' && element.nodeName !== 'EM' && (fontStyle === 'italic' || fontStyle === 'oblique')) {
      wrapChildren(element, 'em');
    }
    const decoration = `${styles.get('text-decoration') ?? ''} ${styles.get('text-decoration-line') ?? ''}`;
    if (element.nodeName !== 'U' && /underline/.test(decoration)) wrapChildren(element, 'u');
    if (element.nodeName !== 'S' && /line-through/.test(decoration)) wrapChildren(element, 's');
    const highlight = styles.get('mso-highlight');
    if (highlight && highlight !== 'none') wrapChildren(element, 'mark');
  }
}

/**
 * Cleans HTML from the clipboard before the editor parses it: converts Microsoft Word's list,
 * heading and emphasis markup into plain HTML, then keeps only the structure a note can hold
 * (headings, paragraphs, lists, tables, http/https/mailto links, emphasis). Scripts, styles,
 * frames, SVG/MathML, event handlers, classes and inline styles (except text alignment) are gone.
 * Pure string → string; needs a DOM (browser or jsdom).
 */
export function cleanPastedHtml(html: string): string {
  if (!html.trim()) return '';
  const word = isWordHtml(html);
  // Conditional comments hide VML and Office XML; `<![if …]>` markers wrap list markers (removed below).
  const stripped = html.replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '').replace(/<!\[(?:end)?if[^>]*>/gi, '');
  // DOMParser builds an inert document: no script runs and no image loads while we work on it.
  const parsed = new DOMParser().parseFromString(stripped, 'text/html');
  const body = parsed.body;
  if (word) {
    convertWordLists(body);
    convertWordHeadings(body);
    removeWordNoise(body);
  }
  convertStyledEmphasis(body);
  return getPurifier().sanitize(body.innerHTML, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
  });
}
