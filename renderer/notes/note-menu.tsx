import { useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { EXPORT_SHORTCUT_LABEL, exportStoreFor } from '../export/export-wiring';
import { useApp } from '../app/app-context';
import { MoreIcon } from '../ui/icons';
import { useMenuDismiss } from '../ui/use-menu-dismiss';

/** The note's "…" menu: rename, duplicate, export, save as template, manage templates, move to trash. */
export function NoteMenu({ noteId, trashed }: { noteId: string; trashed: boolean }) {
  const stores = useApp();
  const { ui, actions } = stores;
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useMenuDismiss(open, setOpen, root);

  const item = (label: string, testId: string, run: () => void, options: { danger?: boolean; disabled?: boolean; hint?: string } = {}) => (
    <button
      type="button"
      role="menuitem"
      className={`bd-menu__item${options.danger ? ' bd-menu__item--danger' : ''}`}
      data-testid={testId}
      disabled={options.disabled}
      onClick={() => {
        setOpen(false);
        run();
      }}
    >
      <span>{label}</span>
      {options.hint ? <span className="bd-menu__hint">{options.hint}</span> : null}
    </button>
  );

  return (
    <div className="bd-menu-root" ref={root}>
      <button
        type="button"
        className="bd-icon-button"
        data-testid="note-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label="Note actions"
        title="Note actions"
        onClick={() => setOpen((value) => !value)}
      >
        <MoreIcon size={18} />
      </button>
      {open ? (
        <div className="bd-menu" role="menu" onKeyDown={(event) => moveFocus(event)}>
          {item('Rename', 'menu-rename', () => ui.focusTitle(), { disabled: trashed })}
          {item('Duplicate', 'menu-duplicate', () => void actions.duplicateNote(noteId))}
          {item('Export…', 'menu-export', () => void exportStoreFor(stores).open(), { hint: EXPORT_SHORTCUT_LABEL })}
          {item('Save as template…', 'menu-save-as-template', () => ui.openDialog('save-as-template'), { disabled: trashed })}
          {item('Manage templates…', 'menu-manage-templates', () => ui.openDialog('templates'))}
          <div className="bd-menu__separator" role="separator" />
          {trashed
            ? item('Restore from trash', 'menu-restore', () => void actions.restoreNote(noteId))
            : item('Move to trash', 'menu-trash', () => void actions.trashNote(noteId), { danger: true, hint: 'Del' })}
        </div>
      ) : null}
    </div>
  );
}

/** Arrow keys move between menu items. */
function moveFocus(event: ReactKeyboardEvent<HTMLDivElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  event.preventDefault();
  const items = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')];
  const index = items.indexOf(document.activeElement as HTMLButtonElement);
  const next = items[(index + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length];
  next?.focus();
}
