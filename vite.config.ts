import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer, built once and served by both shells (Electron's app:// protocol and the browser edition). */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
