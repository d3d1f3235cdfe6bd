import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { TEXT_LOADERS, load, textImport } from './scripts/text-import.mjs';

// Every tool that builds or runs the app must ship the CSL files byte for byte: esbuild (the
// Electron and CLI bundles), the vite plugin (the renderer and vitest) and the tsx hook (the bench).
const STYLES = new URL('../core/citations/styles/', import.meta.url);
const FILES = ['apa.csl', 'chicago-shortened-notes-bibliography.csl', 'analyst.csl', 'locales-en-US.xml'];

const bytes = (file: string): Buffer => readFileSync(new URL(file, STYLES));
const sameBytes = (text: string, file: string): boolean => Buffer.from(text, 'utf8').equals(bytes(file));

/** Runs a generated ES module's text and returns its default export. */
async function defaultExport(source: string): Promise<unknown> {
  const module = (await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)) as { default: unknown };
  return module.default;
}

describe('text imports of the shipped styles', () => {
  it('esbuild bundles each file as its exact text', async () => {
    const entry = FILES.map((file, index) => `import t${index} from './${file}';`).join('\n') + `\nexport default [${FILES.map((_, index) => `t${index}`).join(', ')}];\n`;
    const result = await build({
      stdin: { contents: entry, resolveDir: fileURLToPath(STYLES), loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      loader: TEXT_LOADERS,
      logLevel: 'silent',
    });
    const texts = await defaultExport(result.outputFiles[0]?.text ?? '');
    expect(Array.isArray(texts)).toBe(true);
    FILES.forEach((file, index) => expect(sameBytes(String((texts as unknown[])[index]), file), file).toBe(true));
  });

  it.each(FILES)('the vite plugin loads %s as its exact text', async (file) => {
    const plugin = textImport();
    const hook = plugin.load as (this: { addWatchFile(id: string): void }, id: string) => { code: string } | null;
    const watched: string[] = [];
    const path = fileURLToPath(new URL(file, STYLES));
    const loaded = hook.call({ addWatchFile: (id) => watched.push(id) }, path);
    expect(watched).toEqual([path]);
    expect(sameBytes(String(await defaultExport(loaded?.code ?? '')), file)).toBe(true);
    expect(hook.call({ addWatchFile: () => undefined }, `${path}?raw`)).toBeNull();
    expect(hook.call({ addWatchFile: () => undefined }, fileURLToPath(new URL('apa.ts', STYLES)))).toBeNull();
  });

  it.each(FILES)('the node load hook (tsx) loads %s as its exact text', async (file) => {
    const next = (): Promise<{ format: string; source: string }> => Promise.reject(new Error('passed on'));
    const loaded = (await load(pathToFileURL(fileURLToPath(new URL(file, STYLES))).href, {}, next)) as { source: string };
    expect(sameBytes(String(await defaultExport(loaded.source)), file)).toBe(true);
    await expect(load(new URL('apa.ts', STYLES).href, {}, next)).rejects.toThrow('passed on');
  });
});
