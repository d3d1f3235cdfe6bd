import { existsSync } from 'node:fs';
import { type Browser, type Page, chromium } from '@playwright/test';

/**
 * Launches the same Chromium the e2e tests use. Frames are not held to vsync: otherwise each
 * keystroke also waits a random part of a 16.7 ms frame interval, which swamps the editor's own
 * work (measured here: bare-editor p95 18 ms with vsync for 3k and 30k words alike, 5 and 9 ms without).
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-frame-rate-limit',
      '--disable-gpu-vsync',
    ],
  });
}

/**
 * Installs a keydown → next-paint probe: the time from the keydown handler to a task queued from
 * the next animation frame, i.e. after the frame that shows the keystroke has been produced.
 */
export async function installKeystrokeProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __keyLatencies: number[] };
    w.__keyLatencies = [];
    document.addEventListener(
      'keydown',
      () => {
        const start = performance.now();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => w.__keyLatencies.push(performance.now() - start);
          channel.port2.postMessage(null);
        });
      },
      { capture: true },
    );
  });
}

/** Types `count` characters with a human-like pause and returns the per-keystroke latencies. */
export async function typeAndMeasure(page: Page, count: number): Promise<number[]> {
  const text = 'Rare earths remain central to the talks. ';
  for (let i = 0; i < count; i += 1) {
    await page.keyboard.press(text[i % text.length] === ' ' ? 'Space' : text[i % text.length]!);
    await page.waitForTimeout(20);
  }
  await page.waitForTimeout(100);
  return page.evaluate(() => (window as unknown as { __keyLatencies: number[] }).__keyLatencies);
}
