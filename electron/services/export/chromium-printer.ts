import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AppError } from '../../../core/api/result';
import type { PdfPrinter, PrintOptions } from './pdf-printer';

/** Where a system Chromium usually lives on Linux (Debian's chromium first, as on the CI machines). */
const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** A warm browser prints a 20-page note in ~150 ms instead of ~600 ms; after a minute idle it goes. */
const IDLE_CLOSE_MS = 60_000;

/**
 * A closed port on loopback for the services below that cannot be switched off, only pointed
 * elsewhere: port 1 is on Chromium's list of restricted ports, so a request there fails inside the
 * browser (ERR_UNSAFE_PORT) before any socket is opened.
 */
const NOWHERE = 'http://localhost:1/';

/**
 * Chromium features switched off. One `--disable-features` list replaces Playwright's own (the last
 * one on the command line wins), so the features Playwright turns off for reliable automation are
 * repeated here after the ones that would reach the network.
 */
const DISABLED_FEATURES = [
  'Translate', // the translate bar and its language-list download
  'OptimizationHints', // optimization-guide hint downloads at startup
  'NetworkTimeServiceQuerying', // clock checks against clients2.google.com
  'MediaRouter', // Cast discovery (mDNS/SSDP on the local network)
  'DialMediaRouteProvider', // DIAL discovery of TVs on the local network
  'AutofillServerCommunication', // form-type queries to the autofill server
  'CertificateTransparencyComponentUpdater', // CT log list updates
  'SafeBrowsingRealTimeUrlLookup', // real-time URL checks (Safe Browsing)
  'AimEnabled', // AI Mode eligibility requests to www.google.com
  'PreconnectToSearch', // preconnects to the default search engine
  'InterestFeedContentSuggestions', // New Tab page feed
  // Repeated from Playwright's list (playwright-core chromiumSwitches), which this list replaces:
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
];

/**
 * Every flag that keeps the print server's Chromium off the network: it prints data it is handed
 * and has no reason to reach any host, so none of Chromium's own background services may run, no
 * proxy from the environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY) is used, and any name that is not
 * loopback fails to resolve inside the browser. Proved by chromium-offline.test.ts, which reads the
 * browser's NetLog, and by e2e/offline-session.spec.ts.
 */
