import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PdfDocumentInfo, pdfDate, pdfString, withDocumentInfo } from './pdf-metadata';

const run = promisify(execFile);

const INFO: PdfDocumentInfo = {
  title: 'Rare earths — the London talks (Ü, 稀土)',
  author: 'J. Analyst',
  subject: 'TLP:AMBER+STRICT',
  keywords: ['china', 'rare earths', 'trade'],
  creator: 'Briefing Desk 1.2.3',
  now: new Date('2025-06-10T14:30:00Z'),
};

/** A two-page PDF with a link, as a printer might write it: classic xref table, or an xref stream. */
async function printedPdf(objectStreams: boolean): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  document.setTitle('from the page');
  document.setCreator('Mozilla/5.0 HeadlessChrome/156.0.0.0');
  document.setProducer('Skia/PDF m156');
  document.setCreationDate(new Date('2025-06-09T08:00:00Z'));
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const line of ['First page text', 'Second page text']) document.addPage([595, 842]).drawText(line, { x: 50, y: 780, size: 12, font });
  return document.save({ useObjectStreams: objectStreams });
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bd-pdf-meta-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** pdfinfo's fields (poppler follows the xref chain, so a broken update shows as errors or old values). */
async function pdfInfoFields(bytes: Uint8Array, name: string): Promise<{ fields: Record<string, string>; stderr: string; text: string }> {
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, bytes);
  const { stdout, stderr } = await run('pdfinfo', ['-isodates', file]);
  const fields = Object.fromEntries(stdout.split('\n').map((line) => /^([A-Za-z ]+):\s+(.*)$/.exec(line)).filter((match) => match !== null).map((match) => [match[1]!, match[2]!]));
  const text = (await run('pdftotext', [file, '-'])).stdout;
  return { fields, stderr, text };
}

describe('withDocumentInfo', () => {
  it.each([
    { kind: 'a classic xref table (as Chromium writes), updated incrementally', objectStreams: false, incremental: true },
    { kind: 'an xref stream, rewritten through pdf-lib', objectStreams: true, incremental: false },
  ])('writes Title, Author, Subject, Keywords and Creator into $kind', async ({ objectStreams, incremental }) => {
    const printed = await printedPdf(objectStreams);
    const out = await withDocumentInfo(printed, INFO);
    // An incremental update leaves every byte the printer wrote where it was.
    expect(Buffer.from(out.subarray(0, printed.byteLength)).equals(Buffer.from(printed))).toBe(incremental);
    const { fields, stderr, text } = await pdfInfoFields(out, `out-${objectStreams}`);
    expect(stderr).toBe('');
    expect(fields).toMatchObject({
      Title: INFO.title,
      Author: 'J. Analyst',
      Subject: 'TLP:AMBER+STRICT',
      Keywords: 'china, rare earths, trade',
      Creator: 'Briefing Desk 1.2.3',
      Producer: 'Skia/PDF m156',
      Pages: '2',
    });
    // The printer's creation date is kept.
    expect(fields.CreationDate).toMatch(/^2025-06-09T08:00:00/);
    expect(text).toContain('First page text');
    expect(text).toContain('Second page text');
    // pdf-lib, which parses objects rather than following the xref, reads the same.
    const reread = await PDFDocument.load(out, { updateMetadata: false });
    expect([reread.getTitle(), reread.getAuthor(), reread.getCreator()]).toEqual([INFO.title, 'J. Analyst', 'Briefing Desk 1.2.3']);
  });

  it('leaves out an empty author and keywords, and dates a file that had no date', async () => {
    const document = await PDFDocument.create({ updateMetadata: false });
    document.addPage();
    const printed = await document.save({ useObjectStreams: false });
    const out = await withDocumentInfo(printed, { ...INFO, author: '  ', keywords: [] });
    const { fields, stderr } = await pdfInfoFields(out, 'bare');
    expect(stderr).toBe('');
    expect(fields.Author).toBeUndefined();
    expect(fields.Keywords).toBeUndefined();
    expect(fields.Creator).toBe('Briefing Desk 1.2.3');
    expect(fields.Producer).toBe('Briefing Desk 1.2.3');
    expect(fields.CreationDate).toMatch(/^2025-06-10T14:30:00/);
  });

  it('updates a file that was updated before (the last trailer counts)', async () => {
    const once = await withDocumentInfo(await printedPdf(false), INFO);
    const twice = await withDocumentInfo(once, { ...INFO, title: 'Second title' });
    const { fields, stderr } = await pdfInfoFields(twice, 'twice');
    expect(stderr).toBe('');
    expect(fields.Title).toBe('Second title');
    expect(fields.CreationDate).toMatch(/^2025-06-09T08:00:00/);
  });
});

describe('pdfString', () => {
  it.each([
    ['Plain title', '(Plain title)'],
    ['a (b) c\\d', '(a \\(b\\) c\\\\d)'],
    ['two\nlines', '(two lines)'],
    ['Ü', '<FEFF00DC>'],
    ['—', '<FEFF2014>'],
    ['稀土', '<FEFF7A00571F>'],
    ['', '()'],
  ])('%j → %s', (value, expected) => {
    expect(pdfString(value)).toBe(expected);
  });
});

describe('pdfDate', () => {
  it('writes UTC as D:YYYYMMDDHHmmSSZ', () => {
    expect(pdfDate(new Date('2025-06-10T14:30:05.123Z'))).toBe('(D:20250610143005Z)');
  });
});
