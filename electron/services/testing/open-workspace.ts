/*
 * Opens a workspace while its folder is writable, then while it is read-only (mode 0500), and says
 * how each went. Used by container.test.ts: in its own process, or — when the test runs as root,
 * which writes to any folder whatever its mode — as a separate process that setpriv starts without
 * root's CAP_DAC_OVERRIDE. Usage: open-workspace.ts WORKSPACE TEMPLATES
 * (prints one JSON line, [writable, readOnly]).
 */
import { chmod } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../core/index';
import { createBackend } from '../../container';

/** How opening the workspace went. */
export type OpenOutcome = { ok: true } | { ok: false; code: string; message: string };

async function open(workspaceDir: string, builtinTemplatesDir: string): Promise<OpenOutcome> {
  try {
    const backend = await createBackend({ workspaceDir, builtinTemplatesDir, appVersion: 'test' });
    await backend.close();
    return { ok: true };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ok: false, code: error.code, message: error.message };
  }
}

/**
 * Opens the workspace writable (the control: a refusal after it is the folder's, not, say, a
 * user who cannot read the code), then read-only; the folder is writable again afterwards.
 */
export async function openWritableThenReadOnly(workspaceDir: string, builtinTemplatesDir: string): Promise<[OpenOutcome, OpenOutcome]> {
  const writable = await open(workspaceDir, builtinTemplatesDir);
  await chmod(workspaceDir, 0o500);
  try {
    return [writable, await open(workspaceDir, builtinTemplatesDir)];
  } finally {
    await chmod(workspaceDir, 0o700);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [workspaceDir, builtinTemplatesDir] = process.argv.slice(2);
  if (!workspaceDir || !builtinTemplatesDir) {
    process.stderr.write('usage: open-workspace.ts WORKSPACE TEMPLATES\n');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(await openWritableThenReadOnly(workspaceDir, builtinTemplatesDir))}\n`);
}
