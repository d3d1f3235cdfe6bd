import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The import boundaries in eslint.config.js, run on code strings placed at a path in the repository:
// each rule must fire where it applies and stay quiet where it does not.
const ROOT = fileURLToPath(new URL('..', import.meta.url));

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('import boundaries', () => {
  it.each([
    { file: 'electron/services/export/new-service.ts', code: "import { app } from 'electron';\nexport const name = app.name;\n", expected: /electron\/services\/ also runs in the CLI and the browser edition/ },
    { file: 'electron/services/export/new-service.ts', code: "import type { WebContents } from 'electron';\nexport type Page = WebContents;\n", expected: /no Electron/ },
    { file: 'electron/services/library/new-service.ts', code: "export { ipcMain } from 'electron';\n", expected: /no Electron/ },
    { file: 'electron/services/library/new-service.ts', code: "import { ipcRenderer } from 'electron/renderer';\nexport const send = ipcRenderer.send;\n", expected: /no Electron/ },
    { file: 'core/domain/new-module.ts', code: "import { app } from 'electron';\nexport const name = app.name;\n", expected: /core\/ is pure: no Electron/ },
    { file: 'renderer/app/new-component.ts', code: "import { Backend } from '../../electron/container';\nexport type B = Backend;\n", expected: /renderer\/ never imports electron\// },
  ])('$file: $code', async ({ file, code, expected }) => {
    const errors = await importErrors(file, code);
    expect(errors).toContainEqual(expect.stringMatching(expected));
  });

  it.each([
    { file: 'electron/main/new-module.ts', code: "import { app } from 'electron';\nexport const name = app.name;\n" },
    { file: 'electron/services/export/new-service.ts', code: "import { join } from 'node:path';\nimport type { PdfPrinter } from './pdf-printer';\nexport const f = (p: PdfPrinter): string => join(String(p), 'x');\n" },
    { file: 'electron/services/export/new-service.ts', code: "import { electronSafeName } from './electron-names';\nexport const n = electronSafeName;\n" },
  ])('allowed: $file: $code', async ({ file, code }) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});
