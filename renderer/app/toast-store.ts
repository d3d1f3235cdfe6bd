import { createStore, type Store } from './store';

/** A short notice at the bottom of the window. */
export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  message: string;
  /** A button in the toast, such as "Undo". */
  action?: { label: string; run: () => void };
}

/** The toasts store. */
export interface ToastStore extends Pick<Store<{ toasts: Toast[] }>, 'getState' | 'subscribe'> {
  show(toast: Omit<Toast, 'id'>, options?: { timeoutMs?: number }): number;
  dismiss(id: number): void;
}

/** Toasts: errors stay longer than confirmations; at most three on screen. */
export function createToastStore(): ToastStore {
  const store = createStore<{ toasts: Toast[] }>({ toasts: [] });
  let nextId = 1;
  const dismiss = (id: number): void => store.setState((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
  return {
    getState: store.getState,
    subscribe: store.subscribe,
    show(toast, options = {}) {
      const id = nextId++;
      store.setState((state) => ({ toasts: [...state.toasts.slice(-2), { ...toast, id }] }));
      const timeout = options.timeoutMs ?? (toast.kind === 'error' ? 10000 : toast.action ? 8000 : 4000);
      setTimeout(() => dismiss(id), timeout);
      return id;
    },
    dismiss,
  };
}
