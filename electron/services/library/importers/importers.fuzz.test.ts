import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFormat, ImportJob } from '../../../../core/domain/library';
import type { Backend } from '../../../container';
import { type TestWorkspace, createTestWorkspace, listFiles } from '../../testing/fixtures';
import { ImportParseError, parseImport } from './index';
import { concat, utf8 } from './test-support';

/**
 * Property-based fuzzing of every importer with malformed files DERIVED FROM THE REAL FIXTURES
 * (test-fixtures/real/ and importers/fixtures/): truncation, byte flips, NULs and invalid UTF-8,
 * other encodings, multi-MB fields, 10k-deep nesting, duplicated headers, zip bombs. Each input
 * must end in a result or an ImportParseError, never another exception; through the real
 * ImportService a failed import must name the file and leave WORKSPACE/library byte for byte as
 * it was. The seed is fixed so a failure reproduces: fast-check prints `seed` and `path` on
 * failure; FUZZ_SEED=<n> runs another seed.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const REAL = join(__dirname, '..', '..', '..', '..', 'test-fixtures', 'real');
const OWN = join(__dirname, 'fixtures');
const EXAMPLES = join(__dirname, 'examples');

const text = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);

/** GDELT 1.0 rows (58 fields) from the real GDELT 2.0 rows: 1.0 has no ADM2 code per geo block. */
function gdelt1From(gdelt2: string, withUrl: boolean): string {
  return gdelt2
    .trimEnd()
    .split('\n')
    .map((line) => {
      const fields = line.replace(/\r$/, '').split('\t').filter((_field, i) => i !== 39 && i !== 46 && i !== 53);
      return (withUrl ? fields : fields.slice(0, 57)).join('\t');
    })
    .join('\n');
}

interface Seed {
  importer: string;
  fileName: string;
  format: ImportFormat;
  bytes: Uint8Array;
  /** Line-based text formats: header duplication and line mutations apply. */
  kind: 'lines' | 'json' | 'xml' | 'html' | 'text' | 'zip';
}

const gdelt2 = readFileSync(join(REAL, 'gdelt2-sample-head50.export.CSV'));
const SEEDS: Seed[] = ([
  { importer: 'gdelt2', fileName: '20150218230000.export.CSV', format: 'gdelt', bytes: gdelt2, kind: 'lines' },
  { importer: 'gdelt1', fileName: '20150218.export.CSV', format: 'gdelt1', bytes: utf8(gdelt1From(text(gdelt2), true)), kind: 'lines' },
  { importer: 'gdelt1', fileName: '20130401.export.CSV', format: 'gdelt1', bytes: utf8(gdelt1From(text(gdelt2), false)), kind: 'lines' },
  { importer: 'acled', fileName: 'acled-sample.csv', format: 'acled', bytes: readFileSync(join(OWN, 'acled-sample.csv')), kind: 'lines' },
  { importer: 'bd-csv', fileName: 'bd-events-example.csv', format: 'csv', bytes: readFileSync(join(EXAMPLES, 'bd-events-example.csv')), kind: 'lines' },
  { importer: 'bd-json', fileName: 'bd-events-example.json', format: 'json', bytes: readFileSync(join(EXAMPLES, 'bd-events-example.json')), kind: 'json' },
  { importer: 'bd-json', fileName: 'bd-bad-date.json', format: 'json', bytes: readFileSync(join(OWN, 'bd-bad-date.json')), kind: 'json' },
  { importer: 'csl', fileName: 'csl-items.json', format: 'csl', bytes: readFileSync(join(REAL, 'csl-items.json')), kind: 'json' },
  { importer: 'html', fileName: 'article-lemonde-1.html', format: 'html', bytes: readFileSync(join(REAL, 'article-lemonde-1.html')), kind: 'html' },
  { importer: 'text', fileName: 'fixtures-readme.md', format: 'text', bytes: readFileSync(join(REAL, 'README.md')), kind: 'text' },
  { importer: 'text', fileName: 'acled-columns.txt', format: 'text', bytes: readFileSync(join(REAL, 'acled-columns.txt')), kind: 'text' },
  { importer: 'rss', fileName: 'feed-guardian-rss2.xml', format: 'rss', bytes: readFileSync(join(REAL, 'feed-guardian-rss2.xml')), kind: 'xml' },
  { importer: 'rss', fileName: 'feed-heise-atom.xml', format: 'rss', bytes: readFileSync(join(REAL, 'feed-heise-atom.xml')), kind: 'xml' },
  { importer: 'rss', fileName: 'feed-broken.xml', format: 'rss', bytes: readFileSync(join(OWN, 'feed-broken.xml')), kind: 'xml' },
  { importer: 'zip', fileName: '20150218230000.export.CSV.zip', format: 'gdelt', bytes: zipSync({ '20150218230000.export.CSV': gdelt2 }), kind: 'zip' },
] satisfies Seed[]).map((seed: Seed) => described(seed, `${seed.importer}:${seed.fileName}`));

