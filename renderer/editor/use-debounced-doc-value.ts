import type { Editor } from '@tiptap/core';
import { useEffect, useRef, useState } from 'react';

/**
 * A value computed from the whole document, recomputed `delayMs` after the document stops
 * changing rather than on every keystroke (word counts and outlines walk the whole note).
 * Null while there is no editor.
 */
export function useDebouncedDocValue<T>(editor: Editor | null, compute: (editor: Editor) => T, delayMs: number): T | null {
  const [value, setValue] = useState<T | null>(null);
  const computeRef = useRef(compute);
  useEffect(() => {
    computeRef.current = compute;
  });

  useEffect(() => {
    if (!editor || editor.isDestroyed) {
      setValue(null);
      return undefined;
    }
    setValue(computeRef.current(editor));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!editor.isDestroyed) setValue(computeRef.current(editor));
      }, delayMs);
    };
    editor.on('update', onUpdate);
    return () => {
      clearTimeout(timer);
      editor.off('update', onUpdate);
    };
  }, [editor, delayMs]);

  return value;
}
