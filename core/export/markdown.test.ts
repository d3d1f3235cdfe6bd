import { describe, expect, it } from 'vitest';
import type { DocNode, NoteMeta } from '../domain/note';
import { validateDoc } from '../editor/schema';
import { SAMPLE_SNAPSHOTS, sampleCitation, sampleExportNote } from './export-fixtures';
import { buildExportModel } from './export-model';
import { escapeMarkdown, renderMarkdown } from './markdown';

const text = (value: string, marks?: DocNode['marks']): DocNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const p = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content });

/** `storable: false` for a body that notes:save refuses today (a javascript: link) but an older note may hold: export must still disarm it. */
function markdownOf(content: DocNode[] | null, options: { styleId?: string; meta?: Partial<NoteMeta>; storable?: boolean } = {}): string {
  const note = sampleExportNote(options.meta);
  if (content) note.content = { type: 'doc', content };
  expect(validateDoc(note.content).ok).toBe(options.storable ?? true);
  return renderMarkdown(buildExportModel(note, { styleId: options.styleId ?? 'numeric' }));
}

/** Footnote references and definitions outside code. */
function footnotes(markdown: string): { refs: Set<string>; defs: string[] } {
  const defs = Array.from(markdown.matchAll(/^\[\^([^\]]+)\]:/gm), (match) => match[1] as string);
  const withoutDefs = markdown.replace(/^\[\^[^\]]+\]:/gm, '');
  const refs = new Set(Array.from(withoutDefs.matchAll(/(?<!\\)\[\^([^\]]+)\]/g), (match) => match[1] as string));
  return { refs, defs };
}

/** The front matter as key → value, each value read as the JSON (= YAML double-quoted) string it is. */
function frontMatter(markdown: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  expect(match).not.toBeNull();
  const result: Record<string, unknown> = {};
  let listKey: string | null = null;
  for (const line of (match?.[1] ?? '').split('\n')) {
    const item = /^ {2}- (".*")$/.exec(line);
    if (item && listKey) {
      (result[listKey] as string[]).push(JSON.parse(item[1] as string) as string);
      continue;
    }
    const pair = /^([a-z_]+):(?: (.*))?$/.exec(line);
    expect(pair, line).not.toBeNull();
    const key = pair?.[1] as string;
    const value = pair?.[2] ?? '';
    if (value === '') {
      listKey = key;
      result[key] = [];
    } else result[key] = value === '[]' ? [] : (JSON.parse(value) as unknown);
  }
  return result;
}

