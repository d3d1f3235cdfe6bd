import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { explainXmlDtdError } from '../domain/xml-errors';
import { ANALYST_CSL } from './styles/analyst';
import { APA_CSL } from './styles/apa';
import { CHICAGO_SHORTENED_NOTES_CSL } from './styles/chicago-shortened-notes-bibliography';
import { BUILTIN_STYLES, CSL_LANG, type CitationStyleInfo, type CitationStyleKind, FALLBACK_STYLE_ID, isBuiltinStyle } from './style-catalog';
import { EN_US_LOCALE } from './styles/locale-en-us';

// The catalog has no engine behind it, so the renderer can read it without loading citation-js.
export { BUILTIN_STYLES, CSL_LANG, type CitationStyleInfo, type CitationStyleKind, FALLBACK_STYLE_ID, isBuiltinStyle } from './style-catalog';

/** A style as the engine knows it. */
export interface RegisteredStyle extends CitationStyleInfo {
  /** The name under which citation-js holds the XML (its engine cache is keyed by it). */
  template: string;
  builtIn: boolean;
}

interface CslConfig {
  styles: { add(name: string, xml: string): unknown; delete(name: string): unknown; has(name: string): boolean };
  locales: { add(name: string, xml: string): unknown };
}

const registry = new Map<string, RegisteredStyle>();
let generation = 0;
let initialised = false;

function cslConfig(): CslConfig {
  return plugins.config.get('@csl') as unknown as CslConfig;
}

/**
 * Registers the shipped locale and the built-in styles with citation-js, once. Vancouver and
 * Harvard are the copies bundled with @citation-js/plugin-csl; APA, Chicago and the analyst style
 * are XML shipped in this folder.
 */
export function ensureCitationStyles(): void {
  if (initialised) return;
  initialised = true;
  const config = cslConfig();
  config.locales.add(CSL_LANG, EN_US_LOCALE);
  config.styles.add('bd-apa', APA_CSL);
  config.styles.add('bd-chicago', CHICAGO_SHORTENED_NOTES_CSL);
  config.styles.add('bd-analyst', ANALYST_CSL);
  const templates: Record<string, string> = {
    numeric: 'vancouver',
    chicago: 'bd-chicago',
    apa: 'bd-apa',
    harvard: 'harvard1',
    analyst: 'bd-analyst',
  };
  for (const info of BUILTIN_STYLES) {
    registry.set(info.id, { ...info, template: templates[info.id] ?? 'vancouver', builtIn: true });
  }
}

/**
 * Registers an added .csl style under an id (validate it first with `validateCslStyle`). Registering
 * an id again replaces its XML: each registration gets a fresh engine name, because citation-js
 * caches engines by name and would otherwise keep formatting with the old XML.
 */
export function registerStyle(id: string, xml: string): void {
  ensureCitationStyles();
  if (isBuiltinStyle(id)) throw new Error(`"${id}" is a built-in style id; choose another id for an added style`);
  const facts = readStyleFacts(xml);
  const previous = registry.get(id);
  generation += 1;
  const template = `bd-custom-${generation}`;
  cslConfig().styles.add(template, xml);
  registry.set(id, {
    id,
    name: facts.ok ? facts.name : id,
    kind: facts.ok ? facts.kind : 'author-date',
    template,
    builtIn: false,
  });
  if (previous && !previous.builtIn) cslConfig().styles.delete(previous.template);
}

/** Forgets an added style (built-ins stay). */
export function unregisterStyle(id: string): void {
  const previous = registry.get(id);
  if (!previous || previous.builtIn) return;
  registry.delete(id);
  cslConfig().styles.delete(previous.template);
}

/** The registered style for an id, falling back to the numeric style for unknown ids. */
export function resolveStyle(id: string | null | undefined): RegisteredStyle {
  ensureCitationStyles();
  const found = id ? registry.get(id) : undefined;
  return found ?? (registry.get(FALLBACK_STYLE_ID) as RegisteredStyle);
}

/** All registered styles: built-ins first, then added ones in registration order. */
export function listStyles(): CitationStyleInfo[] {
  ensureCitationStyles();
  return [...registry.values()].map(({ id, name, kind }) => ({ id, name, kind }));
}

/** Result of checking a .csl file. */
export type CslCheck = { ok: true; name: string; kind: CitationStyleKind } | { ok: false; reason: string };

type XmlObject = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  isArray: (name) => name === 'category' || name === 'link',
});

const asObject = (value: unknown): XmlObject | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as XmlObject) : null;

const textOf = (value: unknown): string => {
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
  const object = asObject(value);
  return object ? textOf(object['#text']) : '';
};

