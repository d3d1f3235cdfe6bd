import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { type EditorState, Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { type CitationNumbering, numberCitations } from '../../../../core/citations/numbering';
import type { SourceSnapshot } from '../../../../core/editor/citation';
import { citationEngine, loadCitationEngine } from '../../../citations/citation-engine';
import { type CitationCallbacks, DEFAULT_STYLE_ID } from './citation-callbacks';
import { cancelFormatted, clustersOf, mergeSnapshots, updateFormatted } from './note-format';
import { transactionTouches } from './touches';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    citationsState: {
      /**
       * Renumbers and re-renders every citation and the Sources list: after the note's style changed,
       * or after new source statuses or library data arrived (the app calls it; no document change).
       */
      refreshCitations: () => ReturnType;
    };
  }
}

/** The numbering of the current document and what it is rendered with. */
export interface CitationsStateValue {
  numbering: CitationNumbering;
  styleId: string;
  /** Bumped whenever numbering, style or cited snapshots may have changed; views re-render on a change. */
  version: number;
  /** Bumped by refreshCitations only: library data or statuses may have changed for every citation. */
  refreshes: number;
  /** Bumped when a (debounced) CSL run of the whole note finished: labels, notes and Sources may read differently. */
  formats: number;
}

/** Options of {@link CitationsState}. */
export interface CitationsStateOptions {
  callbacks: CitationCallbacks;
}

/** Plugin key of the citation numbering; `citationsStateKey.getState(state)` reads it. */
export const citationsStateKey = new PluginKey<CitationsStateValue>('citationsState');

/** Meta that forces a renumbering and re-render, or (formatted) only a re-render after a CSL run. */
interface RefreshMeta {
  refresh?: true;
  formatted?: true;
}

const isCitation = (node: PmNode): boolean => node.type.name === 'citation';

type Listener = () => void;
const listeners = new WeakMap<EditorView, Set<Listener>>();

/**
 * Calls `listener` after every view update in which the citation state changed (new numbering,
 * style, or a refresh). Citation node views and the Sources view use it to re-render only then.
 * Returns the unsubscribe function.
 */
export function onCitationsChange(view: EditorView, listener: Listener): () => void {
  let set = listeners.get(view);
  if (!set) {
    set = new Set();
    listeners.set(view, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

/** The citation state of an editor state (an empty numbering when the extension is absent). */
export function citationsOf(state: EditorState): CitationsStateValue {
  return citationsStateKey.getState(state) ?? { numbering: numberCitations(state.doc), styleId: DEFAULT_STYLE_ID, version: 0, refreshes: 0, formats: 0 };
}

/**
 * The snapshots of every cited source, merged from the citation nodes (the first non-empty one
 * per id wins, in document order), with what the library currently knows laid over them.
 */
export function citedSnapshots(doc: PmNode, callbacks: CitationCallbacks): Map<string, SourceSnapshot> {
  return mergeSnapshots(clustersOf(doc).nodes, callbacks);
}

/**
 * Keeps the numbering of the note's citations (core's numberCitations: by first appearance, one
 * number per source) in plugin state. It is recomputed only when a transaction inserted, removed or
 * changed a citation node (insert, move, paste, delete, undo all do), so typing elsewhere costs a
 * look at the few characters it replaced. Views subscribe with {@link onCitationsChange}.
 */
export const CitationsState = Extension.create<CitationsStateOptions>({
  name: 'citationsState',

  addOptions() {
    return { callbacks: {} };
  },

  addCommands() {
    return {
      refreshCitations:
        () =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(citationsStateKey, { refresh: true } satisfies RefreshMeta).setMeta('addToHistory', false);
          return true;
        },
    };
  },

  onCreate() {
    if (citationEngine()) return;
    // Labels and the Sources list of author-date styles wait for the CSL engine chunk (usually
    // fetched already, right after the first render); redraw them when it arrives.
    const editor = this.editor;
    loadCitationEngine().then(
      () => {
        if (editor.isDestroyed || citationsOf(editor.state).numbering.order.length === 0) return;
        editor.commands.refreshCitations();
      },
      // Offline chunk failure: numbers and plain entries stay; the next editor tries again.
      () => undefined,
    );
  },

  addProseMirrorPlugins() {
    const callbacks = this.options.callbacks;
    const styleOf = (): string => callbacks.getStyleId?.() || DEFAULT_STYLE_ID;
    return [
      new Plugin<CitationsStateValue>({
        key: citationsStateKey,
        state: {
          init: (_config, state) => ({ numbering: numberCitations(state.doc), styleId: styleOf(), version: 0, refreshes: 0, formats: 0 }),
          apply: (tr, value, _old, newState) => {
            const meta = tr.getMeta(citationsStateKey) as RefreshMeta | undefined;
            if (meta?.refresh) {
              return { ...value, numbering: numberCitations(newState.doc), styleId: styleOf(), version: value.version + 1, refreshes: value.refreshes + 1 };
            }
            if (meta?.formatted) return { ...value, formats: value.formats + 1 };
            if (!tr.docChanged || !transactionTouches(tr, isCitation)) return value;
            return { ...value, numbering: numberCitations(newState.doc), version: value.version + 1 };
          },
        },
        view: (view) => {
          const notify = (): void => listeners.get(view)?.forEach((listener) => listener());
          // A finished (debounced) CSL run redraws labels and Sources through a state change of its own.
          const late = (): void => {
            if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(citationsStateKey, { formatted: true } satisfies RefreshMeta).setMeta('addToHistory', false));
          };
          const format = (): void => {
            const now = citationsStateKey.getState(view.state);
            if (now && updateFormatted(view, now.styleId, now.version, callbacks, late)) notify();
          };
          // Node views drew before this plugin view existed: the first run redraws them.
          format();
          return {
            update: (updated, previous) => {
              const before = citationsStateKey.getState(previous);
              const now = citationsStateKey.getState(updated.state);
              if (!now || (before?.version === now.version && before.formats === now.formats)) return;
              if (before?.version !== now.version) updateFormatted(view, now.styleId, now.version, callbacks, late);
              notify();
            },
            destroy: () => cancelFormatted(view),
          };
        },
      }),
    ];
  },
});
