import { defineConfig } from 'vitest/config';
import { textImport } from './build/scripts/text-import.mjs';

/** Unit tests live next to the code. Renderer tests opt into jsdom with a `@vitest-environment jsdom` comment. */
export default defineConfig({
  // The CSL styles ship as .csl files, imported as text (see build/scripts/text-import.mjs).
  plugins: [textImport()],
  test: {
    include: ['build/**/*.test.ts', 'core/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'templates/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
});
