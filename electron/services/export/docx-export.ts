import {
  FootnoteReferenceRun,
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  HighlightColor,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ILevelsOptions,
  type IRunOptions,
} from 'docx';
import { AppError } from '../../../core/api/result';
import type { Paper } from '../../../core/domain/export';
import type { DocNode } from '../../../core/domain/note';
import { isAllowedLinkHref } from '../../../core/editor/link-policy';
import type { ExportModel } from '../../../core/export/export-model';
import { joinToCitation } from '../../../core/export/html';

/** Options of one DOCX export. */
export interface BuildDocxOptions {
  paper: Paper;
  /** Called with 0–100 as blocks are converted and the file is packed. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

// Fonts: the PDF and HTML exports embed the app's shipped web fonts (Source Serif 4, Inter), but a
// DOCX cannot carry them reliably (Word embeds only TrueType, and readers open the file on machines
// without them), so the document names fonts every Word installation has: Cambria for the body,
// Calibri for headings and the page furniture. LibreOffice substitutes its metric-compatible fonts.
const BODY_FONT = 'Cambria';
const HEADING_FONT = 'Calibri';
const MONO_FONT = 'Consolas';
const SYMBOL_FONT = 'Segoe UI Symbol';

const INK = '1A1A1A';
const HEADING_COLOUR = '1F3A5F';
const MUTED = '5F6B7A';
const RULE = 'BFC5CC';
const LINK_COLOUR = '1F5FA8';

/** Twips (1/20 pt) per millimetre. */
const TWIPS_PER_MM = 1440 / 25.4;
const mm = (value: number): number => Math.round(value * TWIPS_PER_MM);

/** Page size in twips and margins: 25 mm top/bottom leave room for the marking header and footer. */
const PAGES: Record<Paper, { width: number; height: number; margin: { top: number; bottom: number; left: number; right: number } }> = {
  a4: { width: 11906, height: 16838, margin: { top: mm(25), bottom: mm(25), left: mm(22), right: mm(22) } },
  letter: { width: 12240, height: 15840, margin: { top: 1440, bottom: 1440, left: 1296, right: 1296 } },
};

/** Indent per list level, in twips. */
const LIST_INDENT = 360;
const BULLETS = ['•', '◦', '▪'];
const ORDERED_FORMATS = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
const MAX_LIST_LEVEL = 8;
const YIELD_EVERY = 40;

const HEADING_LEVELS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

const ALIGNMENTS: Record<string, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

/** Where a block sits: inside lists, quotes or table cells its paragraphs are formatted differently. */
interface BlockContext {
  listLevel: number;
  quote: boolean;
  /** Paragraph style inside a table cell (header cells are bold), null outside tables. */
  cell: 'TableText' | 'TableHeaderText' | null;
}

type Block = Paragraph | Table;

const hex = (colour: string): string => colour.replace(/^#/, '').toUpperCase();

function cancelled(): AppError {
  return new AppError('cancelled', 'The DOCX export was cancelled');
}

/** Converts one note to DOCX blocks; holds the per-document state (list numbering instances). */
class DocxWriter {
  private orderedInstance = 0;
  /** Ordered lists that start at another number than 1 need a numbering definition of their own. */
  readonly orderedStarts = new Set<number>();
  private readonly contentWidth: number;

  constructor(
    private readonly model: ExportModel,
    paper: Paper,
  ) {
    const page = PAGES[paper];
    this.contentWidth = page.width - page.margin.left - page.margin.right;
  }

  /** Blocks of one top-level (or nested) node. */
  block(node: DocNode, context: BlockContext): Block[] {
    switch (node.type) {
      case 'heading':
        return [this.heading(node)];
      case 'paragraph':
        return [this.paragraph(node, context)];
      case 'bulletList':
      case 'orderedList':
        return this.list(node, context);
      case 'taskList':
        return this.taskList(node, context);
      case 'blockquote':
        return (node.content ?? []).flatMap((child) => this.block(child, { ...context, quote: true }));
      case 'codeBlock':
        return [this.codeBlock(node, context)];
      case 'horizontalRule':
        return [new Paragraph({ style: 'Rule', children: [] })];
      case 'table':
        return this.table(node);
      case 'sourcesSection':
        return this.sourcesEntries();
      default:
        // Unknown blocks (a newer schema) keep their text rather than vanish.
        return node.content ? [new Paragraph({ children: this.inline(node.content) })] : [];
    }
  }

  /** Sources entries: numbered styles carry "N. " at the start, hung in the margin. */
  sourcesEntries(): Paragraph[] {
    return this.model.bibliography.map((entry) => {
      const numbered = /^(\d+\.)\s+(.*)$/s.exec(entry.text);
      const children: ParagraphChild[] = numbered
        ? [new TextRun({ text: numbered[1] }), new TextRun({ children: [new Tab()] }), ...linkify(numbered[2] ?? '')]
        : linkify(entry.text);
      return new Paragraph({ style: numbered ? 'SourceEntryNumbered' : 'SourceEntry', children });
    });
  }

  private heading(node: DocNode): Paragraph {
    const level = Math.min(Math.max(Number(node.attrs?.level ?? 1), 1), 4);
    return new Paragraph({
      heading: HEADING_LEVELS[level - 1],
      alignment: alignmentOf(node),
      children: this.inline(node.content ?? []),
    });
  }

  private paragraph(node: DocNode, context: BlockContext, numbering?: { reference: string; level: number; instance?: number }, prefix?: ParagraphChild[]): Paragraph {
    const children = [...(prefix ?? []), ...this.inline(node.content ?? [])];
    const style = context.cell ?? (context.quote ? 'BlockQuote' : context.listLevel > 0 ? 'ListText' : undefined);
    const indent = !numbering && context.listLevel > 0 ? { left: LIST_INDENT * (context.listLevel + 1) } : undefined;
    return new Paragraph({
      style,
      alignment: alignmentOf(node),
      numbering,
      indent,
      children,
    });
  }

  /** Bullet and ordered lists: the first paragraph of an item is numbered, the rest hang under it. */
  private list(node: DocNode, context: BlockContext): Block[] {
    const level = Math.min(context.listLevel, MAX_LIST_LEVEL);
    const ordered = node.type === 'orderedList';
    const start = Number(node.attrs?.start ?? 1);
    let reference = 'bullets';
    let instance: number | undefined;
    if (ordered) {
      reference = Number.isInteger(start) && start > 1 ? `ordered-from-${start}` : 'ordered';
      if (reference !== 'ordered') this.orderedStarts.add(start);
      // A new instance restarts the count, so each ordered list starts again at its start number.
      this.orderedInstance += 1;
      instance = this.orderedInstance;
    }
    const blocks: Block[] = [];
    for (const item of node.content ?? []) {
      let numbered = false;
      for (const child of item.content ?? []) {
        if (child.type === 'paragraph' && !numbered) {
          numbered = true;
          blocks.push(this.paragraph(child, { ...context, listLevel: level + 1 }, { reference, level, instance }));
          continue;
        }
        blocks.push(...this.block(child, { ...context, listLevel: level + 1 }));
      }
    }
    return blocks;
  }

  /** Task lists as ☐ / ☑ boxes: Word has no checklist numbering, and boxes print. */
  private taskList(node: DocNode, context: BlockContext): Block[] {
    const level = Math.min(context.listLevel, MAX_LIST_LEVEL);
    const blocks: Block[] = [];
    for (const item of node.content ?? []) {
      const checked = item.attrs?.checked === true;
      let boxed = false;
      for (const child of item.content ?? []) {
        if (child.type === 'paragraph' && !boxed) {
          boxed = true;
          const box = [new TextRun({ text: checked ? '☑' : '☐', font: SYMBOL_FONT }), new TextRun({ children: [new Tab()] })];
          const paragraph = new Paragraph({
            style: context.cell ?? 'ListText',
            indent: { left: LIST_INDENT * (level + 1), hanging: LIST_INDENT },
            tabStops: [{ type: TabStopType.LEFT, position: LIST_INDENT * (level + 1) }],
            children: [...box, ...this.inline(child.content ?? [])],
          });
          blocks.push(paragraph);
          continue;
        }
        blocks.push(...this.block(child, { ...context, listLevel: level + 1 }));
      }
    }
    return blocks;
  }

  private codeBlock(node: DocNode, context: BlockContext): Paragraph {
    const text = (node.content ?? []).map((child) => child.text ?? '').join('');
    // One paragraph with line breaks keeps the shaded box in one piece.
    const runs = text.split('\n').map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : undefined }));
    return new Paragraph({
      style: 'CodeBlock',
      indent: context.listLevel > 0 ? { left: LIST_INDENT * (context.listLevel + 1) } : undefined,
      children: runs,
    });
  }

  /** Tables: header row repeated on each page, rows not split, widths from the editor or spread evenly. */
  private table(node: DocNode): Block[] {
    const rows = node.content ?? [];
    if (rows.length === 0) return [];
    const columns = Math.max(1, ...rows.map((row) => (row.content ?? []).reduce((sum, cell) => sum + spanOf(cell, 'colspan'), 0)));
    const columnWidths = this.columnWidths(rows[0] as DocNode, columns);
    const border = { style: BorderStyle.SINGLE, size: 4, color: RULE };
    const tableRows = rows.map((row, rowIndex) => {
      const cells = row.content ?? [];
      const header = rowIndex === 0 && cells.length > 0 && cells.every((cell) => cell.type === 'tableHeader');
      return new TableRow({
        tableHeader: header,
        cantSplit: true,
        children: cells.map((cell) => {
          const isHeader = cell.type === 'tableHeader';
          const cellStyle = isHeader ? 'TableHeaderText' : 'TableText';
          const content = (cell.content ?? []).flatMap((child) => this.block(child, { listLevel: 0, quote: false, cell: cellStyle }));
          const children = content.length > 0 ? content : [new Paragraph({ style: cellStyle, children: [] })];
          return new TableCell({
            columnSpan: spanOf(cell, 'colspan') > 1 ? spanOf(cell, 'colspan') : undefined,
            rowSpan: spanOf(cell, 'rowspan') > 1 ? spanOf(cell, 'rowspan') : undefined,
            verticalAlign: VerticalAlignTable.TOP,
            shading: isHeader ? { type: ShadingType.CLEAR, fill: 'E8ECF1', color: 'auto' } : undefined,
            children,
          });
        }),
      });
    });
    const table = new Table({
      rows: tableRows,
      width: { size: this.contentWidth, type: WidthType.DXA },
      columnWidths,
      layout: TableLayoutType.FIXED,
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    });
    // A paragraph after a table keeps two consecutive tables from merging into one in Word.
    return [table, new Paragraph({ style: 'AfterTable', children: [] })];
  }

  /** The editor's column widths (px) scaled to the text width, else an even spread. */
  private columnWidths(firstRow: DocNode, columns: number): number[] {
    const pixels: (number | null)[] = [];
    for (const cell of firstRow.content ?? []) {
      const span = spanOf(cell, 'colspan');
      const widths = Array.isArray(cell.attrs?.colwidth) ? (cell.attrs.colwidth as unknown[]) : [];
      for (let index = 0; index < span; index += 1) {
        const width = widths[index];
        pixels.push(typeof width === 'number' && width > 0 ? width : null);
      }
    }
    while (pixels.length < columns) pixels.push(null);
    const known = pixels.filter((width): width is number => width !== null);
    const fallback = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 1;
    const raw = pixels.slice(0, columns).map((width) => width ?? fallback);
    const total = raw.reduce((a, b) => a + b, 0);
    return raw.map((width) => Math.floor((width / total) * this.contentWidth));
  }

  /** Inline content: text with marks, links grouped into one hyperlink, citations as labelled. */
  inline(nodes: DocNode[]): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    let linkHref: string | null = null;
    let linkRuns: ParagraphChild[] = [];
    const flush = (): void => {
      if (linkHref !== null && linkRuns.length > 0) out.push(new ExternalHyperlink({ link: linkHref, children: linkRuns }));
      linkHref = null;
      linkRuns = [];
    };
    for (const [index, node] of nodes.entries()) {
      const href = linkOf(node);
      if (href !== linkHref) flush();
      const run = this.run(node, nodes[index + 1]);
      if (!run) continue;
      if (href !== null) {
        linkHref = href;
        linkRuns.push(run);
      } else {
        out.push(run);
      }
    }
    flush();
    return out;
  }

  /** One run; text a citation follows is joined to it, so the citation never starts a line. */
  private run(node: DocNode, next?: DocNode): TextRun | FootnoteReferenceRun | null {
    if (node.type === 'hardBreak') return new TextRun({ break: 1 });
    if (node.type === 'citation') {
      // A note style's citation is a real Word footnote: its reference mark, the note text at the foot of the page.
      const note = this.model.citationNote(node);
      if (note) return new FootnoteReferenceRun(note.number);
      return new TextRun({ text: this.model.citationLabel(node), style: 'Citation' });
    }
    if (node.type !== 'text' || !node.text) return null;
    const options: { -readonly [K in keyof IRunOptions]: IRunOptions[K] } = {
      text: next?.type === 'citation' ? joinToCitation(node.text, this.model.citationNote(next) !== null) : node.text,
    };
    for (const mark of node.marks ?? []) {
      switch (mark.type) {
        case 'bold':
          options.bold = true;
          break;
        case 'italic':
          options.italics = true;
          break;
        case 'underline':
          options.underline = {};
          break;
        case 'strike':
          options.strike = true;
          break;
        case 'code':
          options.font = MONO_FONT;
          options.size = 19;
          options.shading = { type: ShadingType.CLEAR, fill: 'F1F3F5', color: 'auto' };
          break;
        case 'highlight':
          options.highlight = HighlightColor.YELLOW;
          break;
        case 'link':
          if (isAllowedLinkHref(String(mark.attrs?.href ?? ''))) options.style = 'Hyperlink';
          break;
        default:
          // Provenance and other bookkeeping marks do not print.
          break;
      }
    }
    return new TextRun(options);
  }
}

