import { createRequire } from 'node:module';
import type * as JsdomModule from 'jsdom';

let loaded: typeof JsdomModule | null = null;

/**
 * jsdom, loaded on first use. Loading it costs a few hundred milliseconds, and most imports
 * (GDELT, ACLED, CSV, JSON) never parse HTML, so the import worker must not pay for it at start.
 * The parsers are synchronous, so this is a require, not a dynamic import: the CommonJS bundles
 * (and tsx's CommonJS hook in a development worker) have `require`, and the ESM bundles define one
 * in their banner; only an unbundled ES module (tsx's ESM loader, vitest) has none and makes its
 * own, where `import.meta.url` is real. jsdom is external in every bundle, so this resolves it
 * from node_modules at run time.
 */
export function loadJsdom(): typeof JsdomModule {
  if (loaded) return loaded;
  const load = typeof require === 'function' ? require : createRequire(import.meta.url);
  loaded = load('jsdom') as typeof JsdomModule;
  return loaded;
}
