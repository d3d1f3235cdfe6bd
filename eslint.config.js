// @ts-check
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'worker_threads', 'stream', 'util', 'events', 'zlib', 'readline', 'process', 'buffer'];
const nodeBuiltinPatterns = [{ group: ['node:*'], message: 'core/ and renderer/ run outside Node: no Node built-ins.' }];
const nodeBuiltinPaths = NODE_BUILTINS.map((name) => ({ name, message: 'core/ and renderer/ run outside Node: no Node built-ins.' }));

/**
 * Import boundaries (VS Code's common/node/electron-main idea): the folder says where code runs.
 * core/ imports nothing of electron/ or renderer/ and no Node or Electron module;
 * renderer/ never imports electron/ (the backend) nor Node or Electron modules;
 * electron/services/ (the backend's logic, shared by the Electron app, the browser edition's server
 * and the CLI) never imports Electron: only electron/main/ and electron/preload/ may.
 * build/lint-boundaries.test.ts checks that each rule fires.
 */
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**', 'release/**', 'bench/results.json'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // CommonJS preloads (`node --require`) run before any module loader: require() is their only import.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'core/ is pure: no Electron.' }, ...nodeBuiltinPaths],
          patterns: [
            ...nodeBuiltinPatterns,
            { group: ['**/electron/**', '**/electron'], message: 'core/ must not import the Node side (electron/).' },
            { group: ['**/renderer/**', '**/renderer'], message: 'core/ must not import the UI (renderer/).' },
            { group: ['react', 'react-dom', 'react/*', '@tiptap/react'], message: 'core/ must not import UI libraries.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'electron/services/ also runs in the CLI and the browser edition, where there is no Electron: declare an interface here and implement it in electron/main/ (like PdfPrinter in services/export/pdf-printer.ts and main/electron-pdf-printer.ts).',
            },
          ],
          patterns: [{ regex: '^electron/', message: 'electron/services/ also runs in the CLI and the browser edition, where there is no Electron.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the backend through the typed client only.' }, ...nodeBuiltinPaths],
          patterns: [
            ...nodeBuiltinPatterns,
            { group: ['**/electron/**', '**/electron'], message: 'renderer/ never imports electron/: use the typed API client.' },
          ],
        },
      ],
    },
  },
);
