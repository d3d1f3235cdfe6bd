import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** js-yaml is what electron-builder itself reads its config with (a dependency of app-builder-lib). */
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const ROOT = resolve(__dirname, '..', '..');
const config = yaml.load(readFileSync(join(ROOT, 'build', 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

/** The fuses electron-builder 26 knows (app-builder-lib's FuseOptionsV1), with the value a packaged Briefing Desk must have. */
const EXPECTED: Record<string, boolean> = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  enableCookieEncryption: true,
  grantFileProtocolExtraPrivileges: false,
  loadBrowserProcessSpecificV8Snapshot: false,
};

describe('electron-builder.yml: Electron fuses', () => {
  const fuses = (config.electronFuses ?? {}) as Record<string, unknown>;

  it.each(Object.entries(EXPECTED))('%s is %s', (fuse, value) => {
    expect(fuses[fuse]).toBe(value);
  });

  it('names only fuses electron-builder knows (a misspelt key would be ignored silently)', () => {
    const declared = readFileSync(join(ROOT, 'node_modules', 'app-builder-lib', 'out', 'configuration.d.ts'), 'utf8');
    const known = /export interface FuseOptionsV1 \{([\s\S]*?)\n\}/.exec(declared)?.[1] ?? '';
    for (const fuse of Object.keys(fuses)) expect(known, fuse).toMatch(new RegExp(`\\b${fuse}\\?: boolean;`));
    expect(Object.keys(fuses).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('packs the app into an asar, which the asar fuses need', () => {
    expect(config.asar).toBe(true);
  });
});
