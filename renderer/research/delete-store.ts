import type { ApiError, CallOutput, Result } from '../../core/index';
import { createStore, type Store } from '../app/store';
import type { EventsStore } from './events-store';
import type { SidebarDialog } from './research-stores';
import type { SourcesStore } from './sources-store';

/** Notes that cite the record about to be deleted. */
export type CitingNotes = CallOutput<'library:citing-notes'>;

/** State of the "Delete this event/source?" dialog. */
export interface DeleteState {
  /** The notes citing it; null until the answer is in. */
  citing: CitingNotes | null;
  error: ApiError | null;
  busy: boolean;
}

/** The delete dialog's flow: who cites the record, then the delete. */
export interface DeleteStore extends Pick<Store<DeleteState>, 'getState' | 'subscribe'> {
  /** Deletes the record of the open dialog; true when it is gone (the dialog is then closed). */
  confirm(): Promise<boolean>;
}

/** What the delete flow uses of the other research stores. */
export interface DeleteDeps {
  sidebar: Pick<Store<{ dialog: SidebarDialog | null }>, 'getState' | 'subscribe'> & {
    closeDialog(): void;
    citingNotes(id: string): Promise<Result<CitingNotes>>;
  };
  events: Pick<EventsStore, 'deleteEvent' | 'closeDetail'>;
  sources: Pick<SourcesStore, 'deleteSource' | 'closeReader'>;
  refreshAll(): Promise<void>;
  notify(message: string): void;
}

type DeleteDialog = Extract<SidebarDialog, { kind: 'delete' }>;

/**
 * Follows the sidebar's dialog: when a delete dialog opens it asks which notes cite the record (the
 * dialog shows them before Delete is allowed); an answer for a dialog closed meanwhile is dropped.
 */
export function createDeleteStore(deps: DeleteDeps): DeleteStore {
  const store = createStore<DeleteState>({ citing: null, error: null, busy: false });
  let shown: SidebarDialog | null = null;
  const current = (): DeleteDialog | null => {
    const dialog = deps.sidebar.getState().dialog;
    return dialog?.kind === 'delete' ? dialog : null;
  };
  const follow = (): void => {
    const dialog = deps.sidebar.getState().dialog;
    if (dialog === shown) return;
    shown = dialog;
    store.setState({ citing: null, error: null, busy: false });
    if (dialog?.kind !== 'delete') return;
    void deps.sidebar.citingNotes(dialog.id).then((result) => {
      if (deps.sidebar.getState().dialog !== dialog) return;
      store.setState(result.ok ? { citing: result.value } : { error: result.error });
    });
  };
  deps.sidebar.subscribe(follow);
  follow();

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    async confirm() {
      const dialog = current();
      if (!dialog || store.getState().busy) return false;
      store.setState({ busy: true });
      const result = dialog.target === 'event' ? await deps.events.deleteEvent(dialog.id) : await deps.sources.deleteSource(dialog.id);
      if (deps.sidebar.getState().dialog !== dialog) return false;
      if (!result.ok) {
        store.setState({ busy: false, error: result.error });
        return false;
      }
      deps.sidebar.closeDialog();
      if (dialog.target === 'event') deps.events.closeDetail();
      else deps.sources.closeReader();
      deps.notify(dialog.target === 'event' ? 'Event deleted.' : 'Source deleted.');
      void deps.refreshAll();
      return true;
    },
  };
}
