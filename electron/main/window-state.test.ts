import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desktopWorkspaceDir } from './launch-args';
import { DEFAULT_WINDOW_STATE, loadWindowState, placeOnVisibleDisplay, saveWindowState } from './window-state';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bd-window-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const screen = { x: 0, y: 0, width: 1920, height: 1040 };

describe('window state', () => {
  it('round-trips through the file', async () => {
    const file = join(dir, 'window-state.json');
    saveWindowState(file, { x: 100, y: 50, width: 1000, height: 700, maximized: true });
    expect(loadWindowState(file)).toEqual({ x: 100, y: 50, width: 1000, height: 700, maximized: true });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ width: 1000 });
  });

  it('falls back to the default for a missing or broken file', async () => {
    expect(loadWindowState(join(dir, 'missing.json'))).toEqual(DEFAULT_WINDOW_STATE);
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"width": "wide"');
    expect(loadWindowState(broken)).toEqual(DEFAULT_WINDOW_STATE);
    await writeFile(broken, '{"width": 10, "height": 10}');
    expect(loadWindowState(broken)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps a position that is on the display', () => {
    const state = { x: 200, y: 100, width: 1200, height: 800, maximized: false };
    expect(placeOnVisibleDisplay(state, () => screen)).toEqual(state);
  });

  it('drops a position on a display that is gone, so the window is centred', () => {
    const state = { x: 3000, y: 100, width: 1200, height: 800, maximized: false };
    expect(placeOnVisibleDisplay(state, () => screen)).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('shrinks a window larger than the display', () => {
    const state = { x: 0, y: 0, width: 3000, height: 2000, maximized: false };
    expect(placeOnVisibleDisplay(state, () => screen)).toMatchObject({ width: 1920, height: 1040 });
  });
});

describe('desktop workspace', () => {
  it('prefers --workspace, then $BRIEFING_DESK_WORKSPACE, then userData/workspace', () => {
    expect(desktopWorkspaceDir(['electron', 'main.cjs', '--workspace', '/tmp/ws'], { BRIEFING_DESK_WORKSPACE: '/tmp/env' }, '/ud', '/home/a')).toBe('/tmp/ws');
    expect(desktopWorkspaceDir(['electron', '--workspace=/tmp/ws2'], {}, '/ud', '/home/a')).toBe('/tmp/ws2');
    expect(desktopWorkspaceDir(['electron'], { BRIEFING_DESK_WORKSPACE: '~/notes' }, '/ud', '/home/a')).toBe('/home/a/notes');
    expect(desktopWorkspaceDir(['electron'], {}, '/ud', '/home/a')).toBe('/ud/workspace');
  });
});
