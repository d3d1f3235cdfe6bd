import { describe, expect, it } from 'vitest';
import { parseImport } from './index';
import { readReal, utf8 } from './test-support';
import { ImportParseError } from './types';

describe('CSL-JSON', () => {
  const result = parseImport(readReal('csl-items.json'), 'zotero.json');

  it('reads the 5 items with precision from date-parts', () => {
    expect(result.format).toBe('csl');
    expect(result.sources).toHaveLength(5);
    expect(result.sources.map((s) => s.published)).toEqual([
      { date: '2012-01-01', precision: 'year' },
      { date: '2019-04-10', precision: 'day' },
      { date: '2025-10-01', precision: 'month' },
      { date: '2007-01-01', precision: 'year' },
      { date: '2001-08-30', precision: 'day' },
    ]);
  });

  it('maps title, container-title or publisher, authors, URL, language and abstract', () => {
    expect(result.sources[0]).toMatchObject({
      title: 'CSL search by example',
      publisher: 'Citation style editor',
      url: 'https://editor.citationstyles.org/searchByExample/',
      key: 'https://editor.citationstyles.org/searchByExample/',
      language: 'en',
    });
    const roadmap = result.sources[1]!;
    expect(roadmap.authors[0]).toBe('Martin Fenner');
    expect(roadmap.text.startsWith('This article presents a practical roadmap')).toBe(true);
    expect(roadmap.excerpt.length).toBeLessThanOrEqual(281);
    expect(result.sources[3]!.publisher).toBe('Oxford University Press');
  });

  it('builds a doi.org URL from a DOI when there is no URL', () => {
    const parsed = parseImport(utf8(JSON.stringify([{ id: 'x', type: 'article-journal', title: 'On things', DOI: '10.1000/XYZ123', issued: { 'date-parts': [[2020, 5]] } }])), 'x.json');
    expect(parsed.sources[0]).toMatchObject({ url: 'https://doi.org/10.1000/XYZ123', published: { date: '2020-05-01', precision: 'month' } });
  });

  it('names the item of a wrong value', () => {
    let error: unknown;
    try {
      parseImport(utf8('[\n {"id": "a", "type": "book", "title": "A"},\n {"id": "b", "type": "book", "title": 42}\n]'), 'x.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportParseError);
    expect((error as ImportParseError).message).toMatch(/^\[1\]\.title: /);
    expect((error as ImportParseError).line).toBe(3);
  });
});
