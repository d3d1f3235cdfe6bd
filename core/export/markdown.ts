import type { DocNode } from '../domain/note';
import { isAllowedLinkHref } from '../editor/link-policy';
import { locatorText, usableLocator } from '../citations/numeric-label';
import { citationAttrsOf, type ExportModel } from './export-model';

/** Characters with a meaning in (GitHub-flavoured) Markdown inline text. */
const INLINE_SPECIAL = /[\\`*_[\]<>|~]|&(?=#?\w+;)/g;

/** Escapes text so it shows as written; line starts that would open a block are escaped too. */
export function escapeMarkdown(text: string): string {
  const escaped = text.replace(INLINE_SPECIAL, (char) => `\\${char}`);
  // "# x", "> x", "- x", "+ x", "1. x", "1) x", "=== " and "---" would start a block at a line start.
  return escaped.replace(/^(\s*)([#>+=-]|\d+(?=[.)]))/gm, (_whole, space: string, mark: string) =>
    /^\d+$/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
  );
}

/** A YAML scalar in double quotes, safe for any text (quotes, colons, newlines, "yes"/"no"). */
function yamlString(value: string): string {
  // JSON strings are YAML double-quoted scalars; YAML also treats NEL, LS and PS as line breaks.
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The entry text without its own leading number ("1. ", "[1] "): the footnote label shows it. */
function footnoteText(text: string, numbered: boolean): string {
  const body = numbered ? text.replace(/^\[?\d+\]?\.?\s+/, '') : text;
  return body.replace(/\s+/g, ' ').trim();
}

type Mark = NonNullable<DocNode['marks']>[number];

/** Serialises the note body; tracks nothing but the model. */
class MarkdownWriter {
  /** Whether the note style's bibliography was written where the Sources section is. */
  sourcesWritten = false;

  constructor(private readonly model: ExportModel) {}

  /** Blocks separated by blank lines. */
  blocks(nodes: DocNode[], indent: string): string {
    return nodes
      .map((node) => this.block(node, indent))
      .filter((block) => block !== '')
      .join('\n\n');
  }

  private block(node: DocNode, indent: string): string {
    switch (node.type) {
      case 'paragraph': {
        const text = this.inline(node.content ?? [], false);
        return text === '' ? '' : prefixLines(text, indent);
      }
      case 'heading': {
        const raw = Number(node.attrs?.level);
        const level = raw >= 1 && raw <= 4 ? raw : 2;
        // The title is the document's "#": body headings go one level down, so h1 becomes "##".
        const text = this.inline(node.content ?? [], false).replace(/\\?\n/g, ' ');
        return text === '' ? '' : `${indent}${'#'.repeat(level + 1)} ${text}`;
      }
      case 'bulletList':
        return this.list(node, indent, () => '- ');
      case 'orderedList': {
        const start = Number(node.attrs?.start);
        const first = Number.isInteger(start) && start >= 0 ? start : 1;
        return this.list(node, indent, (index) => `${first + index}. `);
      }
      case 'taskList':
        return this.list(node, indent, (_index, item) => (item.attrs?.checked === true ? '- [x] ' : '- [ ] '));
      case 'blockquote': {
        const inner = this.blocks(node.content ?? [], '');
        return prefixLines(inner.split('\n').map((line) => (line === '' ? '>' : `> ${line}`)).join('\n'), indent);
      }
      case 'codeBlock': {
        const code = plainText(node);
        const longest = Math.max(2, ...Array.from(code.matchAll(/`+/g), (match) => match[0].length));
        const fence = '`'.repeat(longest + 1);
        return prefixLines(`${fence}\n${code}\n${fence}`, indent);
      }
      case 'horizontalRule':
        return `${indent}---`;
      case 'table':
        return prefixLines(this.table(node), indent);
      case 'sourcesSection':
        // Numeric and author-date styles: the Sources are the footnote definitions at the end of the
        // file. A note style's footnotes are its notes, and the Sources are its bibliography, here.
        if (this.model.notes.length === 0 || this.sourcesWritten) return '';
        this.sourcesWritten = true;
        return bibliographyMarkdown(this.model, indent);
      case 'image':
        return '';
      default:
        return node.content ? this.blocks(node.content, indent) : '';
    }
  }

  private list(node: DocNode, indent: string, marker: (index: number, item: DocNode) => string): string {
    return (node.content ?? [])
      .map((item, index) => {
        const prefix = marker(index, item);
        const childIndent = `${indent}${' '.repeat(prefix.length)}`;
        const [first, ...rest] = item.content ?? [];
        const head = first ? this.inline(first.content ?? [], false) : '';
        const lines = head.split('\n');
        const firstLine = `${indent}${prefix}${lines[0] ?? ''}`;
        const continued = lines.slice(1).map((line) => `${childIndent}${line}`);
        const more = this.blocks(rest, childIndent);
        return [firstLine, ...continued].join('\n') + (more ? `\n\n${more}` : '');
      })
      .join('\n');
  }

  private table(node: DocNode): string {
    const rows = (node.content ?? []).map((row) => row.content ?? []);
    // Pipe tables have one cell per column and no spans: a spanning cell is followed by empty ones.
    const grid: string[][] = [];
    const carried: number[] = [];
    rows.forEach((cells, rowIndex) => {
      const line: string[] = [];
      let column = 0;
      for (const cell of cells) {
        while ((carried[column] ?? 0) > 0) {
          carried[column] = (carried[column] ?? 1) - 1;
          line.push('');
          column += 1;
        }
        const colspan = Math.max(1, Number(cell.attrs?.colspan) || 1);
        const rowspan = Math.max(1, Number(cell.attrs?.rowspan) || 1);
        line.push(this.cell(cell));
        for (let extra = 1; extra < colspan; extra += 1) line.push('');
        for (let span = 0; span < colspan; span += 1) carried[column + span] = rowspan - 1;
        column += colspan;
      }
      while ((carried[column] ?? 0) > 0) {
        carried[column] = (carried[column] ?? 1) - 1;
        line.push('');
        column += 1;
      }
      grid[rowIndex] = line;
    });
    const width = Math.max(1, ...grid.map((line) => line.length));
    const pad = (line: string[]): string[] => [...line, ...Array<string>(width - line.length).fill('')];
    const firstIsHead = (rows[0] ?? []).length > 0 && (rows[0] ?? []).every((cell) => cell.type === 'tableHeader');
    // GFM needs a header row; a table without one gets an empty head so no data row is promoted.
    const head = firstIsHead ? pad(grid[0] ?? []) : Array<string>(width).fill(' ');
    const body = (firstIsHead ? grid.slice(1) : grid).map(pad);
    const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
    return [line(head), line(Array<string>(width).fill('---')), ...body.map(line)].join('\n');
  }

  /** A cell's blocks on one line: pipe tables cannot hold line breaks, so <br> stands for them. */
  private cell(cell: DocNode): string {
    return (cell.content ?? [])
      .map((block) => (block.content && block.type === 'paragraph' ? this.inline(block.content, true) : plainText(block).replace(/[|\\`*_[\]<>]/g, '\\$&')))
      .filter((text) => text !== '')
      .join('<br>');
  }

  /** Inline content with its marks; `inCell` turns hard breaks into <br>. */
  inline(nodes: DocNode[], inCell: boolean): string {
    let out = '';
    for (const [index, node] of nodes.entries()) {
      const next = nodes[index + 1];
      // A note reference follows the text directly ("talks.[^1]"), as the note number does in print.
      const text = next?.type === 'citation' && this.model.citationNote(next) !== null ? (node.text ?? '').replace(/[ \t]+$/, '') : (node.text ?? '');
      if (node.type === 'text') out += this.text(text, node.marks ?? []);
      else if (node.type === 'hardBreak') out += inCell ? '<br>' : '\\\n';
      else if (node.type === 'citation') out += this.citation(node);
      else if (node.content) out += this.inline(node.content, inCell);
    }
    return inCell ? out.replace(/\n/g, ' ') : out;
  }

  private text(value: string, marks: Mark[]): string {
    if (value === '') return '';
    const code = marks.some((mark) => mark.type === 'code');
    let body = code ? codeSpan(value) : escapeMarkdown(value);
    // Emphasis must hug the text: spaces at its edges go outside the markers.
    if (!code && body.trim() === '') return body;
    const lead = code ? '' : (/^\s+/.exec(body)?.[0] ?? '');
    const trail = code ? '' : (/\s+$/.exec(body)?.[0] ?? '');
    body = body.slice(lead.length, body.length - trail.length);
    for (const mark of marks) {
      if (mark.type === 'bold') body = `**${body}**`;
      else if (mark.type === 'italic') body = `*${body}*`;
      else if (mark.type === 'strike') body = `~~${body}~~`;
      else if (mark.type === 'underline') body = `<u>${body}</u>`;
      else if (mark.type === 'highlight') body = `<mark>${body}</mark>`;
    }
    const link = marks.find((mark) => mark.type === 'link');
    const href = typeof link?.attrs?.href === 'string' ? link.attrs.href.trim() : '';
    if (link && isAllowedLinkHref(href)) body = `[${body}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
    return lead + body + trail;
  }

  /** One footnote reference per cited source, by its number; a locator follows in brackets. A note style's citation is its note. */
  private citation(node: DocNode): string {
    const note = this.model.citationNote(node);
    if (note) return `[^${note.number}]`;
    const { sourceIds, locator } = citationAttrsOf(node);
    const numbers = [...new Set(sourceIds.map((id) => this.model.numbering.numberOf.get(id)).filter((n): n is number => n !== undefined))];
    if (numbers.length === 0) return '\\[?\\]';
    const refs = numbers.map((number) => `[^${number}]`).join('');
    const usable = usableLocator(locator);
    return usable ? `${refs} (${escapeMarkdown(locatorText(usable))})` : refs;
  }
}

/** A note style's bibliography: one paragraph per entry, in the style's order. */
function bibliographyMarkdown(model: ExportModel, indent: string): string {
  return model.bibliography.map((entry) => prefixLines(entryMarkdown(entry.text.replace(/\s+/g, ' ').trim()), indent)).join('\n\n');
}

const URL_IN_TEXT = /\b(?:https?:\/\/|mailto:)[^\s<>"]+/g;

/** Entry text escaped, its URLs as explicit autolinks (escaping inside a bare URL would break it). */
function entryMarkdown(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(/[.,;:)\]]+$/, '');
    const start = match.index ?? 0;
    out += escapeMarkdown(text.slice(last, start));
    out += isAllowedLinkHref(url) ? `<${url}>` : escapeMarkdown(url);
    last = start + url.length;
  }
  return out + escapeMarkdown(text.slice(last));
}

function codeSpan(value: string): string {
  const longest = Math.max(0, ...Array.from(value.matchAll(/`+/g), (match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${value}${pad}${ticks}`;
}

function plainText(node: DocNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(plainText).join('');
}

function prefixLines(text: string, indent: string): string {
  if (!indent) return text;
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${indent}${line}`))
    .join('\n');
}

/**
 * GitHub-flavoured Markdown: YAML front matter (title, author, date, status, marking, tags, citation
 * style), headings, lists, task lists, pipe tables, links, emphasis; each citation becomes footnote
 * references [^n] (one per cited source, n = its citation number), and the sources become the
 * footnote definitions "[^n]: <entry text>" at the end. In a note style (Chicago notes) each citation
 * is footnote [^n], n = its note number, defined by the note text, and the Sources section is the
 * bibliography. The marking as a line at the top and bottom.
 */
export function renderMarkdown(model: ExportModel): string {
  const { meta } = model;
  const title = meta.title.trim() || 'Untitled note';
  const front = [
    '---',
    `title: ${yamlString(title)}`,
    `author: ${yamlString(meta.author)}`,
    `date: ${yamlString(meta.date)}`,
    `status: ${yamlString(model.statusLabel)}`,
    `marking: ${yamlString(model.marking.label)}`,
    meta.tags.length > 0 ? `tags:\n${meta.tags.map((tag) => `  - ${yamlString(tag)}`).join('\n')}` : 'tags: []',
    `citation_style: ${yamlString(model.style.name)}`,
    '---',
  ].join('\n');
  const markingLine = `**${escapeMarkdown(model.marking.label)}**`;
  const facts = [model.dateLabel, meta.author.trim(), model.statusLabel].filter((part) => part !== '').map(escapeMarkdown).join(' · ');
  const writer = new MarkdownWriter(model);
  let body = writer.blocks(model.doc.content ?? [], '');
  const entryOf = new Map(model.bibliography.map((entry) => [entry.sourceId, entry.text] as const));
  // Every cited source has a number and so a definition: each [^n] in the text resolves. In a note
  // style every citation is a note: [^n] is note n, its definition the note text.
  const definitions =
    model.notes.length > 0
      ? model.notes.map((note) => `[^${note.number}]: ${entryMarkdown(note.text.replace(/\s+/g, ' ').trim())}`)
      : model.numbering.order.map((sourceId, index) => {
          const text = entryOf.get(sourceId);
          return `[^${index + 1}]: ${text === undefined ? `Source unavailable (${escapeMarkdown(sourceId)})` : entryMarkdown(footnoteText(text, model.style.kind === 'numeric'))}`;
        });
  if (model.notes.length > 0 && !writer.sourcesWritten && model.bibliography.length > 0) {
    // The note has no Sources section: the bibliography goes at the end of the text.
    body = `${body}\n\n## Sources\n\n${bibliographyMarkdown(model, '')}`;
  }
  const parts = [front, markingLine, `# ${escapeMarkdown(title.replace(/\s+/g, ' '))}`, facts, body];
  if (definitions.length > 0) parts.push(definitions.join('\n'));
  parts.push(markingLine);
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}
