import type { StoreProblem } from '../../core/index';
import type { AppClient } from '../api/client';
import { createStore, type Store } from './store';

/** Workspace files the store had to quarantine, restore or rebuild (in this run or logged by another process), shown once in a banner. */
export interface ProblemsState {
  problems: StoreProblem[];
  dismissed: boolean;
}

/** Problems store. */
export interface ProblemsStore extends Pick<Store<ProblemsState>, 'getState' | 'subscribe'> {
  load(): Promise<void>;
  dismiss(): void;
}

/** The sentence the banner shows for one problem. */
export function describeProblem(problem: StoreProblem): string {
  // The library is many files: its report says itself whether it was restored from the backup,
  // rebuilt from the data files, and what could not be recovered.
  if (problem.file.startsWith('library/') && problem.message) return problem.message;
  const subject = problem.title ? `“${problem.title}”` : problem.noteId ? `Note ${problem.noteId}` : `The file ${problem.file}`;
  const outcome = problem.restoredFromBackup ? 'could not be read and was restored from its backup' : 'could not be read and no backup was available';
  return `${subject} ${outcome}; the damaged file was kept as ${problem.quarantinedAs}.`;
}

/** Loads `workspace:problems` at start. */
export function createProblemsStore(client: Pick<AppClient, 'call'>): ProblemsStore {
  const store = createStore<ProblemsState>({ problems: [], dismissed: false });
  return {
    getState: store.getState,
    subscribe: store.subscribe,
    async load() {
      const result = await client.call('workspace:problems', {});
      if (result.ok) store.setState({ problems: result.value, dismissed: false });
    },
    dismiss: () => store.setState({ dismissed: true }),
  };
}
