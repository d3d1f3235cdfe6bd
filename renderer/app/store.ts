import { useSyncExternalStore } from 'react';

/** A tiny external store: immutable state, replaced on each change, read with `useStore`. */
export interface Store<S> {
  getState(): S;
  setState(patch: Partial<S> | ((state: S) => Partial<S>)): void;
  subscribe(listener: () => void): () => void;
}

/**
 * Creates a store. State objects are replaced, never mutated, so React's `useSyncExternalStore`
 * sees a new snapshot exactly when something changed.
 */
export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    setState(patch) {
      const next = typeof patch === 'function' ? patch(state) : patch;
      // Skip notifications when nothing changed: autosave calls this often.
      const changed = (Object.keys(next) as (keyof S)[]).some((key) => !Object.is(next[key], state[key]));
      if (!changed) return;
      state = { ...state, ...next };
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Reads a slice of a store in a component. The selector must return a value that is stable for the
 * same state (a field, not a freshly built object), or React re-renders forever.
 */
export function useStore<S, T>(store: Pick<Store<S>, 'getState' | 'subscribe'>, selector: (state: S) => T): T {
  return useSyncExternalStore(
    store.subscribe,
    () => selector(store.getState()),
    () => selector(store.getState()),
  );
}
