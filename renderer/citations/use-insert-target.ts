import { useApp } from '../app/app-context';
import { useStore } from '../app/store';

/** Whether the sidebar can write into the open note now, and if not, why (for the buttons' tooltips). */
export interface InsertTarget {
  canInsert: boolean;
  /** A tooltip: what the button does, or why it is disabled. */
  reason: string | null;
}

/** Follows the open note: insert buttons are disabled without an editable note. */
export function useInsertTarget(): InsertTarget {
  const { editor: editorStore, session } = useApp();
  const editor = useStore(editorStore, (state) => state.editor);
  const trashed = useStore(session, (state) => state.note?.trashedAt != null);
  const busy = useStore(session, (state) => state.busy);
  if (!editor) return { canInsert: false, reason: 'Open a note to insert into it.' };
  if (trashed) return { canInsert: false, reason: 'This note is in the trash (read-only).' };
  if (busy) return { canInsert: false, reason: 'The note is busy; try again in a moment.' };
  return { canInsert: true, reason: null };
}
