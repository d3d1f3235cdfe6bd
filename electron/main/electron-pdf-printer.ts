import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session, type Session } from 'electron';
import { AppError } from '../../core/api/result';
import type { PageMargin, PdfPrinter, PrintOptions } from '../services/export/pdf-printer';

/** An in-memory session of its own (no "persist:"), so the print window shares no cookies, cache or handlers with the app. */
export const PRINT_PARTITION = 'bd-pdf-print';

/** A document that never finishes loading must not hang the export forever. */
const LOAD_TIMEOUT_MS = 60_000;

/**
 * Injected at the top of the printed document: even if the HTML named a remote resource, the page
 * may load nothing but its inline styles and data: fonts and images (the request filter is the
 * first wall, this the second).
 */
const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline' data:; font-src data:; img-src data:";

const UNITS_PER_INCH: Record<string, number> = { in: 1, mm: 25.4, cm: 2.54, pt: 72, pc: 6, px: 96 };

/**
 * A CSS length ('24mm', '0.9in', '2cm', '72pt', '96px'; a bare number is px) in inches, as
 * webContents.printToPDF wants its margins. Unreadable values give 0.4 in (Chromium's default).
 */
export function cssLengthToInches(length: string): number {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(in|mm|cm|pt|pc|px)?\s*$/i.exec(length);
  if (!match) return 0.4;
  const unit = (match[2] ?? 'px').toLowerCase();
  return Number(match[1]) / (UNITS_PER_INCH[unit] as number);
}

/** The margins of PrintOptions in inches. */
export function marginsInInches(margin: PageMargin): { top: number; right: number; bottom: number; left: number } {
  return {
    top: cssLengthToInches(margin.top),
    right: cssLengthToInches(margin.right),
    bottom: cssLengthToInches(margin.bottom),
    left: cssLengthToInches(margin.left),
  };
}

/** The HTML with a Content-Security-Policy meta as the first thing in its head. */
export function withPrintCsp(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return `${html.slice(0, head.index + head[0].length)}${meta}${html.slice(head.index + head[0].length)}`;
  return `${meta}${html}`;
}

/** Options of the Electron printer (tests shorten the load timeout and pick the temp folder). */
export interface ElectronPdfPrinterOptions {
  /** Where each print's HTML file is written for a moment (default: the OS temp folder). */
  tempDir?: string;
  loadTimeoutMs?: number;
}

/**
 * Prints in the Electron shell: each print loads the HTML in a hidden, sandboxed window without
 * preload or JavaScript, in a session of its own that refuses every request except the page itself
 * and data: URLs, and prints it with webContents.printToPDF and the header/footer templates. The
 * HTML goes through a temp file rather than a data: URL because Chromium caps URLs at 2 MB and the
 * embedded fonts alone come close.
 */
export class ElectronPdfPrinter implements PdfPrinter {
  private printSession: Session | null = null;
  /** file: URLs of documents being printed now; the request filter lets exactly these through. */
  private readonly allowedFiles = new Set<string>();
  private readonly windows = new Set<BrowserWindow>();
  private readonly tempDir: string;
  private readonly loadTimeoutMs: number;

  constructor(options: ElectronPdfPrinterOptions = {}) {
    this.tempDir = options.tempDir ?? tmpdir();
    this.loadTimeoutMs = options.loadTimeoutMs ?? LOAD_TIMEOUT_MS;
  }

  /** Prints `html` to PDF bytes; AppError('cancelled') when aborted, AppError('internal') when Chromium fails. */
  async print(html: string, options: PrintOptions): Promise<Uint8Array> {
    const { signal } = options;
    throwIfCancelled(signal);
    const dir = await mkdtemp(join(this.tempDir, 'bd-print-'));
    const file = join(dir, 'export.html');
    const url = pathToFileURL(file).href;
    let window: BrowserWindow | null = null;
    const onAbort = (): void => {
      // Destroying the window makes a pending load or printToPDF reject at once.
      if (window && !window.isDestroyed()) window.destroy();
    };
    try {
      await writeFile(file, withPrintCsp(html), 'utf8');
      throwIfCancelled(signal);
      this.allowedFiles.add(url);
      window = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK -- a hidden print window with javascript off; nothing in it can be clicked
        show: false,
        width: 900,
        height: 1200,
        webPreferences: {
          session: this.session(),
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          javascript: false,
          webSecurity: true,
          spellcheck: false,
          webgl: false,
        },
      });
      this.windows.add(window);
      signal?.addEventListener('abort', onAbort, { once: true });
      await withTimeout(window.loadURL(url), this.loadTimeoutMs, 'The export did not finish loading for printing');
      throwIfCancelled(signal);
      const pdf = await window.webContents.printToPDF({
        pageSize: options.paper === 'letter' ? 'Letter' : 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: options.headerTemplate,
        footerTemplate: options.footerTemplate,
        margins: marginsInInches(options.margin),
        preferCSSPageSize: false,
        generateDocumentOutline: true,
        generateTaggedPDF: true,
      });
      throwIfCancelled(signal);
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch (error) {
      if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
      if (error instanceof AppError) throw error;
      throw new AppError('internal', `Briefing Desk could not print the PDF: ${firstLine(error)}`);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.allowedFiles.delete(url);
      if (window) {
        this.windows.delete(window);
        if (!window.isDestroyed()) window.destroy();
      }
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** Destroys print windows still open (a print in flight then fails); the next print opens new ones. */
  async close(): Promise<void> {
    for (const window of this.windows) {
      if (!window.isDestroyed()) window.destroy();
    }
    this.windows.clear();
  }

  /** The print session, set up on first use (the app must be ready before sessions exist). */
  private session(): Session {
    if (this.printSession) return this.printSession;
    const printSession = session.fromPartition(PRINT_PARTITION, { cache: false });
    printSession.webRequest.onBeforeRequest((details, callback) => {
      callback({ cancel: !this.isAllowedRequest(details.url) });
    });
    printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    printSession.setPermissionCheckHandler(() => false);
    this.printSession = printSession;
    return printSession;
  }

  /** data: URLs (fonts, images) and the documents being printed; nothing else, above all nothing remote. */
  isAllowedRequest(url: string): boolean {
    if (url.startsWith('data:')) return true;
    return this.allowedFiles.has(url);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('internal', `${message} within ${Math.round(ms / 1000)} s.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}
