import type { Editor } from '@tiptap/core';
import type { Store } from '../app/store';
import { allKnown, collectCitedIds } from './cited-ids';
import type { CitationsStore } from './citations-store';

/** Pause after an edit before new, unknown cited ids are looked up (a paste, a typed citation). */
export const UNKNOWN_IDS_DELAY_MS = 500;

/** What the sync watches and drives. */
export interface ProvenanceSyncDeps {
  editor: Pick<Store<{ editor: Editor | null }>, 'getState' | 'subscribe'>;
  /** The library's change counter (the research sidebar's `libraryVersion`). */
  libraryVersion: { get(): number; subscribe(listener: () => void): () => void };
  citations: CitationsStore;
  /** Re-renders flags and numbers in the editor after new statuses arrived. */
  apply: (editor: Editor) => void;
  delayMs?: number;
}

/**
 * Keeps the citations store in step with the open note: asks library:provenance when a note opens,
 * whenever the library changes, and when an edit brings in ids nobody asked about yet; then lets
 * the editor redraw its markers. Returns a function that stops it.
 */
export function startProvenanceSync(deps: ProvenanceSyncDeps): () => void {
  const delayMs = deps.delayMs ?? UNKNOWN_IDS_DELAY_MS;
  let current: Editor | null = null;
  let version = deps.libraryVersion.get();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let detachUpdate: (() => void) | null = null;

  const refresh = async (editor: Editor): Promise<void> => {
    if (editor.isDestroyed) return;
    const applied = await deps.citations.refresh(collectCitedIds(editor.state.doc));
    if (applied && editor === current && !editor.isDestroyed) deps.apply(editor);
  };

  const onUpdate = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const editor = current;
      if (!editor || editor.isDestroyed) return;
      const { sources, events } = deps.citations.getState();
      if (!allKnown(collectCitedIds(editor.state.doc), sources, events)) void refresh(editor);
    }, delayMs);
  };

  const follow = (): void => {
    const editor = deps.editor.getState().editor;
    if (editor === current) return;
    detachUpdate?.();
    detachUpdate = null;
    if (timer) clearTimeout(timer);
    timer = null;
    current = editor;
    deps.citations.clear();
    if (!editor) return;
    editor.on('update', onUpdate);
    detachUpdate = () => editor.off('update', onUpdate);
    void refresh(editor);
  };

  const onLibrary = (): void => {
    const next = deps.libraryVersion.get();
    if (next === version) return;
    version = next;
    if (current) void refresh(current);
  };

  const unsubscribeEditor = deps.editor.subscribe(follow);
  const unsubscribeLibrary = deps.libraryVersion.subscribe(onLibrary);
  follow();
  return () => {
    unsubscribeEditor();
    unsubscribeLibrary();
    detachUpdate?.();
    if (timer) clearTimeout(timer);
  };
}
