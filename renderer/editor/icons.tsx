import type { ReactNode } from 'react';

/** Names of the toolbar icons. */
export type IconName =
  | 'undo' | 'redo' | 'bold' | 'italic' | 'underline' | 'strike' | 'highlight'
  | 'bulletList' | 'orderedList' | 'taskList' | 'blockquote' | 'link'
  | 'alignLeft' | 'alignCenter' | 'alignRight' | 'alignJustify'
  | 'table' | 'horizontalRule'
  | 'rowBefore' | 'rowAfter' | 'rowDelete' | 'columnBefore' | 'columnAfter' | 'columnDelete'
  | 'headerRow' | 'tableDelete';

// Drawn on a 24×24 grid with 2px strokes in currentColor, so they follow the theme; no icon font.
const PATHS: Record<IconName, ReactNode> = {
  undo: <><path d="M9 14 4 9l5-5" /><path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" /></>,
  redo: <><path d="m15 14 5-5-5-5" /><path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" /></>,
  bold: <path d="M6 12h8a4 4 0 0 1 0 8H6V4h7a4 4 0 0 1 0 8" />,
  italic: <><path d="M19 4h-9" /><path d="M14 20H5" /><path d="M15 4 9 20" /></>,
  underline: <><path d="M6 4v6a6 6 0 0 0 12 0V4" /><path d="M4 20h16" /></>,
  strike: <><path d="M16 4H9a3 3 0 0 0-2.83 4" /><path d="M14 12a4 4 0 0 1 0 8H6" /><path d="M4 12h16" /></>,
  highlight: <><path d="m9 11-6 6v3h9l3-3" /><path d="m22 12-4.6 4.6a2 2 0 0 1-2.8 0l-5.2-5.2a2 2 0 0 1 0-2.8L14 4" /></>,
  bulletList: <><path d="M3 6h.01" /><path d="M3 12h.01" /><path d="M3 18h.01" /><path d="M8 6h13" /><path d="M8 12h13" /><path d="M8 18h13" /></>,
  orderedList: <><path d="M10 6h11" /><path d="M10 12h11" /><path d="M10 18h11" /><path d="M4 6h1v4" /><path d="M4 10h2" /><path d="M6 18H4c0-1 2-2 2-3s-1-1.5-2-1" /></>,
  taskList: <><rect x="3" y="5" width="6" height="6" rx="1" /><path d="m3 17 2 2 4-4" /><path d="M13 6h8" /><path d="M13 12h8" /><path d="M13 18h8" /></>,
  blockquote: <><path d="M4 6h3a2 2 0 0 1 2 2v3a5 5 0 0 1-5 5" /><path d="M4 6v5h5" /><path d="M14 6h3a2 2 0 0 1 2 2v3a5 5 0 0 1-5 5" /><path d="M14 6v5h5" /></>,
  link: <><path d="M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71" /><path d="M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" /></>,
  alignLeft: <><path d="M21 6H3" /><path d="M15 12H3" /><path d="M17 18H3" /></>,
  alignCenter: <><path d="M21 6H3" /><path d="M17 12H7" /><path d="M19 18H5" /></>,
  alignRight: <><path d="M21 6H3" /><path d="M21 12H9" /><path d="M21 18H7" /></>,
  alignJustify: <><path d="M21 6H3" /><path d="M21 12H3" /><path d="M21 18H3" /></>,
  table: <><rect x="3" y="3" width="18" height="18" rx="2" /><path d="M3 9h18" /><path d="M3 15h18" /><path d="M9 3v18" /><path d="M15 3v18" /></>,
  horizontalRule: <><path d="M3 12h18" /><path d="M7 6h10" opacity=".45" /><path d="M7 18h10" opacity=".45" /></>,
  rowBefore: <><rect x="3" y="13" width="18" height="8" rx="1" /><path d="M12 3v7" /><path d="M8.5 6.5h7" /></>,
  rowAfter: <><rect x="3" y="3" width="18" height="8" rx="1" /><path d="M12 14v7" /><path d="M8.5 17.5h7" /></>,
  rowDelete: <><rect x="3" y="8" width="18" height="8" rx="1" /><path d="m10 10 4 4" /><path d="m14 10-4 4" /></>,
  columnBefore: <><rect x="13" y="3" width="8" height="18" rx="1" /><path d="M3 12h7" /><path d="M6.5 8.5v7" /></>,
  columnAfter: <><rect x="3" y="3" width="8" height="18" rx="1" /><path d="M14 12h7" /><path d="M17.5 8.5v7" /></>,
  columnDelete: <><rect x="8" y="3" width="8" height="18" rx="1" /><path d="m10 10 4 4" /><path d="m14 10-4 4" /></>,
  headerRow: <><rect x="3" y="3" width="18" height="18" rx="2" /><path d="M3 9h18" /><path d="M3 3h18v6H3z" fill="currentColor" opacity=".3" stroke="none" /><path d="M12 9v12" /></>,
  tableDelete: <><path d="M3 6h18" /><path d="M19 6v14a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V6" /><path d="M8 6V4a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2" /><path d="M10 11v6" /><path d="M14 11v6" /></>,
};

/** A toolbar icon; decorative (the button carries the accessible name). */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      className="bd-icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
