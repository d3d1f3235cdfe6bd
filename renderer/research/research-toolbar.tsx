import { useRef, useState } from 'react';
import { useApp } from '../app/app-context';
import { MoreIcon, PlusIcon } from '../ui/icons';
import { useStore } from '../app/store';
import { useMenuDismiss } from '../ui/use-menu-dismiss';

/** Import… (a hidden multi-file picker) and the sidebar's "…" menu: add event/source, sample library. */
export function ResearchToolbar() {
  const { research, actions } = useApp();
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const loadingSample = useStore(research.sidebar, (state) => state.loadingSample);

  useMenuDismiss(open, setOpen, root);

  const item = (label: string, testId: string, run: () => void, disabled = false) => (
    <button
      type="button"
      role="menuitem"
      className="bd-menu__item"
      data-testid={testId}
      disabled={disabled}
      onClick={() => {
        setOpen(false);
        run();
      }}
    >
      {label}
    </button>
  );

  return (
    <div className="bd-research-toolbar">
      <button type="button" className="bd-button bd-button--small" data-testid="import-button" title="Import event data, articles or feeds (or drop files on the window)" onClick={() => input.current?.click()}>
        Import…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="import-input"
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = '';
          if (files.length > 0) void research.imports.importFiles(files);
        }}
      />
      <div className="bd-menu-root" ref={root}>
        <button
          type="button"
          className="bd-icon-button"
          data-testid="research-menu-button"
          aria-haspopup="menu"
          aria-expanded={open}
          aria-label="Library actions"
          title="Library actions"
          onClick={() => setOpen((value) => !value)}
        >
          <MoreIcon size={18} />
        </button>
        {open ? (
          <div className="bd-menu" role="menu">
            {item('Add event…', 'menu-add-event', () => research.sidebar.openDialog({ kind: 'event-form', event: null }))}
            {item('Add source…', 'menu-add-source', () => research.sidebar.openDialog({ kind: 'source-form', source: null }))}
            <div className="bd-menu__separator" role="separator" />
            {item(
              'Load the sample library',
              'menu-load-sample',
              () =>
                void research.sidebar.loadSample().then((error) => {
                  if (error) actions.showError(error);
                }),
              loadingSample,
            )}
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** A small "+" for empty states. */
export function AddIcon() {
  return <PlusIcon size={14} />;
}
