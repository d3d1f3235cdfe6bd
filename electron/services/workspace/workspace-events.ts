import type { WorkspaceEvent, WorkspaceEventListener } from '../../../core/index';

/** Something that watches the workspace and reports through `emit` once started. */
export interface StartableWatcher {
  start(): Promise<void>;
  close(): Promise<void>;
  /** Resolves when every change seen so far has been reported. */
  idle(): Promise<void>;
}

/**
 * The backend's side of the workspace event channel: every host (the HTTP server's event stream,
 * Electron main's IPC) subscribes here, and the watcher and the job services emit here. The
 * watcher starts with the first subscriber, so one-shot processes (the CLI) never watch.
 */
export class WorkspaceEventHub {
  private readonly listeners = new Set<WorkspaceEventListener>();
  private watcher: StartableWatcher | null = null;
  private started: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly makeWatcher: (emit: WorkspaceEventListener) => StartableWatcher) {}

  /** Adds a listener (starting the watcher if it is the first); returns its unsubscribe. */
  subscribe(listener: WorkspaceEventListener): () => void {
    this.listeners.add(listener);
    void this.ready();
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Resolves once the watcher runs (the baseline is read): changes made after this are events. */
  ready(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.started ??= (async () => {
      const watcher = this.makeWatcher((event) => this.emit(event));
      this.watcher = watcher;
      await watcher.start();
    })().catch(() => {
      // A workspace that cannot be watched still works; windows then see changes on their next call.
      this.started = null;
    });
    return this.started;
  }

  /** Sends an event to every listener; one that throws does not stop the others. */
  emit(event: WorkspaceEvent): void {
    if (this.closed) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's failure is its own (a closed connection); the rest still hear.
      }
    }
  }

  /** Resolves when the watcher (if running) has reported every change it has seen (tests, the bench). */
  async idle(): Promise<void> {
    await this.started;
    await this.watcher?.idle();
  }

  /** How many listeners there are (tests, diagnostics). */
  get size(): number {
    return this.listeners.size;
  }

  /** Stops the watcher and drops every listener. */
  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    await this.started;
    await this.watcher?.close();
  }
}
