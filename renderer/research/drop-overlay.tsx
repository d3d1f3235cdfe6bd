import { useEffect, useRef, useState } from 'react';
import { useApp } from '../app/app-context';

function hasFiles(event: DragEvent): boolean {
  return Boolean(event.dataTransfer && [...event.dataTransfer.types].includes('Files'));
}

/**
 * Files dropped anywhere on the window are imported. Listens in the capture phase so the editor
 * never inserts a dropped file into the note.
 */
export function DropOverlay() {
  const { research, ui } = useApp();
  const [active, setActive] = useState(false);
  const depth = useRef(0);

  useEffect(() => {
    const onEnter = (event: DragEvent): void => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setActive(true);
    };
    const onOver = (event: DragEvent): void => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent): void => {
      if (!hasFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setActive(false);
    };
    const onDrop = (event: DragEvent): void => {
      depth.current = 0;
      setActive(false);
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      event.preventDefault();
      event.stopPropagation();
      if (ui.getState().rightCollapsed) ui.toggleRight();
      const tab = research.sidebar.getState().tab;
      if (tab !== 'events' && tab !== 'sources') research.sidebar.setTab('events');
      void research.imports.importFiles(files);
    };
    window.addEventListener('dragenter', onEnter, true);
    window.addEventListener('dragover', onOver, true);
    window.addEventListener('dragleave', onLeave, true);
    window.addEventListener('drop', onDrop, true);
    return () => {
      window.removeEventListener('dragenter', onEnter, true);
      window.removeEventListener('dragover', onOver, true);
      window.removeEventListener('dragleave', onLeave, true);
      window.removeEventListener('drop', onDrop, true);
    };
  }, [research, ui]);

  if (!active) return null;
  return (
    <div className="bd-drop-overlay" data-testid="drop-overlay">
      <div className="bd-drop-overlay__box">
        <strong>Drop files to import</strong>
        <span>GDELT, ACLED, CSV/JSON events, saved articles, RSS/Atom feeds, CSL-JSON</span>
      </div>
    </div>
  );
}
