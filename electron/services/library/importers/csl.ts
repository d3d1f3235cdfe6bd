import { z } from 'zod';
import type { FuzzyDate } from '../../../../core/domain/library';
import { fuzzyDateFromParts, parseFuzzyDate } from './dates';
import { htmlToText } from './html-text';
import { arrayElementLines, lineColumnAt, locateJsonPath } from './json-locate';
import { ResultBuilder } from './result-builder';
import { canonicalizeUrl, decodeBytes, makeExcerpt, oneLine, publisherFromUrl, sourceKey } from './text';
import { sourceUrlOf } from './url-field';
import { ImportParseError, type ParseOptions, type ParseResult } from './types';

/** CSL-JSON (Zotero's "CSL JSON" export): an array of items, each a Source. */

const NameSchema = z.object({ family: z.string().optional(), given: z.string().optional(), literal: z.string().optional() }).passthrough();
const DateSchema = z
  .object({
    'date-parts': z.array(z.array(z.union([z.number(), z.string()]))).optional(),
    raw: z.string().optional(),
    literal: z.string().optional(),
  })
  .passthrough();
const ItemSchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    type: z.string().optional(),
    title: z.string().optional(),
    'container-title': z.string().optional(),
    publisher: z.string().optional(),
    author: z.array(NameSchema).optional(),
    editor: z.array(NameSchema).optional(),
    issued: DateSchema.optional(),
    URL: z.string().optional(),
    DOI: z.string().optional(),
    language: z.string().optional(),
    abstract: z.string().optional(),
    keyword: z.string().optional(),
  })
  .passthrough();

/** CSL date → FuzzyDate with the precision of its date-parts ([2012] is a year, [2012, 12] a month). */
function cslDate(date: z.infer<typeof DateSchema> | undefined): FuzzyDate | null {
  if (!date) return null;
  const parts = date['date-parts']?.[0];
  if (parts && parts.length > 0) {
    const [y, m, d] = parts.map((part) => Number(part));
    return fuzzyDateFromParts(y!, m ?? null, d ?? null);
  }
  return parseFuzzyDate(date.raw ?? date.literal ?? null);
}

function nameOf(name: z.infer<typeof NameSchema>): string {
  if (name.literal) return oneLine(name.literal);
  return oneLine([name.given, name.family].filter(Boolean).join(' '));
}

/** Parses a CSL-JSON array (a single item object is accepted too). */
export function parseCsl(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  const text = decodeBytes(bytes).text;
  if (text.trim() === '') throw new ImportParseError('The file is empty');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ImportParseError(`Not valid JSON (${error instanceof Error ? error.message : String(error)}); expected a CSL-JSON array of items`);
  }
  const items = Array.isArray(data) ? data : [data];
  const parsed = z.array(ItemSchema).safeParse(items);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = Array.isArray(data) ? issue.path : issue.path.slice(1);
    const offset = locateJsonPath(text, path);
    const at = offset === null ? { line: null, column: null } : lineColumnAt(text, offset);
    throw new ImportParseError(`${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '')}: ${issue.message}; expected CSL-JSON items`, at.line, at.column);
  }
  const lines = Array.isArray(data) ? arrayElementLines(text, []) : [1];
  const out = new ResultBuilder(options);
  parsed.data.forEach((item, i) => {
    out.tick(() => (i + 1) / parsed.data.length);
    const line = lines[i] ?? null;
    const title = oneLine(htmlToText(item.title ?? ''));
    if (!title && !item.URL && !item.DOI) {
      out.reject(line, `Item ${i + 1} has no title, URL or DOI; skipped`);
      return;
    }
    const doi = item.DOI?.trim().replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:)/i, '');
    const url = sourceUrlOf(item.URL, out, line, `Item ${i + 1}: URL`) ?? (doi ? sourceUrlOf(`https://doi.org/${doi}`, out, line, `Item ${i + 1}: DOI`) : null);
    if (!title && !url) {
      out.reject(line, `Item ${i + 1} has no title and no usable URL or DOI; skipped`);
      return;
    }
    const canonicalUrl = canonicalizeUrl(url);
    const abstract = htmlToText(item.abstract ?? '');
    const published = cslDate(item.issued);
    if (item.issued && !published) out.warn(line, `Item ${i + 1}: issued date not understood; kept unknown`);
    const authors = (item.author ?? item.editor ?? []).map(nameOf).filter(Boolean);
    out.addSource(
      {
        key: sourceKey(canonicalUrl, abstract, '', `${title}\n${authors.join(', ')}`),
        title: title || url || '',
        publisher: oneLine(item['container-title'] ?? '') || oneLine(item.publisher ?? '') || publisherFromUrl(url) || '',
        authors,
        published,
        url,
        canonicalUrl,
        language: item.language?.trim() || null,
        text: abstract,
        excerpt: makeExcerpt(abstract),
        grade: null,
        tags: (item.keyword ?? '').split(/[,;]/).map(oneLine).filter(Boolean),
      },
      true,
    );
  });
  return out.build('csl', null);
}
