import { isAbsolute, join, resolve } from 'node:path';

/** Where to look for the workspace folder. */
export interface WorkspaceLocationInput {
  /** The `--workspace DIR` flag, when given. */
  flag?: string;
  env: NodeJS.ProcessEnv;
  homedir: string;
}

/** Environment variable naming the workspace folder. */
export const WORKSPACE_ENV = 'BRIEFING_DESK_WORKSPACE';

/**
 * The workspace folder of the browser edition and the CLI: `--workspace DIR`, else
 * $BRIEFING_DESK_WORKSPACE, else $XDG_DATA_HOME/briefing-desk/workspace, else
 * ~/.local/share/briefing-desk/workspace. (The Electron app defaults to userData/workspace; its host decides.)
 * Relative paths are taken from the current directory; `~/` is expanded as a shell would.
 */
export function resolveWorkspaceDir({ flag, env, homedir }: WorkspaceLocationInput): string {
  const chosen = nonEmpty(flag) ?? nonEmpty(env[WORKSPACE_ENV]);
  if (chosen) return resolve(expandHome(chosen, homedir));
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_DATA_HOME);
  const dataHome = xdg && isAbsolute(xdg) ? xdg : join(homedir, '.local', 'share');
  return join(dataHome, 'briefing-desk', 'workspace');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() ? value.trim() : undefined;
}

function expandHome(path: string, homedir: string): string {
  if (path === '~') return homedir;
  return path.startsWith('~/') ? join(homedir, path.slice(2)) : path;
}
