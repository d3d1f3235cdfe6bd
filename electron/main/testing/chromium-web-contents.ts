import { chromium, type Browser } from 'playwright-core';
import { chromiumLaunchArgs, findChromium } from '../../services/export/chromium-printer';

/**
 * Electron's named paper sizes in inches, as its `webContents.printToPDF` turns `pageSize` into
 * Chromium's paperWidth/paperHeight (electron lib/browser/api/web-contents.ts, `paperFormats`).
 */
const PAPER_INCHES: Readonly<Record<string, { width: number; height: number }>> = {
  letter: { width: 8.5, height: 11 },
  legal: { width: 8.5, height: 14 },
  tabloid: { width: 11, height: 17 },
  ledger: { width: 17, height: 11 },
  a0: { width: 33.1, height: 46.8 },
  a1: { width: 23.4, height: 33.1 },
  a2: { width: 16.54, height: 23.4 },
  a3: { width: 11.7, height: 16.54 },
  a4: { width: 8.27, height: 11.7 },
  a5: { width: 5.83, height: 8.27 },
  a6: { width: 4.13, height: 5.83 },
};

/** The margins Electron takes, in inches. */
interface Margins {
  top?: number;
  bottom?: number;
  left?: number;
  right?: number;
}

/** Electron's PrintToPDFOptions, the fields our printer may pass (the rest are refused, as a typo would be). */
export interface WebContentsPrintOptions {
  pageSize?: string;
  landscape?: boolean;
  printBackground?: boolean;
  displayHeaderFooter?: boolean;
  headerTemplate?: string;
  footerTemplate?: string;
  margins?: Margins;
  preferCSSPageSize?: boolean;
  generateDocumentOutline?: boolean;
  generateTaggedPDF?: boolean;
  scale?: number;
  pageRanges?: string;
}

const KNOWN_OPTIONS = new Set(['pageSize', 'landscape', 'printBackground', 'displayHeaderFooter', 'headerTemplate', 'footerTemplate', 'margins', 'preferCSSPageSize', 'generateDocumentOutline', 'generateTaggedPDF', 'scale', 'pageRanges']);

/**
 * For tests of the Electron shell, which cannot run on these machines: what
 * `webContents.printToPDF` does, done by a real Chromium. Electron checks the options, maps them
 * to Chromium's print settings and prints the loaded page with the same PDF backend as the
 * DevTools protocol's Page.printToPDF, which this sends. The PDF is therefore a real one — its
 * pages, paper size, margins, header and footer follow from the options the code under test passed.
 */
export class ChromiumWebContents {
  private constructor(private readonly browser: Browser) {}

  /** Starts a headless Chromium (the one the app's printer would use); throws when there is none. */
  static async launch(): Promise<ChromiumWebContents> {
    const executablePath = await findChromium();
    if (!executablePath) throw new Error('These tests print with a real Chromium and found none (set CHROMIUM_PATH).');
    return new ChromiumWebContents(await chromium.launch({ executablePath, args: chromiumLaunchArgs() }));
  }

  /** Loads `url` with JavaScript off (as the print window has it) and prints it as Electron would with `options`. */
  async printToPDF(url: string, options: WebContentsPrintOptions): Promise<Buffer> {
    const params = electronPrintSettings(options);
    const context = await this.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const cdp = await context.newCDPSession(page);
      const { data } = (await cdp.send('Page.printToPDF', params)) as { data: string };
      return Buffer.from(data, 'base64');
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** Electron's checks and mapping of PrintToPDFOptions to Chromium's print settings (inches throughout). */
function electronPrintSettings(options: WebContentsPrintOptions): Record<string, unknown> {
  for (const key of Object.keys(options)) if (!KNOWN_OPTIONS.has(key)) throw new Error(`printToPDF has no option "${key}"`);
  const size = typeof options.pageSize === 'string' ? PAPER_INCHES[options.pageSize.toLowerCase()] : { width: 8.5, height: 11 };
  if (!size) throw new Error(`Unsupported pageSize: ${String(options.pageSize)}`);
  const margins = options.margins ?? {};
  for (const [side, value] of Object.entries(margins)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new TypeError(`margins.${side} must be a non-negative number of inches`);
  }
  return {
    landscape: options.landscape ?? false,
    displayHeaderFooter: options.displayHeaderFooter ?? false,
    headerTemplate: options.headerTemplate ?? '',
    footerTemplate: options.footerTemplate ?? '',
    printBackground: options.printBackground ?? false,
    scale: options.scale ?? 1,
    paperWidth: size.width,
    paperHeight: size.height,
    // Electron's defaults: 1 cm top and bottom, 1 cm left and right (0.39 in).
    marginTop: margins.top ?? 0.39,
    marginBottom: margins.bottom ?? 0.39,
    marginLeft: margins.left ?? 0.39,
    marginRight: margins.right ?? 0.39,
    pageRanges: options.pageRanges ?? '',
    preferCSSPageSize: options.preferCSSPageSize ?? false,
    generateTaggedPDF: options.generateTaggedPDF ?? false,
    generateDocumentOutline: options.generateDocumentOutline ?? false,
  };
}
