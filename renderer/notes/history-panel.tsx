import { useMemo } from 'react';
import { docText, type RevisionSummary } from '../../core/index';
import { useStore } from '../app/store';
import { useApp } from '../app/app-context';
import { useDates } from '../ui/use-dates';
import { RestoreIcon } from '../ui/icons';

const REASON_LABELS: Record<RevisionSummary['reason'], string> = {
  interval: 'Autosaved version',
  manual: 'Kept with Ctrl+S',
  'before-restore': 'Before a restore',
};

/** Revisions of the open note: click one to preview it, restore it after confirming. */
export function HistoryPanel() {
  const { history, session, actions } = useApp();
  const noteId = useStore(history, (state) => state.noteId);
  const revisions = useStore(history, (state) => state.revisions);
  const loading = useStore(history, (state) => state.loading);
  const error = useStore(history, (state) => state.error);
  const preview = useStore(history, (state) => state.preview);
  const previewLoadingId = useStore(history, (state) => state.previewLoadingId);
  const trashed = useStore(session, (state) => state.note?.trashedAt != null);
  const dates = useDates();
  const previewText = useMemo(() => (preview ? docText(preview.content) : ''), [preview]);

  if (!noteId) return <div className="bd-side-empty">Open a note to see its history.</div>;

  return (
    <div className="bd-history" data-testid="history-panel">
      <div className="bd-history__intro">
        <p className="bd-muted">A version is kept every 10 minutes of editing and each time you press Ctrl+S.</p>
        <button type="button" className="bd-button bd-button--small" disabled={trashed} onClick={() => void session.saveWithRevision()}>
          Keep a version now
        </button>
      </div>
      {error ? <p className="bd-error-text">{error.message}</p> : null}
      {!loading && revisions.length === 0 && !error ? <p className="bd-side-empty">No earlier versions yet.</p> : null}
      <ul className="bd-history__list" aria-label="Earlier versions">
        {revisions.map((revision) => {
          const selected = preview?.id === revision.id || previewLoadingId === revision.id;
          return (
            <li key={revision.id}>
              <button
                type="button"
                className={`bd-revision-row${selected ? ' is-selected' : ''}`}
                data-testid="revision-row"
                data-revision-id={revision.id}
                aria-pressed={selected}
                onClick={() => void history.showPreview(selected ? null : revision.id)}
              >
                <span className="bd-revision-row__time" title={dates.dateTime(revision.createdAt)}>
                  {dates.dateTime(revision.createdAt)}
                </span>
                <span className="bd-revision-row__meta">
                  {REASON_LABELS[revision.reason]} · {revision.words.toLocaleString()} words · {dates.relative(revision.createdAt)}
                </span>
              </button>
              {preview?.id === revision.id ? (
                <div className="bd-revision-preview">
                  <div className="bd-revision-preview__title">{preview.meta.title || 'Untitled'}</div>
                  <div className="bd-revision-preview__text">{previewText || <span className="bd-muted">(empty)</span>}</div>
                  <button
                    type="button"
                    className="bd-button bd-button--primary bd-button--small"
                    data-testid="restore-revision-button"
                    disabled={trashed}
                    onClick={() => void actions.restoreRevision(revision.id)}
                  >
                    <RestoreIcon /> Restore this version
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
