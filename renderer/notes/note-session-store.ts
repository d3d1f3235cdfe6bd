import type { Editor } from '@tiptap/core';
import type { ApiError, DocNode, Note, NoteMeta, NoteMetaPatch } from '../../core/index';
import type { AppClient } from '../api/client';
import { createStore, type Store } from '../app/store';

/** What the header shows about saving. */
export type SaveState = 'saved' | 'saving' | 'dirty' | 'failed';

/** Only what autosave needs from the editor, so tests can pass a fake. */
export type EditorLike = Pick<Editor, 'getJSON'>;

/** State of the open note. */
export interface NoteSessionState {
  /** The open note. `content` is what the editor was (re)mounted with, not the live text. */
  note: Note | null;
  /** Id being loaded, when a note is opening. */
  loadingId: string | null;
  loadError: ApiError | null;
  /** Incremented to remount the editor with `note.content` (after restoring a revision). */
  editorKey: number;
  saveState: SaveState;
  /** The last save error of the open note, while it is failing. */
  saveError: ApiError | null;
  /** True when the save will be retried by itself. */
  retrying: boolean;
  /** Set after Ctrl+S took a revision; cleared by the next change. */
  revisionKept: boolean;
  /** ISO time of the last successful save of the open note. */
  lastSavedAt: string | null;
  /** A revision restore or similar is running: the editor is read-only meanwhile. */
  busy: boolean;
  /** Put the cursor in the body when the editor is ready (new notes). */
  focusBody: boolean;
}

/** Events for the rest of the app (note list rows, history, toasts). */
export interface NoteSessionEvents {
  onSaved?: (event: { id: string; meta: NoteMetaPatch | null; updatedAt: string; contentSaved: boolean }) => void;
  onRevision?: (noteId: string) => void;
  /** Errors that are not the open note's save state: a background note's save, a failed snapshot. */
  onError?: (error: ApiError, noteId: string) => void;
}

/** Timing of autosave. */
export interface AutosaveOptions {
  /** Save this long after typing stops. */
  debounceMs?: number;
  /** …and at the latest this long after the first unsaved change, even during continuous typing. */
  maxWaitMs?: number;
  /** Retry delays after failures; the last one repeats. */
  retryDelaysMs?: number[];
}

type Timer = ReturnType<typeof setTimeout>;

/** Per-note save queue: at most one save in flight, newer pending content replaces older. */
interface SaveQueue {
  id: string;
  content: DocNode | null;
  meta: NoteMetaPatch | null;
  running: boolean;
  failures: number;
  error: ApiError | null;
  retryTimer: Timer | null;
  /** The open note changed while a save ran: serialize the editor when the queue gets to it. */
  wantsEditorContent: boolean;
  waiters: (() => void)[];
  /** When the queued content was taken from the editor (performance.now()), for the autosave measure. */
  serializedAt?: number;
}

/**
 * The open note showing the metadata as stored after a save, under the edits still queued: a field
 * another writer changed meanwhile (the CLI, another window) appears, and nothing typed since the
 * request went out is undone. Returns the same object when nothing differs, so nothing re-renders.
 */
function withStoredMeta(note: Note | null, queue: SaveQueue, stored: NoteMeta | undefined): Note | null {
  if (!note || note.id !== queue.id || !stored) return note;
  const meta: NoteMeta = { ...stored, ...definedFields(queue.meta ?? {}) };
  return JSON.stringify(meta) === JSON.stringify(note.meta) ? note : { ...note, meta };
}

/** The fields of a patch that carry a value (`undefined` means "not sent"). */
function definedFields(patch: NoteMetaPatch): NoteMetaPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

/** Errors that another attempt will not fix. */
const PERMANENT_ERRORS = new Set(['invalid_input', 'not_found', 'forbidden', 'unknown_call']);