function alignmentOf(node: DocNode): (typeof AlignmentType)[keyof typeof AlignmentType] | undefined {
  const align = node.attrs?.textAlign;
  return typeof align === 'string' ? ALIGNMENTS[align] : undefined;
}

function spanOf(cell: DocNode, attr: 'colspan' | 'rowspan'): number {
  const value = Number(cell.attrs?.[attr] ?? 1);
  return Number.isInteger(value) && value > 0 ? value : 1;
}

/** The href of a text node's link mark, when it is one we let through (http, https, mailto). */
function linkOf(node: DocNode): string | null {
  const mark = node.marks?.find((candidate) => candidate.type === 'link');
  const href = mark?.attrs?.href;
  return typeof href === 'string' && isAllowedLinkHref(href) ? href : null;
}

/** Plain text with its http(s) URLs made clickable (Sources entries carry the source's URL). */
function linkify(text: string): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  const pattern = /https?:\/\/[^\s<>"]+[^\s<>".,;:)\]]/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) out.push(new TextRun({ text: text.slice(last, index) }));
    const url = match[0];
    out.push(isAllowedLinkHref(url) ? new ExternalHyperlink({ link: url, children: [new TextRun({ text: url, style: 'Hyperlink' })] }) : new TextRun({ text: url }));
    last = index + url.length;
  }
  if (last < text.length) out.push(new TextRun({ text: text.slice(last) }));
  return out;
}

