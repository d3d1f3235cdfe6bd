import { defineConfig } from 'vitest/config';

/** Unit tests live next to the code. Renderer tests opt into jsdom with a `@vitest-environment jsdom` comment. */
export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'templates/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
});
