import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A window's size and place, as remembered between launches. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** A rectangle, as Electron's screen module gives them. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** First launch: a comfortable editing size, centred by Electron. */
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 860, maximized: false };

const MIN_VISIBLE = 80;

/** Reads the remembered state; anything missing or odd gives the default. */
export function loadWindowState(file: string): WindowState {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    const sizeOk = isInt(raw.width) && isInt(raw.height) && raw.width! >= 400 && raw.height! >= 300;
    if (!sizeOk) return { ...DEFAULT_WINDOW_STATE };
    const state: WindowState = { width: raw.width!, height: raw.height!, maximized: raw.maximized === true };
    if (isInt(raw.x) && isInt(raw.y)) {
      state.x = raw.x;
      state.y = raw.y;
    }
    return state;
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
}

/** Writes the state atomically (temp file + rename), so a crash never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.tmp-${process.pid}`;
    writeFileSync(temp, `${JSON.stringify(state)}\n`);
    renameSync(temp, file);
  } catch {
    // Forgetting the window position is not worth bothering the user about.
  }
}

/**
 * Keeps the remembered position only when enough of the window would be on the display that
 * matches it (a monitor may have been unplugged since); otherwise drops x/y so Electron centres it.
 */
export function placeOnVisibleDisplay(state: WindowState, displayWorkAreaFor: (bounds: Rect) => Rect): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const bounds = { x: state.x, y: state.y, width: state.width, height: state.height };
  const area = displayWorkAreaFor(bounds);
  const overlapX = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
  const overlapY = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y);
  if (overlapX >= MIN_VISIBLE && overlapY >= MIN_VISIBLE) {
    return { ...state, width: Math.min(state.width, area.width), height: Math.min(state.height, area.height) };
  }
  return { width: Math.min(state.width, area.width), height: Math.min(state.height, area.height), maximized: state.maximized };
}

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}
