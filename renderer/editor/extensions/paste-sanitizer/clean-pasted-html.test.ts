// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { cleanPastedHtml } from './clean-pasted-html';
import { GOOGLE_DOCS_CLIPBOARD, HOSTILE_CLIPBOARD, WORD_CLIPBOARD } from './paste-fixtures';

function parse(html: string): HTMLElement {
  return new DOMParser().parseFromString(html, 'text/html').body;
}

/** Tag structure without text, e.g. "ul>li>p", to compare list shapes. */
function shape(element: Element): string {
  const children = Array.from(element.children).map(shape);
  const name = element.nodeName.toLowerCase();
  return children.length ? `${name}(${children.join(',')})` : name;
}

describe('cleanPastedHtml: Word', () => {
  const body = parse(cleanPastedHtml(WORD_CLIPBOARD));

  it('drops the Office head, style block, conditional comments and <o:p>', () => {
    const html = body.innerHTML;
    expect(html).not.toMatch(/mso-|MsoNormal|o:p|<style|@font-face|supportLists|StartFragment|OfficeDocumentSettings/i);
    expect(body.querySelector('[class], [lang]')).toBeNull();
  });

  it('turns list paragraphs into real nested lists without the marker glyphs', () => {
    const lists = Array.from(body.querySelectorAll(':scope > ul, :scope > ol'));
    expect(lists.map((list) => list.nodeName)).toEqual(['UL', 'OL']);
    expect(shape(lists[0]!)).toBe('ul(li(p,ul(li(p))),li(p))');
    expect(Array.from(lists[0]!.querySelectorAll('p')).map((p) => p.textContent?.trim())).toEqual([
      'Fuel prices up 30%',
      'In Bamako first',
      'Convoys attacked twice',
    ]);
    expect(lists[1]!.textContent).not.toMatch(/1\.|2\./);
    expect(lists[1]!.querySelector('a')?.getAttribute('href')).toBe('https://example.org/talks');
    expect(lists[1]!.querySelector('u')?.textContent).toBe('not');
    expect(body.textContent).not.toMatch(/[·§]/);
  });

  it('keeps headings, including Word heading paragraph styles', () => {
    expect(body.querySelector('h1')?.textContent?.trim()).toBe('Situation in the Sahel');
    expect(body.querySelector('h2')?.textContent?.trim()).toBe('Key developments');
  });

  it('keeps emphasis written as tags or as Word styles', () => {
    expect(body.querySelector('b')?.textContent).toBe('Bottom line:');
    expect(body.querySelector('i')?.textContent).toBe('new');
    expect(body.querySelector('strong')?.textContent).toBe('Bold by style');
    expect(body.querySelector('em')?.textContent).toBe('italic by style');
    expect(body.querySelector('mark')?.textContent).toBe('highlighted');
  });

  it('removes empty spacer paragraphs and keeps the table with its alignment', () => {
    const paragraphs = Array.from(body.querySelectorAll(':scope > p'));
    expect(paragraphs.every((p) => (p.textContent ?? '').replace(/[\s\u00a0]/g, '') !== '')).toBe(true);
    const table = body.querySelector('table');
    expect(table?.querySelectorAll('tr')).toHaveLength(2);
    expect(table?.querySelectorAll('td')).toHaveLength(4);
    expect(table?.getAttribute('border')).toBeNull();
    expect(table?.querySelector('p[style]')?.getAttribute('style')).toBe('text-align: center');
  });
});

describe('cleanPastedHtml: hostile web HTML', () => {
  const cleaned = cleanPastedHtml(HOSTILE_CLIPBOARD);
  const body = parse(cleaned);

  it.each([
    ['script', 'script'],
    ['style', 'style'],
    ['iframe', 'iframe'],
    ['object', 'object'],
    ['svg', 'svg'],
    ['math', 'math'],
    ['img', 'img'],
    ['form', 'form'],
    ['input', 'input'],
  ])('removes <%s>', (_label, selector) => {
    expect(body.querySelector(selector)).toBeNull();
  });

  it('removes every event handler, class, id, style and unknown attribute', () => {
    expect(cleaned).not.toMatch(/\son\w+=/i);
    expect(cleaned).not.toMatch(/alert/);
    for (const element of Array.from(body.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) {
        expect(['href'], `${element.nodeName} ${attribute.name}`).toContain(attribute.name);
      }
    }
  });

  it('keeps http(s) and mailto links and drops javascript:, data: and obfuscated schemes', () => {
    const hrefs = Array.from(body.querySelectorAll('a[href]')).map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://example.com/ok', 'mailto:desk@example.org']);
    expect(body.textContent).toContain('bad link');
  });

  it('keeps the text and headings of the page', () => {
    expect(body.querySelector('h2')?.textContent).toBe('Report');
    expect(body.textContent).toContain('Clickable div');
    expect(body.textContent).toContain('Plain');
    expect(body.textContent).not.toContain('color: red');
  });
});

describe('cleanPastedHtml: small cases', () => {
  it.each([
    ['empty input', '   ', ''],
    ['plain paragraph', '<p>Hello</p>', '<p>Hello</p>'],
    ['Google Docs non-bold wrapper is unwrapped', GOOGLE_DOCS_CLIPBOARD, '<p><span-less><strong>Strong</strong> and <em>slanted</em></p>'],
    ['font-weight 700 span becomes strong', '<p><span style="font-weight:700">x</span></p>', '<p><strong>x</strong></p>'],
    ['text-align kept on paragraphs only', '<p style="text-align:right;color:red">x</p><td style="text-align:right">y</td>', '<p style="text-align: right">x</p>y'],
    ['bad alignment dropped', '<p style="text-align:expression(alert(1))">x</p>', '<p>x</p>'],
    ['task list markup of our own editor survives', '<ul data-type="taskList"><li data-type="taskItem" data-checked="true"><p>Done</p></li></ul>', '<ul data-type="taskList"><li data-type="taskItem" data-checked="true"><p>Done</p></li></ul>'],
    ['unknown data-type dropped', '<p data-type="evil">x</p>', '<p>x</p>'],
    ['numeric colspan only', '<table><tbody><tr><td colspan="2" rowspan="x">a</td></tr></tbody></table>', '<table><tbody><tr><td colspan="2">a</td></tr></tbody></table>'],
    ['relative link loses its href', '<a href="/local">x</a>', '<a>x</a>'],
  ])('%s', (_label, input, expected) => {
    const output = cleanPastedHtml(input).replace(/\s*\n\s*/g, '');
    expect(output).toBe(expected.replace('<span-less>', ''));
  });

  it('numbers a Word list from its first marker', () => {
    const html = `<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>3.<span>&nbsp;</span></span>Third</p>`;
    expect(cleanPastedHtml(html)).toBe('<ol start="3"><li><p>Third</p></li></ol>');
  });

  it('keeps an indented Word list paragraph without numbering as a paragraph', () => {
    const html = `<p class=MsoListParagraph>Indented note</p>`;
    expect(cleanPastedHtml(html)).toBe('<p>Indented note</p>');
  });
});
