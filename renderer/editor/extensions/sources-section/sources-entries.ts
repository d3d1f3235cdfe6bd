import type { EditorView } from '@tiptap/pm/view';
import type { BibliographyEntry } from '../../../../core/citations/format';
import type { CitationNumbering } from '../../../../core/citations/numbering';
import type { SourceSnapshot } from '../../../../core/editor/citation';
import type { CitationCallbacks } from '../citations-state/citation-callbacks';
import { type CitationsStateValue, citedSnapshots } from '../citations-state/citations-state';
import { formattedNote } from '../citations-state/note-format';

/**
 * The Sources entries of a note: the list of core's formatNoteCitations run over the whole note (the
 * run the citation labels come from, so "2025a" means the same in both), or plain numbered entries
 * until the CSL engine chunk has loaded.
 */
export function sourcesEntries(view: EditorView, state: CitationsStateValue, callbacks: CitationCallbacks): BibliographyEntry[] {
  const formatted = formattedNote(view, state.styleId, state.version, callbacks);
  if (formatted) return formatted.bibliography;
  return plainEntries(state.numbering, citedSnapshots(view.state.doc, callbacks));
}

/** "Title. Publisher. 2025-06-05." without the engine; the styled list replaces it once the engine is loaded. */
export function plainEntryText(snapshot: SourceSnapshot): string {
  const parts = [snapshot.title || 'Untitled', snapshot.publisher ?? '', snapshot.published ?? '']
    .map((part) => part.trim().replace(/\.+$/, ''))
    .filter((part) => part !== '');
  return `${parts.join('. ')}.`;
}

/**
 * The Sources list before the CSL engine chunk has loaded: numbered in citation order, plain text.
 * It shows for a moment at most (the engine is fetched right after the first render).
 */
function plainEntries(numbering: CitationNumbering, snapshots: ReadonlyMap<string, SourceSnapshot>): BibliographyEntry[] {
  return numbering.order.map((sourceId, index) => {
    const number = index + 1;
    const snapshot = snapshots.get(sourceId);
    return { sourceId, number, text: `${number}. ${snapshot ? plainEntryText(snapshot) : `Source unavailable (${sourceId})`}` };
  });
}
