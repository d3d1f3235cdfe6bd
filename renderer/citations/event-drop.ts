import type { Editor } from '@tiptap/core';
import { EVENT_DRAG_MIME, positionAt, type FactMode } from './insert-facts';

/** The event ids a drag carries (space-separated), or none when it is not an event card. */
export function draggedEventIds(data: DataTransfer | null): string[] {
  const raw = data?.getData(EVENT_DRAG_MIME) ?? '';
  return raw.split(/\s+/).filter((id) => /^ev-[a-z0-9-]{4,80}$/.test(id));
}

/**
 * Lets event cards be dropped into the text: one card becomes a sentence where it is dropped,
 * several picked cards a chronology. Dropped on a template's empty guidance (a paragraph, a bullet,
 * a table cell) they take its place, through the same `insertNodes` as the sidebar's buttons. The drag carries only our MIME type, so ProseMirror's own
 * drop handling finds nothing to insert and leaves the drop to us. Returns the detach function.
 */
export function attachEventDrop(editor: Editor, insert: (ids: string[], mode: FactMode, at: number | undefined) => void): () => void {
  const dom = editor.view.dom;
  const carriesEvent = (event: DragEvent): boolean => Boolean(event.dataTransfer && [...event.dataTransfer.types].includes(EVENT_DRAG_MIME));
  const onDragOver = (event: DragEvent): void => {
    if (!carriesEvent(event) || !editor.isEditable) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (event: DragEvent): void => {
    if (!carriesEvent(event) || !editor.isEditable) return;
    const ids = draggedEventIds(event.dataTransfer);
    event.preventDefault();
    if (ids.length === 0) return;
    const at = positionAt(editor, event.clientX, event.clientY) ?? undefined;
    insert(ids, ids.length > 1 ? 'chronology' : 'sentence', at);
  };
  dom.addEventListener('dragover', onDragOver);
  dom.addEventListener('drop', onDrop);
  return () => {
    dom.removeEventListener('dragover', onDragOver);
    dom.removeEventListener('drop', onDrop);
  };
}
