import { type RefObject, useEffect } from 'react';

/**
 * While a popup menu is open: closes it on a pointer down outside `root` or on Escape, and puts
 * focus on its first item so the menu works from the keyboard. `setOpen` is React's state setter
 * (stable), so the listeners are attached once per opening.
 */
export function useMenuDismiss(open: boolean, setOpen: (open: boolean) => void, root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent): void => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    root.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, setOpen, root]);
}
