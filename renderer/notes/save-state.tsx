import { useStore } from '../app/store';
import { useApp } from '../app/app-context';
import { useDates } from '../ui/use-dates';

/** Words for the save state. Kept exact: e2e tests read them. */
export const SAVE_STATE_LABELS = {
  saved: 'Saved',
  savedWithRevision: 'Saved · revision kept',
  saving: 'Saving…',
  dirty: 'Unsaved changes',
  failedRetrying: 'Save failed — retrying',
  failed: 'Save failed',
} as const;

/** The save indicator; when a save fails, its message is in the tooltip and a click retries now. */
export function SaveStateIndicator() {
  const { session, toasts } = useApp();
  const saveState = useStore(session, (state) => state.saveState);
  const saveError = useStore(session, (state) => state.saveError);
  const retrying = useStore(session, (state) => state.retrying);
  const revisionKept = useStore(session, (state) => state.revisionKept);
  const lastSavedAt = useStore(session, (state) => state.lastSavedAt);
  const dates = useDates();

  const label =
    saveState === 'failed'
      ? retrying
        ? SAVE_STATE_LABELS.failedRetrying
        : SAVE_STATE_LABELS.failed
      : saveState === 'saving'
        ? SAVE_STATE_LABELS.saving
        : saveState === 'dirty'
          ? SAVE_STATE_LABELS.dirty
          : revisionKept
            ? SAVE_STATE_LABELS.savedWithRevision
            : SAVE_STATE_LABELS.saved;

  if (saveState === 'failed') {
    return (
      <button
        type="button"
        className="bd-save-state bd-save-state--failed"
        title={`${saveError?.message ?? 'The note could not be saved.'} Your text stays in the editor. Click to retry now.`}
        onClick={() => {
          if (saveError) toasts.show({ kind: 'error', message: saveError.message });
          session.retryNow();
        }}
      >
        <span className="bd-save-state__dot" aria-hidden="true" />
        <span data-testid="save-state" role="status">
          {label}
        </span>
      </button>
    );
  }
  return (
    <span className={`bd-save-state bd-save-state--${saveState}`} title={lastSavedAt ? `Last saved ${dates.dateTime(lastSavedAt)}` : undefined}>
      <span className="bd-save-state__dot" aria-hidden="true" />
      <span data-testid="save-state" role="status">
        {label}
      </span>
    </span>
  );
}
