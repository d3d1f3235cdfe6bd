import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Poppler's tools, as a reader sees the PDF: test helpers for the export tests. */

/** `pdfinfo`: the page count and the page size in points. */
export async function pdfInfo(file: string): Promise<{ pages: number; width: number; height: number }> {
  const { stdout } = await run('pdfinfo', [file]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? Number.NaN);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(stdout);
  return { pages, width: Number(size?.[1] ?? Number.NaN), height: Number(size?.[2] ?? Number.NaN) };
}

/** `pdftotext`: the text of pages `first`…`last` (all when absent), optionally only inside a box (points, from the top left). */
export async function pdfText(file: string, options: { first?: number; last?: number; box?: { x: number; y: number; width: number; height: number } } = {}): Promise<string> {
  const args: string[] = [];
  if (options.first !== undefined) args.push('-f', String(options.first));
  if (options.last !== undefined) args.push('-l', String(options.last));
  // -r 72: crop coordinates in points.
  if (options.box) args.push('-r', '72', '-x', String(Math.round(options.box.x)), '-y', String(Math.round(options.box.y)), '-W', String(Math.round(options.box.width)), '-H', String(Math.round(options.box.height)));
  const { stdout } = await run('pdftotext', [...args, '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** `pdffonts`: each font's name and whether it is embedded. */
export async function pdfFonts(file: string): Promise<{ name: string; embedded: boolean }[]> {
  const { stdout } = await run('pdffonts', [file]);
  return stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      // name type… encoding emb sub uni object-id generation: emb is the 5th column from the end.
      return { name: columns[0]!, embedded: columns[columns.length - 5] === 'yes' };
    });
}

/** Whitespace collapsed to single spaces, for comparing text that the layout wrapped. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `pdfinfo`'s document information (Title, Author, Subject, Keywords, Creator, Producer, Tagged…) and what it said on stderr. */
export async function pdfDocumentInfo(file: string): Promise<{ fields: Record<string, string>; stderr: string }> {
  const { stdout, stderr } = await run('pdfinfo', [file]);
  const fields: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const match = /^([A-Za-z ]+):\s+(.*)$/.exec(line);
    if (match) fields[match[1]!] = match[2]!;
  }
  return { fields, stderr };
}

/** The link targets of a PDF's annotations (`pdfinfo -url`) and its outline entries (`pdftohtml -xml`). */
export async function pdfLinksAndOutline(file: string): Promise<{ links: string[]; outline: string[] }> {
  const urls = await run('pdfinfo', ['-url', file]);
  const links = urls.stdout.split('\n').slice(1).map((line) => line.trim().split(/\s+/)[2]).filter((url): url is string => Boolean(url));
  const xml = await run('pdftohtml', ['-xml', '-stdout', '-i', '-q', file], { maxBuffer: 64 * 1024 * 1024 });
  const outline = [...xml.stdout.matchAll(/<item page="\d+">([^<]*)<\/item>/g)].map((match) => match[1]!);
  return { links, outline };
}
