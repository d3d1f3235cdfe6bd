import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { ROOT } from './fixtures';

/**
 * The Electron binary when it is on disk, else null — the same rule as build/scripts/lib.mjs.
 * Never `require('electron')`: that starts a download from GitHub when the binary is missing.
 */
function findElectronBinary(): string | null {
  const pkgDir = join(ROOT, 'node_modules', 'electron');
  const fallback = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : process.platform === 'win32' ? 'electron.exe' : 'electron';
  let relative = fallback;
  try {
    relative = readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim() || fallback;
  } catch {
    // Never downloaded.
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative) : join(pkgDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

const executablePath = findElectronBinary();
const MAIN = join(ROOT, 'dist', 'electron', 'main.cjs');

test.describe('Electron shell', () => {
  test.skip(
    !executablePath,
    'Electron binary not installed on this machine (it is downloaded from GitHub, unreachable here); this test runs where it exists.',
  );

  let app: ElectronApplication;
  let workspaceDir: string;
  let userDataDir: string;

  test.beforeEach(async () => {
    workspaceDir = await mkdtemp(join(tmpdir(), 'bd-electron-ws-'));
    userDataDir = await mkdtemp(join(tmpdir(), 'bd-electron-ud-'));
    app = await electron.launch({
      executablePath: executablePath!,
      args: [
        // Root in CI containers cannot use Chromium's sandbox; the renderer is still context-isolated.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        MAIN,
        '--workspace',
        workspaceDir,
      ],
      env: { ...process.env, BRIEFING_DESK_WORKSPACE: '', BRIEFING_DESK_USER_DATA: userDataDir },
    });
  });

  test.afterEach(async () => {
    await app?.close();
    await rm(workspaceDir, { recursive: true, force: true });
    await rm(userDataDir, { recursive: true, force: true });
  });

  test('opens the window, creates a note from a template and keeps what was typed', async () => {
    const page = await app.firstWindow();
    await expect.poll(() => page.title()).toContain('Briefing Desk');
    expect(page.url()).toMatch(/^app:\/\/briefing-desk\//);

    // The preload exposes the typed bridge and nothing of Node or IPC.
    const exposed = await page.evaluate(() => {
      const scope = window as unknown as Record<string, unknown>;
      const bridge = scope.briefingDesk as Record<string, unknown> | undefined;
      return {
        bridge: typeof bridge,
        call: typeof bridge?.call,
        ipcRenderer: 'ipcRenderer' in (bridge ?? {}) || typeof scope.ipcRenderer,
        require: typeof scope.require,
        process: typeof scope.process,
      };
    });
    expect(exposed).toEqual({ bridge: 'object', call: 'function', ipcRenderer: 'undefined', require: 'undefined', process: 'undefined' });

    // The same contract as the browser edition, through IPC.
    const created = await page.evaluate(async () => {
      const bridge = (window as unknown as { briefingDesk: { call(name: string, input: unknown): Promise<{ ok: boolean; value?: { id: string } }> } }).briefingDesk;
      return bridge.call('notes:create', { templateId: 'situation-brief', title: 'From Electron' });
    });
    expect(created.ok).toBe(true);

    await page.reload();
    await page.getByText('From Electron').first().click();
    const editor = page.locator('.ProseMirror').first();
    await editor.click();
    await page.keyboard.type('Typed in the desktop app.');
    await expect(editor).toContainText('Typed in the desktop app.');
    const listed = await page.evaluate(async () => {
      const bridge = (window as unknown as { briefingDesk: { call(name: string, input: unknown): Promise<{ ok: boolean; value?: { notes: { title: string }[] } }> } }).briefingDesk;
      return bridge.call('notes:list', {});
    });
    expect(listed.value?.notes.map((note) => note.title)).toContain('From Electron');
  });

  test('exports a PDF printed by Electron to where the save dialog says', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'bd-electron-out-'));
    const target = join(outDir, 'brief.pdf');
    try {
      // The native save dialog cannot be clicked; answer it from the main process instead.
      await app.evaluate(({ dialog }, filePath) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
      }, target);
      const page = await app.firstWindow();
      await expect.poll(() => page.title()).toContain('Briefing Desk');
      await page.evaluate(async () => {
        const bridge = (window as unknown as { briefingDesk: { call(name: string, input: unknown): Promise<unknown> } }).briefingDesk;
        await bridge.call('notes:create', { templateId: 'situation-brief', title: 'Printed by Electron', marking: 'TLP:AMBER' });
      });
      await page.reload();
      await page.getByText('Printed by Electron').first().click();
      await page.keyboard.press('Control+p');
      await page.getByRole('button', { name: 'Export PDF' }).click();
      await expect.poll(() => existsSync(target), { timeout: 30_000 }).toBe(true);
      const bytes = await readFile(target);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = execFileSync('pdftotext', ['-layout', target, '-'], { encoding: 'utf8' });
      expect(text).toContain('Printed by Electron');
      expect(text).toContain('TLP:AMBER');
      expect(text).toMatch(/Page 1 of \d+/);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });

  test('window.open and navigation away are denied', async () => {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    const opened = await page.evaluate(() => window.open('https://example.com/', '_blank') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/briefing-desk\//);
  });
});
