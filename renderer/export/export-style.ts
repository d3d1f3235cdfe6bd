import { FALLBACK_STYLE_ID } from '../../core/citations/style-catalog';

/** A style as the citations store lists it (only what the label needs). */
export interface StyleName {
  id: string;
  name: string;
}

/** What the export dialog says about the citation style the export will use. */
export interface ExportStyleLabel {
  /** The style the backend formats with (the same resolution as export-service's model()). */
  id: string;
  /** Its display name, as in the note header's dropdown. */
  name: string;
  /** Why this style: the note chose it, or it is the workspace default, or the chosen one is gone. */
  origin: 'note' | 'workspace' | 'fallback';
}

/**
 * The citation style an export uses: the note's own, else the workspace default; a style that is
 * no longer available falls back to numeric, as the backend does (export-service.usableStyle).
 */
export function exportStyleLabel(noteStyle: string | null, workspaceStyle: string, styles: readonly StyleName[]): ExportStyleLabel {
  const wanted = noteStyle ?? workspaceStyle;
  const found = styles.find((style) => style.id === wanted);
  if (found) return { id: found.id, name: found.name, origin: noteStyle ? 'note' : 'workspace' };
  const fallback = styles.find((style) => style.id === FALLBACK_STYLE_ID);
  return { id: FALLBACK_STYLE_ID, name: fallback?.name ?? FALLBACK_STYLE_ID, origin: 'fallback' };
}
