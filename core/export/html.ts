import type { Paper } from '../domain/export';
import type { DocNode } from '../domain/note';
import { isAllowedLinkHref } from '../editor/link-policy';
import { exportCss } from './export-css';
import type { ExportModel } from './export-model';

/** Options of {@link renderExportHtml}. */
export interface ExportHtmlOptions {
  paper: Paper;
  /** @font-face rules (fonts as data: URLs) from the Node side; '' in unit tests. Families: 'Source Serif 4' (body), 'Inter' (headings, title block, marking). */
  fontCss: string;
  /** 'pdf': page header/footer come from Chromium's templates, so no in-body marking banners;
   *  'preview' and 'standalone': the marking banner at the top and bottom of the document, on screen and in print. */
  purpose: 'pdf' | 'preview' | 'standalone';
}

export { PAGE_MARGINS } from './export-css';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and (quoted) attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] as string);
}

/** The marking as a TLP-style label: its colours on its ground, kept in print. */
export function markingLabelHtml(model: ExportModel, className: string): string {
  const { label, color, background } = model.marking;
  return `<span class="${className}" style="color:${safeColour(color)};background:${safeColour(background)}">${escapeHtml(label)}</span>`;
}

/** Marking colours are ours (#RRGGBB); anything else falls back so no CSS can be injected. */
function safeColour(value: string): string {
  return /^#[0-9a-fA-F]{3,8}$/.test(value) ? value : '#000000';
}

const ALIGNMENTS = new Set(['center', 'right', 'justify']);

function alignStyle(node: DocNode): string {
  const align = node.attrs?.textAlign;
  return typeof align === 'string' && ALIGNMENTS.has(align) ? ` style="text-align:${align}"` : '';
}

/** "[1] Title…" / "1. Title…": the entry's own number, split off so it hangs in a column. */
const LEADING_NUMBER = /^(\[?\d+\]?\.?)\s+/;
/** URLs in a formatted entry; trailing punctuation of the sentence is not part of them. */
const URL_IN_TEXT = /\b(?:https?:\/\/|mailto:)[^\s<>"]+/g;

/** Escaped entry text with its http(s) URLs made clickable. */
export function linkifyEntry(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    let url = match[0];
    const trailing = /[.,;:)\]]+$/.exec(url);
    if (trailing) url = url.slice(0, -trailing[0].length);
    const start = match.index ?? 0;
    html += escapeHtml(text.slice(last, start));
    html += isAllowedLinkHref(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : escapeHtml(url);
    last = start + url.length;
  }
  return html + escapeHtml(text.slice(last));
}

/** Renders the document body of a model; marks and nodes as the editor schema defines them. */
class BodyRenderer {
  private sourcesRendered = false;
  private notesRendered = false;

  constructor(private readonly model: ExportModel) {}

  render(): string {
    const html = this.children(this.model.doc);
    const notes = this.notes(2);
    if (this.sourcesRendered || this.model.bibliography.length === 0) return html + notes;
    // The note cites but has no Sources section: the list goes at the end, as a reader expects.
    return `${html}${notes}\n<h2 class="sources-heading">Sources</h2>\n${this.sources()}`;
  }

  private children(node: DocNode): string {
    const content = node.content ?? [];
    return content
      .map((child, index) => {
        // The Notes go before the Sources: before the Sources heading when one leads into the list.
        const next = content[index + 1];
        const leadsIntoSources = child.type === 'heading' && next?.type === 'sourcesSection';
        const level = Math.min(4, Math.max(1, Number(child.attrs?.level) || 2));
        return (leadsIntoSources ? this.notes(level) : '') + this.node(child);
      })
      .join('');
  }

  /**
   * A note style's notes, once: Chromium's print engine cannot place footnotes at the foot of each
   * page, so they are a numbered "Notes" section before the Sources, each linked from its number.
   */
  private notes(level: number): string {
    if (this.notesRendered || this.model.notes.length === 0) return '';
    this.notesRendered = true;
    const items = this.model.notes.map(
      (note) =>
        `<li class="note-entry" id="note-${note.number}"><span class="entry-number"><a href="#note-ref-${note.number}">${note.number}.</a></span><span class="entry-text">${linkifyEntry(note.text)}</span></li>`,
    );
    return `<h${level} class="notes-heading">Notes</h${level}>\n<section class="notes" aria-label="Notes">\n<ol class="notes-list">\n${items.join('\n')}\n</ol>\n</section>\n`;
  }

