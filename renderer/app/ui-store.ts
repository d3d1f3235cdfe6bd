import { createStore, type Store } from './store';

/** Dialogs the app can show (one at a time; a confirmation can sit on top). */
export type DialogKind = 'new-note' | 'settings' | 'templates' | 'save-as-template';

/** A pending yes/no question. */
export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  danger: boolean;
  resolve: (confirmed: boolean) => void;
}

/** Layout and dialog state. */
export interface UiState {
  dialog: DialogKind | null;
  confirm: ConfirmRequest | null;
  leftCollapsed: boolean;
  rightCollapsed: boolean;
  /** Incremented to ask the note header to focus the title (Rename). */
  titleFocusTick: number;
  /** Incremented to ask the library to focus its search box (Ctrl+Shift+F). */
  searchFocusTick: number;
}

/** UI store. */
export interface UiStore extends Pick<Store<UiState>, 'getState' | 'subscribe'> {
  openDialog(kind: DialogKind): void;
  closeDialog(): void;
  /** Asks a question in a modal dialog; resolves true when confirmed. */
  confirm(request: Omit<ConfirmRequest, 'resolve' | 'danger' | 'confirmLabel'> & { confirmLabel?: string; danger?: boolean }): Promise<boolean>;
  answerConfirm(confirmed: boolean): void;
  toggleLeft(): void;
  toggleRight(): void;
  focusTitle(): void;
  focusSearch(): void;
}

/** Creates the UI store. */
export function createUiStore(): UiStore {
  const store = createStore<UiState>({
    dialog: null,
    confirm: null,
    leftCollapsed: false,
    rightCollapsed: false,
    titleFocusTick: 0,
    searchFocusTick: 0,
  });
  return {
    getState: store.getState,
    subscribe: store.subscribe,
    openDialog: (dialog) => store.setState({ dialog }),
    closeDialog: () => store.setState({ dialog: null }),
    confirm(request) {
      // A second question replaces the first, which counts as "no".
      store.getState().confirm?.resolve(false);
      return new Promise((resolve) => {
        store.setState({ confirm: { confirmLabel: 'OK', danger: false, ...request, resolve } });
      });
    },
    answerConfirm(confirmed) {
      const pending = store.getState().confirm;
      store.setState({ confirm: null });
      pending?.resolve(confirmed);
    },
    toggleLeft: () => store.setState((state) => ({ leftCollapsed: !state.leftCollapsed })),
    toggleRight: () => store.setState((state) => ({ rightCollapsed: !state.rightCollapsed })),
    focusTitle: () => store.setState((state) => ({ titleFocusTick: state.titleFocusTick + 1 })),
    focusSearch: () => store.setState((state) => ({ searchFocusTick: state.searchFocusTick + 1, leftCollapsed: false })),
  };
}
