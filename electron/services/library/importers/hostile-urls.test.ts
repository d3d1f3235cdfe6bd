import { describe, expect, it } from 'vitest';
import { parseImport } from './index';
import { ResultBuilder } from './result-builder';
import { utf8 } from './test-support';
import type { ParseResult } from './types';

/**
 * Issue 10 §5: a link that is not http, https or mailto is dropped when a file is read (with a
 * warning naming the field), in every importer that reads links — never stored to be disarmed later.
 */

const HOSTILE = [
  'javascript:alert(1)',
  ' JAVASCRIPT:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'blob:https://example.org/0b1c',
  'https://example.org/\u202Egnp.exe',
];

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const csvCell = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** One file per importer that reads links, with `url` as the only link. */
const FILES: { format: string; name: string; make: (url: string) => string }[] = [
  {
    format: 'RSS 2.0',
    name: 'feed.xml',
    make: (url) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk feed</title><item><title>Item one</title><link>${xml(url)}</link><description>Body text</description></item></channel></rss>`,
  },
  {
    format: 'Atom',
    name: 'feed.atom',
    make: (url) => `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk feed</title><entry><title>Entry one</title><link rel="alternate" href="${xml(url)}"/><summary>Body text</summary></entry></feed>`,
  },
  { format: 'CSL-JSON', name: 'items.json', make: (url) => JSON.stringify([{ id: 'a', type: 'webpage', title: 'Item one', URL: url }]) },
  {
    format: 'saved HTML page',
    name: 'page.html',
    make: (url) => `<!doctype html><html><head><title>Page one</title><link rel="canonical" href="${xml(url)}"></head><body><article><h1>Page one</h1><p>${'A paragraph of article text. '.repeat(20)}</p></article></body></html>`,
  },
  {
    format: 'our CSV',
    name: 'events.csv',
    make: (url) => `id,date,summary,source_title,source_url\nx1,2025-06-09,Talks in London,Item one,${csvCell(url)}\n`,
  },
  {
    format: 'our JSON',
    name: 'events.json',
    make: (url) => JSON.stringify({ briefingDesk: 'events', version: 1, sources: [{ id: 's1', title: 'Item one', url }], events: [{ id: 'e1', date: '2025-06-09', summary: 'Talks', sources: ['s1'] }] }),
  },
];

const cases = FILES.flatMap((file) => HOSTILE.map((url) => ({ ...file, url })));

function linksOf(result: ParseResult): (string | null)[] {
  return result.sources.flatMap((source) => [source.url, source.canonicalUrl]);
}

describe('links that are not http, https or mailto are dropped on import', () => {
  it.each(cases)('$format: $url', ({ name, make, url }) => {
    const result = parseImport(utf8(make(url)), name);
    expect(result.sources).toHaveLength(1);
    expect(result.sources[0]!.title).toMatch(/one/i);
    expect(linksOf(result)).toEqual([null, null]);
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(/was dropped: /);
  });

  it.each(FILES)('$format keeps an https link as given', ({ name, make }) => {
    const result = parseImport(utf8(make('https://example.org/news/1')), name);
    expect(result.sources[0]!.url).toBe('https://example.org/news/1');
    expect(result.warnings.map((w) => w.message).join('\n')).not.toMatch(/dropped/);
  });

  it('decodes XML character references before the check (&#106;avascript: is javascript:)', () => {
    const feed = '<rss version="2.0"><channel><title>F</title><item><title>One</title><link>&#106;avascript:alert(1)</link></item></channel></rss>';
    const result = parseImport(utf8(feed), 'feed.xml');
    expect(linksOf(result)).toEqual([null, null]);
    expect(result.warnings.map((w) => w.message)).toContain('Item 1: link "javascript:alert(1)" was dropped: "javascript:" links are not allowed (only http, https and mailto)');
  });

  it('resolves a relative feed link against the feed’s own link instead of storing it relative', () => {
    const feed = '<rss version="2.0"><channel><title>F</title><link>https://example.org/news/</link><item><title>One</title><link>/news/1?utm_source=rss</link></item></channel></rss>';
    const result = parseImport(utf8(feed), 'feed.xml');
    expect(result.sources[0]).toMatchObject({ url: 'https://example.org/news/1?utm_source=rss', canonicalUrl: 'https://example.org/news/1' });
  });

  it('names the line of our CSV and JSON where a link was dropped', () => {
    const csv = parseImport(utf8(FILES[4]!.make('javascript:alert(1)')), 'events.csv');
    expect(csv.warnings).toContainEqual({ line: 2, message: 'source_url "javascript:alert(1)" was dropped: "javascript:" links are not allowed (only http, https and mailto)' });
    const json = parseImport(utf8(JSON.stringify({ briefingDesk: 'events', version: 1, sources: [{ id: 's1', title: 'A', url: 'data:,x' }], events: [] }, null, 2)), 'events.json');
    expect(json.warnings).toContainEqual({ line: 8, message: 'sources[0].url "data:,x" was dropped: "data:" links are not allowed (only http, https and mailto)' });
  });

  it('skips a CSL item whose only identification was a refused URL', () => {
    const result = parseImport(utf8(JSON.stringify([{ id: 'a', URL: 'javascript:alert(1)' }])), 'items.json');
    expect(result.sources).toHaveLength(0);
    expect(result.rejected).toBe(1);
  });

  it('the result builder drops a bad link that an importer let through (GDELT, ACLED and any future importer)', () => {
    const out = new ResultBuilder();
    out.addSource({ key: 'k', title: 'T', publisher: '', authors: [], published: null, url: 'javascript:alert(1)', canonicalUrl: null, language: null, text: '', excerpt: '', grade: null, tags: [] }, false);
    const result = out.build('rss', null);
    expect(linksOf(result)).toEqual([null, null]);
    expect(result.warnings[0]!.message).toMatch(/dropped/);
  });
});
