import { useEffect, useState } from 'react';
import type { ApiError, CallOutput, DatePrecision, EventDraft, Grade, LibraryEvent, Source, SourceDraft } from '../../core/index';
import { useApp } from '../app/app-context';
import { Modal } from '../ui/modal';
import { useStore } from '../app/store';
import { normalizeDate } from './sources-store';
import { CREDIBILITY_VALUES, RELIABILITY_VALUES } from './grade-values';

/** Whichever sidebar dialog is open. */
export function ResearchDialogs() {
  const { research } = useApp();
  const dialog = useStore(research.sidebar, (state) => state.dialog);
  if (!dialog) return null;
  if (dialog.kind === 'event-form') return <EventFormDialog event={dialog.event} />;
  if (dialog.kind === 'source-form') return <SourceFormDialog source={dialog.source} />;
  return <DeleteDialog target={dialog.target} id={dialog.id} label={dialog.label} />;
}

const split = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

function EventFormDialog({ event }: { event: LibraryEvent | null }) {
  const { research, toasts } = useApp();
  const close = (): void => research.sidebar.closeDialog();
  const [date, setDate] = useState(event?.date.date ?? '');
  const [precision, setPrecision] = useState<DatePrecision>(event?.date.precision ?? 'day');
  const [summary, setSummary] = useState(event?.summary ?? '');
  const [type, setType] = useState(event?.type.label ?? '');
  const [actors, setActors] = useState(event?.actors.map((actor) => actor.name).join(', ') ?? '');
  const [place, setPlace] = useState(event?.location?.name ?? '');
  const [country, setCountry] = useState(event?.location?.country ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (): Promise<void> => {
    if (!/^\d{4}(-\d{1,2}(-\d{1,2})?)?$/.test(date.trim())) return setError('Give the date as YYYY-MM-DD (YYYY-MM for a month, YYYY for a year).');
    if (!summary.trim()) return setError('An event needs a summary.');
    const previousActors = new Map(event?.actors.map((actor) => [actor.name, actor]) ?? []);
    const draft: EventDraft = {
      date: { date: normalizeDate(date, precision), precision },
      summary: summary.trim(),
      type: type.trim() ? { label: type.trim(), code: event?.type.code ?? null, taxonomy: event?.type.taxonomy ?? 'custom', subType: event?.type.subType ?? null } : { label: '', code: null, taxonomy: null, subType: null },
      actors: split(actors).map((name) => previousActors.get(name) ?? { name, role: 'other', countryCode: null }),
      location: place.trim() || country.trim() ? { name: place.trim(), country: country.trim() || null, admin1: event?.location?.admin1 ?? null, latitude: event?.location?.latitude ?? null, longitude: event?.location?.longitude ?? null } : null,
    };
    setBusy(true);
    const result = event ? await research.events.updateEvent(event.id, draft) : await research.events.createEvent(draft);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    close();
    toasts.show({ kind: 'success', message: event ? 'Event saved.' : 'Event added.' });
    void research.refreshAll();
  };

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
          <button type="button" className="bd-button bd-button--primary" data-testid="save-event" disabled={busy} onClick={() => void save()}>
            {event ? 'Save' : 'Add event'}
          </button>
        </>
      }
    >
      <form className="bd-form bd-form--compact" onSubmit={(submit) => (submit.preventDefault(), void save())}>
        <div className="bd-form__row">
          <label className="bd-field">
            <span className="bd-field__label">Date</span>
            <input className="bd-input" data-testid="event-date" placeholder="2025-06-09" value={date} onChange={(change) => setDate(change.target.value)} autoFocus />
          </label>
          <label className="bd-field">
            <span className="bd-field__label">Precision</span>
            <select className="bd-select" value={precision} onChange={(change) => setPrecision(change.target.value as DatePrecision)}>
              <option value="day">Day</option>
              <option value="month">Month</option>
              <option value="year">Year</option>
            </select>
          </label>
        </div>
        <label className="bd-field">
          <span className="bd-field__label">Summary</span>
          <textarea className="bd-input bd-textarea" rows={3} data-testid="event-summary" value={summary} onChange={(change) => setSummary(change.target.value)} />
        </label>
        <label className="bd-field">
          <span className="bd-field__label">Event type</span>
          <input className="bd-input" value={type} placeholder="e.g. Negotiate" onChange={(change) => setType(change.target.value)} />
        </label>
        <label className="bd-field">
          <span className="bd-field__label">Actors (comma-separated)</span>
          <input className="bd-input" value={actors} onChange={(change) => setActors(change.target.value)} />
        </label>
        <div className="bd-form__row">
          <label className="bd-field">
            <span className="bd-field__label">Place</span>
            <input className="bd-input" value={place} onChange={(change) => setPlace(change.target.value)} />
          </label>
          <label className="bd-field">
            <span className="bd-field__label">Country</span>
            <input className="bd-input" value={country} onChange={(change) => setCountry(change.target.value)} />
          </label>
        </div>
        {error ? <p className="bd-error-text">{error}</p> : null}
        <button type="submit" hidden />
      </form>
    </Modal>
  );
}

