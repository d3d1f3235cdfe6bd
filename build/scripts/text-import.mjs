// One rule in every tool that runs the project's TypeScript: importing a .csl or .xml file gives its
// whole text as the default export. The CSL styles and locale that ship with the app
// (core/citations/styles/) are read this way at build time, so core has no run-time file reads and
// the repository keeps each style once, as the .csl file it came as.
//   vite (renderer) and vitest: `textImport()` below, a plugin in vite.config.ts / vitest.config.ts;
//   esbuild (build.mjs): its built-in `text` loader, `TEXT_LOADERS`;
//   tsx (bench): the `load` hook below, registered by text-import-register.mjs;
//   tsc: the `declare module` in core/citations/styles/text-files.d.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The extensions read as text, with the dot. */
export const TEXT_EXTENSIONS = ['.csl', '.xml'];

/** esbuild's `loader` option for them. */
export const TEXT_LOADERS = Object.fromEntries(TEXT_EXTENSIONS.map((extension) => [extension, 'text']));

/** Whether a module id or path (a query string aside) names a text file. */
export function isTextFile(id) {
  const path = id.split('?')[0] ?? id;
  return TEXT_EXTENSIONS.some((extension) => path.endsWith(extension));
}

/** The ES module that exports `text`. */
export function textModule(text) {
  return `export default ${JSON.stringify(text)};\n`;
}

/** A vite (and vitest) plugin: a .csl or .xml import is a module exporting the file's text. */
export function textImport() {
  return {
    name: 'briefing-desk:text-import',
    enforce: 'pre',
    load(id) {
      // vite's dev server marks non-JS imports `?import`; other queries (`?raw`, `?url`) are vite's own.
      const [path = id, query] = id.split('?');
      if (id.startsWith('\0') || (query !== undefined && query !== 'import') || !isTextFile(path)) return null;
      this.addWatchFile(path);
      return { code: textModule(readFileSync(path, 'utf8')), map: null, moduleType: 'js' };
    },
  };
}

/** Node's module `load` hook (see `module.register`), for code run by tsx. */
export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !isTextFile(url)) return nextLoad(url, context);
  return { format: 'module', source: textModule(readFileSync(fileURLToPath(url), 'utf8')), shortCircuit: true };
}
