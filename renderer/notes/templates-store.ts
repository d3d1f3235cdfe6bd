import type { ApiError, TemplateProblem, TemplateSummary } from '../../core/index';
import type { AppClient } from '../api/client';
import type { ActionResult } from './notes-store';
import { createStore, type Store } from '../app/store';

/** State of the template list. */
export interface TemplatesState {
  templates: TemplateSummary[];
  problems: TemplateProblem[];
  loaded: boolean;
  error: ApiError | null;
}

/** Templates: the list for the New note dialog and the Manage templates dialog. */
export interface TemplatesStore extends Pick<Store<TemplatesState>, 'getState' | 'subscribe'> {
  refresh(): Promise<void>;
  saveFromNote(noteId: string, name: string, description?: string): Promise<ActionResult<TemplateSummary>>;
  rename(id: string, name: string): Promise<ActionResult<TemplateSummary>>;
  duplicate(id: string, name?: string): Promise<ActionResult<TemplateSummary>>;
  remove(id: string): Promise<ActionResult<{ id: string }>>;
}

/** Creates the templates store; every change reloads the list (it is short). */
export function createTemplatesStore(client: Pick<AppClient, 'call'>): TemplatesStore {
  const store = createStore<TemplatesState>({ templates: [], problems: [], loaded: false, error: null });
  const refresh = async (): Promise<void> => {
    const result = await client.call('templates:list', {});
    if (!result.ok) {
      store.setState({ error: result.error, loaded: true });
      return;
    }
    store.setState({ templates: result.value.templates, problems: result.value.problems, loaded: true, error: null });
  };
  const thenRefresh = async <T>(promise: Promise<ActionResult<T>>): Promise<ActionResult<T>> => {
    const result = await promise;
    if (result.ok) await refresh();
    return result;
  };
  return {
    getState: store.getState,
    subscribe: store.subscribe,
    refresh,
    saveFromNote: (noteId, name, description) =>
      thenRefresh(client.call('templates:save-from-note', { noteId, name, ...(description ? { description } : {}) })),
    rename: (id, name) => thenRefresh(client.call('templates:rename', { id, name })),
    duplicate: (id, name) => thenRefresh(client.call('templates:duplicate', { id, ...(name ? { name } : {}) })),
    remove: (id) => thenRefresh(client.call('templates:delete', { id })),
  };
}
