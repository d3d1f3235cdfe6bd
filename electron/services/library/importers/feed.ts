import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { checkUrl, safeUrl } from '../../../../core/domain/safe-url';
import { explainXmlDtdError } from '../../../../core/domain/xml-errors';
import { parseFuzzyDate } from './dates';
import { htmlToText } from './html-text';
import { ResultBuilder } from './result-builder';
import { canonicalizeUrl, decodeBytes, makeExcerpt, oneLine, publisherFromUrl, sourceKey } from './text';
import { ImportParseError, type ParseOptions, type ParseResult } from './types';
import { sourceUrlOf } from './url-field';

/**
 * RSS 2.0 / RSS 1.0 (RDF) and Atom feeds: each item or entry becomes one Source. Descriptions are
 * HTML (escaped or CDATA); they are turned into plain text, never kept as markup.
 */

type XmlValue = string | number | boolean | XmlNode | XmlValue[] | null | undefined;
interface XmlNode {
  [key: string]: XmlValue;
}

/** The encoding named in an XML declaration (`<?xml version="1.0" encoding="ISO-8859-1"?>`). */
export function declaredXmlEncoding(bytes: Uint8Array): string | null {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 200));
  const m = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head.replace(/^\ufeff|^ï»¿/, ''));
  return m ? m[1]! : null;
}

function asArray(value: XmlValue): XmlValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function isNode(value: XmlValue): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text content of an element that may carry attributes ({ '#text': …, '@_type': … }). */
function textOf(value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return textOf(value[0]);
  if (isNode(value)) return textOf(value['#text']);
  return String(value);
}

/** First non-empty text among several child names. */
function firstText(node: XmlNode, ...names: string[]): string {
  for (const name of names) {
    const text = textOf(node[name]).trim();
    if (text) return text;
  }
  return '';
}

/** An Atom entry's article link: rel="alternate" (or no rel), else the first href. */
function atomLink(node: XmlNode): string {
  const links = asArray(node.link).filter(isNode);
  const alternate = links.find((link) => !link['@_rel'] || link['@_rel'] === 'alternate') ?? links[0];
  return alternate ? textOf(alternate['@_href']).trim() : textOf(node.link).trim();
}

/**
 * XML character references ("&#106;", "&#x6A;") as the characters they stand for. They are plain
 * XML, but the parser decodes only named entities unless told to read HTML ones too; a link must be
 * checked as what a reader will follow, so "&#106;avascript:" is checked as "javascript:".
 */
function decodeCharacterReferences(text: string): string {
  return text.replace(/&#(?:x([0-9a-f]{1,6})|([0-9]{1,7}));/gi, (match, hex: string | undefined, dec: string | undefined) => {
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : match;
  });
}

/**
 * An item's link by the one URL rule (http, https, mailto; anything else dropped with a warning). A
 * relative link ("/news/1") is resolved against the feed's own http(s) link first, as feed readers do.
 */
function itemUrl(raw: string, feedBase: string | null, out: ResultBuilder, index: number): string | null {
  if (!raw) return null;
  const link = decodeCharacterReferences(raw);
  const checked = checkUrl(link);
  if (!checked.ok && checked.refusal === 'not-absolute' && feedBase) {
    try {
      const resolved = new URL(link.trim(), feedBase).href;
      if (safeUrl(resolved) !== null) return resolved;
    } catch {
      // not resolvable: dropped below with the reason
    }
  }
  return sourceUrlOf(link, out, null, `Item ${index + 1}: link`);
}

/**
 * Blank lines, spaces or a byte order mark before the XML declaration make a strict parser refuse
 * the whole feed ("XML declaration allowed only at the start of the document"); browsers and feed
 * readers accept it. The declaration has done its work (the encoding was read from it), so it is
 * blanked out — replaced by spaces, keeping every later line and column where it was for messages.
 */
