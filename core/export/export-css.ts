import type { Paper } from '../domain/export';

/**
 * Page margins per paper for the PDF printer (CSS lengths); top/bottom leave room for the
 * header/footer templates. Left and right are the same on both papers, so the header and footer
 * templates (which do not know the paper) line up with the text column.
 */
export const PAGE_MARGINS: Record<Paper, { top: string; right: string; bottom: string; left: string }> = {
  a4: { top: '24mm', right: '24mm', bottom: '24mm', left: '24mm' },
  letter: { top: '22mm', right: '24mm', bottom: '22mm', left: '24mm' },
};

const PAPER_SIZE: Record<Paper, { css: string; width: string }> = {
  a4: { css: 'A4', width: '210mm' },
  letter: { css: 'letter', width: '8.5in' },
};

/** Body text family with local fallbacks only: an export never fetches a font. */
export const BODY_FONT = "'Source Serif 4', 'Source Serif Pro', Georgia, 'DejaVu Serif', serif";
/** Headings, title block, tables and marking. */
export const HEADING_FONT = "Inter, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";
const MONO_FONT = "'JetBrains Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace";

/**
 * The stylesheet of an exported note: a briefing-note look (serif body, Inter headings and title
 * block, TLP label), and the print rules Chromium honours when it paginates (page size and margins,
 * headings kept with what follows, table rows kept whole and header rows repeated).
 */
