// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Paper } from '../domain/export';
import type { DocNode, NoteMeta } from '../domain/note';
import { validateDoc } from '../editor/schema';
import { SAMPLE_SNAPSHOTS, sampleCitation, sampleExportNote } from './export-fixtures';
import { buildExportModel } from './export-model';
import { PAGE_MARGINS, renderExportHtml } from './html';
import { pageTemplates } from './page-templates';

const EVIL = '<img src=x onerror=alert(1)>';
const text = (value: string, marks?: DocNode['marks']): DocNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const p = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content });

/** `storable: false` for a body that notes:save refuses today (a javascript: link) but an older note may hold: export must still disarm it. */
function noteWith(content: DocNode[], meta?: Partial<NoteMeta>, storable = true) {
  const note = sampleExportNote(meta);
  note.content = { type: 'doc', content };
  expect(validateDoc(note.content).ok).toBe(storable);
  return note;
}

function render(note = sampleExportNote(), options: { styleId?: string; paper?: Paper; purpose?: 'pdf' | 'preview' | 'standalone' } = {}): { html: string; dom: Document } {
  const model = buildExportModel(note, { styleId: options.styleId ?? 'numeric' });
  const html = renderExportHtml(model, { paper: options.paper ?? 'a4', fontCss: '', purpose: options.purpose ?? 'pdf' });
  return { html, dom: new DOMParser().parseFromString(html, 'text/html') };
}

