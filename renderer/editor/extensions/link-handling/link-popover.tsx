import type { Editor } from '@tiptap/core';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { isApplePlatform } from '../../shortcut-label';
import { normalizeLinkInput } from './normalize-link-input';

/** Where the popover opens, relative to its positioned container. */
export interface PopoverPosition {
  top: number;
  left: number;
}

/** Props of {@link LinkPopover}. */
export interface LinkPopoverProps {
  editor: Editor;
  position: PopoverPosition;
  /** The href of the link at the selection, or '' for a new link. */
  initialHref: string;
  onClose: () => void;
}

const POPOVER_WIDTH = 420;

/**
 * Where to open the popover: just below the selection, inside `container` (the element the
 * popover is absolutely positioned in). Falls back to the top when layout is not available.
 */
export function linkPopoverPosition(editor: Editor, container: HTMLElement | null): PopoverPosition {
  if (!container) return { top: 48, left: 16 };
  try {
    const coords = editor.view.coordsAtPos(editor.state.selection.from);
    const box = container.getBoundingClientRect();
    const maxLeft = Math.max(8, box.width - POPOVER_WIDTH - 8);
    return {
      top: Math.max(8, coords.bottom - box.top + 6),
      left: Math.min(Math.max(8, coords.left - box.left - 12), maxLeft),
    };
  } catch {
    // jsdom and detached views have no layout.
    return { top: 48, left: 16 };
  }
}

/**
 * Small inline dialog to add, change or remove the link at the selection (Ctrl+K or the toolbar).
 * Only http, https and mailto are accepted; anything else shows why, and nothing changes.
 */
export function LinkPopover({ editor, position, initialHref, onClose }: LinkPopoverProps) {
  const [value, setValue] = useState(initialHref);
  const [error, setError] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const errorId = useId();

  const close = (refocus: boolean) => {
    onClose();
    if (refocus && !editor.isDestroyed) editor.commands.focus();
  };
  const closeRef = useRef(close);
  useEffect(() => {
    closeRef.current = close;
  });

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
    // A press outside closes it, as a menu would; the press itself goes where it was aimed.
    const onPointerDown = (event: PointerEvent | MouseEvent) => {
      if (event.target instanceof Node && rootRef.current?.contains(event.target)) return;
      closeRef.current(false);
    };
    document.addEventListener('mousedown', onPointerDown, true);
    return () => document.removeEventListener('mousedown', onPointerDown, true);
  }, []);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const result = normalizeLinkInput(value);
    if (!result.ok) {
      setError(result.error);
      inputRef.current?.focus();
      return;
    }
    editor.chain().focus().applyLink(result.href).run();
    onClose();
  };

  const remove = () => {
    editor.chain().focus().removeLink().run();
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    close(true);
  };

  return (
    <div
      ref={rootRef}
      className="bd-link-popover"
      role="dialog"
      aria-label={initialHref ? 'Edit link' : 'Add link'}
      data-testid="link-popover"
      style={{ top: position.top, left: position.left, width: POPOVER_WIDTH }}
      onKeyDown={onKeyDown}
    >
      <form className="bd-link-popover__form" onSubmit={apply} noValidate>
        <label className="bd-visually-hidden" htmlFor={inputId}>
          Link address
        </label>
        <input
          ref={inputRef}
          id={inputId}
          className="bd-link-popover__input"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://example.com or name@example.org"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="bd-link-popover__button bd-link-popover__button--primary">
          {initialHref ? 'Update' : 'Apply'}
        </button>
        {initialHref ? (
          <button type="button" className="bd-link-popover__button" onClick={remove}>
            Remove
          </button>
        ) : null}
        <button type="button" className="bd-link-popover__close" aria-label="Cancel" title="Cancel (Esc)" onClick={() => close(true)}>
          ×
        </button>
      </form>
      {error ? (
        <p id={errorId} className="bd-link-popover__error" role="alert">
          {error}
        </p>
      ) : (
        <p className="bd-link-popover__hint">{isApplePlatform() ? '⌘' : 'Ctrl+'}click a link to open it in your browser.</p>
      )}
    </div>
  );
}
