import { describe, expect, it } from 'vitest';
import type { DocNode } from '../domain/note';
import { validateDoc } from './schema';

const p = (text: string): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });

describe('validateDoc', () => {
  const cases: { name: string; doc: DocNode; ok: boolean; reason?: RegExp }[] = [
    { name: 'a plain paragraph', doc: { type: 'doc', content: [p('Hello')] }, ok: true },
    { name: 'guidance paragraph', doc: { type: 'doc', content: [{ type: 'paragraph', attrs: { guidance: 'Say it' } }] }, ok: true },
    { name: 'sources section', doc: { type: 'doc', content: [p('x'), { type: 'sourcesSection' }] }, ok: true },
    { name: 'unknown node type', doc: { type: 'doc', content: [{ type: 'marquee' }] }, ok: false, reason: /marquee/ },
    { name: 'text directly in doc', doc: { type: 'doc', content: [{ type: 'text', text: 'x' }] }, ok: false },
    { name: 'heading level 5', doc: { type: 'doc', content: [{ type: 'heading', attrs: { level: 5 }, content: [{ type: 'text', text: 'x' }] }] }, ok: false, reason: /level 5/ },
    { name: 'unknown mark', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'blink' }] }] }] }, ok: false, reason: /blink/ },
  ];
  it.each(cases)('$name', ({ doc, ok, reason }) => {
    const result = validateDoc(doc);
    expect(result.ok).toBe(ok);
    if (!result.ok && reason) expect(result.reason).toMatch(reason);
  });
});
