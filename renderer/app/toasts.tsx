import { useStore } from './store';
import { useApp } from './app-context';
import { CloseIcon } from '../ui/icons';

/** Toasts at the bottom centre: errors from the backend, confirmations, Undo. */
export function Toasts() {
  const { toasts } = useApp();
  const list = useStore(toasts, (state) => state.toasts);
  return (
    <div className="bd-toasts" aria-live="polite">
      {list.map((toast) => (
        <div key={toast.id} className={`bd-toast bd-toast--${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast">
          <span className="bd-toast__message">{toast.message}</span>
          {toast.action ? (
            <button
              type="button"
              className="bd-toast__action"
              data-testid="toast-action"
              onClick={() => {
                toasts.dismiss(toast.id);
                toast.action?.run();
              }}
            >
              {toast.action.label}
            </button>
          ) : null}
          <button type="button" className="bd-toast__close" aria-label="Dismiss" onClick={() => toasts.dismiss(toast.id)}>
            <CloseIcon size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
