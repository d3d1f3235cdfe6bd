import { describe, expect, it } from 'vitest';
import type { DocNode } from '../domain/note';
import { countWords, docText, excerptOf } from './doc-text';
import { fillDoc, fillString, formatNoteDate } from './template-fill';

describe('docText', () => {
  it('puts each block on its own line and skips guidance-only blocks', () => {
    const doc: DocNode = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'BLUF' }] },
        { type: 'paragraph', attrs: { guidance: 'Bottom line first' } },
        { type: 'paragraph', content: [{ type: 'text', text: 'China ' }, { type: 'text', text: 'licenses', marks: [{ type: 'bold' }] }, { type: 'text', text: ' exports.' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Dysprosium' }] }] }] },
      ],
    };
    expect(docText(doc)).toBe('BLUF\nChina licenses exports.\nDysprosium');
  });
});

describe('countWords', () => {
  it.each([
    ['', 0],
    ['US–China talks in London', 4],
    ["China's rare-earth controls", 3],
    ['145% tariffs, 9-10 June', 4],
    ['中国 稀土', 2],
  ])('%s → %i', (text, n) => {
    expect(countWords(text)).toBe(n);
  });
});

describe('excerptOf', () => {
  it('cuts at a word boundary with an ellipsis', () => {
    expect(excerptOf('one two three four', 10)).toBe('one two…');
    expect(excerptOf('short', 10)).toBe('short');
  });
});

describe('template fields', () => {
  const values = { title: 'Rare earths', date: '10 June 2025', author: 'A. Analyst', marking: 'TLP:AMBER' };
  it.each([
    ['Situation brief — {{date}}', 'Situation brief — 10 June 2025'],
    ['{{ author }} / {{marking}}', 'A. Analyst / TLP:AMBER'],
    ['{{unknown}} stays', '{{unknown}} stays'],
  ])('fillString(%s)', (input, expected) => {
    expect(fillString(input, values)).toBe(expected);
  });

  it('fills text and guidance without touching the original', () => {
    const doc: DocNode = { type: 'doc', content: [{ type: 'paragraph', attrs: { guidance: 'For {{author}}' }, content: [{ type: 'text', text: '{{title}}' }] }] };
    const filled = fillDoc(doc, values);
    expect(filled.content?.[0]?.attrs?.guidance).toBe('For A. Analyst');
    expect(filled.content?.[0]?.content?.[0]?.text).toBe('Rare earths');
    expect(doc.content?.[0]?.content?.[0]?.text).toBe('{{title}}');
  });

  it.each([
    ['2025-06-10', 'en-GB', '10 June 2025'],
    ['2025-06-10', 'en-US', 'June 10, 2025'],
    ['2025-06-10', 'de-DE', '10. Juni 2025'],
    ['2025-06-10', 'not a locale!!', '10 June 2025'],
  ])('formatNoteDate(%s, %s) = %s', (iso, locale, expected) => {
    expect(formatNoteDate(iso, locale)).toBe(expected);
  });
});
