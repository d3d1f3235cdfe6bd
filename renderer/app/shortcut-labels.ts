/**
 * Window-wide shortcuts as tooltips, aria-keyshortcuts and the empty state show them. The keys
 * themselves are handled in app.tsx (useShortcuts).
 */

/** Puts the cursor in the research sidebar's search field (Events, or Sources when it is open). */
export const RESEARCH_SEARCH_SHORTCUT = { label: 'Ctrl+Shift+K', aria: 'Control+Shift+K' } as const;
