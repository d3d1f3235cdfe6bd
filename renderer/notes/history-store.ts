import type { ApiError, Revision, RevisionSummary } from '../../core/index';
import type { AppClient } from '../api/client';
import type { ActionResult } from './notes-store';
import { createStore, type Store } from '../app/store';

/** Revisions of the open note. */
export interface HistoryState {
  noteId: string | null;
  revisions: RevisionSummary[];
  loading: boolean;
  error: ApiError | null;
  /** The revision being previewed. */
  preview: Revision | null;
  previewLoadingId: string | null;
}

/** History store. */
export interface HistoryStore extends Pick<Store<HistoryState>, 'getState' | 'subscribe'> {
  load(noteId: string | null): Promise<void>;
  refresh(): Promise<void>;
  showPreview(revisionId: string | null): Promise<void>;
  /** Restores a revision; the caller replaces the open note with the answer. */
  restore(revisionId: string): Promise<ActionResult<import('../../core/index').Note>>;
}

/** Creates the history store. */
export function createHistoryStore(client: Pick<AppClient, 'call'>): HistoryStore {
  const store = createStore<HistoryState>({ noteId: null, revisions: [], loading: false, error: null, preview: null, previewLoadingId: null });
  let sequence = 0;

  const load = async (noteId: string | null): Promise<void> => {
    const request = ++sequence;
    const switched = noteId !== store.getState().noteId;
    store.setState({ noteId, loading: noteId !== null, ...(switched ? { revisions: [], preview: null, error: null } : {}) });
    if (!noteId) return;
    const result = await client.call('revisions:list', { noteId });
    if (request !== sequence) return;
    store.setState(result.ok ? { revisions: result.value, loading: false, error: null } : { loading: false, error: result.error });
  };

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    load,
    refresh: () => load(store.getState().noteId),
    async showPreview(revisionId) {
      const { noteId } = store.getState();
      if (!revisionId || !noteId) {
        store.setState({ preview: null, previewLoadingId: null });
        return;
      }
      store.setState({ previewLoadingId: revisionId });
      const result = await client.call('revisions:get', { noteId, revisionId });
      if (store.getState().previewLoadingId !== revisionId) return;
      store.setState(result.ok ? { preview: result.value, previewLoadingId: null } : { error: result.error, previewLoadingId: null });
    },
    async restore(revisionId) {
      const { noteId } = store.getState();
      if (!noteId) return { ok: false, error: { code: 'not_found', message: 'No note is open.' } };
      const result = await client.call('revisions:restore', { noteId, revisionId });
      if (result.ok) {
        store.setState({ preview: null });
        void load(noteId);
      }
      return result;
    },
  };
}
