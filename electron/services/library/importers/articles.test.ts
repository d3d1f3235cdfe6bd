import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withoutStyles } from './html-text';
import { parseImport } from './index';
import { REAL_DIR, readReal, utf8 } from './test-support';

describe('saved HTML article (Readability)', () => {
  const expected = JSON.parse(readFileSync(`${REAL_DIR}article-lemonde-1.expected-metadata.json`, 'utf8')) as { title: string; byline: string; siteName: string; excerpt: string; lang: string };
  const result = parseImport(readReal('article-lemonde-1.html'), 'article-lemonde-1.html');
  const source = result.sources[0]!;

  it('extracts the metadata Readability expects for Le Monde', () => {
    expect(result.format).toBe('html');
    expect(result.sources).toHaveLength(1);
    expect(source.title).toBe(expected.title);
    expect(source.authors).toEqual([expected.byline]);
    expect(source.publisher).toBe(expected.siteName);
    expect(source.language).toBe(expected.lang);
    expect(source.excerpt).toBe(expected.excerpt);
  });

  it('takes the canonical URL as key and the published time from <time itemprop=datePublished>', () => {
    const canonical = 'http://www.lemonde.fr/pixels/article/2015/05/04/que-contient-la-loi-sur-le-renseignement_4627068_4408996.html';
    expect(source.canonicalUrl).toBe(canonical);
    expect(source.key).toBe(canonical);
    expect(source.published).toEqual({ date: '2015-05-04', precision: 'day' });
  });

  it('keeps the article text without navigation, scripts or markup', () => {
    expect(source.text.startsWith('Les députés ont, sans surprise, adopté à une large majorité')).toBe(true);
    expect(source.text).not.toMatch(/<[a-z/]|function\s*\(|var \w+ ?=/i);
    expect(source.text).not.toContain('Abonnez-vous');
    expect(source.text.length).toBeGreaterThan(5000);
  });

  it('turns hostile HTML into inert text, reads meta and JSON-LD metadata', () => {
    const html = `<!doctype html><html lang="en"><head><title>Fallback</title>
      <meta property="og:site_name" content="Example Wire"><link rel="canonical" href="https://example.org/news/talks?utm_source=x#top">
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2025-06-10T08:00:00Z"}</script>
      <script>globalThis.pwned = true</script></head><body><nav>Home | World | Sport</nav><article><h1>Talks resume in London</h1>
      <p>Negotiators met on Monday <img src="x" onerror="globalThis.pwned = true"> to discuss rare earths and export controls, officials said.</p>
      <p>The talks were expected to continue into a second day, with both sides describing the mood as constructive and businesslike.</p>
      <!-- a comment --><p>More text follows here so that Readability sees an article of some length and keeps it as the main content.</p></article></body></html>`;
    const parsed = parseImport(utf8(html), 'page.html').sources[0]!;
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
    expect(parsed.key).toBe('https://example.org/news/talks');
    expect(parsed.publisher).toBe('Example Wire');
    expect(parsed.published).toEqual({ date: '2025-06-10', precision: 'day' });
    expect(parsed.text).toContain('Negotiators met on Monday to discuss rare earths');
    expect(parsed.text).not.toMatch(/pwned|onerror|<|a comment|Home \| World/);
  });
});

describe('plain text and Markdown', () => {
  it('takes the first heading as title and strips Markdown', () => {
    const md = '# Rare earths: the state of play\n\nChina put **seven** rare earths under [export licensing](https://example.org) on 4 April.\n\n- samarium\n- gadolinium\n\n> quoted `code`\n';
    const result = parseImport(utf8(md), 'note.md');
    expect(result.format).toBe('text');
    const source = result.sources[0]!;
    expect(source.title).toBe('Rare earths: the state of play');
    expect(source.text).toBe('China put seven rare earths under export licensing on 4 April.\n\n• samarium\n• gadolinium\n\nquoted code');
    expect(source.key).toMatch(/^hash:[0-9a-f]{64}$/);
  });

  it('uses the first line of a text file as title and reads front matter dates', () => {
    const result = parseImport(utf8('---\ntitle: Desk memo\ndate: 2025-06-11\n---\nBody line one.\nBody line two.\n'), 'memo.txt');
    expect(result.sources[0]).toMatchObject({ title: 'Desk memo', published: { date: '2025-06-11', precision: 'day' }, text: 'Body line one.\nBody line two.' });
    const plain = parseImport(utf8('Headline here\r\n\r\nThe body.'), 'x.txt').sources[0]!;
    expect(plain).toMatchObject({ title: 'Headline here', text: 'The body.' });
  });

  it('reads a windows-1252 text file with a warning', () => {
    const result = parseImport(new Uint8Array(Buffer.from('Café crème\nDéjà vu à Zürich.', 'latin1')), 'x.txt');
    expect(result.sources[0]).toMatchObject({ title: 'Café crème', text: 'Déjà vu à Zürich.' });
    expect(result.warnings[0]!.message).toMatch(/not UTF-8/);
  });
});

describe('pages whose stylesheet makes the DOM library throw', () => {
  // jsdom 27's CSS parser throws "Cannot create property 'border-width' on string 'inherit'" on this rule.
  const BAD_CSS = '<style>.box { border: inherit; border-width: inherit }</style>';

  it('imports the text of a minimal page, with a warning', () => {
    const html = `<!doctype html><html lang="en"><head><title>Port strike</title>${BAD_CSS}<link rel="canonical" href="https://example.org/strike"></head>
      <body><article><h1>Port strike</h1><p style="border: inherit">${'Dock workers walked out on Monday over pay and automation. '.repeat(8)}</p></article></body></html>`;
    const result = parseImport(utf8(html), 'strike.html');
    expect(result.sources).toHaveLength(1);
    expect(result.sources[0]).toMatchObject({ title: 'Port strike', url: 'https://example.org/strike', language: 'en' });
    expect(result.sources[0]!.text).toContain('Dock workers walked out on Monday');
    expect(result.warnings.map((w) => w.message)).toContain(
      "The page's styles could not be read (Cannot create property 'border-width' on string 'inherit'); its text was imported without them",
    );
  });

  it('imports the real Le Monde page with such a stylesheet exactly as without it', () => {
    const page = Buffer.from(readReal('article-lemonde-1.html')).toString('utf8');
    expect(page).toMatch(/<\/head>/i);
    const plain = parseImport(readReal('article-lemonde-1.html'), 'lemonde.html').sources[0]!;
    const styled = parseImport(utf8(page.replace(/<\/head>/i, `${BAD_CSS}</head>`)), 'lemonde.html');
    expect(styled.sources[0]).toEqual(plain);
  });

  it('still refuses a page without readable text, with an import error', () => {
    expect(() => parseImport(utf8(`<html><head>${BAD_CSS}</head><body></body></html>`), 'empty.html')).toThrow(/no readable text/);
  });
});

describe('withoutStyles', () => {
  it.each([
    ['<style>a{}</style><p>x</p>', '<p>x</p>'],
    ['<STYLE type="text/css">\na { color: red }\n</STYLE >text', 'text'],
    ['<p style="border: inherit" class="c">x</p>', '<p class="c">x</p>'],
    ["<p class='c' STYLE='a:b'>x</p>", "<p class='c'>x</p>"],
    ['<p style=color:red>x</p>', '<p>x</p>'],
    ['<p data-style="keep">style="text stays"</p>', '<p data-style="keep">style="text stays"</p>'],
    ['<style>unclosed', ''],
  ])('%j → %j', (html, expected) => {
    expect(withoutStyles(html)).toBe(expected);
  });
});