export const OFFLINE_CHROMIUM_ARGS: readonly string[] = [
  // Umbrella switch: variations seed fetch, extension/component update pings, GCM, Safe Browsing list updates, spare-time fetches.
  '--disable-background-networking',
  // The component updater's background schedule…
  '--disable-component-update',
  // …and its on-demand checks, which Chromium 156 still sends to update.googleapis.com with the switch above.
  `--component-updater=url-source=${NOWHERE}`,
  // Google account cookie checks (ListAccounts to accounts.google.com at startup and on retries).
  `--gaia-url=${NOWHERE}`,
  // Google API host for signin and account services.
  `--google-apis-url=${NOWHERE}`,
  // Push messaging (GCM) check-in, registration and its persistent connection.
  `--gcm-checkin-url=${NOWHERE}`,
  `--gcm-registration-url=${NOWHERE}`,
  `--gcm-mcs-endpoint=${NOWHERE}`,
  // Chrome Sync and its invalidations.
  '--disable-sync',
  // Safe Browsing: the client-side phishing model and the list updates.
  '--disable-client-side-phishing-detection',
  '--safebrowsing-disable-auto-update',
  // Reports of network errors to Google (Domain Reliability).
  '--disable-domain-reliability',
  // Usage statistics are recorded in memory at most, never uploaded.
  '--metrics-recording-only',
  // Crash reports are not uploaded.
  '--disable-breakpad',
  // No field-trial configuration (and with background networking off, no variations seed fetch)…
  '--disable-field-trial-config',
  // …and should one be attempted, it goes nowhere.
  `--variations-server-url=${NOWHERE}`,
  // Default apps, extensions and component extensions that run in the background (and update themselves).
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-component-extensions-with-background-pages',
  // First-run tasks (welcome page, import) and the default-browser check.
  '--no-first-run',
  '--no-default-browser-check',
  // No hyperlink-auditing pings.
  '--no-pings',
  // Translate, optimization hints, network time, Cast and the rest (see DISABLED_FEATURES).
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
  // Never a proxy, whatever HTTP(S)_PROXY, ALL_PROXY or the desktop settings say: print traffic must not leave the machine through one.
  '--no-proxy-server',
  // Any name that is not loopback fails inside the browser: no DNS query leaves the machine even if something above is missed.
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

/**
 * OFFLINE_CHROMIUM_ARGS for a Chromium that must still reach a server on this machine (the e2e
 * tests' browser, which shows the browser edition from 127.0.0.1): loopback names and addresses
 * resolve, every other name still fails inside the browser.
 */
export function offlineChromiumArgsWithLoopback(): string[] {
  return OFFLINE_CHROMIUM_ARGS.map((arg) => (arg.startsWith('--host-resolver-rules=') ? '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE [::1]' : arg));
}

/** Flags of a headless print server that are not about the network. */
const PRINT_ARGS = ['--disable-gpu', '--mute-audio'];

/**
 * Set (in tests) to a folder, the printer's Chromium writes its NetLog there, one file per launch,
 * so a test can count the hosts it tried to reach. Unset, no log is written.
 */
export const CHROMIUM_NETLOG_ENV = 'BRIEFING_DESK_CHROMIUM_NETLOG_DIR';

/**
 * The command line of the printing Chromium, with a NetLog written to `netLogFile` when given.
 * Chromium refuses to start its sandbox as root (containers, CI), so only then is it switched off;
 * an analyst's own account keeps it. JavaScript is off and the network is blocked either way.
 */
export function chromiumLaunchArgs(netLogFile: string | null = null): string[] {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const netLog = netLogFile ? [`--log-net-log=${netLogFile}`, '--net-log-capture-mode=Everything'] : [];
  return [...(root ? ['--no-sandbox'] : []), ...PRINT_ARGS, ...OFFLINE_CHROMIUM_ARGS, ...netLog];
}

/** What to tell an analyst who has no Chromium. */
export const INSTALL_CHROMIUM_HINT =
  'Install one with "sudo apt install chromium" (Debian/Ubuntu) or "npx playwright install chromium", or set CHROMIUM_PATH to a Chrome or Chromium executable.';

/** Options of the Chromium printer (tests shorten the idle time). */
export interface ChromiumPrinterOptions {
  /** Read for CHROMIUM_PATH (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Close the browser after this long without a print (default 60 s). */
  idleCloseMs?: number;
}

/**
 * The Chromium to print with: CHROMIUM_PATH when set (and it must exist), else a system Chromium or
 * Chrome, else the browser Playwright downloaded (`npx playwright install chromium`); null when
 * there is none. Playwright-core is loaded only here, when a PDF is asked for.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) return existsSync(configured) ? configured : null;
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  if (system) return system;
  try {
    const { chromium } = await import('playwright-core');
    const downloaded = chromium.executablePath();
    return downloaded && existsSync(downloaded) ? downloaded : null;
  } catch {
    return null;
  }
}

/**
 * Prints with the system Chromium through playwright-core (browser edition, CLI, tests, bench).
 * The browser starts on the first print and stays warm for the next ones; each print gets its own
 * page in one offline context that refuses every request that is not a data: URL, so nothing is
 * fetched even if the HTML named a remote resource.
 */
export class ChromiumPrinter implements PdfPrinter {
  private readonly env: NodeJS.ProcessEnv;
  private readonly idleCloseMs: number;
  private session: Promise<{ browser: Browser; context: BrowserContext }> | null = null;
  /** A blank page opened after each print for the next one: opening a page costs ~100–300 ms, printing a 20-page note ~200 ms. */
  private spare: Promise<Page> | null = null;
  private liveBrowser: Browser | null = null;
  private active = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  /** How many browsers this printer started (tests keep launches low; the bench reports warm prints). */
  launches = 0;

  constructor(options: ChromiumPrinterOptions = {}) {
    this.env = options.env ?? process.env;
    this.idleCloseMs = options.idleCloseMs ?? IDLE_CLOSE_MS;
  }

  /** Prints `html` to PDF bytes; throws AppError('unavailable') without a Chromium and AppError('cancelled') when aborted. */
  async print(html: string, options: PrintOptions): Promise<Uint8Array> {
    const { signal } = options;
    throwIfCancelled(signal);
    this.active += 1;
    this.stopIdleTimer();
    let page: Page | null = null;
    const onAbort = (): void => void page?.close().catch(() => undefined);
    try {
      page = await this.takePage();
      throwIfCancelled(signal);
      signal?.addEventListener('abort', onAbort, { once: true });
      await page.setContent(html, { waitUntil: 'load' });
      // Every face the text uses must be loaded before printing, or Chromium prints a fallback font.
      await page.evaluate(async () => {
        await document.fonts.ready;
      });
      throwIfCancelled(signal);
      const pdf = await page.pdf({
        format: options.paper === 'letter' ? 'Letter' : 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: options.headerTemplate,
        footerTemplate: options.footerTemplate,
        margin: options.margin,
        preferCSSPageSize: false,
        tagged: true,
        outline: true,
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch (error) {
      if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
      if (error instanceof AppError) throw error;
      throw new AppError('internal', `Chromium could not print the PDF: ${firstLine(error)}`);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // Closing takes a few tens of ms; the bytes are ready, so the caller does not wait for it.
      void page?.close().catch(() => undefined);
      this.active -= 1;
      if (this.active === 0) {
        this.prepareSpare();
        this.startIdleTimer();
      }
    }
  }

  /**
   * Starts the browser and opens a page for the first print, so that print does not wait for a
   * Chromium launch (1–4 s). Never rejects: without a Chromium nothing is said now, and the print
   * that follows reports why. The idle timer then runs as after a print.
   */
  async warm(): Promise<void> {
    if (this.active > 0 || this.spare) return;
    try {
      await this.open();
      this.prepareSpare();
      await this.spare;
    } catch {
      // Silent by design: the next print launches again and throws the AppError that says what to install.
    } finally {
      if (this.active === 0) this.startIdleTimer();
    }
  }

  /** True while a browser is running (started by a print or by `warm`). */
  get isWarm(): boolean {
    return this.liveBrowser !== null;
  }

  /** Closes the browser (it starts again on the next print). */
  async close(): Promise<void> {
    this.stopIdleTimer();
    const session = this.session;
    this.session = null;
    this.spare = null;
    this.liveBrowser = null;
    if (!session) return;
    try {
      await (await session).browser.close();
    } catch {
      // A browser that never started or already died has nothing to close.
    }
  }

  /** The spare page when there is one (each print still gets a page of its own), else a new page. */
  private async takePage(): Promise<Page> {
    const spare = this.spare;
    this.spare = null;
    const page = spare ? await spare.catch(() => null) : null;
    if (page && !page.isClosed()) return page;
    const { context } = await this.open();
    return context.newPage();
  }

  private prepareSpare(): void {
    const session = this.session;
    if (!session || this.spare) return;
    const spare = session.then(({ context }) => context.newPage());
    // A failed spare is just not there; takePage opens a page itself.
    spare.catch(() => undefined);
    this.spare = spare;
  }

  private open(): Promise<{ browser: Browser; context: BrowserContext }> {
    this.session ??= this.launch().catch((error: unknown) => {
      this.session = null;
      throw error;
    });
    return this.session;
  }

  private async launch(): Promise<{ browser: Browser; context: BrowserContext }> {
    const executablePath = await findChromium(this.env);
    if (!executablePath) {
      const where = this.env.CHROMIUM_PATH?.trim() ? `CHROMIUM_PATH names "${this.env.CHROMIUM_PATH.trim()}", which does not exist. ` : 'No Chrome or Chromium was found. ';
      throw new AppError('unavailable', `A PDF needs Chromium to print it. ${where}${INSTALL_CHROMIUM_HINT}`);
    }
    const { chromium } = await import('playwright-core');
    let browser: Browser;
    try {
      // The browser gets this printer's environment (process.env unless a test gave another), proxies in it included: the flags make it ignore them.
      browser = await chromium.launch({ executablePath, args: chromiumLaunchArgs(await this.netLogFile()), headless: true, env: { ...process.env, ...this.env } });
    } catch (error) {
      throw new AppError('unavailable', `Chromium at ${executablePath} did not start: ${firstLine(error)}. ${INSTALL_CHROMIUM_HINT}`);
    }
    this.launches += 1;
    this.liveBrowser = browser;
    browser.on('disconnected', () => {
      // A crashed or killed browser: the next print starts a new one (a browser closed on purpose is already forgotten).
      if (this.liveBrowser !== browser) return;
      this.liveBrowser = null;
      this.session = null;
      this.spare = null;
    });
    const context = await browser.newContext({ offline: true, serviceWorkers: 'block', javaScriptEnabled: false });
    await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort('blockedbyclient')));
    return { browser, context };
  }

  /** The NetLog file of the next launch when CHROMIUM_NETLOG_ENV names a folder (tests), else null. Chromium does not create the folder. */
  private async netLogFile(): Promise<string | null> {
    const dir = this.env[CHROMIUM_NETLOG_ENV]?.trim();
    if (!dir) return null;
    await mkdir(dir, { recursive: true });
    return join(dir, `chromium-${process.pid}-${this.launches + 1}.netlog.json`);
  }

  private startIdleTimer(): void {
    this.stopIdleTimer();
    if (!this.session) return;
    this.idleTimer = setTimeout(() => void this.close(), this.idleCloseMs);
    // An idle browser must not keep a CLI or test process alive.
    this.idleTimer.unref();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}
