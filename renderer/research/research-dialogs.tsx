import type { DatePrecision, Grade } from '../../core/index';
import { useApp } from '../app/app-context';
import { Modal } from '../ui/modal';
import { useStore } from '../app/store';
import { CREDIBILITY_VALUES, RELIABILITY_VALUES } from './grade-values';

/** Whichever sidebar dialog is open. */
export function ResearchDialogs() {
  const { research } = useApp();
  const dialog = useStore(research.sidebar, (state) => state.dialog);
  if (!dialog) return null;
  if (dialog.kind === 'event-form') return <EventFormDialog />;
  if (dialog.kind === 'source-form') return <SourceFormDialog />;
  return <DeleteDialog target={dialog.target} label={dialog.label} />;
}

function EventFormDialog() {
  const { research } = useApp();
  const { forms } = research;
  const form = useStore(forms, (state) => state.form);
  const error = useStore(forms, (state) => state.error);
  const busy = useStore(forms, (state) => state.busy);
  if (form?.kind !== 'event') return null;
  const { event, fields } = form;
  const close = (): void => research.sidebar.closeDialog();
  const save = (): void => void forms.save();

  return (
    <Modal
      title={event ? 'Edit event' : 'Add event'}
      onClose={close}
      width={520}
      testId="event-form"
      footer={
        <>
          <button type="button" className="bd-button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="bd-button bd-button--primary" data-testid="save-event" disabled={busy} onClick={save}>
            {event ? 'Save' : 'Add event'}
          </button>
        </>
      }
    >
      <form className="bd-form bd-form--compact" onSubmit={(submit) => (submit.preventDefault(), save())}>
        <div className="bd-form__row">
          <label className="bd-field">
            <span className="bd-field__label">Date</span>
            <input className="bd-input" data-testid="event-date" placeholder="2025-06-09" value={fields.date} onChange={(change) => forms.editEvent({ date: change.target.value })} autoFocus />
          </label>
          <label className="bd-field">
            <span className="bd-field__label">Precision</span>
            <select className="bd-select" value={fields.precision} onChange={(change) => forms.editEvent({ precision: change.target.value as DatePrecision })}>
              <option value="day">Day</option>
              <option value="month">Month</option>
              <option value="year">Year</option>
            </select>
          </label>
        </div>
        <label className="bd-field">
          <span className="bd-field__label">Summary</span>
          <textarea className="bd-input bd-textarea" rows={3} data-testid="event-summary" value={fields.summary} onChange={(change) => forms.editEvent({ summary: change.target.value })} />
        </label>
        <label className="bd-field">
          <span className="bd-field__label">Event type</span>
          <input className="bd-input" value={fields.type} placeholder="e.g. Negotiate" onChange={(change) => forms.editEvent({ type: change.target.value })} />
        </label>
        <label className="bd-field">
          <span className="bd-field__label">Actors (comma-separated)</span>
          <input className="bd-input" value={fields.actors} onChange={(change) => forms.editEvent({ actors: change.target.value })} />
        </label>
        <div className="bd-form__row">
          <label className="bd-field">
            <span className="bd-field__label">Place</span>
            <input className="bd-input" value={fields.place} onChange={(change) => forms.editEvent({ place: change.target.value })} />
          </label>
          <label className="bd-field">
            <span className="bd-field__label">Country</span>
            <input className="bd-input" value={fields.country} onChange={(change) => forms.editEvent({ country: change.target.value })} />
          </label>
        </div>
        {error ? <p className="bd-error-text">{error}</p> : null}
        <button type="submit" hidden />
      </form>
    </Modal>
  );
}

