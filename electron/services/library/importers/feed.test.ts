import { describe, expect, it } from 'vitest';
import { parseImport } from './index';
import { readFixture, readReal, utf8 } from './test-support';
import { ImportParseError } from './types';

describe('RSS 2.0 (The Guardian)', () => {
  const result = parseImport(readReal('feed-guardian-rss2.xml'), 'guardian.xml');

  it('yields one Source per item with plain text, authors, dates and categories', () => {
    expect(result.format).toBe('rss');
    expect(result.rows).toBe(55);
    expect(result.sources).toHaveLength(55);
    expect(result.datasetName).toBe('The Guardian');
    const first = result.sources[0]!;
    expect(first).toMatchObject({
      title: 'Trump State of the Union address promised unity but emphasized discord',
      key: 'https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord',
      publisher: 'The Guardian',
      authors: ['David Smith in Washington'],
      published: { date: '2018-01-31', precision: 'day' },
      language: 'en-gb',
    });
    expect(first.tags).toContain('State of the Union address');
    expect(first.text.startsWith('The president’s ‘new American moment’ speech stirred Republican applause')).toBe(true);
    for (const source of result.sources) expect(source.text).not.toMatch(/<[a-z/]|&lt;|&amp;/i);
  });
});

describe('Atom (heise)', () => {
  it('yields 15 entries with alternate links, tracking parameters removed from the key', () => {
    const result = parseImport(readReal('feed-heise-atom.xml'), 'heise.atom');
    expect(result.sources).toHaveLength(15);
    const first = result.sources[0]!;
    expect(first.title).toBe('Java-Anwendungsserver: Red Hat gibt WildFly 10 frei');
    expect(first.url).toMatch(/\?wt_mc=rss\.developer\.beitrag\.atom$/);
    expect(first.canonicalUrl).toBe('http://www.heise.de/developer/meldung/Java-Anwendungsserver-Red-Hat-gibt-WildFly-10-frei-3088438.html');
    expect(first.published).toEqual({ date: '2016-02-01', precision: 'day' });
    expect(first.publisher).toBe('heise developer neueste Meldungen');
    expect(first.text).toContain('Die nun verfügbare Version 10');
  });
});

