import type { Editor } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type JSX, type ReactNode } from 'react';
import type { DocNode } from '../../core/domain/note';
import { validateDoc } from '../../core/editor/schema';
import { createEditorExtensions } from './editor-extensions';
import { type CitationCallbacks, DEFAULT_STYLE_ID } from './extensions/citations-state/citation-callbacks';
import { LinkPopover, linkPopoverPosition, type PopoverPosition } from './extensions/link-handling/link-popover';
import { Toolbar } from './toolbar';
import { useDebouncedDocValue } from './use-debounced-doc-value';
import './editor.css';

/** Props of {@link NoteEditor}. */
export interface NoteEditorProps {
  /** The note id; the parent remounts the editor (key) per note so undo history stays per note. */
  noteId: string;
  /** The body at mount; later changes of this prop are ignored (the editor owns the document). */
  initialContent: DocNode;
  editable?: boolean;
  /** Called after every document-changing transaction. Must stay cheap: the parent only marks dirty and schedules a save. */
  onDocChange?: (editor: Editor) => void;
  onBlur?: (editor: Editor) => void;
  /** Ctrl+S / Cmd+S inside the editor. */
  onSaveShortcut?: (editor: Editor) => void;
  /** Gives the parent the instance; null on unmount (the old instance is still readable then). */
  onReady?: (editor: Editor | null) => void;
  /** Ctrl/Cmd+click on a link (already checked: http, https or mailto); the app opens it outside. */
  onOpenLink?: (href: string) => void;
  /**
   * Citation and provenance behaviour (style, library lookups, opening a source). Read when called,
   * so a new object never rebuilds the editor; after statuses change, run
   * `editor.commands.refreshCitations()` / `refreshProvenance()`.
   */
  citations?: CitationCallbacks;
  /** Optional content above the body inside the page column (e.g. a note header). */
  header?: ReactNode;
}

/** Delay after the last change before the word count is read again. */
export const WORD_COUNT_DELAY_MS = 300;

interface Counts {
  words: number;
  characters: number;
}

function readCounts(editor: Editor): Counts {
  const storage = editor.storage.characterCount;
  return { words: storage.words(), characters: storage.characters() };
}

const numberFormat = new Intl.NumberFormat();

/** Footer status line; re-renders only when the debounced count changes. */
function EditorStatus({ editor }: { editor: Editor }) {
  const counts = useDebouncedDocValue(editor, readCounts, WORD_COUNT_DELAY_MS);
  const words = counts?.words ?? 0;
  const characters = counts?.characters ?? 0;
  return (
    <div className="bd-editor__status" role="status" aria-live="off">
      <span data-testid="word-count" data-words={words}>
        {numberFormat.format(words)} {words === 1 ? 'word' : 'words'}
      </span>
      <span className="bd-editor__status-sep" aria-hidden="true">
        ·
      </span>
      <span data-testid="character-count" data-characters={characters}>
        {numberFormat.format(characters)} {characters === 1 ? 'character' : 'characters'}
      </span>
    </div>
  );
}

interface LinkPopoverState {
  position: PopoverPosition;
  initialHref: string;
  /** Remounts the popover when it is requested again while open. */
  serial: number;
}

/**
 * The note body editor: toolbar, the page-like editable body and a word/character count line.
 * Built for long notes: the component does not re-render while typing (no per-transaction
 * re-render, toolbar state from the selection only, counts debounced), and callbacks are read
 * through a ref so changing them never reconfigures the editor.
 */