/** Every place a document could load something from: only link targets may name a remote URL. */
function expectNoRemoteReferences(html: string, dom: Document): void {
  expect(html).not.toMatch(/<script/i);
  for (const element of Array.from(dom.querySelectorAll('*'))) {
    expect(element.getAttributeNames().filter((name) => name.startsWith('on')), element.tagName).toEqual([]);
  }
  expect(html).not.toMatch(/@import/i);
  expect(html).not.toMatch(/url\(\s*['"]?(?!data:)/i);
  expect(dom.querySelectorAll('script, img, iframe, object, embed, link, video, audio, source, input')).toHaveLength(0);
  expect(dom.querySelectorAll('[src], [srcset], [poster], [background]')).toHaveLength(0);
  for (const anchor of Array.from(dom.querySelectorAll('a'))) expect(anchor.getAttribute('href')).toMatch(/^(https?:\/\/|mailto:)/);
}

describe('renderExportHtml', () => {
  it('renders the title block, the body and the Sources of the sample note', () => {
    const { html, dom } = render();
    expectNoRemoteReferences(html, dom);
    expect(dom.title).toBe('Rare earths and the London talks');
    expect(dom.querySelector('.doc-title')?.textContent).toBe('Rare earths and the London talks');
    const facts = dom.querySelector('.doc-facts')?.textContent ?? '';
    for (const fact of ['10 June 2025', 'J. Analyst', 'In review']) expect(facts).toContain(fact);
    // The PDF's page header and footer carry the marking; the body does not repeat it.
    expect(dom.querySelector('.marking-label')).toBeNull();
    expect(Array.from(dom.querySelectorAll('.content h2'), (h) => h.textContent)).toEqual(['BLUF', 'Situation', 'Assessment', 'Indicators', 'Sources']);
    expect(dom.querySelectorAll('.content ul > li').length).toBeGreaterThanOrEqual(3);
    expect(dom.querySelectorAll('.content ol:not(.sources-list) > li')).toHaveLength(3);
    expect(dom.querySelector('blockquote')?.textContent).toContain('The call was very good');
    expect(dom.querySelector('strong')?.textContent).toBe('central bargaining chip');
    expect(dom.querySelectorAll('hr')).toHaveLength(1);
    expect(dom.querySelectorAll('br').length).toBeGreaterThanOrEqual(1);
    expect(dom.querySelector('a[href="mailto:desk@example.org"]')?.textContent).toBe('the desk');
  });

  it('draws task items as boxes, not inputs', () => {
    const { dom } = render();
    const items = Array.from(dom.querySelectorAll('.task-item'));
    expect(items.map((item) => item.classList.contains('is-checked'))).toEqual([true, false, false]);
    expect(items.every((item) => item.querySelector('.task-box') !== null)).toBe(true);
    expect(dom.querySelectorAll('input')).toHaveLength(0);
  });

  it('puts a first row of header cells in <thead> and keeps spans', () => {
    const cell = (type: string, value: string, attrs: Record<string, unknown> = {}): DocNode => ({ type, attrs: { colspan: 1, rowspan: 1, colwidth: null, ...attrs }, content: [p(text(value))] });
    const note = noteWith([
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('tableHeader', 'A'), cell('tableHeader', 'B'), cell('tableHeader', 'C')] },
          { type: 'tableRow', content: [cell('tableCell', 'wide', { colspan: 2 }), cell('tableCell', 'tall', { rowspan: 2 })] },
          { type: 'tableRow', content: [cell('tableHeader', 'row head'), cell('tableCell', 'x')] },
        ],
      },
      { type: 'table', content: [{ type: 'tableRow', content: [cell('tableCell', 'no head')] }] },
    ]);
    const { dom } = render(note);
    const [withHead, withoutHead] = Array.from(dom.querySelectorAll('table'));
    expect(Array.from(withHead!.querySelectorAll('thead th[scope="col"]'), (th) => th.textContent?.trim())).toEqual(['A', 'B', 'C']);
    expect(withHead!.querySelector('td[colspan="2"]')?.textContent?.trim()).toBe('wide');
    expect(withHead!.querySelector('td[rowspan="2"]')?.textContent?.trim()).toBe('tall');
    expect(withHead!.querySelector('tbody th[scope="row"]')?.textContent?.trim()).toBe('row head');
    expect(withoutHead!.querySelector('thead')).toBeNull();
    expect(withoutHead!.querySelector('tbody td')?.textContent?.trim()).toBe('no head');
  });

  it.each([
    ['numeric', '[4, para. 2]'],
    ['apa', '(Ministry of Commerce of the People’s Republic of China, 2025, para. 2)'],
  ])('shows citations with the editor label (%s)', (styleId, label) => {
    const { dom } = render(sampleExportNote(), { styleId });
    const labels = Array.from(dom.querySelectorAll('.citation'), (span) => span.textContent);
    expect(labels).toContain(label);
    expect(dom.querySelectorAll('sup')).toHaveLength(0);
  });

  it.each([
    ['numeric', 'is-numbered', '1.'],
    ['apa', 'is-author-date', null],
  ])('renders the Sources list where the section is, URLs clickable (%s)', (styleId, kind, firstNumber) => {
    const { dom } = render(sampleExportNote(), { styleId });
    const lists = dom.querySelectorAll('.sources-list');
    expect(lists).toHaveLength(1);
    expect(lists[0]!.classList.contains(kind)).toBe(true);
    expect(dom.querySelectorAll('.sources-entry')).toHaveLength(4);
    expect(dom.querySelector('.sources-entry .entry-number')?.textContent ?? null).toBe(firstNumber);
    for (const snapshot of Object.values(SAMPLE_SNAPSHOTS)) {
      expect(dom.querySelector(`.sources a[href="${snapshot.url}"]`), snapshot.url ?? '').not.toBeNull();
    }
    // The Sources heading of the template is followed by the list, not by a second heading.
    expect(dom.querySelectorAll('.sources-heading')).toHaveLength(0);
  });

  it('appends the Sources under a heading when the note cites but has no Sources section', () => {
    const note = noteWith([p(text('Claim '), sampleCitation(['src-reuters-call']))]);
    const { dom } = render(note);
    expect(dom.querySelector('.sources-heading')?.textContent).toBe('Sources');
    expect(dom.querySelectorAll('.sources-entry')).toHaveLength(1);
  });

  it('shows no Sources for a note without citations', () => {
    const { dom } = render(noteWith([p(text('No sources.')), { type: 'sourcesSection' }]));
    expect(dom.querySelector('.sources')).toBeNull();
  });

  it('drops guidance placeholders', () => {
    const note = noteWith([
      { type: 'heading', attrs: { level: 2 }, content: [text('BLUF')] },
      { type: 'paragraph', attrs: { guidance: 'Bottom line up front: the one sentence' } },
      { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: false }, content: [{ type: 'paragraph', attrs: { guidance: 'An observable sign' } }] }] },
      p(text('Talks resume.')),
    ]);
    const { html, dom } = render(note);
    expect(html).not.toContain('Bottom line up front');
    expect(html).not.toContain('An observable sign');
    expect(html).not.toContain('guidance');
    expect(dom.querySelectorAll('.content p')).toHaveLength(1);
  });

  it('escapes every piece of note and source text', () => {
    const snapshot = { ...SAMPLE_SNAPSHOTS['src-reuters-call'], title: EVIL, publisher: '"><script>alert(1)</script>' };
    const note = noteWith(
      [
        { type: 'heading', attrs: { level: 2 }, content: [text(EVIL)] },
        p(text(EVIL, [{ type: 'bold' }]), { type: 'citation', attrs: { sourceIds: ['src-evil'], locator: { label: 'page', value: '<b>4</b>' }, snapshots: { 'src-evil': snapshot } } }),
        p(text('bad link', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]), text(' and '), text('quote', [{ type: 'link', attrs: { href: 'https://example.org/"onmouseover="alert(1)' } }])),
        { type: 'codeBlock', content: [text('</code><script>alert(1)</script>')] },
        { type: 'sourcesSection' },
      ],
      { title: EVIL, author: EVIL, marking: `SECRET ${EVIL}` },
      false,
    );
    const { html, dom } = render(note, { purpose: 'standalone' });
    expectNoRemoteReferences(html, dom);
    expect(dom.querySelectorAll('img, script')).toHaveLength(0);
    expect(dom.title).toBe(EVIL);
    expect(dom.querySelector('.doc-title')?.textContent).toBe(EVIL);
    expect(dom.querySelector('.content h2')?.textContent).toBe(EVIL);
    expect(dom.querySelector('.sources-entry')?.textContent).toContain(EVIL);
    expect(dom.querySelector('.citation')?.textContent).toBe('[1, p. <b>4</b>]');
    expect(dom.querySelector('pre code')?.textContent).toBe('</code><script>alert(1)</script>');
    expect(html).not.toContain('javascript:');
    expect(dom.body.textContent).toContain('bad link');
    expect(dom.querySelector('a[href^="https://example.org/"]')?.getAttributeNames()).toEqual(['href']);
    expect(dom.querySelectorAll('.marking-banner .marking-label')[0]?.textContent).toBe(`SECRET ${EVIL}`.toUpperCase());
  });

  it('keeps text alignment and inline marks', () => {
    const note = noteWith([
      { type: 'paragraph', attrs: { textAlign: 'center' }, content: [text('centred')] },
      { type: 'paragraph', attrs: { textAlign: 'left;color:red' }, content: [text('bad align')] },
      p(text('u', [{ type: 'underline' }]), text('s', [{ type: 'strike' }]), text('c', [{ type: 'code' }]), text('h', [{ type: 'highlight' }]), text('i', [{ type: 'italic' }, { type: 'bold' }])),
    ]);
    const { dom } = render(note);
    const [centred, bad] = Array.from(dom.querySelectorAll('.content p'));
    expect(centred!.getAttribute('style')).toBe('text-align:center');
    expect(bad!.getAttribute('style')).toBeNull();
    for (const [selector, value] of [['u', 'u'], ['s', 's'], ['code', 'c'], ['mark', 'h'], ['em > strong', 'i']]) {
      expect(dom.querySelector(`.content ${selector}`)?.textContent, selector).toBe(value);
    }
  });

  it.each<[Paper, string]>([
    ['a4', 'size: A4'],
    ['letter', 'size: letter'],
  ])('prints on %s with the print rules', (paper, size) => {
    const { html } = render(sampleExportNote(), { paper });
    const margins = PAGE_MARGINS[paper];
    expect(html).toContain(`@page { ${size}; margin: ${margins.top} ${margins.right} ${margins.bottom} ${margins.left}; }`);
    for (const rule of ['break-after: avoid', 'tr { break-inside: avoid', 'thead { display: table-header-group', 'orphans: 3', 'widows: 3', 'print-color-adjust: exact']) {
      expect(html).toContain(rule);
    }
    expect(html).toMatch(/font-family: 'Source Serif 4'/);
    expect(html).toMatch(/font-family: Inter/);
  });

  it.each([
    ['pdf', 0],
    ['preview', 2],
    ['standalone', 2],
  ] as const)('draws %s marking banners: %i', (purpose, banners) => {
    const { dom } = render(sampleExportNote({ marking: 'TLP:RED' }), { purpose });
    const found = Array.from(dom.querySelectorAll('.marking-banner .marking-label'));
    expect(found).toHaveLength(banners);
    for (const label of found) expect(label.getAttribute('style')).toBe('color:#FF2B2B;background:#000000');
  });

  it('includes the font CSS it is given', () => {
    const model = buildExportModel(sampleExportNote(), { styleId: 'numeric' });
    const fontCss = "@font-face { font-family: 'Inter'; src: url(data:font/woff2;base64,AAAA) format('woff2'); }";
    expect(renderExportHtml(model, { paper: 'a4', fontCss, purpose: 'pdf' })).toContain(fontCss);
  });
});