function listLevels(kind: 'bullet' | 'ordered', start = 1): ILevelsOptions[] {
  return Array.from({ length: MAX_LIST_LEVEL + 1 }, (_, level) => ({
    level,
    format: kind === 'bullet' ? LevelFormat.BULLET : ORDERED_FORMATS[level % ORDERED_FORMATS.length],
    text: kind === 'bullet' ? BULLETS[level % BULLETS.length] : `%${level + 1}.`,
    start: level === 0 ? start : 1,
    alignment: AlignmentType.LEFT,
    style: {
      paragraph: { indent: { left: LIST_INDENT * (level + 1), hanging: LIST_INDENT } },
      run: kind === 'bullet' ? { font: level % BULLETS.length === 0 ? BODY_FONT : SYMBOL_FONT } : undefined,
    },
  }));
}

/** The marking as drawn on a page: TLP colour, bold, on its (black) ground. */
function markingParagraph(model: ExportModel, spacing: { before?: number; after?: number }): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing,
    children: [
      new TextRun({
        text: `\u00a0${model.marking.label}\u00a0`,
        bold: true,
        font: HEADING_FONT,
        size: 18,
        color: hex(model.marking.color),
        shading: { type: ShadingType.CLEAR, fill: hex(model.marking.background), color: 'auto' },
      }),
    ],
  });
}

