/** Attributes and listeners of {@link el}. */
type ElProps = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

/**
 * Creates an element with attributes (`on*` keys add listeners; null/false skip) and children.
 * The citation views are plain DOM: a note can hold hundreds of citations, and React node views
 * would cost a root each.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElProps = {}, ...children: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), value);
      continue;
    }
    if (key === 'className') element.className = String(value);
    else if (key === 'text') element.textContent = String(value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child !== null) element.append(child);
  }
  return element;
}

/**
 * Places a floating panel (position: fixed, in document.body) below `anchor`, or above it when
 * there is no room below, kept inside the viewport horizontally.
 */
export function placeNear(panel: HTMLElement, anchor: Element): void {
  const rect = anchor.getBoundingClientRect();
  const width = panel.offsetWidth || 320;
  const height = panel.offsetHeight || 160;
  const viewportWidth = window.innerWidth || 1024;
  const viewportHeight = window.innerHeight || 768;
  const left = Math.max(8, Math.min(rect.left, viewportWidth - width - 8));
  const below = rect.bottom + 6;
  const top = below + height > viewportHeight && rect.top - height - 6 > 0 ? rect.top - height - 6 : below;
  panel.style.left = `${Math.round(left)}px`;
  panel.style.top = `${Math.round(top)}px`;
}
