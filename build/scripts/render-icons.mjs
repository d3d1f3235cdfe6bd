// Renders build/icons/icon.svg to the PNGs electron-builder uses (run by hand after editing the SVG):
// build/icons/icon.png (512), and build/icons/<N>x<N>.png for Linux. Uses playwright-core with the
// system Chromium (CHROMIUM_PATH or /usr/bin/chromium).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from './lib.mjs';

const ICONS = join(ROOT, 'build', 'icons');
const svg = readFileSync(join(ICONS, 'icon.svg'), 'utf8');
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path && existsSync(path));

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  for (const [size, names] of [
    [512, ['icon.png', '512x512.png']],
    [256, ['256x256.png']],
    [128, ['128x128.png']],
    [64, ['64x64.png']],
    [32, ['32x32.png']],
    [16, ['16x16.png']],
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const sized = svg.replace('width="512" height="512"', `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    for (const name of names) {
      await page.screenshot({ path: join(ICONS, name), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      process.stderr.write(`wrote build/icons/${name}\n`);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