/** A mutation, described so a failing case can be read back from fast-check's counterexample. */
interface Mutation {
  describe: string;
  apply(seed: Seed): Uint8Array;
}

/** Makes fast-check print a mutation (and a seed) by its description in counterexamples. */
function described<T extends object>(value: T, name: string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => name, enumerable: false });
  return value;
}

const LATIN1_REPLACEMENT = 0x3f;
function encodeAs(encoding: 'utf16le' | 'utf16be' | 'latin1', source: string): Uint8Array {
  if (encoding === 'latin1') return Uint8Array.from(source, (char) => (char.charCodeAt(0) < 256 ? char.charCodeAt(0) : LATIN1_REPLACEMENT));
  const le = Buffer.from(`\ufeff${source}`, 'utf16le');
  if (encoding === 'utf16le') return new Uint8Array(le);
  const be = new Uint8Array(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}

const splice = (bytes: Uint8Array, at: number, insert: Uint8Array, remove = 0): Uint8Array => {
  const cut = Math.min(bytes.length, Math.floor(at * bytes.length));
  return concat(bytes.subarray(0, cut), insert, bytes.subarray(Math.min(bytes.length, cut + remove)));
};

const INVALID_UTF8 = [Uint8Array.of(0xff), Uint8Array.of(0xc3, 0x28), Uint8Array.of(0xed, 0xa0, 0x80), Uint8Array.of(0xf8, 0x88, 0x80, 0x80, 0x80), Uint8Array.of(0xe2, 0x82)];
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

/** Mutations every format gets. */
const commonMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fraction.map((at) => ({ describe: `truncated at ${at.toFixed(4)}`, apply: (seed: Seed) => seed.bytes.subarray(0, Math.floor(at * seed.bytes.length)) })),
  fc.array(fc.tuple(fraction, fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 40 }).map((flips) => ({
    describe: `${flips.length} byte flips ${JSON.stringify(flips.slice(0, 5).map(([at, xor]) => [Number(at.toFixed(4)), xor]))}…`,
    apply: (seed: Seed) => {
      const out = Uint8Array.from(seed.bytes);
      for (const [at, xor] of flips) {
        const i = Math.min(out.length - 1, Math.floor(at * out.length));
        out[i] = out[i]! ^ xor;
      }
      return out;
    },
  })),
  fc.tuple(fraction, fc.integer({ min: 1, max: 64 })).map(([at, count]) => ({ describe: `${count} NULs at ${at.toFixed(4)}`, apply: (seed: Seed) => splice(seed.bytes, at, new Uint8Array(count)) })),
  fc.tuple(fraction, fc.integer({ min: 0, max: INVALID_UTF8.length - 1 })).map(([at, which]) => ({
    describe: `invalid UTF-8 ${Array.from(INVALID_UTF8[which]!, (b) => b.toString(16)).join(' ')} at ${at.toFixed(4)}`,
    apply: (seed: Seed) => splice(seed.bytes, at, INVALID_UTF8[which]!),
  })),
  fc.constantFrom('utf16le' as const, 'utf16be' as const, 'latin1' as const).map((encoding) => ({ describe: `re-encoded as ${encoding}`, apply: (seed: Seed) => encodeAs(encoding, text(seed.bytes)) })),
  fc.tuple(fraction, fc.integer({ min: 64 * 1024, max: 3 * 1024 * 1024 }), fc.constantFrom('A', 'é', '"', ',', '\t', '<', ' ')).map(([at, size, char]) => ({
    // Articles go through jsdom and sentence splitting (about 2 s per MB here): their huge fields stay under 512 KB.
    describe: `huge field: ${size} bytes of ${JSON.stringify(char)} at ${at.toFixed(4)}`,
    apply: (seed: Seed) => {
      const bytes = seed.kind === 'html' || seed.kind === 'text' ? Math.ceil(size / 6) : size;
      return splice(seed.bytes, at, utf8(char.repeat(Math.ceil(bytes / Buffer.byteLength(char)))));
    },
  })),
  fc.constantFrom('\r\n', '\r', '\u2028').map((eol) => ({ describe: `line ends ${JSON.stringify(eol)}`, apply: (seed: Seed) => utf8(text(seed.bytes).replace(/\r?\n/g, eol)) })),
  fc.constant({ describe: 'BOM twice', apply: (seed: Seed) => concat(Uint8Array.of(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf), seed.bytes) }),
);

