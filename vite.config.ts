import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { textImport } from './build/scripts/text-import.mjs';

/** The renderer, built once and served by both shells (Electron's app:// protocol and the browser edition). */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), textImport()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