export function NoteEditor(props: NoteEditorProps): JSX.Element {
  const { noteId, editable = true, header } = props;
  const callbacks = useRef(props);
  useLayoutEffect(() => {
    callbacks.current = props;
  });
  // The first values only: the editor owns the document and its editability is set by effect.
  const [initialContent] = useState(() => props.initialContent);
  // TipTap replaces content that does not fit the schema by an empty document; editing (and
  // autosaving) that would overwrite the note. Such a body is opened read-only, with the reason.
  const [contentCheck] = useState(() => validateDoc(props.initialContent));
  const canEdit = editable && contentCheck.ok;
  const [initialEditable] = useState(canEdit);
  // The popover is positioned inside the page column, so it scrolls with the text it belongs to.
  const columnRef = useRef<HTMLDivElement>(null);
  const [linkPopover, setLinkPopover] = useState<LinkPopoverState | null>(null);

  const openLinkPopover = useCallback((target: Editor) => {
    if (!target.isEditable) return;
    const href: unknown = target.getAttributes('link').href;
    setLinkPopover((previous) => ({
      position: linkPopoverPosition(target, columnRef.current),
      initialHref: typeof href === 'string' ? href : '',
      serial: (previous?.serial ?? 0) + 1,
    }));
  }, []);
  const closeLinkPopover = useCallback(() => setLinkPopover(null), []);

  const extensions = useMemo(
    () =>
      createEditorExtensions({
        onSave: (target) => callbacks.current.onSaveShortcut?.(target),
        onLinkRequest: openLinkPopover,
        onOpenLink: (href) => callbacks.current.onOpenLink?.(href),
        citations: {
          getStyleId: () => callbacks.current.citations?.getStyleId?.() ?? DEFAULT_STYLE_ID,
          getSource: (id) => callbacks.current.citations?.getSource?.(id) ?? null,
          getSourceStatus: (id) => callbacks.current.citations?.getSourceStatus?.(id) ?? null,
          getEventStatus: (id) => callbacks.current.citations?.getEventStatus?.(id) ?? null,
          onOpenSource: (id) => callbacks.current.citations?.onOpenSource?.(id),
          searchSources: (query) => callbacks.current.citations?.searchSources?.(query) ?? [],
        },
      }),
    [openLinkPopover],
  );

  const editorProps = useMemo(
    () => ({
      attributes: {
        'data-testid': 'note-editor',
        class: 'bd-prose',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': 'Note body',
        spellcheck: 'true',
      },
    }),
    [],
  );

  const editor = useEditor(
    {
      extensions,
      content: initialContent,
      editable: initialEditable,
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      editorProps,
      onUpdate: ({ editor: current }) => callbacks.current.onDocChange?.(current),
      onBlur: ({ editor: current }) => callbacks.current.onBlur?.(current),
    },
    [],
  );

  useEffect(() => {
    // No update event: becoming read-only is not an edit and must not mark the note dirty.
    if (editor.isEditable !== canEdit) editor.setEditable(canEdit, false);
    if (!canEdit) setLinkPopover(null);
  }, [editor, canEdit]);

  useEffect(() => {
    callbacks.current.onReady?.(editor);
    return () => callbacks.current.onReady?.(null);
  }, [editor]);

  return (
    <div className={canEdit ? 'bd-editor' : 'bd-editor is-readonly'} data-note-id={noteId}>
      <Toolbar editor={editor} onLinkRequest={openLinkPopover} editable={canEdit} />
      {/* The page is the scrolling area when the parent gives the editor a fixed height. */}
      <div className="bd-editor__page">
        <div ref={columnRef} className="bd-editor__column">
          {header}
          {contentCheck.ok ? null : (
            <p className="bd-editor__error" role="alert" data-testid="editor-content-error">
              The body of this note could not be read ({contentCheck.reason}). It is shown read-only so that nothing is
              overwritten; restore a revision from the history panel.
            </p>
          )}
          <EditorContent editor={editor} className="bd-editor__content" />
          {linkPopover ? (
            <LinkPopover
              key={linkPopover.serial}
              editor={editor}
              position={linkPopover.position}
              initialHref={linkPopover.initialHref}
              onClose={closeLinkPopover}
            />
          ) : null}
        </div>
      </div>
      <EditorStatus editor={editor} />
    </div>
  );
}
