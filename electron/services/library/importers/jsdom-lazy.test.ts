import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REAL_DIR } from './test-support';

const INDEX = fileURLToPath(new URL('./index.ts', import.meta.url));

/**
 * Parses the given real files in a fresh Node (ESM under tsx, where `require` does not exist) and
 * says, after each, whether jsdom has been loaded: a fresh process, because this one's module
 * cache is shared with other tests.
 */
function jsdomLoadedAfter(files: string[]): boolean[] {
  const script = `
    import { createRequire } from 'node:module';
    import { readFileSync } from 'node:fs';
    const { parseImport } = await import(${JSON.stringify(INDEX)});
    const cache = createRequire(import.meta.url).cache;
    const loaded = [];
    for (const name of ${JSON.stringify(files)}) {
      const result = parseImport(new Uint8Array(readFileSync(${JSON.stringify(REAL_DIR)} + name)), name);
      if (result.events.length + result.sources.length === 0) throw new Error('nothing parsed from ' + name);
      loaded.push(Object.keys(cache).some((path) => path.includes('/node_modules/jsdom/')));
    }
    console.log(JSON.stringify(loaded));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`the parse child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as boolean[];
}

describe('jsdom is loaded lazily', () => {
  it('is not loaded by a GDELT import, and is loaded (from unbundled ESM) by the first HTML one', () => {
    expect(jsdomLoadedAfter(['gdelt2-sample-head50.export.CSV', 'article-lemonde-1.html'])).toEqual([false, true]);
  });
});
