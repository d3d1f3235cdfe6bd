import type { DocNode } from '../domain/note';
import type { TemplateField } from '../domain/template';

/** Values for `{{field}}` placeholders. */
export type TemplateValues = Record<TemplateField, string>;

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

/** Replaces `{{field}}` in a string; unknown fields are left as written so a typo stays visible. */
export function fillString(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (whole, field: string) =>
    Object.prototype.hasOwnProperty.call(values, field) ? values[field as TemplateField] : whole,
  );
}

/** Returns a copy of the document with `{{field}}` replaced in every text node and guidance. */
export function fillDoc(node: DocNode, values: TemplateValues): DocNode {
  const copy: DocNode = { ...node };
  if (typeof node.text === 'string') copy.text = fillString(node.text, values);
  if (node.attrs && typeof node.attrs.guidance === 'string') {
    copy.attrs = { ...node.attrs, guidance: fillString(node.attrs.guidance, values) };
  }
  if (node.content) copy.content = node.content.map((child) => fillDoc(child, values));
  return copy;
}

/** Formats an ISO date for a note header in the analyst's locale, e.g. "10 June 2025" in en-GB. */
export function formatNoteDate(isoDate: string, locale: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(year!, (month ?? 1) - 1, day ?? 1));
  try {
    return new Intl.DateTimeFormat(locale || 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  }
}