/** The open note and its autosave. */
export interface NoteSessionStore extends Pick<Store<NoteSessionState>, 'getState' | 'subscribe'> {
  /** Opens a note: flushes the current one first (its save is enqueued before the new note loads). */
  open(id: string, options?: { focusBody?: boolean }): Promise<void>;
  /** Shows a note the caller already has (just created or duplicated). */
  openLoaded(note: Note, options?: { focusBody?: boolean }): void;
  /** Closes the open note after flushing it. */
  close(): void;
  /** The editor of note `id` is ready. */
  attachEditor(id: string, editor: EditorLike): void;
  /** The editor of note `id` is going away: its unsaved text is taken now. */
  detachEditor(id: string, editor: EditorLike): void;
  /** The document changed (called per transaction: must stay cheap). */
  changed(): void;
  /** The editor lost focus. */
  blurred(): void;
  /** Metadata edit; `immediate` for selects and dates, debounced like typing otherwise (title). */
  updateMeta(patch: NoteMetaPatch, options?: { immediate?: boolean }): void;
  /** Enqueues the unsaved state of the open note now. */
  flush(): void;
  /** Ctrl+S: flush, wait for the save, then keep a revision. */
  saveWithRevision(): Promise<boolean>;
  /** Resolves when note `id` (default: the open one) has nothing pending or in flight, or is failing. */
  settle(id?: string): Promise<void>;
  /** Flushes and waits for every note's queue (window closing in Electron, tests). */
  flushAll(): Promise<void>;
  /** Page unloading (browser edition): sends what is pending with keepalive. False when something could not be sent. */
  unloadSave(): boolean;
  /** Retries a failed save now. */
  retryNow(): void;
  /** Replaces the open note (e.g. after restoring a revision) and remounts the editor. */
  replaceNote(note: Note): void;
  /** Marks the session busy (editor read-only) during an operation. */
  setBusy(busy: boolean): void;
  /** The body focus request was honoured. */
  bodyFocused(): void;
  /** True when the open note has unsaved changes or saves in flight. */
  hasUnsaved(): boolean;
  dispose(): void;
}

/**
 * Autosave for the open note. Serialization (`editor.getJSON()`) happens only when a save is about
 * to be sent, never per keystroke; a keystroke only records the time and arms two timers (debounce
 * after typing stops, and a max wait during continuous typing so a crash loses at most ~1 s).
 * Saves of one note run strictly in order through its queue; switching notes takes the old
 * editor's content synchronously before the new note is loaded, so no keystroke is lost.
 */
