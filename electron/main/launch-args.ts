import { join } from 'node:path';
import { resolveWorkspaceDir, WORKSPACE_ENV } from '../services/workspace/workspace-location';

/**
 * The workspace of the desktop app: `--workspace DIR` (or `--workspace=DIR`) on the command line,
 * else $BRIEFING_DESK_WORKSPACE (both resolved like the CLI does), else userData/workspace.
 */
export function desktopWorkspaceDir(argv: readonly string[], env: NodeJS.ProcessEnv, userDataDir: string, homedir: string): string {
  const flag = workspaceFlag(argv);
  if (flag === undefined && !env[WORKSPACE_ENV]?.trim()) return join(userDataDir, 'workspace');
  return resolveWorkspaceDir({ flag, env, homedir });
}

/** The value of `--workspace` in `argv`, if any. */
export function workspaceFlag(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--workspace') {
      const value = argv[index + 1];
      return value && !value.startsWith('-') ? value : undefined;
    }
    if (arg.startsWith('--workspace=')) return arg.slice('--workspace='.length) || undefined;
  }
  return undefined;
}
