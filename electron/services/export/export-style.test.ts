import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Note } from '../../../core/index';
import { sampleExportNote } from '../../../core/export/export-fixtures';
import { type Backend, createBackend } from '../../container';
import { ChromiumPrinter } from './chromium-printer';
import { pdfText, squash } from './pdf-test-tools';

/**
 * Issue 9: the preview and every export format use the same citation style, the note's own when it
 * has one (else the workspace default), also after other metadata fields were edited. The analyst
 * style is recognisable by its Admiralty grades ("[A2]"); APA by "Shalal, A., & Hunnicutt, T.".
 */
const TEMPLATES = resolve(__dirname, '..', '..', '..', 'templates');
const GRADES = ['[C3]', '[A2]', '[A1]', '[B2]'];
const APA_AUTHORS = 'Shalal, A., & Hunnicutt, T.';

let root: string;
let backend: Backend;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bd-export-style-'));
  backend = await createBackend({ workspaceDir: join(root, 'workspace'), builtinTemplatesDir: TEMPLATES, appVersion: '9.9.9-test', checkOutputs: true, pdfPrinter: new ChromiumPrinter() });
});

afterAll(async () => {
  await backend.close();
  await rm(root, { recursive: true, force: true });
});

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

/** The visible text of every output the analyst can get: preview, PDF, DOCX, Markdown, HTML. */
async function everyOutput(id: string): Promise<Record<'preview' | 'pdf' | 'docx' | 'md' | 'html', string>> {
  const exports = backend.services.exports;
  const preview = (await call<{ html: string }>('export:preview', { id })).html;
  const pdfFile = join(root, `${id}.pdf`);
  await writeFile(pdfFile, (await exports.exportBytes(id, 'pdf', 'a4')).bytes);
  const docxXml = strFromU8(unzipSync((await exports.exportBytes(id, 'docx', 'a4')).bytes)['word/document.xml']!);
  const docx = [...docxXml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('');
  const text = async (format: 'md' | 'html'): Promise<string> => new TextDecoder().decode((await exports.exportBytes(id, format, 'a4')).bytes);
  return { preview, pdf: squash(await pdfText(pdfFile)), docx, md: (await text('md')).replace(/\\\[/g, '[').replace(/\\\]/g, ']'), html: await text('html') };
}

describe('the citation style of an export', () => {
  it('every format uses the note’s own style, kept through edits of the other fields', async () => {
    await call('settings:update', { citationStyle: 'apa' });
    const created = await call<Note>('notes:create', { templateId: 'blank', title: 'Rare earths', date: '2025-06-10' });
    await call('notes:save', { id: created.id, content: sampleExportNote().content, meta: { citationStyle: 'analyst' } });
    // The reproduction of issue 9: each of these used to reset the style to the workspace default.
    for (const meta of [{ author: 'J. Analyst' }, { title: 'Rare earths talks' }, { status: 'in-review' }, { marking: 'TLP:GREEN' }, { tags: ['trade'] }, { date: '2025-06-11' }]) {
      await call('notes:save', { id: created.id, meta });
    }
    expect((await call<Note>('notes:get', { id: created.id })).meta.citationStyle).toBe('analyst');
    const outputs = await everyOutput(created.id);
    for (const [format, text] of Object.entries(outputs)) {
      for (const grade of GRADES) expect(text, `${format} has the analyst grade ${grade}`).toContain(grade);
      expect(text, `${format} is not in APA`).not.toContain(APA_AUTHORS);
    }
  }, 60_000);

  it('a style name that is no style id (a hand edit, an older file) exports in the default numeric style', async () => {
    const created = await call<Note>('notes:create', { templateId: 'blank', title: 'Odd style', date: '2025-06-10' });
    for (const citationStyle of ['Agency Style (v2)', '../../x', '..']) {
      await call('notes:save', { id: created.id, content: sampleExportNote().content, meta: { citationStyle } });
      const md = new TextDecoder().decode((await backend.services.exports.exportBytes(created.id, 'md', 'a4')).bytes);
      expect(md, citationStyle).toContain("[1]");
    }
  });

  it('every format uses the workspace default when the note has no style of its own', async () => {
    await call('settings:update', { citationStyle: 'apa' });
    const created = await call<Note>('notes:create', { templateId: 'blank', title: 'Rare earths', date: '2025-06-10' });
    await call('notes:save', { id: created.id, content: sampleExportNote().content, meta: { author: 'J. Analyst' } });
    const outputs = await everyOutput(created.id);
    for (const [format, text] of Object.entries(outputs)) {
      expect(text.replace(/&amp;/g, '&'), `${format} is in APA`).toContain(APA_AUTHORS);
      for (const grade of GRADES) expect(text, `${format} has no analyst grade`).not.toContain(grade);
    }
  }, 60_000);
});