/** The lowest heading level used in the body, for the appended Sources heading to match the sections. */
function sectionHeadingLevel(doc: DocNode): number {
  let level = 5;
  for (const node of doc.content ?? []) {
    if (node.type === 'heading') level = Math.min(level, Number(node.attrs?.level ?? 1));
  }
  return level <= 4 ? level : 1;
}

const titleOf = (model: ExportModel): string => model.meta.title.trim() || 'Untitled note';

/** "10 June 2025 · J. Analyst · Draft" — empty parts left out. */
function metaLine(model: ExportModel): string {
  return [model.dateLabel, model.meta.author.trim(), model.statusLabel].filter((part) => part !== '').join('  ·  ');
}

function footerTitle(model: ExportModel): string {
  const title = titleOf(model);
  return title.length > 70 ? `${title.slice(0, 69)}…` : title;
}

/**
 * A note as a Word document (DOCX): Word heading styles (navigation pane, TOC), lists, tables with
 * repeating header rows, links, citations as in the note, the Sources section, the handling marking
 * centred in every page header and footer, and "Page X of Y".
 */
export async function buildDocx(model: ExportModel, options: BuildDocxOptions): Promise<Uint8Array> {
  const { paper, onProgress, signal } = options;
  if (signal?.aborted) throw cancelled();
  const page = PAGES[paper];
  const contentWidth = page.width - page.margin.left - page.margin.right;
  const writer = new DocxWriter(model, paper);

  const body: Block[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: titleOf(model) })] }),
    new Paragraph({ style: 'MetaLine', children: [new TextRun({ text: metaLine(model) })] }),
  ];

  const blocks = model.doc.content ?? [];
  let hasSourcesSection = false;
  const context: BlockContext = { listLevel: 0, quote: false, cell: null };
  for (const [index, node] of blocks.entries()) {
    if (node.type === 'sourcesSection') hasSourcesSection = true;
    body.push(...writer.block(node, context));
    if (index % YIELD_EVERY === YIELD_EVERY - 1) {
      // Let an abort (and other work) in between long runs of blocks.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw cancelled();
    }
    onProgress?.(Math.round(((index + 1) / Math.max(blocks.length, 1)) * 80));
  }
  if (!hasSourcesSection && model.bibliography.length > 0) {
    const level = sectionHeadingLevel(model.doc);
    body.push(new Paragraph({ heading: HEADING_LEVELS[level - 1], children: [new TextRun({ text: 'Sources' })] }));
    body.push(...writer.sourcesEntries());
  }
  if (signal?.aborted) throw cancelled();

  const footerTabs = [{ type: TabStopType.RIGHT, position: contentWidth }];
  const pageRun = { font: HEADING_FONT, size: 16, color: MUTED };
  const document = new Document({
    title: titleOf(model),
    creator: model.meta.author || undefined,
    lastModifiedBy: model.meta.author || undefined,
    subject: model.marking.label,
    keywords: model.meta.tags.join(', ') || undefined,
    description: `${model.marking.label} · ${model.statusLabel}`,
    styles: documentStyles(),
    // A note style's notes, numbered as the citations that refer to them.
    footnotes: Object.fromEntries(model.notes.map((note) => [note.number, { children: [new Paragraph({ children: linkify(note.text) })] }])),
    numbering: {
      config: [
        { reference: 'bullets', levels: listLevels('bullet') },
        { reference: 'ordered', levels: listLevels('ordered') },
        ...[...writer.orderedStarts].map((start) => ({ reference: `ordered-from-${start}`, levels: listLevels('ordered', start) })),
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: page.width, height: page.height },
            margin: { ...page.margin, header: mm(10), footer: mm(10) },
          },
        },
        headers: { default: new Header({ children: [markingParagraph(model, { after: 0 })] }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                tabStops: footerTabs,
                spacing: { after: 80 },
                border: { top: { style: BorderStyle.SINGLE, size: 4, color: RULE, space: 4 } },
                children: [
                  new TextRun({ text: footerTitle(model), ...pageRun }),
                  new TextRun({ children: [new Tab(), 'Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], ...pageRun }),
                ],
              }),
              markingParagraph(model, { after: 0 }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  onProgress?.(85);
  const bytes = await Packer.pack(document, 'uint8array');
  if (signal?.aborted) throw cancelled();
  onProgress?.(100);
  return bytes;
}

/**
 * Line spacing as a multiple of the font's own line height (`line` in 240ths). The rule is written
 * out, never left to the reader: LibreOffice reads a `w:line` without `w:lineRule` as an exact height,
 * so a 24 pt title under a 14.4 pt line drew its wrapped lines on top of each other.
 */
function autoLine(line: number): { line: number; lineRule: typeof LineRuleType.AUTO } {
  return { line, lineRule: LineRuleType.AUTO };
}

/** Paragraph and character styles: a restrained briefing look (serif body, sans headings in navy). */
function documentStyles(): NonNullable<ConstructorParameters<typeof Document>[0]['styles']> {
  // The outline level is what Word's navigation pane, a TOC and a PDF's bookmarks read.
  const heading = (outlineLevel: number, size: number, before: number, extra: { italics?: boolean; color?: string } = {}) => ({
    run: { font: HEADING_FONT, size, bold: true, color: extra.color ?? HEADING_COLOUR, italics: extra.italics },
    paragraph: { spacing: { before, after: 100 }, keepNext: true, keepLines: true, outlineLevel },
  });
  return {
    default: {
      document: {
        run: { font: BODY_FONT, size: 22, color: INK },
        paragraph: { spacing: { after: 140, ...autoLine(288) } },
      },
      title: {
        run: { font: HEADING_FONT, size: 48, bold: true, color: HEADING_COLOUR },
        paragraph: { spacing: { before: 0, after: 80, ...autoLine(276) }, keepNext: true, keepLines: true },
      },
      heading1: heading(0, 32, 360),
      heading2: heading(1, 26, 300),
      heading3: heading(2, 23, 240),
      heading4: heading(3, 22, 200, { italics: true, color: INK }),
      hyperlink: { run: { color: LINK_COLOUR, underline: {} } },
    },
    paragraphStyles: [
      {
        id: 'MetaLine',
        name: 'Meta line',
        basedOn: 'Normal',
        run: { font: HEADING_FONT, size: 20, color: MUTED },
        paragraph: {
          spacing: { after: 360 },
          border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: HEADING_COLOUR, space: 8 } },
        },
      },
      {
        id: 'BlockQuote',
        name: 'Block Quote',
        basedOn: 'Normal',
        run: { italics: true, color: '3C4650' },
        paragraph: {
          indent: { left: mm(8), right: mm(4) },
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: RULE, space: 10 } },
        },
      },
      {
        id: 'CodeBlock',
        name: 'Code Block',
        basedOn: 'Normal',
        run: { font: MONO_FONT, size: 18 },
        paragraph: {
          spacing: { after: 140, ...autoLine(240) },
          shading: { type: ShadingType.CLEAR, fill: 'F4F5F7', color: 'auto' },
          border: {
            top: { style: BorderStyle.SINGLE, size: 4, color: 'E1E4E8', space: 4 },
            bottom: { style: BorderStyle.SINGLE, size: 4, color: 'E1E4E8', space: 4 },
            left: { style: BorderStyle.SINGLE, size: 4, color: 'E1E4E8', space: 4 },
            right: { style: BorderStyle.SINGLE, size: 4, color: 'E1E4E8', space: 4 },
          },
        },
      },
      { id: 'ListText', name: 'List Text', basedOn: 'Normal', paragraph: { spacing: { after: 60 }, contextualSpacing: false } },
      { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { size: 20 }, paragraph: { spacing: { after: 0, ...autoLine(252) } } },
      { id: 'TableHeaderText', name: 'Table Header Text', basedOn: 'TableText', run: { font: HEADING_FONT, bold: true, color: HEADING_COLOUR } },
      { id: 'AfterTable', name: 'After Table', basedOn: 'Normal', run: { size: 8 }, paragraph: { spacing: { after: 120, ...autoLine(240) } } },
      {
        id: 'Rule',
        name: 'Horizontal Rule',
        basedOn: 'Normal',
        paragraph: { spacing: { before: 120, after: 240 }, border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: RULE, space: 1 } } },
      },
      {
        id: 'SourceEntry',
        name: 'Source Entry',
        basedOn: 'Normal',
        run: { size: 20 },
        paragraph: { indent: { left: mm(8), hanging: mm(8) }, spacing: { after: 100, ...autoLine(264) } },
      },
      {
        id: 'SourceEntryNumbered',
        name: 'Source Entry Numbered',
        basedOn: 'SourceEntry',
        paragraph: { indent: { left: mm(8), hanging: mm(8) }, leftTabStop: mm(8) },
      },
    ],
    characterStyles: [{ id: 'Citation', name: 'Citation', basedOn: 'DefaultParagraphFont', run: { color: '2F4F6F' } }],
  };
}