let bomb: Uint8Array | null = null;
/** Built once: a ~50 KB archive holding 50 MB of zeros. */
const zipBomb = (): Uint8Array => (bomb ??= zipSync({ 'bomb.export.CSV': new Uint8Array(50 * 1024 * 1024) }, { level: 9 }));

/** A 50 MB entry of zeros and friends: small archives that inflate to a lot. */
function zipMutation(): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.constant({ describe: 'zip bomb: one 50 MB entry of zeros', apply: zipBomb }),
    fc.constant({ describe: 'zip: 2000 empty entries', apply: () => zipSync(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`${i}.export.CSV`, new Uint8Array(0)]))) }),
    fc.constant({ describe: 'zip: entry named ../../escape.export.CSV', apply: (seed: Seed) => zipSync({ '../../escape.export.CSV': gdelt2, [`/abs/${seed.fileName}`]: gdelt2 }) }),
    fc.constant({ describe: 'zip: a zip inside the zip', apply: (seed: Seed) => zipSync({ 'inner.zip': seed.bytes, 'inner.export.CSV': seed.bytes }) }),
    fc.constant({ describe: 'zip: stored (no compression), then truncated in the entry', apply: () => zipSync({ 'a.export.CSV': gdelt2 }, { level: 0 }).subarray(0, 4096) }),
    fc.constant({ describe: 'zip: html instead of a GDELT file', apply: () => zipSync({ 'page.csv': readFileSync(join(REAL, 'article-lemonde-1.html')) }) }),
    fc.integer({ min: 1, max: 4 }).map((copies) => ({ describe: `zip: GDELT entry repeated ${copies}×`, apply: () => zipSync(Object.fromEntries(Array.from({ length: copies }, (_, i) => [`${i}.export.CSV`, gdelt2]))) })),
  );
}