export function exportCss(paper: Paper, purpose: 'pdf' | 'preview' | 'standalone'): string {
  const margins = PAGE_MARGINS[paper];
  const size = PAPER_SIZE[paper];
  return `
:root { color-scheme: light; }
@page { size: ${size.css}; margin: ${margins.top} ${margins.right} ${margins.bottom} ${margins.left}; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  color: #1b1f27;
  background: #ffffff;
  font-family: ${BODY_FONT};
  font-size: 10.5pt;
  line-height: 1.45;
  font-kerning: normal;
  font-variant-numeric: oldstyle-nums proportional-nums;
  text-rendering: optimizeLegibility;
  hyphens: manual;
  orphans: 3;
  widows: 3;
}
.note { margin: 0 auto; }

/* Title block */
.title-block { margin: 0 0 18pt; padding: 0 0 10pt; border-bottom: 1.25pt solid #1b1f27; break-inside: avoid; }
.marking-label {
  display: inline-block;
  padding: 2.5pt 6pt 2.25pt;
  font-family: ${HEADING_FONT};
  font-size: 8pt;
  font-weight: 700;
  letter-spacing: 0.06em;
  line-height: 1.1;
  white-space: nowrap;
  border-radius: 1pt;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
.doc-title {
  margin: 0 0 8pt;
  font-family: ${HEADING_FONT};
  font-size: 21pt;
  font-weight: 700;
  line-height: 1.15;
  letter-spacing: -0.015em;
  color: #11151c;
  font-variant-numeric: lining-nums;
}
.doc-facts { display: flex; flex-wrap: wrap; gap: 2pt 20pt; margin: 0; font-family: ${HEADING_FONT}; font-size: 8.5pt; line-height: 1.35; }
.doc-facts .fact { display: flex; gap: 5pt; align-items: baseline; }
.doc-facts dt { color: #6a7280; font-size: 7pt; font-weight: 600; letter-spacing: 0.08em; text-transform: uppercase; }
.doc-facts dd { margin: 0; color: #1b1f27; font-weight: 500; }

/* Marking banners (preview and standalone HTML; the PDF has them in the page header and footer) */
.marking-banner { text-align: center; line-height: 1; }
.marking-banner.is-top { margin: 0 0 16pt; }
.marking-banner.is-bottom { margin: 22pt 0 0; }

/* Body text */
.content > :first-child { margin-top: 0; }
p { margin: 0 0 7pt; }
h1, h2, h3, h4 {
  font-family: ${HEADING_FONT};
  color: #11151c;
  font-variant-numeric: lining-nums;
  line-height: 1.25;
  break-after: avoid;
  page-break-after: avoid;
  break-inside: avoid;
}
h1 { margin: 18pt 0 6pt; font-size: 15pt; font-weight: 700; letter-spacing: -0.01em; }
h2 { margin: 16pt 0 5pt; font-size: 12pt; font-weight: 700; letter-spacing: -0.005em; }
h3 { margin: 12pt 0 4pt; font-size: 10.5pt; font-weight: 600; }
h4 { margin: 10pt 0 3pt; font-size: 9.5pt; font-weight: 600; color: #3b4350; text-transform: uppercase; letter-spacing: 0.05em; }
/* Keep a heading with the block after it: Chromium honours break-before on the next sibling too. */
h1 + *, h2 + *, h3 + *, h4 + * { break-before: avoid; page-break-before: avoid; }
strong { font-weight: 700; }
a { color: #1f4e8c; text-decoration: underline; text-decoration-thickness: 0.5pt; text-underline-offset: 1.5pt; }
mark { background: #fff1a8; color: inherit; padding: 0 1pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
code { font-family: ${MONO_FONT}; font-size: 0.86em; background: #f1f3f6; padding: 0.5pt 2.5pt; border-radius: 2pt; }
pre { margin: 0 0 8pt; padding: 6pt 8pt; background: #f4f5f8; border-left: 2pt solid #c7ccd4; font-size: 8.5pt; line-height: 1.4; white-space: pre-wrap; overflow-wrap: anywhere; break-inside: avoid; }
pre code { background: none; padding: 0; font-size: inherit; }
hr { border: 0; border-top: 0.75pt solid #b9bfc8; margin: 14pt 0; }
blockquote { margin: 0 0 8pt; padding: 1pt 0 1pt 11pt; border-left: 2pt solid #c7ccd4; color: #323944; font-style: italic; }
blockquote p:last-child { margin-bottom: 0; }
.citation { color: #28456e; white-space: nowrap; font-style: normal; }
/* Author-date labels can be long ("(Ministry of …, 2025)"): they wrap like text, numbers never do. */
.style-author-date .citation { white-space: normal; }
.note-ref { font-size: 0.68em; line-height: 0; vertical-align: super; white-space: nowrap; }
.note-ref a { color: inherit; text-decoration: none; }
.notes { margin: 4pt 0 0; font-size: 9pt; line-height: 1.4; }
.notes-heading { margin-top: 18pt; }
.notes-list { list-style: none; margin: 0; padding: 0; }
.note-entry { display: flex; gap: 5pt; margin: 0 0 4pt; overflow-wrap: anywhere; break-inside: avoid; }
.note-entry .entry-number { flex: 0 0 16pt; text-align: right; color: #4a5260; font-variant-numeric: lining-nums tabular-nums; }
.note-entry .entry-number a { color: inherit; text-decoration: none; }
.note-entry .entry-text { flex: 1 1 auto; min-width: 0; }

/* Lists */
ul, ol { margin: 0 0 8pt; padding-left: 17pt; }
li { margin: 0 0 2.5pt; }
li > p, .task-body > p { margin: 0 0 2.5pt; }
li > ul, li > ol { margin: 2pt 0 3pt; }
ul { list-style-type: disc; }
ul ul { list-style-type: circle; }
ol { list-style-type: decimal; }
li::marker { color: #4a5260; }
ul.task-list { list-style: none; padding-left: 2pt; }
.task-item { display: flex; align-items: flex-start; gap: 7pt; }
.task-box {
  flex: 0 0 auto;
  position: relative;
  width: 8.5pt;
  height: 8.5pt;
  margin-top: 3.4pt;
  border: 0.9pt solid #4a5260;
  border-radius: 1.5pt;
  background: #ffffff;
}
.task-box.is-checked { background: #2b3440; border-color: #2b3440; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.task-box.is-checked::after {
  content: '';
  position: absolute;
  left: 2.4pt;
  top: 0.6pt;
  width: 2.2pt;
  height: 4.4pt;
  border: solid #ffffff;
  border-width: 0 1.1pt 1.1pt 0;
  transform: rotate(45deg);
}
.task-body { flex: 1 1 auto; min-width: 0; }
.task-item.is-checked .task-body { color: #5b6370; text-decoration: line-through; text-decoration-color: #9aa1ab; }

/* Tables */
table {
  width: 100%;
  margin: 4pt 0 10pt;
  border-collapse: collapse;
  font-family: ${HEADING_FONT};
  font-size: 8.5pt;
  line-height: 1.35;
  font-variant-numeric: tabular-nums lining-nums;
}
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { padding: 4pt 6pt; border-bottom: 0.5pt solid #c9ced6; vertical-align: top; text-align: left; }
thead th { border-bottom: 1pt solid #1b1f27; font-weight: 600; color: #11151c; background: #f1f3f6; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
tbody th { font-weight: 600; }
th > p, td > p { margin: 0; }
th > p + p, td > p + p { margin-top: 3pt; }
td .citation, th .citation { color: #28456e; }

/* Sources */
.sources { margin: 4pt 0 0; font-size: 9pt; line-height: 1.4; }
.sources-heading { margin-top: 18pt; }
.sources-list { list-style: none; margin: 0; padding: 0; }
.sources-entry { margin: 0 0 4pt; overflow-wrap: anywhere; break-inside: avoid; }
.sources-list.is-numbered .sources-entry { display: flex; gap: 5pt; }
.sources-list.is-numbered .entry-number { flex: 0 0 16pt; text-align: right; color: #4a5260; font-variant-numeric: lining-nums tabular-nums; }
.sources-list.is-numbered .entry-text { flex: 1 1 auto; min-width: 0; }
.sources-list.is-author-date .sources-entry { padding-left: 16pt; text-indent: -16pt; }
.sources a { text-decoration-color: #9fb3cf; }
${purpose === 'pdf' ? '' : screenCss(size.width, margins)}
`;
}

/** On screen (preview, opened HTML file): the page as a sheet. */
function screenCss(width: string, margins: { top: string; right: string; bottom: string; left: string }): string {
  return `
@media screen {
  html { background: #e9ecf0; }
  body { padding: 24px 12px; background: #e9ecf0; }
  .note {
    max-width: ${width};
    padding: ${margins.top} ${margins.right} ${margins.bottom} ${margins.left};
    background: #ffffff;
    box-shadow: 0 1px 3px rgba(17, 21, 28, 0.12), 0 4px 16px rgba(17, 21, 28, 0.08);
  }
}
`;
}
