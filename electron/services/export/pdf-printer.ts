import type { Paper } from '../../../core/domain/export';

/** Page margins as CSS lengths ('22mm', '0.9in'). */
export interface PageMargin {
  top: string;
  right: string;
  bottom: string;
  left: string;
}

/** What a PDF printer needs besides the HTML. */
export interface PrintOptions {
  paper: Paper;
  /** Chromium header/footer templates (core/export/page-templates), printed on every page. */
  headerTemplate: string;
  footerTemplate: string;
  margin: PageMargin;
  /** Aborting stops the print and rejects with AppError('cancelled'). */
  signal?: AbortSignal;
}

/**
 * Prints one standalone HTML document to PDF bytes. Electron main passes a printer on a hidden
 * window's webContents.printToPDF; the browser edition, the CLI, tests and the bench use the system
 * Chromium through playwright-core (chromium-printer.ts). Both print the same HTML and templates.
 */
export interface PdfPrinter {
  print(html: string, options: PrintOptions): Promise<Uint8Array>;
  /**
   * Gets ready for a print in the background (the Chromium printer starts its browser); resolves
   * when ready or when it could not get ready, and never rejects: a print reports the failure.
   */
  warm?(): Promise<void>;
  /** Frees the browser or window behind the printer; printing again afterwards starts a new one. */
  close(): Promise<void>;
}
