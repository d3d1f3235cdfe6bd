import { PDFDocument } from 'pdf-lib';

/** The document information a PDF export carries (pdfinfo's Title, Author, Subject, Keywords, Creator). */
export interface PdfDocumentInfo {
  title: string;
  /** Left out of the file when empty. */
  author: string;
  /** The handling marking ("TLP:AMBER"). */
  subject: string;
  /** The note's tags; written comma-separated, since a tag may hold a space. */
  keywords: string[];
  /** The application that made the document: "Briefing Desk 0.1.0". */
  creator: string;
  /** When the PDF has no creation date of its own. */
  now: Date;
}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/**
 * Gives a printed PDF its document information. Chromium writes the page title and its own user
 * agent as Creator; this replaces that Info dictionary without touching anything else.
 *
 * Chromium (Skia) writes a classic cross-reference table, so the new Info dictionary is appended as
 * an incremental update (a new object, an xref section for it, a trailer with /Prev): every byte of
 * the printed file stays as it was — outline, links, tagged structure, embedded fonts — and it costs
 * well under a millisecond. A file whose last cross-reference is a stream (not what Chromium
 * writes) goes through pdf-lib instead, which rewrites the file with the same objects.
 */
export async function withDocumentInfo(bytes: Uint8Array, info: PdfDocumentInfo): Promise<Uint8Array> {
  const text = latin1(bytes);
  const trailer = lastClassicTrailer(text);
  // An encrypted file's strings would have to be encrypted too; Chromium never writes one.
  if (trailer?.encrypted) return bytes;
  if (!trailer) return rewriteWithPdfLib(bytes, info);
  const old = trailer.info === null ? '' : (objectBody(text, trailer.info) ?? '');
  const created = stringEntry(old, 'CreationDate') ?? pdfDate(info.now);
  const textString = (value: string): string | null => (value.trim() === '' ? null : pdfString(value));
  // Values as written in the file: new text strings, and what Chromium wrote that still holds true.
  const entries: [string, string | null][] = [
    ['Title', textString(info.title)],
    ['Author', textString(info.author)],
    ['Subject', textString(info.subject)],
    ['Keywords', textString(info.keywords.join(', '))],
    ['Creator', textString(info.creator)],
    // The PDF engine (Skia/PDF mNNN) produced the bytes, so it stays the Producer when it is named.
    ['Producer', stringEntry(old, 'Producer') ?? textString(info.creator)],
    ['CreationDate', created],
    ['ModDate', stringEntry(old, 'ModDate') ?? created],
  ];
  const dictionary = entries
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([key, value]) => `/${key} ${value}`)
    .join('\n');

  const number = trailer.size;
  const head = text.endsWith('\n') || text.endsWith('\r') ? '' : '\n';
  const objectOffset = bytes.byteLength + head.length;
  const object = `${number} 0 obj\n<<${dictionary}>>\nendobj\n`;
  const xrefOffset = objectOffset + object.length;
  // The file identifier stays the same: this is the same document, updated.
  const id = trailer.id ? `\n/ID ${trailer.id}` : '';
  const update =
    `${head}${object}` +
    `xref\n${number} 1\n${String(objectOffset).padStart(10, '0')} 00000 n\r\n` +
    `trailer\n<</Size ${number + 1}\n/Root ${trailer.root}\n/Info ${number} 0 R\n/Prev ${trailer.xrefOffset}${id}>>\n` +
    `startxref\n${xrefOffset}\n%%EOF\n`;
  const out = new Uint8Array(bytes.byteLength + update.length);
  out.set(bytes, 0);
  out.set(Buffer.from(update, 'latin1'), bytes.byteLength);
  return out;
}

/** What the last trailer of a file with a classic xref table says. */
interface ClassicTrailer {
  xrefOffset: number;
  size: number;
  root: string;
  /** "1 0 R" → [1, 0]. */
  info: [number, number] | null;
  id: string | null;
  encrypted: boolean;
}

/** The trailer of the last cross-reference section when it is a classic `xref` table; null otherwise. */
function lastClassicTrailer(text: string): ClassicTrailer | null {
  const start = text.lastIndexOf('startxref');
  if (start === -1) return null;
  const offset = /^startxref\s+(\d+)/.exec(text.slice(start, start + 40));
  if (!offset) return null;
  const xrefOffset = Number(offset[1]);
  if (!text.startsWith('xref', xrefOffset)) return null;
  const at = text.indexOf('trailer', xrefOffset);
  if (at === -1 || at > start) return null;
  const dict = text.slice(at, start);
  const size = /\/Size\s+(\d+)/.exec(dict);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(dict);
  if (!size || !root) return null;
  const info = /\/Info\s+(\d+)\s+(\d+)\s+R/.exec(dict);
  return {
    xrefOffset,
    size: Number(size[1]),
    root: root[1]!.replace(/\s+/g, ' '),
    info: info ? [Number(info[1]), Number(info[2])] : null,
    id: /\/ID\s*(\[[^\]]*\])/.exec(dict)?.[1] ?? null,
    encrypted: /\/Encrypt\b/.test(dict),
  };
}

/** The text between `N G obj` and `endobj` of the last definition of an object (an update may redefine it). */
function objectBody(text: string, [number, generation]: [number, number]): string | null {
  const pattern = new RegExp(`(?:^|[\\r\\n\\s])${number}\\s+${generation}\\s+obj\\b`, 'g');
  let last = -1;
  for (const match of text.matchAll(pattern)) last = (match.index ?? 0) + match[0].length;
  if (last === -1) return null;
  const end = text.indexOf('endobj', last);
  return end === -1 ? null : text.slice(last, end);
}

/** A string entry of a dictionary as written: literal (`/Producer (Skia/PDF m156)`) or hex (`/Producer <FEFF…>`). */
function stringEntry(dictionary: string, key: string): string | null {
  return new RegExp(`/${key}\\s*(\\((?:[^()\\\\]|\\\\.)*\\)|<[0-9A-Fa-f\\s]*>)`).exec(dictionary)?.[1] ?? null;
}

/**
 * A PDF text string: printable ASCII as a literal string, anything else as UTF-16BE with a byte-order
 * mark in hex (what readers expect for "—", "ü" or Chinese). Line breaks become spaces.
 */
export function pdfString(value: string): string {
  const flat = value.replace(/[\r\n\t]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(flat)) return `(${flat.replace(/[\\()]/g, (char) => `\\${char}`)})`;
  return `<FEFF${Buffer.from(flat, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

/** A PDF date string for a moment, in UTC: (D:20250610143000Z). */
export function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z)`;
}

async function rewriteWithPdfLib(bytes: Uint8Array, info: PdfDocumentInfo): Promise<Uint8Array> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  document.setTitle(info.title);
  if (info.author.trim()) document.setAuthor(info.author);
  document.setSubject(info.subject);
  // pdf-lib joins keywords with spaces; one comma-separated string keeps "rare earths" one tag.
  if (info.keywords.length > 0) document.setKeywords([info.keywords.join(', ')]);
  document.setCreator(info.creator);
  if (!document.getProducer()) document.setProducer(info.creator);
  if (!document.getCreationDate()) document.setCreationDate(info.now);
  return document.save({ useObjectStreams: false });
}
