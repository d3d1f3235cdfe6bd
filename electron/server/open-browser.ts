import { spawn } from 'node:child_process';

/**
 * True when a browser window could appear: always on macOS and Windows; on Linux and the BSDs only
 * with an X11 or Wayland display (a server over SSH or in CI has none).
 */
export function hasDisplay(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * Opens `url` in the system browser with xdg-open / open / start. Never throws and never waits:
 * a missing opener only means the user copies the printed URL themselves.
 */
export function openInSystemBrowser(url: string, platform: NodeJS.Platform = process.platform): void {
  const [command, args] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? // `start` is a cmd built-in; the empty "" is the window title it expects first.
          ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener installed: the URL is on stdout.
  }
}
