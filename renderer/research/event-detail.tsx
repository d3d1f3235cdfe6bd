import { useEffect, useRef, type ReactNode } from 'react';
import { useDates } from '../ui/use-dates';
import type { LibraryEvent, Source } from '../../core/index';
import { useApp } from '../app/app-context';
import { useInsertTarget } from '../citations/use-insert-target';
import { useStore } from '../app/store';
import { GradeBadge } from './grade-badge';
import { OpenLinkButton } from './open-link-button';

const FIGURE_LABELS: Record<string, string> = {
  fatalities: 'Fatalities',
  goldstein: 'Goldstein scale',
  tone: 'Average tone',
  numArticles: 'Articles',
  quadClass: 'Quad class',
};

/** The open event: every field, its figures, its dataset and its sources. */
export function EventDetailView({ onBack }: { onBack: () => void }) {
  const { research } = useApp();
  const detail = useStore(research.events, (state) => state.detail);
  const error = useStore(research.events, (state) => state.detailError);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    root.current?.focus();
  }, []);

  return (
    <div
      className="bd-detail"
      data-testid="event-detail"
      tabIndex={-1}
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          onBack();
        }
      }}
    >
      <div className="bd-detail__bar">
        <button type="button" className="bd-button bd-button--small bd-button--ghost" data-testid="detail-back" onClick={onBack}>
          ← Events
        </button>
        {detail ? <DetailActions event={detail.event} /> : null}
      </div>
      {error ? <p className="bd-research__error">{error.message}</p> : null}
      {!detail && !error ? <p className="bd-side-empty">Loading…</p> : null}
      {detail ? <InsertBar eventId={detail.event.id} /> : null}
      {detail ? <DetailBody event={detail.event} sources={detail.sources} /> : null}
    </div>
  );
}

/** Insert the open event into the note at the cursor, as a sentence or a bullet. */
function InsertBar({ eventId }: { eventId: string }) {
  const { cite } = useApp();
  const { canInsert, reason } = useInsertTarget();
  return (
    <div className="bd-insert-bar" role="group" aria-label="Insert into the note">
      <button
        type="button"
        className="bd-button bd-button--small bd-button--primary"
        data-testid="insert-sentence"
        disabled={!canInsert}
        title={reason ?? 'Insert at the cursor as a cited sentence'}
        onClick={() => void cite.insertEvents([eventId], 'sentence')}
      >
        Insert as sentence
      </button>
      <button
        type="button"
        className="bd-button bd-button--small"
        data-testid="insert-bullet"
        disabled={!canInsert}
        title={reason ?? 'Insert at the cursor as a cited bullet'}
        onClick={() => void cite.insertEvents([eventId], 'bullet')}
      >
        Insert as bullet
      </button>
    </div>
  );
}

function DetailActions({ event }: { event: LibraryEvent }) {
  const { research } = useApp();
  return (
    <div className="bd-detail__actions">
      <button type="button" className="bd-button bd-button--small" data-testid="edit-event" onClick={() => research.sidebar.openDialog({ kind: 'event-form', event })}>
        Edit
      </button>
      <button
        type="button"
        className="bd-button bd-button--small bd-button--danger-quiet"
        data-testid="delete-event"
        onClick={() => research.sidebar.openDialog({ kind: 'delete', target: 'event', id: event.id, label: event.summary })}
      >
        Delete
      </button>
    </div>
  );
}

function DetailBody({ event, sources }: { event: LibraryEvent; sources: Source[] }) {
  const dates = useDates();
  const { research } = useApp();
  const datasets = useStore(research.sidebar, (state) => state.stats?.datasets);
  const dataset = datasets?.find((candidate) => candidate.id === event.datasetId);
  const figures = Object.entries(event.figures).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
  const type = [event.type.label, event.type.subType].filter(Boolean).join(' — ');

  return (
    <div className="bd-detail__body">
      <p className="bd-detail__date">
        {dates.fuzzy(event.date)}
        {event.endDate ? ` – ${dates.fuzzy(event.endDate)}` : ''}
        {event.date.precision !== 'day' ? <span className="bd-pill">{event.date.precision} precision</span> : null}
      </p>
      <h3 className="bd-detail__summary">{event.summary}</h3>
      <dl className="bd-detail__fields">
        {type ? (
          <Field label="Type">
            {type}
            {event.type.code ? <span className="bd-detail__code"> {event.type.taxonomy && event.type.taxonomy !== 'custom' ? `${event.type.taxonomy} ` : ''}{event.type.code}</span> : null}
          </Field>
        ) : null}
        {event.actors.length > 0 ? (
          <Field label="Actors">
            <ul className="bd-detail__actors">
              {event.actors.map((actor, index) => (
                <li key={index}>
                  {actor.name}
                  <span className="bd-muted">
                    {' '}
                    {actor.role !== 'other' ? actor.role : ''}
                    {actor.countryCode ? ` · ${actor.countryCode}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </Field>
        ) : null}
        {event.location ? (
          <Field label="Place">
            {[event.location.name, event.location.admin1, event.location.country].filter(Boolean).filter((value, index, all) => all.indexOf(value) === index).join(', ')}
            {event.location.latitude !== null && event.location.longitude !== null ? (
              <span className="bd-muted">
                {' '}
                ({event.location.latitude.toFixed(3)}, {event.location.longitude.toFixed(3)})
              </span>
            ) : null}
          </Field>
        ) : null}
        {figures.map(([key, value]) => (
          <Field key={key} label={FIGURE_LABELS[key] ?? key}>
            {value.toLocaleString('en-US', { maximumFractionDigits: 2 })}
          </Field>
        ))}
        <Field label="Dataset">{dataset ? `${dataset.name} (${dataset.format}, v${event.datasetVersion})` : event.origin.kind === 'manual' ? 'Added by hand' : event.origin.kind}</Field>
        {event.externalId ? <Field label="External id">{event.externalId}</Field> : null}
        <Field label="Id">
          <code>{event.id}</code>
        </Field>
      </dl>
      <h4 className="bd-detail__heading">
        Sources <span className="bd-muted">({sources.length})</span>
      </h4>
      {sources.length === 0 ? <p className="bd-side-empty">No sources linked.</p> : null}
      <ul className="bd-detail__sources" data-testid="event-sources">
        {sources.map((source) => (
          <SourceItem key={source.id} source={source} />
        ))}
      </ul>
    </div>
  );
}

function SourceItem({ source }: { source: Source }) {
  const dates = useDates();
  const { research } = useApp();
  const url = source.url ?? source.canonicalUrl;
  return (
    <li className="bd-source-item" data-testid="event-source" data-source-id={source.id}>
      <div className="bd-source-item__top">
        <GradeBadge grade={source.grade} />
        <span className="bd-source-item__title">{source.title || source.publisher || 'Untitled source'}</span>
      </div>
      <div className="bd-source-item__meta">
        {source.publisher}
        {source.published ? ` · ${dates.fuzzy(source.published)}` : ''}
      </div>
      {source.excerpt ? <p className="bd-source-item__excerpt">{source.excerpt}</p> : null}
      <div className="bd-source-item__links">
        {url ? <OpenLinkButton url={url} /> : null}
        {source.text ? (
          <button
            type="button"
            className="bd-link-button"
            data-testid="open-in-reader"
            onClick={() => {
              research.sidebar.setTab('sources');
              void research.sources.openReader(source.id);
            }}
          >
            Read
          </button>
        ) : null}
      </div>
    </li>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="bd-detail__field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
