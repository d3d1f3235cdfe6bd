import { useEffect, useState, type ReactNode } from 'react';
import { docText } from '../../core/index';
import { useApp } from '../app/app-context';
import { useStore } from '../app/store';
import { Modal } from '../ui/modal';
import { useDates } from '../ui/use-dates';
import './conflict.css';

/**
 * The open note was changed elsewhere while the analyst had unsaved edits. Nothing is written until
 * they choose: the banner stays above the (read-only) editor, and the comparison opens at once.
 * Either choice keeps the other version as a revision in the note's history.
 */
export function ConflictBanner() {
  const { session } = useApp();
  const conflict = useStore(session, (state) => state.conflict);
  const resolving = useStore(session, (state) => state.resolving);
  const [comparing, setComparing] = useState(true);
  const theirsVersion = conflict?.theirs.version ?? null;
  // A new conflict (or a newer "theirs") opens the comparison again.
  useEffect(() => setComparing(theirsVersion !== null), [theirsVersion]);
  if (!conflict) return null;

  const choices = (
    <>
      <button type="button" className="bd-button" data-testid="conflict-take-theirs" disabled={resolving} onClick={() => void session.resolveConflict('theirs')}>
        Take theirs
      </button>
      <button type="button" className="bd-button bd-button--primary" data-testid="conflict-keep-mine" disabled={resolving} onClick={() => void session.resolveConflict('mine')}>
        Keep mine
      </button>
    </>
  );
  return (
    <>
      <div className="bd-conflict" role="alert" data-testid="conflict-banner">
        <span className="bd-conflict__text">
          <strong>Changed elsewhere while you were editing.</strong> Nothing is saved until you choose; the other version stays in the history.
        </span>
        <button type="button" className="bd-button bd-button--ghost" onClick={() => setComparing(true)}>
          Compare
        </button>
        {choices}
      </div>
      {comparing ? <ConflictDialog onClose={() => setComparing(false)} choices={choices} /> : null}
    </>
  );
}

function ConflictDialog({ onClose, choices }: { onClose: () => void; choices: ReactNode }) {
  const { session } = useApp();
  const conflict = useStore(session, (state) => state.conflict);
  const dates = useDates();
  if (!conflict) return null;
  const mineTitle = conflict.mineMeta?.title ?? conflict.theirs.meta.title;
  return (
    <Modal title="This note was changed elsewhere" onClose={onClose} width={860} testId="conflict-dialog" footer={choices}>
      <p className="bd-modal__message">
        Someone changed “{conflict.theirs.meta.title || 'Untitled'}” outside this window (the command line or another window) while you had unsaved edits. Keep yours, or take theirs: the other version is kept as a revision.
      </p>
      <div className="bd-conflict-compare">
        <section className="bd-conflict-version" aria-label="Your version" data-testid="conflict-mine">
          <h3>Yours (not saved)</h3>
          <p className="bd-conflict-version__meta">{mineTitle || 'Untitled'}</p>
          <pre className="bd-conflict-version__text">{docText(conflict.mine).trim()}</pre>
        </section>
        <section className="bd-conflict-version" aria-label="Their version" data-testid="conflict-theirs">
          <h3>Theirs (saved {dates.relative(conflict.theirs.updatedAt)})</h3>
          <p className="bd-conflict-version__meta">{conflict.theirs.meta.title || 'Untitled'}</p>
          <pre className="bd-conflict-version__text">{docText(conflict.theirs.content).trim()}</pre>
        </section>
      </div>
      {conflict.error ? <p className="bd-conflict-error">{conflict.error.message}</p> : null}
    </Modal>
  );
}
