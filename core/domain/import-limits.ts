import type { ImportFormat } from './library';

const MB = 1024 * 1024;

/**
 * How much one import may be, in one place (transports, the import service, the importers and the
 * zip reader all read these). Measured: the library keeps its events in memory, about 40 MB per
 * 100,000 GDELT 2.0 rows (a 41.5 MB file), and an import holds the file, its parse and the merged
 * library at once; a 200 MB file (about 480,000 GDELT rows) is what a laptop backend takes with
 * room to spare. Bigger collections are split into several files.
 */
export const IMPORT_LIMITS = {
  /** Largest file an import reads (upload, drop or CLI path), and largest inflated zip entry. */
  fileBytes: 200 * MB,
  /** Longest line or CSV record of a tabular file (GDELT, ACLED, our CSV); real rows are under 10 KB. */
  lineBytes: 4 * MB,
  /**
   * Largest file of the formats that are read as one document rather than line by line: a saved
   * article, a feed or a CSL file is far smaller; our JSON holds a whole library export.
   */
  documentBytes: { json: 100 * MB, csl: 16 * MB, html: 16 * MB, text: 16 * MB, rss: 32 * MB } satisfies Partial<Record<ImportFormat, number>>,
  zip: {
    /** Entries in the central directory (a GDELT zip holds one). */
    entries: 1000,
    /** Inflated bytes per compressed byte beyond which the entry is a zip bomb (text deflates 3–10×). */
    ratio: 100,
    /** The ratio is checked once this much was inflated, so tiny repetitive files still pass. */
    ratioAfterBytes: 1 * MB,
  },
} as const;

/** "1.0 GB", "600 MB", "512 KB", "12 bytes": sizes in messages a person reads. */
export function describeSize(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / 1024 / MB).toFixed(1)} GB`;
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * Why a file is refused for its size, and what to do: the size (null when unknown), the limit, and
 * how to split it (line-based files split with `split -l`; a CSV part needs the header line again).
 * The one "too large" message: imports, uploads over HTTP and IPC, and the renderer's own check.
 */
export function fileTooLargeMessage(fileName: string, size: number | null, limit: number = IMPORT_LIMITS.fileBytes): string {
  // An upload cut off at the limit may not say how big it was.
  const howBig = size === null ? 'is too large' : `is ${describeSize(size)}`;
  return (
    `"${fileName}" ${howBig}; Briefing Desk imports files of at most ${describeSize(limit)} because the library keeps its events in memory. ` +
    `Split it into smaller files and import them one by one (for GDELT, ACLED or CSV: \`split -l 200000 "${fileName}" part-\`, then put the header line back at the top of each CSV part); ` +
    'a shared team library for larger collections does not exist yet.'
  );
}