describe('feed encodings and hostile content', () => {
  const latin1Feed = (declaration: string): Uint8Array =>
    new Uint8Array(
      Buffer.from(
        `${declaration}<rss version="2.0"><channel><title>Zeitung Müller</title>
<item><title>Straße gesperrt, Bürger ärgern sich</title><link>https://example.org/a</link>
<description>&lt;p&gt;Die Straße &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror="alert(2)"&gt;ist zu.&lt;/p&gt;&lt;a href="javascript:alert(3)"&gt;mehr&lt;/a&gt;</description>
<pubDate>Mon, 09 Jun 2025 10:00:00 +0200</pubDate></item>
<item><title>Zweite Meldung</title><link>https://example.org/b</link><pubDate>gestern Abend</pubDate></item>
<item><title>Straße gesperrt, Bürger ärgern sich</title><link>https://example.org/a</link></item>
</channel></rss>`,
        'latin1',
      ),
    );

  it('reads ISO-8859-1 without a declaration as windows-1252, with a warning', () => {
    const result = parseImport(latin1Feed(''), 'feed.xml');
    expect(result.sources[0]!.title).toBe('Straße gesperrt, Bürger ärgern sich');
    expect(result.sources[0]!.publisher).toBe('Zeitung Müller');
    expect(result.warnings[0]!.message).toMatch(/no XML declaration and is not UTF-8/);
  });

  it('honours a declared encoding', () => {
    const result = parseImport(latin1Feed('<?xml version="1.0" encoding="ISO-8859-1"?>\n'), 'feed.xml');
    expect(result.sources[0]!.title).toBe('Straße gesperrt, Bürger ärgern sich');
    expect(result.warnings.some((w) => /XML declaration/.test(w.message))).toBe(false);
  });

  it('keeps hostile HTML as inert text, unknown dates as null with a warning, and counts duplicates', () => {
    const result = parseImport(latin1Feed(''), 'feed.xml');
    expect(result.sources).toHaveLength(2);
    expect(result.duplicates).toBe(1);
    expect(result.sources[0]!.text).toBe('Die Straße ist zu.\n\nmehr');
    expect(result.sources[0]!.published).toEqual({ date: '2025-06-09', precision: 'day' });
    expect(result.sources[1]!.published).toBeNull();
    expect(result.warnings.map((w) => w.message)).toContain('Item 2: date "gestern Abend" not understood (expected RFC 822 or ISO 8601); kept unknown');
  });

  it('throws with line and column on a truncated feed', () => {
    let error: unknown;
    try {
      parseImport(readFixture('feed-broken.xml'), 'feed-broken.xml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportParseError);
    expect((error as ImportParseError).message).toMatch(/ends before <link> in <item> in <channel> in <rss> are closed/);
    expect((error as ImportParseError).line).toBe(11);
  });
});

describe('feeds that other readers accept, and refused DTDs located', () => {
  const guardian = Buffer.from(readReal('feed-guardian-rss2.xml')).toString('utf8');

  function parseError(bytes: Uint8Array): ImportParseError {
    try {
      parseImport(bytes, 'feed.xml');
    } catch (error) {
      if (error instanceof ImportParseError) return error;
      throw error;
    }
    throw new Error('expected an ImportParseError');
  }

  it.each([
    ['two blank lines', '\n\n'],
    ['spaces and CRLF', '  \r\n\t'],
    ['a BOM after a blank line', '\n\ufeff'],
  ])('imports the real Guardian feed with %s before its XML declaration', (_name, lead) => {
    expect(guardian.startsWith('<?xml')).toBe(true);
    const result = parseImport(utf8(`${lead}${guardian}`), 'guardian.xml');
    expect(result.format).toBe('rss');
    expect(result.sources).toHaveLength(55);
    expect(result.datasetName).toBe('The Guardian');
  });

  it('still names the right line after a late XML declaration', () => {
    const error = parseError(utf8('\n\n<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<title>t</title>\n<item><title>x</titl></item>\n</channel></rss>'));
    expect(error.line).toBe(6);
  });

  it.each([
    ['an external entity (XXE)', '<!ENTITY xxe SYSTEM "file:///etc/hostname">', /^The feed declares an external entity \("xxe", SYSTEM\)/],
    ['an oversized entity', `<!ENTITY big "${'b'.repeat(20_000)}">`, /entity "big" with 20000 characters/],
  ])('refuses %s with the line of its declaration', (_name, declaration, message) => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY ok "fine">\n${declaration}\n]>\n<rss version="2.0"><channel><title>t</title><item><title>x</title></item></channel></rss>`;
    const error = parseError(utf8(xml));
    expect(error.message).toMatch(message);
    expect(error.line).toBe(4);
    expect(error.column).toBe(1);
  });

  it('refuses entity expansion beyond the limit at the line of the first use', () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "${'a'.repeat(9000)}">\n]>\n<rss version="2.0"><channel><title>t</title>\n<item><title>${'&a;'.repeat(20)}</title></item></channel></rss>`;
    const error = parseError(utf8(xml));
    expect(error.message).toMatch(/expands its entities to more than 100000 characters/);
    expect(error.line).toBe(6);
  });
  it('refuses elements nested deeper than any feed with the line where it happens', () => {
    // The XML parser said only "Maximum nested tags exceeded", without a line.
    const deep = `${'<div>\n'.repeat(150)}x${'</div>'.repeat(150)}`;
    const xml = `<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>\n<entry><title>x</title><content>${deep}</content></entry></feed>`;
    const error = parseError(utf8(xml));
    expect(error.message).toMatch(/^The feed nests elements more than 100 deep/);
    // feed > entry > content > 98 divs is the 101st level; div k sits on line 2 + k.
    expect(error.line).toBe(2 + 98);
  });
});
