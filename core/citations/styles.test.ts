import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_STYLES, isBuiltinStyle, listStyles, registerStyle, resolveStyle, unregisterStyle, validateCslStyle } from './styles';
import { ANALYST_CSL } from './styles/analyst';
import { APA_CSL } from './styles/apa';
import { CHICAGO_SHORTENED_NOTES_CSL } from './styles/chicago-shortened-notes-bibliography';
import { EN_US_LOCALE } from './styles/locale-en-us';

// The shipped style files, read from disk here (the app reads them at build time, as text imports).
const STYLES = new URL('./styles/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, STYLES), 'utf8');

describe('shipped XML', () => {
  it.each([
    { file: 'apa.csl', text: APA_CSL },
    { file: 'chicago-shortened-notes-bibliography.csl', text: CHICAGO_SHORTENED_NOTES_CSL },
    { file: 'analyst.csl', text: ANALYST_CSL },
    { file: 'locales-en-US.xml', text: EN_US_LOCALE },
  ])('$file ships byte for byte', ({ file, text }) => {
    const bytes = readFileSync(new URL(file, STYLES));
    expect(text.length).toBeGreaterThan(1000);
    expect(Buffer.from(text, 'utf8').equals(bytes)).toBe(true);
  });

  it('each shipped file names its CC BY-SA 3.0 licence', () => {
    for (const text of [APA_CSL, CHICAGO_SHORTENED_NOTES_CSL, ANALYST_CSL, EN_US_LOCALE]) {
      expect(text).toContain('<rights license="http://creativecommons.org/licenses/by-sa/3.0/">');
    }
  });

  it('the en-US locale is a CSL locale for en-US', () => {
    expect(EN_US_LOCALE).toMatch(/<locale [^>]*xml:lang="en-US"/);
  });
});

describe('validateCslStyle', () => {
  const apa = fixture('apa.csl');
  const cases: { name: string; xml: string; ok: boolean; expected: RegExp | { name: string; kind: string } }[] = [
    { name: 'the APA fixture', xml: apa, ok: true, expected: { name: 'APA Style 7th edition', kind: 'author-date' } },
    {
      name: 'the Chicago fixture',
      xml: fixture('chicago-shortened-notes-bibliography.csl'),
      ok: true,
      expected: { name: 'Chicago Manual of Style 18th edition (shortened notes and bibliography)', kind: 'note' },
    },
    { name: 'our analyst style', xml: ANALYST_CSL, ok: true, expected: { name: 'Briefing Desk analyst (numeric, with Admiralty grade)', kind: 'numeric' } },
    { name: 'an empty file', xml: '  \n', ok: false, expected: /empty/ },
    { name: 'broken XML', xml: apa.slice(0, 5000), ok: false, expected: /not well-formed XML \(line \d+, column \d+/ },
    { name: 'not XML at all', xml: '{"title": "APA"}', ok: false, expected: /not well-formed XML/ },
    {
      name: 'an external entity (XXE) on line 3',
      xml: apa.replace(/^(<\?xml[^>]*\?>)\n/, '$1\n<!DOCTYPE style [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'),
      ok: false,
      expected: /^The style declares an external entity \("xxe", SYSTEM\).*\(line 3, column 1\)$/,
    },
    { name: 'another XML document', xml: '<?xml version="1.0"?><rss version="2.0"><channel/></rss>', ok: false, expected: /root element is <rss>/ },
    { name: 'a locale file', xml: EN_US_LOCALE, ok: false, expected: /locale file, not a style/ },
    { name: 'no bibliography', xml: apa.replace(/<bibliography[\s\S]*<\/bibliography>/, ''), ok: false, expected: /no <bibliography> section/ },
    { name: 'no citation', xml: apa.replace(/<citation [\s\S]*<\/citation>/, ''), ok: false, expected: /no <citation> section/ },
    {
      name: 'a dependent style',
      xml: '<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text"><info><title>Nature Reviews X</title><link href="http://www.zotero.org/styles/nature" rel="independent-parent"/></info></style>',
      ok: false,
      expected: /dependent style .*http:\/\/www\.zotero\.org\/styles\/nature/,
    },
    { name: 'a CSL 0.8 style', xml: apa.replace(/(<style [^>]*?)version="1\.0"/, '$1version="0.8"'), ok: false, expected: /CSL 0\.8 style/ },
    {
      name: 'a style the engine cannot run',
      xml: apa.replace(/<layout/g, '<layoutx').replace(/<\/layout>/g, '</layoutx>'),
      ok: false,
      expected: /could not format a sample source \(.*layoutx/,
    },
  ];
  it.each(cases)('$name', ({ xml, ok, expected }) => {
    expect(validateCslStyle(xml)).toEqual(ok ? { ok: true, ...(expected as object) } : { ok: false, reason: expect.stringMatching(expected as RegExp) });
  });
});

describe('registry', () => {
  it('lists the five built-ins with their kinds', () => {
    expect(BUILTIN_STYLES.map((style) => [style.id, style.kind])).toEqual([
      ['numeric', 'numeric'],
      ['chicago', 'note'],
      ['apa', 'author-date'],
      ['harvard', 'author-date'],
      ['analyst', 'numeric'],
    ]);
    expect(listStyles().slice(0, 5)).toEqual(BUILTIN_STYLES);
  });

  it('refuses to replace a built-in id; unknown ids resolve to numeric', () => {
    expect(isBuiltinStyle('apa')).toBe(true);
    expect(() => registerStyle('apa', ANALYST_CSL)).toThrow(/built-in/);
    expect(resolveStyle('nope').id).toBe('numeric');
    expect(resolveStyle(null).id).toBe('numeric');
  });

  it('an added style takes its name and kind from the XML and can be removed', () => {
    registerStyle('chicago-copy', fixture('chicago-shortened-notes-bibliography.csl'));
    expect(resolveStyle('chicago-copy')).toMatchObject({ id: 'chicago-copy', kind: 'note', builtIn: false });
    expect(listStyles().map((style) => style.id)).toContain('chicago-copy');
    unregisterStyle('chicago-copy');
    expect(resolveStyle('chicago-copy').id).toBe('numeric');
  });
});