function SourceFormDialog() {
  const { research } = useApp();
  const { forms } = research;
  const form = useStore(forms, (state) => state.form);
  const error = useStore(forms, (state) => state.error);
  const busy = useStore(forms, (state) => state.busy);
  if (form?.kind !== 'source') return null;
  const { source, fields } = form;
  const { grade } = fields;
  const close = (): void => research.sidebar.closeDialog();
  const save = (): void => void forms.save();

  return (
    <Modal
      title={source ? 'Edit source' : 'Add source'}
      onClose={close}
      width={560}
      testId="source-form"
      footer={
        <>
          <button type="button" className="bd-button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="bd-button bd-button--primary" data-testid="save-source" disabled={busy} onClick={save}>
            {source ? 'Save' : 'Add source'}
          </button>
        </>
      }
    >
      <form className="bd-form bd-form--compact" onSubmit={(submit) => (submit.preventDefault(), save())}>
        <label className="bd-field">
          <span className="bd-field__label">Title</span>
          <input className="bd-input" data-testid="source-title" value={fields.title} onChange={(change) => forms.editSource({ title: change.target.value })} autoFocus />
        </label>
        <div className="bd-form__row">
          <label className="bd-field">
            <span className="bd-field__label">Publisher</span>
            <input className="bd-input" value={fields.publisher} onChange={(change) => forms.editSource({ publisher: change.target.value })} />
          </label>
          <label className="bd-field">
            <span className="bd-field__label">Authors</span>
            <input className="bd-input" value={fields.authors} onChange={(change) => forms.editSource({ authors: change.target.value })} />
          </label>
        </div>
        <div className="bd-form__row">
          <label className="bd-field">
            <span className="bd-field__label">Published</span>
            <input className="bd-input" placeholder="2025-06-10" value={fields.published} onChange={(change) => forms.editSource({ published: change.target.value })} />
          </label>
          <label className="bd-field">
            <span className="bd-field__label">Precision</span>
            <select className="bd-select" value={fields.precision} onChange={(change) => forms.editSource({ precision: change.target.value as DatePrecision })}>
              <option value="day">Day</option>
              <option value="month">Month</option>
              <option value="year">Year</option>
            </select>
          </label>
        </div>
        <label className="bd-field">
          <span className="bd-field__label">URL</span>
          <input className="bd-input" type="url" value={fields.url} onChange={(change) => forms.editSource({ url: change.target.value })} />
        </label>
        <div className="bd-form__row">
          <label className="bd-field">
            <span className="bd-field__label">Reliability</span>
            <select className="bd-select" value={grade.reliability ?? ''} onChange={(change) => forms.editSource({ grade: { ...grade, reliability: (change.target.value || null) as Grade['reliability'] } })}>
              <option value="">Not graded</option>
              {RELIABILITY_VALUES.map(([value, label]) => (
                <option key={value} value={value}>
                  {value} — {label}
                </option>
              ))}
            </select>
          </label>
          <label className="bd-field">
            <span className="bd-field__label">Credibility</span>
            <select className="bd-select" value={grade.credibility ?? ''} onChange={(change) => forms.editSource({ grade: { ...grade, credibility: (change.target.value || null) as Grade['credibility'] } })}>
              <option value="">Not graded</option>
              {CREDIBILITY_VALUES.map(([value, label]) => (
                <option key={value} value={value}>
                  {value} — {label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="bd-field">
          <span className="bd-field__label">Text</span>
          <textarea className="bd-input bd-textarea" rows={6} value={fields.text} onChange={(change) => forms.editSource({ text: change.target.value })} />
        </label>
        {error ? <p className="bd-error-text">{error}</p> : null}
        <button type="submit" hidden />
      </form>
    </Modal>
  );
}

function DeleteDialog({ target, label }: { target: 'event' | 'source'; label: string }) {
  const { research } = useApp();
  const { deletion } = research;
  const citing = useStore(deletion, (state) => state.citing);
  const error = useStore(deletion, (state) => state.error);
  const busy = useStore(deletion, (state) => state.busy);
  const close = (): void => research.sidebar.closeDialog();

  return (
    <Modal
      title={target === 'event' ? 'Delete this event?' : 'Delete this source?'}
      onClose={close}
      width={460}
      role="alertdialog"
      testId="delete-dialog"
      footer={
        <>
          <button type="button" className="bd-button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="bd-button bd-button--danger" data-testid="confirm-delete" disabled={busy || citing === null} onClick={() => void deletion.confirm()}>
            Delete
          </button>
        </>
      }
    >
      <p className="bd-modal__message">“{label.length > 140 ? `${label.slice(0, 140)}…` : label}” will be deleted from the library.</p>
      <div className="bd-citing" data-testid="citing-notes">
        {citing === null && !error ? <p className="bd-muted">Looking for notes that cite it…</p> : null}
        {citing && citing.length === 0 ? <p className="bd-muted">No note cites it.</p> : null}
        {citing && citing.length > 0 ? (
          <>
            <p>
              {citing.length === 1 ? 'One note cites it' : `${citing.length} notes cite it`}; their citations will point to a deleted {target}:
            </p>
            <ul>
              {citing.map((note) => (
                <li key={note.noteId}>{note.title || 'Untitled'}</li>
              ))}
            </ul>
          </>
        ) : null}
        {error ? <p className="bd-error-text">{error.message}</p> : null}
      </div>
    </Modal>
  );
}
