import { useEffect, useRef } from 'react';
import { NOTE_STATUS_LABELS, NoteStatusSchema, type NoteStatus } from '../../core/index';
import { useStore } from '../app/store';
import { useApp } from '../app/app-context';
import { GearIcon, PlusIcon, SearchIcon, TrashIcon } from '../ui/icons';
import { NoteList } from './note-list';

/** The left pane: search, filters, the note list and the trash. */
export function NotesPane() {
  const { notes: notesStore, ui, actions } = useApp();
  const searchText = useStore(notesStore, (state) => state.searchText);
  const filters = useStore(notesStore, (state) => state.filters);
  const notes = useStore(notesStore, (state) => state.notes);
  const total = useStore(notesStore, (state) => state.total);
  const tags = useStore(notesStore, (state) => state.tags);
  const loaded = useStore(notesStore, (state) => state.loaded);
  const selectedId = useStore(notesStore, (state) => state.selectedId);
  const searchFocusTick = useStore(ui, (state) => state.searchFocusTick);
  const searchBox = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (searchFocusTick === 0) return;
    searchBox.current?.focus();
    searchBox.current?.select();
  }, [searchFocusTick]);

  const filtering = Boolean(filters.query.trim() || filters.tag || filters.status);

  return (
    <aside className="bd-library" aria-label="Note library">
      <div className="bd-library__brand">
        <span className="bd-library__logo" aria-hidden="true">
          BD
        </span>
        <h1 className="bd-library__name">Briefing Desk</h1>
        <button type="button" className="bd-icon-button" title="Settings" aria-label="Settings" onClick={() => ui.openDialog('settings')}>
          <GearIcon />
        </button>
      </div>

      <div className="bd-library__controls">
        {filters.trashed ? (
          <div className="bd-library__trash-head">
            <button type="button" className="bd-button bd-button--block" onClick={() => notesStore.setTrashed(false)}>
              ← Back to library
            </button>
          </div>
        ) : (
          <button type="button" className="bd-button bd-button--primary bd-button--block" data-testid="new-note-button" onClick={() => ui.openDialog('new-note')} title="New note (Ctrl+N; Alt+N in a browser tab)" aria-keyshortcuts="Control+N Alt+N">
            <PlusIcon /> New note
          </button>
        )}

        <label className="bd-search">
          <SearchIcon className="bd-search__icon" />
          <input
            ref={searchBox}
            type="search"
            className="bd-input bd-search__input"
            placeholder={filters.trashed ? 'Search the trash' : 'Search notes'}
            aria-label="Search notes (Ctrl+Shift+F)"
            aria-keyshortcuts="Control+Shift+F"
            data-testid="library-search"
            value={searchText}
            onChange={(event) => notesStore.setSearchText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && searchText) {
                event.preventDefault();
                notesStore.setSearchText('');
              }
            }}
          />
        </label>

        <div className="bd-library__filters">
          <select
            className="bd-select bd-select--small"
            aria-label="Filter by status"
            data-testid="status-filter"
            value={filters.status ?? ''}
            onChange={(event) => {
              const parsed = NoteStatusSchema.safeParse(event.target.value);
              notesStore.setStatus(parsed.success ? (parsed.data as NoteStatus) : null);
            }}
          >
            <option value="">All statuses</option>
            {NoteStatusSchema.options.map((status) => (
              <option key={status} value={status}>
                {NOTE_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
          <select
            className="bd-select bd-select--small"
            aria-label="Filter by tag"
            data-testid="tag-filter"
            value={filters.tag ?? ''}
            onChange={(event) => notesStore.setTag(event.target.value || null)}
          >
            <option value="">All tags</option>
            {tags.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
            {filters.tag && !tags.includes(filters.tag) ? <option value={filters.tag}>{filters.tag}</option> : null}
          </select>
        </div>
      </div>

      <div className="bd-library__count" aria-live="polite">
        {filters.trashed ? 'Trash · ' : ''}
        {total === 1 ? '1 note' : `${total.toLocaleString()} notes`}
        {filtering ? ' match' : ''}
      </div>

      {loaded && notes.length === 0 ? (
        <div className="bd-library__empty">
          {filters.trashed ? 'The trash is empty.' : filtering ? 'No note matches these filters.' : 'No notes yet. Create one from a template with New note.'}
        </div>
      ) : (
        <NoteList
          notes={notes}
          selectedId={selectedId}
          trashed={filters.trashed}
          onOpen={(id) => void actions.openNote(id)}
          onDelete={(id) => void actions.trashNote(id)}
          onRestore={(id) => void actions.restoreNote(id)}
          onDeleteForever={(id) => void actions.deleteForever(id)}
        />
      )}

      <div className="bd-library__footer">
        {filters.trashed ? (
          <button type="button" className="bd-button bd-button--danger-quiet bd-button--block" data-testid="empty-trash-button" disabled={total === 0} onClick={() => void actions.emptyTrash()}>
            <TrashIcon /> Empty trash
          </button>
        ) : null}
        <button
          type="button"
          className={`bd-button bd-button--ghost bd-button--block${filters.trashed ? ' is-active' : ''}`}
          data-testid="trash-toggle"
          aria-pressed={filters.trashed}
          onClick={() => notesStore.setTrashed(!filters.trashed)}
        >
          <TrashIcon /> {filters.trashed ? 'Hide trash' : 'Trash'}
        </button>
      </div>
    </aside>
  );
}