  private node(node: DocNode): string {
    switch (node.type) {
      case 'paragraph':
        return `<p${alignStyle(node)}>${this.inline(node)}</p>\n`;
      case 'heading': {
        const raw = Number(node.attrs?.level);
        const level = raw >= 1 && raw <= 4 ? raw : 2;
        return `<h${level}${alignStyle(node)}>${this.inline(node)}</h${level}>\n`;
      }
      case 'bulletList':
        return `<ul>\n${this.children(node)}</ul>\n`;
      case 'orderedList': {
        const start = Number(node.attrs?.start);
        const startAttr = Number.isInteger(start) && start !== 1 ? ` start="${start}"` : '';
        return `<ol${startAttr}>\n${this.children(node)}</ol>\n`;
      }
      case 'listItem':
        return `<li>${this.children(node)}</li>\n`;
      case 'taskList':
        return `<ul class="task-list">\n${this.children(node)}</ul>\n`;
      case 'taskItem': {
        const checked = node.attrs?.checked === true;
        // A drawn box, not an <input>: the export is a document, nothing in it is interactive.
        const box = `<span class="task-box${checked ? ' is-checked' : ''}" role="img" aria-label="${checked ? 'Done' : 'Open'}"></span>`;
        return `<li class="task-item${checked ? ' is-checked' : ''}">${box}<div class="task-body">${this.children(node)}</div></li>\n`;
      }
      case 'blockquote':
        return `<blockquote>\n${this.children(node)}</blockquote>\n`;
      case 'codeBlock':
        return `<pre><code>${escapeHtml(textOf(node))}</code></pre>\n`;
      case 'horizontalRule':
        return '<hr>\n';
      case 'table':
        return this.table(node);
      case 'sourcesSection':
        if (this.sourcesRendered) return '';
        this.sourcesRendered = true;
        return this.notes(2) + this.sources();
      case 'image':
        // Never exported: an image could reference a remote URL, and the schema has none anyway.
        return '';
      default:
        return node.content ? this.children(node) : '';
    }
  }

  private table(node: DocNode): string {
    const rows = node.content ?? [];
    const first = rows[0];
    // A first row of header cells is the table's head: Chromium repeats <thead> on every page.
    const hasHead = !!first?.content?.length && first.content.every((cell) => cell.type === 'tableHeader');
    const head = hasHead && first ? `<thead>\n${this.row(first, true)}</thead>\n` : '';
    const body = (hasHead ? rows.slice(1) : rows).map((row) => this.row(row, false)).join('');
    return `<table>\n${head}${body ? `<tbody>\n${body}</tbody>\n` : ''}</table>\n`;
  }

  private row(row: DocNode, inHead: boolean): string {
    const cells = (row.content ?? []).map((cell) => {
      const header = cell.type === 'tableHeader';
      const tag = header ? 'th' : 'td';
      const colspan = Number(cell.attrs?.colspan);
      const rowspan = Number(cell.attrs?.rowspan);
      let attrs = header ? (inHead ? ' scope="col"' : ' scope="row"') : '';
      if (Number.isInteger(colspan) && colspan > 1) attrs += ` colspan="${colspan}"`;
      if (Number.isInteger(rowspan) && rowspan > 1) attrs += ` rowspan="${rowspan}"`;
      return `<${tag}${attrs}>${this.children(cell)}</${tag}>`;
    });
    return `<tr>${cells.join('')}</tr>\n`;
  }

  private sources(): string {
    const entries = this.model.bibliography;
    if (entries.length === 0) return '';
    // Only numeric lists carry numbers; author-date and note styles list the bibliography as the style orders it.
    const numbered = this.model.style.kind === 'numeric';
    const items = entries.map((entry) => {
      const match = numbered ? LEADING_NUMBER.exec(entry.text) : null;
      const body = match ? entry.text.slice(match[0].length) : entry.text;
      const number = match ? `<span class="entry-number">${escapeHtml(match[1] as string)}</span>` : '';
      return `<li class="sources-entry" data-source-id="${escapeHtml(entry.sourceId)}">${number}<span class="entry-text">${linkifyEntry(body)}</span></li>`;
    });
    const kind = numbered ? 'is-numbered' : 'is-author-date';
    return `<section class="sources" aria-label="Sources">\n<ol class="sources-list ${kind}">\n${items.join('\n')}\n</ol>\n</section>\n`;
  }

  /** Inline content: text with its marks, citations with the editor's label, hard breaks. */
  private inline(node: DocNode): string {
    const content = node.content ?? [];
    return content.map((child, index) => this.inlineNode(child, content[index + 1])).join('');
  }

