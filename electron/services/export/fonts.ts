import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** One shipped face: the @fontsource package, its file stem and the CSS family, weight and style. */
interface Face {
  pkg: '@fontsource/source-serif-4' | '@fontsource/inter' | '@fontsource/jetbrains-mono';
  stem: string;
  family: string;
  weight: number;
  style: 'normal' | 'italic';
}

/** The subsets embedded: Western and Central European text. Other scripts fall back to system fonts. */
const SUBSETS = ['latin', 'latin-ext'] as const;

/**
 * Source Serif 4 for the body (with italics for emphasis), Inter for headings, the title block and
 * the page furniture, JetBrains Mono for code (without it, code would print in whatever monospace
 * font the machine has).
 */
const FACES: readonly Face[] = [
  ...([400, 600, 700] as const).flatMap((weight): Face[] => [
    { pkg: '@fontsource/source-serif-4', stem: 'source-serif-4', family: 'Source Serif 4', weight, style: 'normal' },
    // The 600 italic exists but nothing in the export asks for it; leaving it out keeps every print ~10% lighter.
    ...(weight === 600 ? [] : [{ pkg: '@fontsource/source-serif-4', stem: 'source-serif-4', family: 'Source Serif 4', weight, style: 'italic' } as const]),
  ]),
  ...([400, 600, 700] as const).map((weight): Face => ({ pkg: '@fontsource/inter', stem: 'inter', family: 'Inter', weight, style: 'normal' })),
  { pkg: '@fontsource/jetbrains-mono', stem: 'jetbrains-mono', family: 'JetBrains Mono', weight: 400, style: 'normal' },
];

/**
 * Resolves a font file through the package exports from where this code runs, so the same code
 * finds the fonts from source (tsx, vitest), from the bundles in dist/node and dist/electron, and in
 * the packaged app (node_modules next to the bundle). The CommonJS bundle (Electron main) has
 * `require` and no `import.meta.url`; the ESM bundles define `require` in their banner; only an
 * unbundled ES module has neither and makes one from its real `import.meta.url`.
 */
function resolveFontFile(specifier: string): string {
  const load = typeof require === 'function' ? require : createRequire(import.meta.url);
  return load.resolve(specifier);
}

let cached: Promise<string> | null = null;

/**
 * The @font-face rules of the export fonts, each woff2 inlined as a base64 data: URL (the PDF and
 * the standalone HTML must fetch nothing), with the subsets' unicode-range as @fontsource ships
 * them. Read once per process and cached.
 */
export function loadExportFontCss(): Promise<string> {
  cached ??= buildFontCss(FACES).catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

/** The faces the page header and footer use: Inter regular (title, page numbers) and bold (marking). */
const HEADER_FACES: readonly Face[] = FACES.filter((face) => face.family === 'Inter' && (face.weight === 400 || face.weight === 700));

/**
 * @font-face rules for Chromium's page header and footer templates, which lay out their own document
 * for every page: each template carries only what its text needs (Inter 400 and 700, the latin-ext
 * subset only when `text` has a character in it), which keeps printing a 20-page note ~250 ms
 * faster than sending the full set twice per page.
 */
export async function loadHeaderFontCss(text: string): Promise<string> {
  const needsExt = await usesSubset('@fontsource/inter', 'latin-ext', text);
  const key = needsExt ? 'ext' : 'latin';
  let css = headerCss.get(key);
  if (!css) {
    css = buildFontCss(HEADER_FACES, needsExt ? SUBSETS : ['latin']).catch((error: unknown) => {
      headerCss.delete(key);
      throw error;
    });
    headerCss.set(key, css);
  }
  return css;
}

const headerCss = new Map<string, Promise<string>>();

/** Whether any character of `text` falls in the subset's unicode-range. */
async function usesSubset(pkg: Face['pkg'], subset: string, text: string): Promise<boolean> {
  const ranges = parseUnicodeRange((await unicodeRanges(pkg))[subset] ?? '');
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (ranges.some(([low, high]) => code >= low && code <= high)) return true;
  }
  return false;
}

/** "U+0100-02BA,U+2113" → [[0x100, 0x2ba], [0x2113, 0x2113]]. */
function parseUnicodeRange(range: string): [number, number][] {
  return range
    .split(',')
    .map((part) => /U\+([0-9A-Fa-f]+)(?:-([0-9A-Fa-f]+))?/.exec(part.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [Number.parseInt(match[1]!, 16), Number.parseInt(match[2] ?? match[1]!, 16)]);
}

const rangeFiles = new Map<string, Promise<Record<string, string>>>();

/** The package's unicode.json: subset name → unicode-range, as @fontsource's own CSS uses them. */
function unicodeRanges(pkg: Face['pkg']): Promise<Record<string, string>> {
  let ranges = rangeFiles.get(pkg);
  if (!ranges) {
    ranges = readFile(resolveFontFile(`${pkg}/unicode.json`), 'utf8').then((json) => JSON.parse(json) as Record<string, string>);
    rangeFiles.set(pkg, ranges);
  }
  return ranges;
}

async function buildFontCss(faces: readonly Face[], subsets: readonly string[] = SUBSETS): Promise<string> {
  const rules = await Promise.all(
    faces.flatMap((face) =>
      subsets.map(async (subset) => {
        const file = resolveFontFile(`${face.pkg}/files/${face.stem}-${subset}-${face.weight}-${face.style}.woff2`);
        const [bytes, unicode] = await Promise.all([readFile(file), unicodeRanges(face.pkg)]);
        const range = unicode[subset];
        if (!range) throw new Error(`${face.pkg}/unicode.json has no "${subset}" range`);
        return [
          '@font-face {',
          `  font-family: '${face.family}';`,
          `  font-style: ${face.style};`,
          `  font-weight: ${face.weight};`,
          // block, not swap: the printer waits for document.fonts.ready, and a fallback face must never reach the PDF.
          '  font-display: block;',
          `  src: url(data:font/woff2;base64,${bytes.toString('base64')}) format('woff2');`,
          `  unicode-range: ${range};`,
          '}',
        ].join('\n');
      }),
    ),
  );
  return `${rules.join('\n')}\n`;
}
