/** True on macOS and iOS, where Mod is ⌘. */
export function isApplePlatform(): boolean {
  if (typeof navigator === 'undefined') return false;
  return /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent);
}

const APPLE_SYMBOLS: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥', Ctrl: '⌃' };

/**
 * A shortcut in TipTap notation ("Mod-Shift-z") as people read it: "Ctrl+Shift+Z", or "⇧⌘Z" on a Mac.
 */
export function shortcutLabel(shortcut: string, apple: boolean = isApplePlatform()): string {
  const parts = shortcut.split('-');
  const key = (parts.pop() ?? '').toUpperCase();
  if (apple) {
    // macOS orders modifiers ⌃⌥⇧⌘.
    const order = ['Ctrl', 'Alt', 'Shift', 'Mod'];
    const modifiers = order.filter((modifier) => parts.includes(modifier)).map((modifier) => APPLE_SYMBOLS[modifier]);
    return `${modifiers.join('')}${key}`;
  }
  const names = parts.map((part) => (part === 'Mod' ? 'Ctrl' : part));
  return [...names, key].join('+');
}