export function withoutLateDeclaration(xml: string): string {
  const late = /^([\s\ufeff]+)(<\?xml\b[\s\S]*?\?>)/.exec(xml);
  if (!late) return xml;
  return `${late[1]!.replace(/\ufeff/g, ' ')}${late[2]!.replace(/[^\n]/g, ' ')}${xml.slice(late[0].length)}`;
}

/** Real feeds nest a handful of levels (rss > channel > item > media:group > media:content). */
const MAX_FEED_DEPTH = 100;

/**
 * Line and column of the first element opened deeper than `limit` (the parser says only that the
 * limit was passed). A plain tag scan: the XML was validated already, so tags are well formed.
 */
function tooDeepAt(xml: string, limit: number): { line: number | null; column: number | null } {
  const tag = /<(\/?)([A-Za-z_][^\s/>]*)[^>]*?(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][^>]*>/g;
  let depth = 0;
  for (let match = tag.exec(xml); match; match = tag.exec(xml)) {
    if (!match[2]) continue;
    if (match[1]) depth -= 1;
    else if (!match[3]) depth += 1;
    if (depth > limit) {
      const before = xml.slice(0, match.index);
      const line = before.split('\n').length;
      return { line, column: match.index - before.lastIndexOf('\n') };
    }
  }
  return { line: null, column: null };
}

