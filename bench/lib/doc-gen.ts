import type { DocNode } from '../../core/index';

const SENTENCES = [
  'China’s commerce ministry placed seven medium and heavy rare earths under export licensing on 4 April 2025.',
  'Magnet makers in Europe and the United States reported that licence applications were taking weeks to process.',
  'US and Chinese negotiators met in London on 9 and 10 June to repair the truce agreed in Geneva in May.',
  'Treasury Secretary Scott Bessent said the talks were productive but that details remained to be settled.',
  'Analysts expect Beijing to keep the licensing regime as leverage even if approvals accelerate.',
  'Several automakers warned that production lines could stop within weeks without new magnet supplies.',
  'Prices for dysprosium oxide outside China rose sharply while domestic Chinese prices stayed flat.',
  'The commerce ministry said it would approve compliant applications in accordance with the law.',
];

/** A realistic briefing-note body of about `words` words: headings, paragraphs and lists. */
export function generateDoc(words: number): DocNode {
  const content: DocNode[] = [];
  let count = 0;
  let section = 0;
  while (count < words) {
    section += 1;
    content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `Section ${section}: rare-earth export controls` }] });
    count += 5;
    for (let p = 0; p < 4 && count < words; p += 1) {
      const text = Array.from({ length: 4 }, (_, i) => SENTENCES[(section + p + i) % SENTENCES.length]).join(' ');
      content.push({ type: 'paragraph', content: [{ type: 'text', text }] });
      count += text.split(/\s+/).length;
    }
    content.push({
      type: 'bulletList',
      content: [0, 1].map((i) => ({
        type: 'listItem',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: SENTENCES[(section + i) % SENTENCES.length]! }] }],
      })),
    });
    count += 30;
  }
  return { type: 'doc', content };
}
