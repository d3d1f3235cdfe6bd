import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { type Locator, type Page, expect } from '@playwright/test';

/** The editable body of the open note. */
export const editorBody = (page: Page) => page.locator('[data-testid="note-editor"][contenteditable="true"]');

/** Creates a note from `templateId` through the New note dialog and waits for its editor. */
export async function createNote(page: Page, templateId: string, title?: string): Promise<void> {
  await page.getByTestId('new-note-button').click();
  await page.locator(`[data-testid="template-option"][data-template-id="${templateId}"]`).click();
  if (title !== undefined) await page.getByTestId('new-note-title').fill(title);
  await page.getByTestId('create-note-button').click();
  await expect(editorBody(page)).toBeVisible();
}

/** Waits until the save state says everything is on disk. */
export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-state').first()).toHaveText(/^Saved/, { timeout: 10_000 });
}

/** Types at the end of the note body. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await editorBody(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

/** Every file under `dir` whose name ends in .json or .bak, as paths. */
export async function workspaceJsonFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/\.(json|bak)$/.test(entry.name)) found.push(full);
    }
  };
  await walk(dir);
  return found;
}

/** Reads the one note file of a workspace whose title is `title`. */
export async function readNoteByTitle(dir: string, title: string): Promise<{ id: string; text: string; json: unknown }> {
  for (const file of await readdir(path.join(dir, 'notes'))) {
    if (!file.endsWith('.json')) continue;
    const raw = await readFile(path.join(dir, 'notes', file), 'utf8');
    if (raw.includes(JSON.stringify(title))) return { id: file.replace(/\.json$/, ''), text: raw, json: JSON.parse(raw) };
  }
  throw new Error(`No note titled "${title}" in ${dir}`);
}

/** The number in the sidebar's "1,234 events" or "12 sources"; -1 while no count is shown yet. */
export async function resultCount(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  const match = /([\d,]+)\s+(event|source)/.exec(text);
  return match ? Number(match[1]!.replace(/,/g, '')) : -1;
}

/** Loads the sample library from the Events tab and returns the number of events it shows. */
export async function loadSample(page: Page): Promise<number> {
  await page.getByTestId('events-tab').click();
  await page.getByTestId('load-sample').click();
  const result = page.getByTestId('result-count');
  await expect.poll(() => resultCount(result), { timeout: 15_000 }).toBeGreaterThanOrEqual(15);
  return resultCount(result);
}

/**
 * Searches the Events tab and opens the first card whose text matches `card`. The list reuses its
 * rows while results arrive, so the click is checked against the detail and retried.
 */
export async function openEvent(page: Page, query: string, card: RegExp): Promise<void> {
  const back = page.getByTestId('detail-back');
  if (await back.isVisible()) await back.click();
  await page.getByTestId('event-search').fill(query);
  await expect(async () => {
    if (await back.isVisible()) await back.click();
    await page.getByTestId('event-card').filter({ hasText: card }).first().click({ timeout: 2_000 });
    await expect(page.getByTestId('event-detail').locator('.bd-detail__date')).toHaveText(card, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}

/** What has the keyboard focus, and whether it shows the app's focus indicator. */
export interface FocusState {
  /** e.g. `button[data-testid="export-button"] "Export"`; "body" when nothing is focused. */
  element: string;
  visible: boolean;
  /** The computed outline (or, for the editor body, box-shadow) that was judged. */
  indicator: string;
}

/**
 * Reads the focused element's focus indicator: a visible outline (at least 1px, not transparent).
 * A visually hidden radio shows it on its label; the editor body (contenteditable) shows it as a
 * box-shadow rule beside the caret.
 */
export async function focusState(page: Page): Promise<FocusState> {
  const state = await page.evaluate(readFocus, undefined);
  if (!state.frame) return state;
  // The focus is on something inside a frame (a link in the export preview): judge that element.
  const inner = page.frameLocator(`iframe[data-testid="${state.frame}"]`).locator(':focus');
  if ((await inner.count()) === 0) return { ...state, visible: false, indicator: 'nothing focused inside the frame' };
  return inner.evaluate(readFocus);
}

/** Runs in the page (or a frame): the focused element and its indicator; `frame` when it is a frame. */
function readFocus(target?: Element): FocusState & { frame?: string } {
  const active = target ?? document.activeElement;
  if (!active || active === document.body) return { element: 'body', visible: false, indicator: 'none' };
  if (active instanceof HTMLIFrameElement) return { element: `iframe "${active.title}"`, visible: false, indicator: 'inside the frame', frame: active.dataset.testid ?? '' };
  const name = (element: Element): string => {
    const testId = element.getAttribute('data-testid');
    const label = element.getAttribute('aria-label') ?? (element.textContent ?? '').trim().slice(0, 30);
    return `${element.tagName.toLowerCase()}${testId ? `[data-testid="${testId}"]` : element.className ? `.${String(element.className).split(' ')[0]}` : ''} "${label}"`;
  };
  if (active instanceof HTMLInputElement && active.type === 'date' && !active.matches(':focus')) {
    // The date field's calendar button has the focus: Chromium rings it itself (the page cannot style or read it).
    return { element: name(active), visible: true, indicator: "the browser's ring on the calendar button" };
  }
  const box = active.getBoundingClientRect();
  const hidden = Number(getComputedStyle(active).opacity) === 0 || box.width <= 1 || box.height <= 1;
  const shown = hidden ? (active.closest('label') ?? active) : active;
  const style = getComputedStyle(shown);
  const transparent = (color: string): boolean => color === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(color);
  if (shown instanceof HTMLElement && shown.isContentEditable) {
    return { element: name(active), visible: style.boxShadow !== 'none' || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1), indicator: `box-shadow: ${style.boxShadow}` };
  }
  const outline = `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
  return { element: name(active), visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 && !transparent(style.outlineColor), indicator: `outline: ${outline}` };
}

/** Fails unless the focused element matches `expected` (when given) and shows a visible focus indicator. */
export async function expectVisibleFocus(page: Page, expected?: string): Promise<void> {
  if (expected !== undefined) await expect(page.locator(`${expected}:focus`)).toHaveCount(1);
  const state = await focusState(page);
  expect(state.visible, `${state.element} has focus but no visible indicator (${state.indicator})`).toBe(true);
}