/** Parses an RSS or Atom feed. */
export function parseFeed(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  const { text: decoded, encoding } = decodeBytes(bytes, declaredXmlEncoding(bytes));
  if (decoded.trim() === '') throw new ImportParseError('The file is empty');
  const xml = withoutLateDeclaration(decoded);
  const out = new ResultBuilder(options);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    // Unclosed elements at the end of the file are reported as a JSON list of tag names at line 1;
    // say what that means (a truncated file) and point at the end.
    const unclosed = /^Invalid '(\[[\s\S]*\])' found/.exec(valid.err.msg);
    if (unclosed) {
      let tags: string[] = [];
      try {
        tags = JSON.parse(unclosed[1]!) as string[];
      } catch {
        // keep the generic message
      }
      const lines = xml.trimEnd().split('\n');
      throw new ImportParseError(
        `The feed is not well-formed XML: the file ends before ${tags.map((tag) => `<${tag}>`).reverse().join(' in ') || 'all elements'} ${tags.length > 1 ? 'are' : 'is'} closed (truncated?); expected a complete RSS 2.0 or Atom feed`,
        lines.length,
        (lines.at(-1)?.length ?? 0) + 1,
      );
    }
    throw new ImportParseError(`The feed is not well-formed XML (${valid.err.msg}); expected an RSS 2.0 or Atom feed`, valid.err.line, valid.err.col);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    maxNestedTags: MAX_FEED_DEPTH,
    isArray: (name) => name === 'item' || name === 'entry' || name === 'category' || name === 'link' || name === 'author' || name === 'dc:creator',
  });
  let doc: XmlNode;
  try {
    doc = parser.parse(xml) as XmlNode;
  } catch (error) {
    // XXE, parameter entities and entity limits are refused by the parser without a position;
    // they get one here, like every other import error.
    const dtd = explainXmlDtdError(xml, error, 'The feed');
    if (dtd) throw new ImportParseError(dtd.message, dtd.line, dtd.column);
    if (error instanceof Error && /Maximum nested tags/.test(error.message)) {
      const where = tooDeepAt(xml, MAX_FEED_DEPTH);
      throw new ImportParseError(`The feed nests elements more than ${MAX_FEED_DEPTH} deep, which no RSS or Atom feed does; the file is damaged or not a feed`, where.line, where.column);
    }
    throw new ImportParseError(`The feed could not be read as XML (${error instanceof Error ? error.message : String(error)}); expected an RSS 2.0 or Atom feed`);
  }
  const rss = doc.rss;
  const rdf = doc['rdf:RDF'];
  const atom = doc.feed;

  let feedTitle = '';
  let feedLink = '';
  let feedLanguage: string | null = null;
  let items: XmlNode[] = [];
  let isAtom = false;
  if (isNode(rss) && isNode(rss.channel)) {
    const channel = rss.channel;
    feedTitle = firstText(channel, 'title');
    feedLink = textOf(asArray(channel.link).find((link) => typeof link === 'string') ?? channel.link);
    feedLanguage = firstText(channel, 'language', 'dc:language') || null;
    items = asArray(channel.item).filter(isNode);
  } else if (isNode(rdf)) {
    const channel = isNode(rdf.channel) ? rdf.channel : {};
    feedTitle = firstText(channel, 'title');
    feedLink = firstText(channel, 'link');
    feedLanguage = firstText(channel, 'dc:language') || null;
    items = asArray(rdf.item).filter(isNode);
  } else if (isNode(atom)) {
    isAtom = true;
    feedTitle = htmlToText(firstText(atom, 'title'));
    feedLink = atomLink(atom);
    feedLanguage = textOf(atom['@_xml:lang']) || null;
    items = asArray(atom.entry).filter(isNode);
  } else {
    throw new ImportParseError('No <rss>, <rdf:RDF> or <feed> element at the top; expected an RSS 2.0 or Atom feed', 1, null);
  }
  if (encoding !== 'utf-8' && !declaredXmlEncoding(bytes)) out.warn(null, 'The feed has no XML declaration and is not UTF-8; it was read as windows-1252 (ISO-8859-1)');
  const feedPublisher = oneLine(htmlToText(feedTitle)) || publisherFromUrl(feedLink) || '';
  const feedBase = canonicalizeUrl(safeUrl(feedLink));

  items.forEach((item, i) => {
    out.tick(() => (i + 1) / items.length);
    const title = oneLine(htmlToText(firstText(item, 'title')));
    let link = isAtom ? atomLink(item) : firstText(item, 'link');
    const guid = item.guid;
    if (!link && guid && textOf(guid).startsWith('http') && !(isNode(guid) && guid['@_isPermaLink'] === 'false')) link = textOf(guid);
    const url = itemUrl(link, feedBase, out, i);
    const canonicalUrl = canonicalizeUrl(url);
    const body = isAtom ? firstText(item, 'content', 'summary') : firstText(item, 'content:encoded', 'description');
    const summaryHtml = isAtom ? firstText(item, 'summary', 'content') : firstText(item, 'description', 'content:encoded');
    const text = htmlToText(body);
    const authors = isAtom
      ? asArray(item.author).filter(isNode).map((author) => oneLine(textOf(author.name)))
      : [...asArray(item['dc:creator']).map((creator) => oneLine(textOf(creator))), ...asArray(item.author).map((author) => oneLine(textOf(author)))];
    const rawDate = isAtom ? firstText(item, 'published', 'updated') : firstText(item, 'pubDate', 'dc:date', 'published', 'updated');
    const published = parseFuzzyDate(rawDate);
    if (rawDate && !published) out.warn(null, `Item ${i + 1}: date "${rawDate.slice(0, 60)}" not understood (expected RFC 822 or ISO 8601); kept unknown`);
    if (!title && !text) {
      out.reject(null, `Item ${i + 1} has neither a title nor any text; skipped`);
      return;
    }
    // A dropped link has its own warning (sourceUrlOf); say "no usable link" only once.
    if (!canonicalUrl && (url || !link)) out.warn(null, `Item ${i + 1} has no usable link`);
    const itemSource = firstText(item, 'source');
    out.addSource(
      {
        key: sourceKey(canonicalUrl, text, '', title),
        title: title || makeExcerpt(text, 80),
        publisher: oneLine(itemSource) || feedPublisher,
        authors: [...new Set(authors.filter(Boolean))],
        published,
        url,
        canonicalUrl,
        language: feedLanguage,
        text,
        excerpt: makeExcerpt(htmlToText(summaryHtml) || text),
        grade: null,
        tags: [...new Set(asArray(item.category).map((category) => oneLine(isNode(category) && category['@_term'] ? textOf(category['@_term']) : textOf(category))).filter(Boolean))],
      },
      true,
    );
  });
  return out.build('rss', feedPublisher || null);
}
