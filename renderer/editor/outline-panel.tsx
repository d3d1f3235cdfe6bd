import type { Editor } from '@tiptap/core';
import { useDebouncedDocValue } from './use-debounced-doc-value';

/** A heading of the note, for the outline. */
export interface OutlineHeading {
  level: number;
  text: string;
  /** Position of the heading node in the document (valid for the document it was read from). */
  pos: number;
}

/** Delay after the last change before the outline is read again. */
export const OUTLINE_DELAY_MS = 250;

/** The headings of a document in order. Walks blocks only, never into a paragraph's text. */
export function readOutline(editor: Editor): OutlineHeading[] {
  const headings: OutlineHeading[] = [];
  editor.state.doc.descendants((node, pos) => {
    if (node.type.name === 'heading') {
      headings.push({ level: Number(node.attrs.level) || 1, text: node.textContent.trim(), pos });
      return false;
    }
    // Textblocks hold only inline content; skipping them keeps the walk proportional to blocks.
    return !node.isTextblock && !node.isAtom;
  });
  return headings;
}

/** Moves the cursor to the end of the index-th heading and scrolls it to the top of the view. */
export function goToHeading(editor: Editor, index: number): void {
  // Positions move while typing; read them again now rather than trusting the debounced list.
  const heading = readOutline(editor)[index];
  if (!heading) return;
  const node = editor.state.doc.nodeAt(heading.pos);
  if (!node) return;
  editor.chain().focus(undefined, { scrollIntoView: false }).setTextSelection(heading.pos + node.nodeSize - 1).run();
  const dom = editor.view.nodeDOM(heading.pos);
  if (dom instanceof HTMLElement && typeof dom.scrollIntoView === 'function') {
    dom.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }
}

/**
 * The outline of the open note: its headings, indented by level. Read again ~250 ms after the
 * document stops changing, not per keystroke. Clicking a heading jumps to it.
 */
export function OutlinePanel({ editor }: { editor: Editor | null }) {
  const headings = useDebouncedDocValue(editor, readOutline, OUTLINE_DELAY_MS);

  if (!editor || !headings) {
    return (
      <nav className="bd-outline" aria-label="Outline">
        <p className="bd-outline__empty">Open a note to see its outline.</p>
      </nav>
    );
  }
  if (headings.length === 0) {
    return (
      <nav className="bd-outline" aria-label="Outline">
        <p className="bd-outline__empty">No headings yet. Headings you add (Ctrl+Alt+1…3) appear here.</p>
      </nav>
    );
  }
  const minLevel = Math.min(...headings.map((heading) => heading.level));
  return (
    <nav className="bd-outline" aria-label="Outline">
      <ul className="bd-outline__list">
        {headings.map((heading, index) => (
          <li key={`${index}:${heading.pos}`} className="bd-outline__row">
            <button
              type="button"
              className={`bd-outline__item bd-outline__item--h${heading.level}`}
              style={{ paddingInlineStart: `${0.5 + (heading.level - minLevel) * 0.9}rem` }}
              data-testid="outline-item"
              data-level={heading.level}
              title={heading.text || 'Untitled heading'}
              onClick={() => goToHeading(editor, index)}
            >
              {heading.text || <span className="bd-outline__untitled">Untitled heading</span>}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