export function createNoteSessionStore(
  client: Pick<AppClient, 'call' | 'saveOnUnload'>,
  events: NoteSessionEvents = {},
  options: AutosaveOptions = {},
): NoteSessionStore {
  const debounceMs = options.debounceMs ?? 700;
  // 800 ms, not 1 s: with the request and the write, a crash still loses at most the last second.
  const maxWaitMs = options.maxWaitMs ?? 800;
  const retryDelays = options.retryDelaysMs ?? [1000, 2000, 4000, 8000, 15000];

  const store = createStore<NoteSessionState>({
    note: null,
    loadingId: null,
    loadError: null,
    editorKey: 0,
    saveState: 'saved',
    saveError: null,
    retrying: false,
    revisionKept: false,
    lastSavedAt: null,
    busy: false,
    focusBody: false,
  });

  const queues = new Map<string, SaveQueue>();
  let activeId: string | null = null;
  let editor: EditorLike | null = null;
  let contentDirty = false;
  let lastChangeAt = 0;
  let debounceTimer: Timer | null = null;
  let maxWaitTimer: Timer | null = null;
  let disposed = false;

  const queueOf = (id: string): SaveQueue => {
    let queue = queues.get(id);
    if (!queue) {
      queue = { id, content: null, meta: null, running: false, failures: 0, error: null, retryTimer: null, wantsEditorContent: false, waiters: [] };
      queues.set(id, queue);
    }
    return queue;
  };

  const hasPending = (queue: SaveQueue): boolean => queue.content !== null || queue.meta !== null || queue.wantsEditorContent;

  /** Recomputes the visible save state of the open note. */
  const publish = (): void => {
    if (!activeId) {
      store.setState({ saveState: 'saved', saveError: null, retrying: false });
      return;
    }
    const queue = queues.get(activeId);
    if (queue?.error) {
      store.setState({ saveState: 'failed', saveError: queue.error, retrying: queue.retryTimer !== null });
      return;
    }
    const timersArmed = debounceTimer !== null || maxWaitTimer !== null;
    const saveState: SaveState = queue?.running ? 'saving' : contentDirty || timersArmed || (queue && hasPending(queue)) ? 'dirty' : 'saved';
    store.setState({ saveState, saveError: null, retrying: false });
  };

  const clearTimers = (): void => {
    if (debounceTimer) clearTimeout(debounceTimer);
    if (maxWaitTimer) clearTimeout(maxWaitTimer);
    debounceTimer = null;
    maxWaitTimer = null;
  };

  const onDebounce = (): void => {
    debounceTimer = null;
    // Typing re-arms nothing (that would cost a timer per keystroke); instead we check here how
    // long ago the last change was and wait out the rest.
    const idle = Date.now() - lastChangeAt;
    if (idle < debounceMs) {
      debounceTimer = setTimeout(onDebounce, debounceMs - idle);
      return;
    }
    flush();
  };

  const armTimers = (): void => {
    debounceTimer ??= setTimeout(onDebounce, debounceMs);
    maxWaitTimer ??= setTimeout(flush, maxWaitMs);
  };

  /** Takes the open editor's content now (before the editor goes away or when a save is about to run). */
  const materialize = (queue: SaveQueue): void => {
    queue.wantsEditorContent = false;
    if (!contentDirty || !editor || queue.id !== activeId) return;
    try {
      const started = performance.now();
      queue.content = editor.getJSON() as DocNode;
      queue.serializedAt = started;
      // Visible in DevTools' performance panel and read by `npm run bench` (autosave_ms).
      performance.measure('bd:autosave:serialize', { start: started, end: performance.now() });
      contentDirty = false;
    } catch {
      // A destroyed editor cannot be read; the previous save is the best we have.
      contentDirty = false;
    }
  };

  const resolveWaiters = (queue: SaveQueue): void => {
    if (queue.running || (hasPending(queue) && !queue.error)) return;
    const waiters = queue.waiters.splice(0);
    for (const resolve of waiters) resolve();
  };

  const run = async (queue: SaveQueue): Promise<void> => {
    if (queue.running || queue.retryTimer || disposed) return;
    queue.running = true;
    if (queue.id === activeId) publish();
    try {
      for (;;) {
        if (queue.wantsEditorContent) materialize(queue);
        if (queue.content === null && queue.meta === null) break;
        const content = queue.content;
        const meta = queue.meta;
        queue.content = null;
        queue.meta = null;
        const input = { id: queue.id, ...(content ? { content } : {}), ...(meta ? { meta } : {}) };
        const saveStarted = content ? (queue.serializedAt ?? performance.now()) : 0;
        const result = await client.call('notes:save', input);
        if (content && result.ok) performance.measure('bd:autosave', { start: saveStarted, end: performance.now() });
        if (!result.ok) {
          // Put the unsent state back unless something newer is already waiting.
          queue.content ??= content;
          if (meta) queue.meta = { ...meta, ...(queue.meta ?? {}) };
          queue.failures += 1;
          queue.error = result.error;
          if (result.error.code === 'not_found') {
            // The note is gone (deleted elsewhere): nothing to retry into.
            queue.content = null;
            queue.meta = null;
          } else if (!PERMANENT_ERRORS.has(result.error.code)) {
            const delay = retryDelays[Math.min(queue.failures - 1, retryDelays.length - 1)] ?? 1000;
            queue.retryTimer = setTimeout(() => {
              queue.retryTimer = null;
              void run(queue);
            }, delay);
          }
          if (queue.id !== activeId) events.onError?.(result.error, queue.id);
          break;
        }
        queue.failures = 0;
        queue.error = null;
        if (queue.id === activeId) store.setState({ lastSavedAt: result.value.updatedAt, note: withStoredMeta(store.getState().note, queue, result.value.meta) });
        events.onSaved?.({ id: queue.id, meta, updatedAt: result.value.updatedAt, contentSaved: content !== null });
      }
    } finally {
      queue.running = false;
      if (queue.id === activeId) publish();
      resolveWaiters(queue);
    }
  };

  const kick = (queue: SaveQueue): void => {
    void run(queue);
  };

  function flush(): void {
    clearTimers();
    if (!activeId) return;
    const queue = queueOf(activeId);
    if (queue.running) {
      // Serialize when the queue gets to it, so a burst of flushes costs one getJSON.
      if (contentDirty) queue.wantsEditorContent = true;
    } else {
      materialize(queue);
      kick(queue);
    }
    publish();
  }

  /** Leaves the open note: its unsaved content is taken synchronously and enqueued. */
  const leaveActive = (): void => {
    clearTimers();
    if (activeId) {
      const queue = queueOf(activeId);
      materialize(queue);
      kick(queue);
    }
    editor = null;
    contentDirty = false;
  };

  const settle = (id: string | null = activeId): Promise<void> => {
    if (!id) return Promise.resolve();
    if (id === activeId && (contentDirty || debounceTimer || maxWaitTimer)) flush();
    const queue = queues.get(id);
    if (!queue || (!queue.running && (!hasPending(queue) || queue.error))) return Promise.resolve();
    return new Promise((resolve) => queue.waiters.push(resolve));
  };

  const showNote = (note: Note, focusBody: boolean): void => {
    activeId = note.id;
    const queue = queues.get(note.id);
    store.setState((state) => ({
      note,
      loadingId: null,
      loadError: null,
      editorKey: state.editorKey + 1,
      revisionKept: false,
      lastSavedAt: note.updatedAt,
      focusBody,
      busy: false,
      saveError: queue?.error ?? null,
    }));
    publish();
  };

  return {
    getState: store.getState,
    subscribe: store.subscribe,

    async open(id, openOptions = {}) {
      if (activeId === id && store.getState().note?.id === id) return;
      leaveActive();
      activeId = id;
      store.setState({ note: null, loadingId: id, loadError: null, revisionKept: false });
      publish();
      // Reopening a note whose save is still queued must not load the older copy.
      await settle(id);
      if (activeId !== id) return;
      const result = await client.call('notes:get', { id });
      if (activeId !== id) return;
      if (!result.ok) {
        store.setState({ loadingId: null, loadError: result.error });
        return;
      }
      showNote(result.value, openOptions.focusBody ?? false);
    },

    openLoaded(note, openOptions = {}) {
      leaveActive();
      showNote(note, openOptions.focusBody ?? false);
    },

    close() {
      leaveActive();
      activeId = null;
      store.setState({ note: null, loadingId: null, loadError: null, revisionKept: false });
      publish();
    },

    attachEditor(id, next) {
      if (id !== activeId) return;
      editor = next;
    },

    detachEditor(id, previous) {
      if (id !== activeId || editor !== previous) return;
      const queue = queueOf(id);
      clearTimers();
      materialize(queue);
      kick(queue);
      editor = null;
      publish();
    },

    changed() {
      lastChangeAt = Date.now();
      if (!contentDirty) {
        contentDirty = true;
        store.setState({ revisionKept: false });
        armTimers();
        publish();
        return;
      }
      armTimers();
    },

    blurred() {
      if (contentDirty || debounceTimer || maxWaitTimer) flush();
    },

    updateMeta(patch, metaOptions = {}) {
      if (!activeId) return;
      const note = store.getState().note;
      const changed = definedFields(patch);
      if (Object.keys(changed).length === 0) return;
      if (note && note.id === activeId) store.setState({ note: { ...note, meta: { ...note.meta, ...changed } }, revisionKept: false });
      const queue = queueOf(activeId);
      // Only the fields edited travel to the backend: the rest stay as stored, whoever wrote them.
      queue.meta = { ...(queue.meta ?? {}), ...changed };
      if (metaOptions.immediate) {
        flush();
        return;
      }
      lastChangeAt = Date.now();
      armTimers();
      publish();
    },

    flush,

    async saveWithRevision() {
      const id = activeId;
      if (!id) return false;
      flush();
      await settle(id);
      const queue = queues.get(id);
      if (queue?.error) return false;
      const result = await client.call('notes:snapshot', { id });
      if (!result.ok) {
        events.onError?.(result.error, id);
        return false;
      }
      if (activeId === id && !contentDirty) store.setState({ revisionKept: true });
      events.onRevision?.(id);
      return true;
    },

    settle: (id) => settle(id ?? activeId),

    async flushAll() {
      flush();
      await Promise.all([...queues.keys()].map((id) => settle(id)));
    },

    unloadSave() {
      clearTimers();
      if (activeId) materialize(queueOf(activeId));
      let allSent = true;
      for (const queue of queues.values()) {
        if (queue.content === null && queue.meta === null) continue;
        const input = { id: queue.id, ...(queue.content ? { content: queue.content } : {}), ...(queue.meta ? { meta: queue.meta } : {}) };
        if (client.saveOnUnload('notes:save', input)) {
          queue.content = null;
          queue.meta = null;
        } else {
          allSent = false;
        }
      }
      return allSent;
    },

    retryNow() {
      if (!activeId) return;
      const queue = queueOf(activeId);
      if (queue.retryTimer) clearTimeout(queue.retryTimer);
      queue.retryTimer = null;
      queue.error = null;
      materialize(queue);
      kick(queue);
      publish();
    },

    replaceNote(note) {
      clearTimers();
      contentDirty = false;
      const queue = queues.get(note.id);
      if (queue) {
        queue.content = null;
        queue.wantsEditorContent = false;
      }
      showNote(note, false);
    },

    setBusy(busy) {
      store.setState({ busy });
    },

    bodyFocused() {
      store.setState({ focusBody: false });
    },

    hasUnsaved() {
      if (contentDirty) return true;
      for (const queue of queues.values()) if (queue.running || hasPending(queue)) return true;
      return false;
    },

    dispose() {
      disposed = true;
      clearTimers();
      for (const queue of queues.values()) if (queue.retryTimer) clearTimeout(queue.retryTimer);
    },
  };
}