describe('pageTemplates', () => {
  it('puts the marking in the header and title, marking and page numbers in the footer', () => {
    const model = buildExportModel(sampleExportNote({ title: `Talks & ${EVIL}` }), { styleId: 'numeric' });
    const { headerTemplate, footerTemplate } = pageTemplates(model, '');
    for (const template of [headerTemplate, footerTemplate]) {
      const dom = new DOMParser().parseFromString(template, 'text/html');
      expect(dom.querySelectorAll('script, img')).toHaveLength(0);
      expect(template).toMatch(/font-size:\d+(\.\d+)?pt/);
      expect(template).toContain('-webkit-print-color-adjust:exact');
      expect(template).toContain(`${PAGE_MARGINS.a4.left}`);
      expect(dom.body.textContent).toContain('TLP:AMBER');
      expect(template).toContain('background:#000000');
    }
    const footer = new DOMParser().parseFromString(footerTemplate, 'text/html');
    expect(footer.querySelector('.pageNumber')).not.toBeNull();
    expect(footer.querySelector('.totalPages')).not.toBeNull();
    expect(footer.body.textContent).toContain(`Talks & ${EVIL}`);
    expect(footer.body.textContent).toMatch(/Page\s+of/);
  });

  it('includes the font CSS once per template', () => {
    const model = buildExportModel(sampleExportNote(), { styleId: 'numeric' });
    const { headerTemplate, footerTemplate } = pageTemplates(model, '@font-face{font-family:Inter}');
    expect(headerTemplate.split('@font-face')).toHaveLength(2);
    expect(footerTemplate.split('@font-face')).toHaveLength(2);
  });
});

