import { describe, expect, it } from 'vitest';
import type { DocNode } from '../domain/note';
import { validateDoc } from './schema';

const p = (text: string): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const linkedParagraph = (href: string | null): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text: 'the report', marks: [{ type: 'link', attrs: { href } }] }] });
const linked = (href: string | null): DocNode => ({ type: 'doc', content: [p('See'), linkedParagraph(href)] });

describe('validateDoc', () => {
  const cases: { name: string; doc: DocNode; ok: boolean; reason?: RegExp }[] = [
    { name: 'a plain paragraph', doc: { type: 'doc', content: [p('Hello')] }, ok: true },
    { name: 'guidance paragraph', doc: { type: 'doc', content: [{ type: 'paragraph', attrs: { guidance: 'Say it' } }] }, ok: true },
    { name: 'sources section', doc: { type: 'doc', content: [p('x'), { type: 'sourcesSection' }] }, ok: true },
    { name: 'unknown node type', doc: { type: 'doc', content: [{ type: 'marquee' }] }, ok: false, reason: /marquee/ },
    { name: 'text directly in doc', doc: { type: 'doc', content: [{ type: 'text', text: 'x' }] }, ok: false },
    { name: 'heading level 5', doc: { type: 'doc', content: [{ type: 'heading', attrs: { level: 5 }, content: [{ type: 'text', text: 'x' }] }] }, ok: false, reason: /level 5/ },
    { name: 'https link', doc: linked('https://example.org/a'), ok: true },
    { name: 'mailto link', doc: linked('mailto:desk@example.org'), ok: true },
    { name: 'javascript: link', doc: linked('javascript:alert(1)'), ok: false, reason: /"javascript:" links are not allowed/ },
    { name: 'upper-case JAVASCRIPT: link with a leading space', doc: linked(' JAVASCRIPT:alert(1)'), ok: false, reason: /not allowed/ },
    { name: 'java<TAB>script: link', doc: linked('java\tscript:alert(1)'), ok: false, reason: /control/ },
    { name: 'entity-encoded javascript: link', doc: linked('&#106;avascript:alert(1)'), ok: false, reason: /not an absolute link/ },
    { name: 'data: link', doc: linked('data:text/html,<script>alert(1)</script>'), ok: false, reason: /"data:"/ },
    { name: 'vbscript: link', doc: linked('vbscript:msgbox'), ok: false, reason: /"vbscript:"/ },
    { name: 'file: link', doc: linked('file:///etc/passwd'), ok: false, reason: /"file:"/ },
    { name: 'relative link', doc: linked('/notes/x'), ok: false, reason: /absolute/ },
    { name: 'link without href', doc: linked(null), ok: false },
    { name: 'bad link inside a table cell', doc: { type: 'doc', content: [{ type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [linkedParagraph('data:,x')] }] }] }] }, ok: false, reason: /"data:"/ },
    { name: 'unknown mark', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'blink' }] }] }] }, ok: false, reason: /blink/ },
  ];
  it.each(cases)('$name', ({ doc, ok, reason }) => {
    // One assertion per row: the verdict, and the reason where the row names one.
    expect(validateDoc(doc)).toMatchObject({ ok, ...(reason ? { reason: expect.stringMatching(reason) } : {}) });
  });
});