/** Structure checks that need no engine: XML, root, sections, name and kind. */
function readStyleFacts(xml: string): CslCheck {
  if (xml.trim() === '') return { ok: false, reason: 'The file is empty; choose a .csl style file.' };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    return { ok: false, reason: `The file is not well-formed XML (line ${line}, column ${col}: ${msg}). Open it in a text editor or download the style again.` };
  }
  let parsed: XmlObject;
  try {
    parsed = parser.parse(xml) as XmlObject;
  } catch (error) {
    // XXE and entity limits: say which line declares the entity, like every other XML error here.
    const dtd = explainXmlDtdError(xml, error, 'The style');
    if (dtd) return { ok: false, reason: `${dtd.message} (line ${dtd.line}, column ${dtd.column})` };
    return { ok: false, reason: `The file could not be read as XML: ${error instanceof Error ? error.message : String(error)}` };
  }
  const rootName = Object.keys(parsed).find((key) => key !== '?xml' && key !== '#comment' && !key.startsWith('?'));
  if (rootName === 'locale') return { ok: false, reason: 'This is a CSL locale file, not a style; choose a .csl style file.' };
  if (rootName !== 'style') {
    return { ok: false, reason: `This is not a CSL style: the root element is <${rootName ?? 'none'}>, a .csl file starts with <style>.` };
  }
  const style = asObject(parsed.style) ?? {};
  const info = asObject(style.info) ?? {};
  const name = textOf(info.title) || 'Untitled style';
  const links = Array.isArray(info.link) ? (info.link as unknown[]) : [];
  const parent = links.map(asObject).find((link) => link?.['@_rel'] === 'independent-parent');
  if (parent && !('citation' in style)) {
    return {
      ok: false,
      reason: `"${name}" is a dependent style that only points to its parent (${String(parent['@_href'])}); add the parent style's .csl file instead.`,
    };
  }
  const version = String(style['@_version'] ?? '');
  if (!version.startsWith('1.')) {
    return { ok: false, reason: `"${name}" is a CSL ${version || 'pre-1.0'} style; Briefing Desk needs CSL 1.0 (update the file from the CSL styles repository).` };
  }
  if (!('citation' in style)) return { ok: false, reason: `"${name}" has no <citation> section, so it cannot cite in the text.` };
  if (!('bibliography' in style)) {
    return { ok: false, reason: `"${name}" has no <bibliography> section, so it cannot produce the Sources list; choose a style with a bibliography.` };
  }
  return { ok: true, name, kind: kindOf(style) };
}

function kindOf(style: XmlObject): CitationStyleKind {
  const info = asObject(style.info) ?? {};
  const categories = Array.isArray(info.category) ? (info.category as unknown[]) : [];
  const format = categories.map(asObject).find((category) => category?.['@_citation-format'])?.['@_citation-format'];
  if (format === 'numeric' || format === 'label') return 'numeric';
  if (format === 'note') return 'note';
  if (format === 'author-date' || format === 'author') return 'author-date';
  return style['@_class'] === 'note' ? 'note' : 'author-date';
}

/** A realistic item every style should be able to format. */
const SAMPLE_ITEM = {
  id: 'sample',
  type: 'article-newspaper',
  title: 'Trump and Xi hold call on trade and rare-earth exports',
  'container-title': 'Reuters',
  author: [{ given: 'Andrea', family: 'Shalal' }],
  issued: { 'date-parts': [[2025, 6, 5]] },
  URL: 'https://www.reuters.com/world/example',
  annote: 'B2',
};

/**
 * Checks an analyst's .csl file before it is added: well-formed XML, a <style> root, CSL 1.0,
 * <citation> and <bibliography> sections, and that citation-js can format a sample source with it.
 * Reasons say what is wrong and what to do.
 */
export function validateCslStyle(xml: string): CslCheck {
  const facts = readStyleFacts(xml);
  if (!facts.ok) return facts;
  ensureCitationStyles();
  generation += 1;
  const template = `bd-validate-${generation}`;
  const config = cslConfig();
  config.styles.add(template, xml);
  try {
    const cite = new Cite([SAMPLE_ITEM]);
    const bibliography = String(cite.format('bibliography', { format: 'text', style: template, lang: CSL_LANG, entry: 'sample', citationsPre: [], citationsPost: [] }));
    const citation = String(cite.format('citation', { format: 'text', style: template, lang: CSL_LANG, entry: 'sample', citationsPre: [], citationsPost: [] }));
    if (bibliography.trim() === '' && citation.trim() === '') {
      return { ok: false, reason: `"${facts.name}" formats a sample source as empty text; the style is probably incomplete.` };
    }
    return facts;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `"${facts.name}" could not format a sample source (${message}); the style has an error — try the original file from the CSL styles repository.` };
  } finally {
    config.styles.delete(template);
  }
}