function SourceFormDialog({ source }: { source: Source | null }) {
  const { research, toasts } = useApp();
  const close = (): void => research.sidebar.closeDialog();
  const [title, setTitle] = useState(source?.title ?? '');
  const [publisher, setPublisher] = useState(source?.publisher ?? '');
  const [authors, setAuthors] = useState(source?.authors.join(', ') ?? '');
  const [published, setPublished] = useState(source?.published?.date ?? '');
  const [precision, setPrecision] = useState<DatePrecision>(source?.published?.precision ?? 'day');
  const [url, setUrl] = useState(source?.url ?? '');
  const [text, setText] = useState(source?.text ?? '');
  const [grade, setGrade] = useState<Grade>(source?.grade ?? { reliability: null, credibility: null });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (): Promise<void> => {
    if (!title.trim()) return setError('A source needs a title.');
    if (published.trim() && !/^\d{4}(-\d{1,2}(-\d{1,2})?)?$/.test(published.trim())) return setError('Give the date as YYYY-MM-DD.');
    if (url.trim() && !/^https?:\/\/\S+$/i.test(url.trim())) return setError('The URL must start with http:// or https://.');
    const draft: SourceDraft = {
      title: title.trim(),
      publisher: publisher.trim(),
      authors: split(authors),
      published: published.trim() ? { date: normalizeDate(published, precision), precision } : null,
      url: url.trim() || null,
      text,
      grade,
    };
    setBusy(true);
    const result = source ? await research.sources.updateSource(source.id, draft) : await research.sources.createSource(draft);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    close();
    toasts.show({ kind: 'success', message: source ? 'Source saved.' : 'Source added.' });
    void research.refreshAll();
  };

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
          <button type="button" className="bd-button bd-button--primary" data-testid="save-source" disabled={busy} onClick={() => void save()}>
            {source ? 'Save' : 'Add source'}
          </button>
        </>
      }
    >
      <form className="bd-form bd-form--compact" onSubmit={(submit) => (submit.preventDefault(), void save())}>
        <label className="bd-field">
          <span className="bd-field__label">Title</span>
          <input className="bd-input" data-testid="source-title" value={title} onChange={(change) => setTitle(change.target.value)} autoFocus />
        </label>
        <div className="bd-form__row">
          <label className="bd-field">
            <span className="bd-field__label">Publisher</span>
            <input className="bd-input" value={publisher} onChange={(change) => setPublisher(change.target.value)} />
          </label>
          <label className="bd-field">
            <span className="bd-field__label">Authors</span>
            <input className="bd-input" value={authors} onChange={(change) => setAuthors(change.target.value)} />
          </label>
        </div>
        <div className="bd-form__row">
          <label className="bd-field">
            <span className="bd-field__label">Published</span>
            <input className="bd-input" placeholder="2025-06-10" value={published} onChange={(change) => setPublished(change.target.value)} />
          </label>
          <label className="bd-field">
            <span className="bd-field__label">Precision</span>
            <select className="bd-select" value={precision} onChange={(change) => setPrecision(change.target.value as DatePrecision)}>
              <option value="day">Day</option>
              <option value="month">Month</option>
              <option value="year">Year</option>
            </select>
          </label>
        </div>
        <label className="bd-field">
          <span className="bd-field__label">URL</span>
          <input className="bd-input" type="url" value={url} onChange={(change) => setUrl(change.target.value)} />
        </label>
        <div className="bd-form__row">
          <label className="bd-field">
            <span className="bd-field__label">Reliability</span>
            <select className="bd-select" value={grade.reliability ?? ''} onChange={(change) => setGrade({ ...grade, reliability: (change.target.value || null) as Grade['reliability'] })}>
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
            <select className="bd-select" value={grade.credibility ?? ''} onChange={(change) => setGrade({ ...grade, credibility: (change.target.value || null) as Grade['credibility'] })}>
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
          <textarea className="bd-input bd-textarea" rows={6} value={text} onChange={(change) => setText(change.target.value)} />
        </label>
        {error ? <p className="bd-error-text">{error}</p> : null}
        <button type="submit" hidden />
      </form>
    </Modal>
  );
}

function DeleteDialog({ target, id, label }: { target: 'event' | 'source'; id: string; label: string }) {
  const { research, toasts } = useApp();
  const close = (): void => research.sidebar.closeDialog();
  const [citing, setCiting] = useState<CallOutput<'library:citing-notes'> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void research.sidebar.citingNotes(id).then((result) => {
      if (!live) return;
      if (result.ok) setCiting(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [research, id]);

  const confirm = async (): Promise<void> => {
    setBusy(true);
    const result = target === 'event' ? await research.events.deleteEvent(id) : await research.sources.deleteSource(id);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    close();
    if (target === 'event') research.events.closeDetail();
    else research.sources.closeReader();
    toasts.show({ kind: 'success', message: target === 'event' ? 'Event deleted.' : 'Source deleted.' });
    void research.refreshAll();
  };

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
          <button type="button" className="bd-button bd-button--danger" data-testid="confirm-delete" disabled={busy || citing === null} onClick={() => void confirm()}>
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
