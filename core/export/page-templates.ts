import { PAGE_MARGINS } from './export-css';
import type { ExportModel } from './export-model';
import { escapeHtml } from './html';

const FONT = "Inter, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";

/**
 * Chromium renders the templates in a document of their own, at a tiny default font size and
 * without background colours unless asked: every box sets its font size and keeps colours exact.
 * Left and right padding match the page margins so the lines sit over the text column.
 */
function frame(fontCss: string, inner: string, align: 'top' | 'bottom'): string {
  const { left, right } = PAGE_MARGINS.a4;
  const style = [
    'box-sizing:border-box',
    'width:100%',
    `padding:${align === 'top' ? '9mm' : '0'} ${right} ${align === 'bottom' ? '9mm' : '0'} ${left}`,
    `font-family:${FONT}`,
    'font-size:8pt',
    'line-height:1.2',
    'color:#4a5260',
    '-webkit-print-color-adjust:exact',
    'print-color-adjust:exact',
  ].join(';');
  const fonts = fontCss ? `<style>${fontCss}</style>` : '';
  return `${fonts}<div style="${style}">${inner}</div>`;
}

function markingChip(model: ExportModel): string {
  const { label, color, background } = model.marking;
  const safe = (value: string): string => (/^#[0-9a-fA-F]{3,8}$/.test(value) ? value : '#000000');
  const style = [
    'display:inline-block',
    'padding:1.5pt 5pt 1.25pt',
    `color:${safe(color)}`,
    `background:${safe(background)}`,
    'font-size:7.5pt',
    'font-weight:700',
    'letter-spacing:0.06em',
    'white-space:nowrap',
    '-webkit-print-color-adjust:exact',
    'print-color-adjust:exact',
  ].join(';');
  return `<span style="${style}">${escapeHtml(label)}</span>`;
}

/**
 * Chromium header/footer templates (page.pdf / webContents.printToPDF): header = marking centred;
 * footer = note title (left), marking (centre), "Page <span class=pageNumber></span> of <span
 * class=totalPages></span>" (right). Inline styles only; fontCss included so they use the shipped fonts.
 */
export function pageTemplates(model: ExportModel, fontCss: string): { headerTemplate: string; footerTemplate: string } {
  const title = escapeHtml(model.meta.title.trim() || 'Untitled note');
  const header = `<div style="text-align:center">${markingChip(model)}</div>`;
  const cell = (align: string, width: string, inner: string): string =>
    `<div style="flex:0 0 ${width};min-width:0;text-align:${align};overflow:hidden;text-overflow:ellipsis;white-space:nowrap">${inner}</div>`;
  const footer = [
    '<div style="display:flex;align-items:center;gap:4mm">',
    cell('left', '38%', title),
    `<div style="flex:1 1 auto;text-align:center">${markingChip(model)}</div>`,
    cell('right', '38%', 'Page <span class="pageNumber"></span> of <span class="totalPages"></span>'),
    '</div>',
  ].join('');
  return { headerTemplate: frame(fontCss, header, 'top'), footerTemplate: frame(fontCss, footer, 'bottom') };
}