describe('renderExportHtml: citations in note styles and the no-break join', () => {
  const heading = (value: string): DocNode => ({ type: 'heading', attrs: { level: 2 }, content: [text(value)] });
  const noteDoc = (): DocNode[] => [
    p(text('The framework is revocable.'), sampleCitation(['src-reuters-call'])),
    p(text('Exports resumed '), sampleCitation(['src-rex-london']), text(' and again.'), sampleCitation(['src-reuters-call'])),
    heading('Sources'),
    { type: 'sourcesSection' },
  ];

  // Building citeproc's engine for a style takes seconds on a loaded machine: these get time for it.
  it('Chicago notes: superscript note numbers link to a Notes section placed before the Sources heading', { timeout: 60_000 }, () => {
    const { dom } = render(noteWith(noteDoc()), { styleId: 'chicago' });
    const refs = Array.from(dom.querySelectorAll('sup.note-ref'));
    expect(refs.map((ref) => ref.textContent)).toEqual(['1', '2', '3']);
    expect(refs[0]?.querySelector('a')?.getAttribute('href')).toBe('#note-1');
    const notes = Array.from(dom.querySelectorAll('.notes-list .note-entry'));
    expect(notes.map((note) => note.textContent)).toEqual([
      '1.Shalal and Hunnicutt, “Trump Says He Had a Very Good Call with Xi, Trade Talks in London on Monday.”',
      '2.Rare Earth Exchanges, “Rare Earths Dominate U.S.-China Talks as Trump-Xi Call Spurs High-Stakes London Negotiations.”',
      '3.Shalal and Hunnicutt, “Trump Says He Had a Very Good Call with Xi, Trade Talks in London on Monday.”',
    ]);
    expect(notes[0]?.id).toBe('note-1');
    // Order in the document: … Notes heading, notes, Sources heading, the bibliography (unnumbered).
    const headings = Array.from(dom.querySelectorAll('main h2')).map((h) => h.textContent);
    expect(headings).toEqual(['Notes', 'Sources']);
    expect(dom.querySelector('.notes')?.compareDocumentPosition(dom.querySelector('.sources') as Element)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    expect(dom.querySelector('.sources-list')?.classList.contains('is-numbered')).toBe(false);
    expect(Array.from(dom.querySelectorAll('.sources-entry')).map((entry) => entry.textContent)).toEqual([
      'Rare Earth Exchanges. “Rare Earths Dominate U.S.-China Talks as Trump-Xi Call Spurs High-Stakes London Negotiations.” June 10, 2025. https://rareearthexchanges.com/news/rare-earths-dominate.',
      'Shalal, Andrea, and Trevor Hunnicutt. “Trump Says He Had a Very Good Call with Xi, Trade Talks in London on Monday.” Reuters, June 5, 2025. https://www.reuters.com/world/china/trump-xi-call-2025-06-05/.',
    ]);
  });

  it('a note without a Sources section gets its Notes, then the Sources, at the end', () => {
    const { dom } = render(noteWith(noteDoc().slice(0, 2)), { styleId: 'chicago' });
    expect(Array.from(dom.querySelectorAll('main h2')).map((h) => h.textContent)).toEqual(['Notes', 'Sources']);
  });

  it.each(['numeric', 'apa', 'chicago'])('%s: the word before a citation and the citation are joined (no break between them)', { timeout: 60_000 }, (styleId) => {
    const { html } = render(noteWith(noteDoc()), { styleId });
    // "revocable." touches the citation: a word joiner; "resumed " had a space: a no-break space.
    expect(html).toMatch(/revocable\.\u2060<(span|sup) class="citation/);
    // A note number follows its word directly ("resumed¹"); other styles keep the space, unbreakable.
    expect(html).toMatch(styleId === 'chicago' ? /resumed\u2060<sup class="citation/ : /resumed\u00a0<(span|sup) class="citation/);
    expect(html).not.toMatch(/revocable\.<|resumed </);
  });
});
