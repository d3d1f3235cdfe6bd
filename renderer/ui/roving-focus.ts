/**
 * Arrow-key movement in a group where one item is a Tab stop (tabs, radio cards): the index a key
 * moves to, wrapping at the ends, or null when the key is not a movement key. `axis` 'horizontal'
 * takes ←/→ only (a tab list); 'both' also ↑/↓ (a radio group, as native radios do).
 */
export function rovingIndex(key: string, index: number, count: number, axis: 'horizontal' | 'both'): number | null {
  if (count <= 0) return null;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  const forward = key === 'ArrowRight' || (axis === 'both' && key === 'ArrowDown');
  const back = key === 'ArrowLeft' || (axis === 'both' && key === 'ArrowUp');
  if (!forward && !back) return null;
  // From nowhere (-1), forward starts at the first item and back at the last.
  if (index < 0) return forward ? 0 : count - 1;
  return (index + (forward ? 1 : -1) + count) % count;
}