describe('renderMarkdown', () => {
  // Building citeproc's engine for a style takes seconds on a loaded machine: these get time for it.
  it.each(['numeric', 'apa', 'chicago', 'analyst'])('resolves every footnote reference to a definition (%s)', { timeout: 60_000 }, (styleId) => {
    const markdown = markdownOf(null, { styleId });
    const { refs, defs } = footnotes(markdown);
    // Per source in numeric and author-date styles; per citation (note) in a note style.
    const expected = styleId === 'chicago' ? buildExportModel(sampleExportNote(), { styleId }).notes.map((note) => String(note.number)) : ['1', '2', '3', '4'];
    expect([...refs].sort((a, b) => Number(a) - Number(b))).toEqual(expected);
    expect(defs).toEqual(expected);
    expect(new Set(defs).size).toBe(defs.length);
  });

  it('cites one reference per source by its number, locators after them', () => {
    const markdown = markdownOf(null);
    expect(markdown).toContain('on 5 June [^2][^3], in which');
    expect(markdown).toContain('that contain them [^4] (para. 2).');
  });

  it('writes the sources as definitions without their own number, URLs as autolinks', () => {
    const markdown = markdownOf(null);
    expect(markdown).toContain('[^1]: Rare Earths Dominate U.S.-China Talks');
    expect(markdown).toContain(`<${SAMPLE_SNAPSHOTS['src-mofcom-notice'].url}>`);
    const apa = markdownOf(null, { styleId: 'apa' });
    expect(apa).toContain('[^2]: Shalal, A., & Hunnicutt, T. (2025, June 5).');
  });

  it('gives a definition for a source without snapshot', () => {
    const markdown = markdownOf([p(text('x '), { type: 'citation', attrs: { sourceIds: ['src-gone'], locator: null, snapshots: {} } }), { type: 'sourcesSection' }]);
    expect(markdown).toContain('x [^1]');
    expect(markdown).toContain('[^1]: Source unavailable (src-gone)');
  });

  it('writes the metadata as YAML front matter, quoted safely', () => {
    const title = 'Talks: "yes" # no\nsecond\u2028line';
    const markdown = markdownOf(null, { meta: { title, author: 'O’Neil, A.', tags: ['a: b', '- c'] } });
    expect(frontMatter(markdown)).toEqual({
      title,
      author: 'O’Neil, A.',
      date: '2025-06-10',
      status: 'In review',
      marking: 'TLP:AMBER',
      tags: ['a: b', '- c'],
      citation_style: 'Numeric [1] (Vancouver)',
    });
    expect(markdown).not.toContain('\u2028');
  });

  it('puts the marking at the top and the bottom', () => {
    const markdown = markdownOf(null, { meta: { marking: 'TLP:RED' } });
    const afterFront = markdown.slice(markdown.indexOf('\n---\n') + 5).trim();
    expect(afterFront.startsWith('**TLP:RED**')).toBe(true);
    expect(afterFront.endsWith('**TLP:RED**')).toBe(true);
  });

  it('writes headings, lists, task lists, quotes, rules and emphasis', () => {
    const markdown = markdownOf(null);
    for (const line of [
      '# Rare earths and the London talks',
      '### BLUF',
      '#### Reported effects',
      '- Defence-related end users remain excluded',
      '2. MOFCOM publishing general licences for named civilian sectors.',
      '- [x] Negotiators meet in London (9 June).',
      '- [ ] Joint statement or framework text published.',
      '> “The call was very good … we are in very good shape with China and the trade deal.” [^3]',
      '---',
      '**central bargaining chip**',
      '[Ministry of Commerce](<https://www.mofcom.gov.cn/>)',
    ]) {
      expect(markdown).toContain(line);
    }
    expect(markdown).toMatch(/\*Prepared for the Monday trade desk; next update after the London round\.\*\\\nContact/);
  });

  it('keeps a heading on one line', () => {
    const markdown = markdownOf([{ type: 'heading', attrs: { level: 1 }, content: [text('One'), { type: 'hardBreak' }, text('two')] }, p(text('Body'))]);
    expect(markdown).toContain('\n## One two\n');
  });

  it('writes tables as pipe tables with | escaped', () => {
    const cell = (type: string, content: DocNode[], attrs: Record<string, unknown> = {}): DocNode => ({ type, attrs: { colspan: 1, rowspan: 1, colwidth: null, ...attrs }, content });
    const markdown = markdownOf([
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('tableHeader', [p(text('A|B'))]), cell('tableHeader', [p(text('C'))]), cell('tableHeader', [p(text('D'))])] },
          { type: 'tableRow', content: [cell('tableCell', [p(text('wide'))], { colspan: 2 }), cell('tableCell', [p(text('x'), { type: 'hardBreak' }, text('y')), p(text('z'))])] },
          { type: 'tableRow', content: [cell('tableCell', [p(text('1'))]), cell('tableCell', [p(text('2 '), sampleCitation(['src-reuters-call']))]), cell('tableCell', [p(text('3'))])] },
        ],
      },
      { type: 'sourcesSection' },
    ]);
    expect(markdown).toContain(['| A\\|B | C | D |', '| --- | --- | --- |', '| wide |  | x<br>y<br>z |', '| 1 | 2 [^1] | 3 |'].join('\n'));
  });

  it.each([
    ['*not emphasis*', '\\*not emphasis\\*'],
    ['[not](a link)', '\\[not\\](a link)'],
    ['<b>html</b>', '\\<b\\>html\\</b\\>'],
    ['# not a heading', '\\# not a heading'],
    ['1. not a list', '1\\. not a list'],
    ['- not a list', '\\- not a list'],
    ['> not a quote', '\\> not a quote'],
    ['a_b `c` ~d~ | e', 'a\\_b \\`c\\` \\~d\\~ \\| e'],
    ['&amp; stays text', '\\&amp; stays text'],
    ['AT&T', 'AT&T'],
    ['[^1] is not a footnote', '\\[^1\\] is not a footnote'],
  ])('escapes %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('escapes note text so it cannot forge footnotes or HTML', () => {
    const markdown = markdownOf([p(text('[^9] and <script>alert(1)</script>')), p(text('[^9]: forged'))]);
    const { refs, defs } = footnotes(markdown);
    expect([...refs]).toEqual([]);
    expect(defs).toEqual([]);
    expect(markdown).not.toContain('<script>');
  });

  it('drops unsafe links but keeps their text, and guidance', () => {
    const markdown = markdownOf([
      p(text('click', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }])),
      { type: 'paragraph', attrs: { guidance: 'Say what happened' } },
    ], { storable: false });
    expect(markdown).toContain('click');
    expect(markdown).not.toContain('javascript');
    expect(markdown).not.toContain('Say what happened');
  });
});

describe('renderMarkdown: note styles', () => {
  const heading = (value: string): DocNode => ({ type: 'heading', attrs: { level: 2 }, content: [text(value)] });
  const doc = (withSources: boolean): DocNode[] => [
    p(text('The framework is revocable.'), sampleCitation(['src-reuters-call'])),
    p(text('Exports resumed. '), sampleCitation(['src-rex-london']), text(' Again.'), sampleCitation(['src-reuters-call'])),
    ...(withSources ? [heading('Sources'), { type: 'sourcesSection' }] : []),
  ];

  it('Chicago notes: each citation is a [^n] footnote defined by its note; the Sources section is the bibliography', { timeout: 60_000 }, () => {
    const markdown = markdownOf(doc(true), { styleId: 'chicago' });
    expect(markdown).toContain('The framework is revocable.[^1]');
    expect(markdown).toContain('Exports resumed.[^2] Again.[^3]');
    const { refs, defs } = footnotes(markdown);
    expect([...refs]).toEqual(['1', '2', '3']);
    expect(defs).toEqual(['1', '2', '3']);
    expect(markdown).toContain('[^1]: Shalal and Hunnicutt, “Trump Says He Had a Very Good Call with Xi, Trade Talks in London on Monday.”');
    expect(markdown).toContain('[^2]: Rare Earth Exchanges, “Rare Earths Dominate U.S.-China Talks as Trump-Xi Call Spurs High-Stakes London Negotiations.”');
    // The bibliography sits under the note's own Sources heading, before the footnote definitions.
    const sources = markdown.indexOf('## Sources\n\nRare Earth Exchanges. “Rare Earths Dominate');
    expect(sources).toBeGreaterThan(0);
    expect(markdown.indexOf('\n\nShalal, Andrea, and Trevor Hunnicutt. “Trump Says')).toBeGreaterThan(sources);
    expect(markdown.indexOf('[^1]:')).toBeGreaterThan(sources);
  });

  it('a note without a Sources section gets the bibliography under a Sources heading at the end of the text', () => {
    const markdown = markdownOf(doc(false), { styleId: 'chicago' });
    expect(markdown).toMatch(/## Sources\n\nRare Earth Exchanges\. /);
    expect(footnotes(markdown).defs).toEqual(['1', '2', '3']);
  });
});