  private inlineNode(node: DocNode, next?: DocNode): string {
    if (node.type === 'text') {
      const text = next?.type === 'citation' ? joinToCitation(node.text ?? '', this.model.citationNote(next) !== null) : (node.text ?? '');
      return wrapMarks(escapeHtml(text), node.marks ?? []);
    }
    if (node.type === 'hardBreak') return '<br>';
    if (node.type === 'citation') {
      const note = this.model.citationNote(node);
      const label = note
        ? `<sup class="citation note-ref" id="note-ref-${note.number}"><a href="#note-${note.number}">${escapeHtml(this.model.citationLabel(node))}</a></sup>`
        : `<span class="citation">${escapeHtml(this.model.citationLabel(node))}</span>`;
      return wrapMarks(label, (node.marks ?? []).filter((mark) => mark.type !== 'link'));
    }
    if (node.type === 'image') return '';
    return node.content ? this.inline(node) : escapeHtml(node.text ?? '');
  }
}

/**
 * Text that a citation follows, joined to it so the citation never starts a line on its own
 * ("revocable.[1]", "talks (CNA, 2025a)"): a space before it becomes a no-break space, and where
 * they touch a word joiner (U+2060) forbids the break Chromium would otherwise allow before "[" or "(".
 * Before a note style's note number (`note`), the space goes: the number follows the text directly.
 */
export function joinToCitation(text: string, note = false): string {
  // A note number is set against the word or punctuation before it ("talks.¹"), with no space.
  if (note) return text === '' ? text : `${text.replace(/[ \t]+$/, '')}\u2060`;
  if (/[ \t]$/.test(text)) return text.replace(/[ \t]+$/, '\u00a0');
  return text === '' ? text : `${text}\u2060`;
}

/** The plain text of a node (code blocks keep their line breaks). */
function textOf(node: DocNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(textOf).join('');
}

/** Wraps already-escaped HTML in the tags of its marks, outermost first. */
function wrapMarks(html: string, marks: NonNullable<DocNode['marks']>): string {
  let result = html;
  for (let index = marks.length - 1; index >= 0; index -= 1) {
    const mark = marks[index] as NonNullable<DocNode['marks']>[number];
    switch (mark.type) {
      case 'bold':
        result = `<strong>${result}</strong>`;
        break;
      case 'italic':
        result = `<em>${result}</em>`;
        break;
      case 'underline':
        result = `<u>${result}</u>`;
        break;
      case 'strike':
        result = `<s>${result}</s>`;
        break;
      case 'code':
        result = `<code>${result}</code>`;
        break;
      case 'highlight':
        result = `<mark>${result}</mark>`;
        break;
      case 'link': {
        const href = typeof mark.attrs?.href === 'string' ? mark.attrs.href.trim() : '';
        // Only links the editor would keep (http, https, mailto) become clickable.
        if (isAllowedLinkHref(href)) result = `<a href="${escapeHtml(href)}">${result}</a>`;
        break;
      }
      default:
        // Provenance and unknown marks: the editor's own bookkeeping, invisible in a document.
        break;
    }
  }
  return result;
}

/**
 * The title block. It carries no marking of its own: the page header (PDF) or the banner
 * (preview, standalone HTML) stands right above it, and a second label there only repeats it.
 */
function titleBlock(model: ExportModel): string {
  const { meta } = model;
  const title = meta.title.trim() || 'Untitled note';
  const facts: [string, string][] = [['Date', model.dateLabel]];
  if (meta.author.trim()) facts.push(['Author', meta.author.trim()]);
  facts.push(['Status', model.statusLabel]);
  const items = facts.map(([term, value]) => `<div class="fact"><dt>${term}</dt><dd>${escapeHtml(value)}</dd></div>`).join('');
  return [
    '<header class="title-block">',
    `<h1 class="doc-title">${escapeHtml(title)}</h1>`,
    `<dl class="doc-facts">${items}</dl>`,
    '</header>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * One standalone HTML document: styles inline, no scripts, no remote references (a CSP forbids
 * them besides), print stylesheet (A4/Letter, margins, headings kept with their next block, table
 * header rows repeated, rows not split).
 */
export function renderExportHtml(model: ExportModel, options: ExportHtmlOptions): string {
  const banner = (where: 'top' | 'bottom'): string =>
    options.purpose === 'pdf' ? '' : `<div class="marking-banner is-${where}">${markingLabelHtml(model, 'marking-label')}</div>\n`;
  const title = model.meta.title.trim() || 'Untitled note';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="Briefing Desk">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${options.fontCss}\n${exportCss(options.paper, options.purpose)}\n</style>`,
    '</head>',
    `<body class="paper-${options.paper} purpose-${options.purpose} style-${model.style.kind}">`,
    '<article class="note">',
    banner('top') + titleBlock(model),
    `<main class="content">\n${new BodyRenderer(model).render()}</main>`,
    banner('bottom') + '</article>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
