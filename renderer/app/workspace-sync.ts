import type { ExportJob, ImportJob, WorkspaceEvent } from '../../core/index';
import type { AppClient } from '../api/client';

/** What the workspace events refresh: each store's own refresh, so this file holds no view logic. */
export interface WorkspaceSyncTargets {
  client: Pick<AppClient, 'subscribe'>;
  /** The note list (and trash). */
  refreshNotes(): Promise<void>;
  /** A note's stored version moved (the open note takes it, or asks). */
  noteStored(id: string, version: number): Promise<void>;
  /** True when this window's own save made that version (its list row is up to date already). */
  savedHere(id: string, version: number): Promise<boolean>;
  refreshTemplates(): Promise<void>;
  refreshSettings(): Promise<void>;
  /** The research sidebar: stats, events, sources (and what notes cite). */
  refreshLibrary(): Promise<void>;
  importJob(job: ImportJob): void;
  exportJob(job: ExportJob): void;
  /** The channel (re)connected: jobs ask for what they may have missed. */
  resyncJobs(): Promise<void>;
}

/**
 * Runs `task` now, or once more after the running one when asked again meanwhile: a burst of
 * events costs at most two refreshes, never one per event, and the last one sees everything.
 */
export function coalesce(task: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void task()
      .catch((error: unknown) => console.error('A workspace refresh failed:', error))
      .finally(() => {
        running = false;
        if (!again) return;
        again = false;
        run();
      });
  };
  return run;
}

/**
 * Keeps the window in step with the workspace: the note list, the research sidebar, templates and
 * settings refresh when the workspace event channel says they changed (here or in another
 * process), the open note takes changes made elsewhere, and import/export progress comes from the
 * same channel. After a reconnection everything is refreshed once (events may have been missed).
 * Returns the unsubscribe function.
 */
export function startWorkspaceSync(targets: WorkspaceSyncTargets): () => void {
  const notes = coalesce(targets.refreshNotes);
  const templates = coalesce(targets.refreshTemplates);
  const settings = coalesce(targets.refreshSettings);
  const library = coalesce(targets.refreshLibrary);
  let connections = 0;

  const onEvent = (event: WorkspaceEvent): void => {
    switch (event.type) {
      case 'connected':
        connections += 1;
        // The first connection comes with the app's own first load; later ones follow a gap.
        notes();
        templates();
        if (connections > 1) {
          settings();
          library();
          void targets.resyncJobs();
        }
        return;
      case 'note-created':
      case 'note-deleted':
        notes();
        return;
      case 'note-changed':
        void targets.noteStored(event.noteId, event.version);
        // This window's own autosave needs no list refresh (it updates its row itself); another window's or process's does.
        if (event.origin === 'elsewhere') notes();
        else void targets.savedHere(event.noteId, event.version).then((own) => (own ? undefined : notes()));
        return;
      case 'library-changed':
        library();
        return;
      case 'templates-changed':
        templates();
        return;
      case 'settings-changed':
        settings();
        return;
      case 'job-progress':
        if (event.detail.kind === 'import') targets.importJob(event.detail.job);
        else targets.exportJob(event.detail.job);
        return;
    }
  };
  return targets.client.subscribe(onEvent);
}