/** Mutations of one kind of file. */
function kindMutation(kind: Seed['kind']): fc.Arbitrary<Mutation> {
  const lines = fc.oneof(
    fc.integer({ min: 2, max: 5 }).map((times) => ({
      describe: `header line repeated ${times}×`,
      apply: (seed: Seed) => {
        const [head = '', ...rest] = text(seed.bytes).split('\n');
        return utf8([...Array.from({ length: times }, () => head), ...rest].join('\n'));
      },
    })),
    fc.constant({
      describe: 'header cells duplicated on the same line',
      apply: (seed: Seed) => {
        const [head = '', ...rest] = text(seed.bytes).split('\n');
        const delimiter = head.includes('\t') ? '\t' : ',';
        return utf8([`${head}${delimiter}${head}`, ...rest].join('\n'));
      },
    }),
    fc.integer({ min: 0, max: 60 }).map((keep) => ({
      describe: `every line cut to ${keep} fields`,
      apply: (seed: Seed) => utf8(text(seed.bytes).split('\n').map((line) => line.split(line.includes('\t') ? '\t' : ',').slice(0, keep).join(line.includes('\t') ? '\t' : ',')).join('\n')),
    })),
    fc.constant({ describe: 'an unclosed quote in the second line', apply: (seed: Seed) => utf8(text(seed.bytes).replace(/\n([^\n])/, '\n"$1')) }),
  );
  const deepJson = fc.integer({ min: 1000, max: 10_000 }).chain((depth) =>
    fc.constantFrom(
      { describe: `JSON nested ${depth} arrays deep`, apply: () => utf8(`${'['.repeat(depth)}${']'.repeat(depth)}`) },
      { describe: `JSON nested ${depth} objects deep in "events"`, apply: () => utf8(`{"briefingDesk":"events","version":1,"events":[${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}]}`) },
      { describe: `CSL item with a title nested ${depth} deep`, apply: () => utf8(`[{"type":"article","issued":{"date-parts":[[2020]]},"title":${'['.repeat(depth)}"x"${']'.repeat(depth)}}]`) },
      { describe: `JSON unclosed at ${depth} levels`, apply: () => utf8('{"a":'.repeat(depth)) },
    ),
  );
  const json = fc.oneof(
    deepJson,
    fc.constantFrom('__proto__', 'constructor', 'prototype').map((key) => ({
      describe: `"${key}" keys added to every object`,
      apply: (seed: Seed) => utf8(text(seed.bytes).replace(/\{/g, `{"${key}":{"polluted":true,"toString":1},`)),
    })),
    fc.constantFrom('null', '1e999', '"x"', '[]', '{}', 'true', '-0', '"\\ud800"').map((value) => ({
      describe: `every string value replaced by ${value}`,
      apply: (seed: Seed) => utf8(text(seed.bytes).replace(/:\s*"(?:[^"\\]|\\.)*"/g, `: ${value}`)),
    })),
    fc.constantFrom('null', '[]', '{}', '42', '"text"').map((value) => ({ describe: `the whole file is ${value}`, apply: () => utf8(value) })),
  );
  const deepXml = fc.integer({ min: 1000, max: 10_000 }).chain((depth) =>
    fc.constantFrom(
      { describe: `XML nested ${depth} elements deep in a channel`, apply: () => utf8(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>${'<b>'.repeat(depth)}x${'</b>'.repeat(depth)}</title></item></channel></rss>`) },
      { describe: `Atom nested ${depth} elements deep`, apply: () => utf8(`<feed xmlns="http://www.w3.org/2005/Atom">${'<entry>'.repeat(depth)}${'</entry>'.repeat(depth)}</feed>`) },
      { describe: `HTML nested ${depth} divs deep`, apply: () => utf8(`<!doctype html><html><head><title>t</title></head><body>${'<div>'.repeat(depth)}deep text${'</div>'.repeat(depth)}</body></html>`) },
    ),
  );
  // Both bounds of the HTML importer: past Readability's depth (flattened) and past jsdom's (plain text).
  const deepHtml = fc
    .tuple(fc.constantFrom(['<div>', '</div>'], ['<span>', '</span>'], ['<table><tr><td>', '</td></tr></table>'], ['<b>', '']), fc.oneof(fc.integer({ min: 65, max: 400 }), fc.integer({ min: 1000, max: 10_000 })))
    .map(([[open = '', close = ''], depth]) => ({
      describe: `HTML nested ${depth} levels of ${open} deep`,
      apply: () => utf8(`<!doctype html><html><head><title>t</title></head><body>${open.repeat(depth)}deep text${close.repeat(depth)}</body></html>`),
    }));
  const xml = fc.oneof(
    deepXml,
    fc.constant({ describe: 'blank lines before the XML declaration', apply: (seed: Seed) => concat(utf8('\n\n  \n'), seed.bytes) }),
    fc.constant({ describe: 'CDATA never closed', apply: (seed: Seed) => utf8(text(seed.bytes).replace(/<\/title>/, '<![CDATA[ unclosed')) }),
    fc.constant({
      describe: 'an internal DTD with entity expansion',
      apply: (seed: Seed) => utf8(text(seed.bytes).replace(/^(<\?xml[^>]*\?>)?/, `$1<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>`).replace(/<title>/, '<title>&c;')),
    }),
  );
  switch (kind) {
    case 'lines':
      return lines;
    case 'json':
      return json;
    case 'xml':
      return xml;
    case 'html':
      return fc.oneof(deepXml, deepHtml, fc.constant({ describe: 'style blocks that break the CSS parser', apply: (seed: Seed) => utf8(text(seed.bytes).replace(/<\/head>/i, '<style>p{border-width:inherit;border:1px solid}@media{{{</style><style>@import "x</style></head>')) }));
    case 'text':
      return fc.oneof(lines, fc.constant({ describe: 'one 512 KB line', apply: () => utf8('word '.repeat(100_000)) }));
    case 'zip':
      return zipMutation();
  }
}

/** Mutations of a seed: mostly the common ones, sometimes a format-specific one, sometimes two stacked. */
function mutationFor(seed: Seed): fc.Arbitrary<Mutation[]> {
  const one = fc.oneof({ arbitrary: commonMutation, weight: 3 }, { arbitrary: kindMutation(seed.kind), weight: 2 }).map((mutation) => described({ ...mutation }, mutation.describe));
  return fc.array(one, { minLength: 1, maxLength: 2 });
}

function mutate(seed: Seed, mutations: Mutation[]): Uint8Array {
  return mutations.reduce((bytes, mutation) => mutation.apply({ ...seed, bytes }), seed.bytes);
}

/** Figures per importer for the summary lines. */
interface Tally {
  tried: number;
  imported: number;
  refused: number;
  crashes: number;
  partial: number;
  viaService: number;
}
const tallies = new Map<string, Tally>();
const tally = (importer: string): Tally => {
  let found = tallies.get(importer);
  if (!found) tallies.set(importer, (found = { tried: 0, imported: 0, refused: 0, crashes: 0, partial: 0, viaService: 0 }));
  return found;
};

/** Runs one parse; returns null for success or a typed refusal, else the crash. */
function parseOutcome(seed: Seed, bytes: Uint8Array, detect: boolean): { crash: unknown } | null {
  const counts = tally(seed.importer);
  counts.tried += 1;
  try {
    const result = parseImport(bytes, seed.fileName, detect ? {} : { format: seed.format });
    expect(result.rows).toBeGreaterThanOrEqual(0);
    counts.imported += 1;
    return null;
  } catch (error) {
    if (error instanceof ImportParseError) {
      counts.refused += 1;
      // A refusal a person can act on: a sentence, and a line number that exists when given.
      expect(error.message.length).toBeGreaterThan(10);
      expect(error.line === null || error.line >= 1, `line ${String(error.line)}`).toBe(true);
      return null;
    }
    counts.crashes += 1;
    return { crash: error };
  }
}

// Sized so the file runs in well under a minute on a loaded 2-core machine (articles cost ~2 s each).
const RUNS_PER_SEED: Record<string, number> = { html: 12, rss: 25, zip: 20, text: 25 };
const runsFor = (seed: Seed): number => RUNS_PER_SEED[seed.importer] ?? 60;

describe('importer fuzz: malformed files derived from the real fixtures', () => {
  it.each(SEEDS.map((seed) => [`${seed.importer} (${seed.fileName})`, seed] as const))('%s: a result or an ImportParseError, never a crash', (_name, seed) => {
    fc.assert(
      fc.property(mutationFor(seed), fc.boolean(), (mutations, detect) => {
        const bytes = mutate(seed, mutations);
        const outcome = parseOutcome(seed, bytes, detect);
        if (!outcome) return;
        const error = outcome.crash;
        throw new Error(`${seed.importer} crashed on ${seed.fileName} [${mutations.map((mutation) => mutation.describe).join(' + ')}]${detect ? ' (format detected)' : ''}: ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error)}`);
      }),
      { seed: SEED, numRuns: runsFor(seed), endOnFailure: true },
    );
  }, 60_000);
});

/** Every file under library/ with the SHA-256 of its contents. */
async function librarySnapshot(dir: string): Promise<string[]> {
  const files = await listFiles(dir).catch(() => [] as string[]);
  return Promise.all(files.map(async (file) => `${file} ${createHash('sha256').update(await readFile(join(dir, file))).digest('hex')}`));
}

describe('importer fuzz through the ImportService: a failed import changes nothing', () => {
  let ws: TestWorkspace;
  let backend: Backend;

  beforeAll(async () => {
    ws = await createTestWorkspace();
    backend = await ws.open();
    // A library with something in it, so "unchanged" means more than "still empty".
    const sample = await backend.dispatch('library:load-sample', {});
    if (!sample.ok) throw new Error(sample.error.message);
  });
  afterAll(async () => {
    await ws.cleanup();
    for (const [importer, counts] of [...tallies.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      console.log(`fuzz importer ${importer}: ${counts.tried} inputs tried (${counts.viaService} through the ImportService), ${counts.crashes} crashes, ${counts.partial} partial imports; ${counts.imported} imported, ${counts.refused} refused with a typed error (seed ${SEED})`);
    }
  });

  it('stages each mutated file as an upload, imports it, and on failure finds the library byte for byte unchanged', async () => {
    const libraryDir = join(ws.workspaceDir, 'library');
    const seeds = fc.constantFrom(...SEEDS);
    await fc.assert(
      fc.asyncProperty(
        seeds.chain((seed) => fc.tuple(fc.constant(seed), mutationFor(seed), fc.boolean())),
        async ([seed, mutations, detect]) => {
            const bytes = mutate(seed, mutations);
          const counts = tally(seed.importer);
          counts.tried += 1;
          counts.viaService += 1;
          const before = await librarySnapshot(libraryDir);
          const uploadId = await backend.services.uploads.stage(seed.fileName, bytes);
          const started = await backend.dispatch('import:start', { uploadId, fileName: seed.fileName, ...(detect ? {} : { format: seed.format }) });
          if (!started.ok) throw new Error(`import:start refused an upload: ${started.error.message}`);
          const job: ImportJob = await backend.services.imports.wait((started.value as ImportJob).id);
          const where = `${seed.importer} ${seed.fileName} [${mutations.map((mutation) => mutation.describe).join(' + ')}]`;
          if (job.state === 'done') {
            counts.imported += 1;
            return;
          }
          expect(job.state, where).toBe('failed');
          const failure = job.failure!;
          const after = await librarySnapshot(libraryDir);
          if (JSON.stringify(after) !== JSON.stringify(before)) counts.partial += 1;
          const crashed = /failed unexpectedly/.test(failure.message);
          if (crashed) counts.crashes += 1;
          else counts.refused += 1;
          expect(after, `${where}: the library changed on a failed import`).toEqual(before);
          expect(crashed, `${where}: ${failure.message}`).toBe(false);
          expect(failure.file, where).toBe(seed.fileName);
        },
      ),
      { seed: SEED, numRuns: 45, endOnFailure: true },
    );
  }, 60_000);
});
