import { useEffect, useMemo, useRef, useState } from 'react';
import { useDates } from '../ui/use-dates';
import { CREDIBILITY_VALUES, RELIABILITY_VALUES } from './grade-values';
import type { DatePrecision, Grade, Source } from '../../core/index';
import { useApp } from '../app/app-context';
import { useInsertTarget } from '../citations/use-insert-target';
import { useStore } from '../app/store';
import type { CandidateDraft } from './sources-store';
import { GradeBadge } from './grade-badge';
import { OpenLinkButton } from './open-link-button';

/** Splits plain text into paragraphs on blank lines (single newlines stay inside a paragraph). */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

/**
 * The source reader. The article's text is rendered as React text nodes only — never as HTML — so
 * whatever markup an article or feed carried cannot run here.
 */
export function SourceReader({ onBack }: { onBack: () => void }) {
  const { research } = useApp();
  const { sources } = research;
  const source = useStore(sources, (state) => state.reader);
  const error = useStore(sources, (state) => state.readerError);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    root.current?.focus();
  }, []);

  return (
    <div
      className="bd-detail bd-reader"
      data-testid="source-reader"
      tabIndex={-1}
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && event.target === event.currentTarget) {
          event.preventDefault();
          onBack();
        }
      }}
    >
      <div className="bd-detail__bar">
        <button type="button" className="bd-button bd-button--small bd-button--ghost" data-testid="reader-back" onClick={onBack}>
          ← Sources
        </button>
        {source ? <ReaderActions source={source} /> : null}
      </div>
      {error ? <p className="bd-research__error">{error.message}</p> : null}
      {!source && !error ? <p className="bd-side-empty">Loading…</p> : null}
      {source ? <ReaderBody source={source} /> : null}
    </div>
  );
}

function ReaderActions({ source }: { source: Source }) {
  const { research, cite } = useApp();
  const { canInsert, reason } = useInsertTarget();
  return (
    <div className="bd-detail__actions">
      <button type="button" className="bd-button bd-button--small bd-button--primary" data-testid="cite-source" disabled={!canInsert} title={reason ?? 'Cite this source at the cursor'} onClick={() => void cite.citeSource(source.id)}>
        Cite
      </button>
      <button type="button" className="bd-button bd-button--small" data-testid="edit-source" onClick={() => research.sidebar.openDialog({ kind: 'source-form', source })}>
        Edit
      </button>
      <button
        type="button"
        className="bd-button bd-button--small bd-button--danger-quiet"
        data-testid="delete-source"
        onClick={() => research.sidebar.openDialog({ kind: 'delete', target: 'source', id: source.id, label: source.title })}
      >
        Delete
      </button>
    </div>
  );
}

function ReaderBody({ source }: { source: Source }) {
  const dates = useDates();
  const { research, actions, cite } = useApp();
  const { canInsert, reason } = useInsertTarget();
  const { sources, events, sidebar } = research;
  const passage = useStore(sources, (state) => state.passage);
  const candidates = useStore(sources, (state) => state.candidates);
  const extracting = useStore(sources, (state) => state.extracting);
  const paragraphs = useMemo(() => paragraphsOf(source.text), [source.text]);
  const textRef = useRef<HTMLDivElement>(null);
  const url = source.url ?? source.canonicalUrl;

  const onSelect = (): void => {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    const range = selection.getRangeAt(0);
    if (!textRef.current?.contains(range.commonAncestorContainer)) return;
    sources.selectPassage({ sourceId: source.id, quote: selection.toString() });
  };

  const setGrade = (grade: Grade): void => {
    void sources.setGrade(grade).then((failure) => {
      if (failure) actions.showError(failure);
    });
  };

  return (
    <div className="bd-detail__body">
      <h3 className="bd-reader__title" data-testid="reader-title">
        {source.title || 'Untitled source'}
      </h3>
      <p className="bd-reader__byline">
        {[source.publisher, source.authors.join(', '), source.published ? dates.fuzzy(source.published) : null].filter(Boolean).join(' · ')}
      </p>
      <div className="bd-reader__tools">
        <GradeBadge grade={source.grade} />
        <label className="bd-reader__grade">
          Reliability
          <select
            className="bd-select bd-select--tiny"
            data-testid="grade-reliability"
            value={source.grade.reliability ?? ''}
            onChange={(event) => setGrade({ ...source.grade, reliability: (event.target.value || null) as Grade['reliability'] })}
          >
            <option value="">–</option>
            {RELIABILITY_VALUES.map(([value, label]) => (
              <option key={value} value={value}>
                {value} — {label}
              </option>
            ))}
          </select>
        </label>
        <label className="bd-reader__grade">
          Credibility
          <select
            className="bd-select bd-select--tiny"
            data-testid="grade-credibility"
            value={source.grade.credibility ?? ''}
            onChange={(event) => setGrade({ ...source.grade, credibility: (event.target.value || null) as Grade['credibility'] })}
          >
            <option value="">–</option>
            {CREDIBILITY_VALUES.map(([value, label]) => (
              <option key={value} value={value}>
                {value} — {label}
              </option>
            ))}
          </select>
        </label>
        {url ? <OpenLinkButton url={url} /> : null}
        <button
          type="button"
          className="bd-link-button"
          data-testid="events-of-source"
          onClick={() => {
            sidebar.setTab('events');
            events.setFilters({ sourceId: source.id });
          }}
        >
          Events citing it
        </button>
      </div>
      {passage && passage.sourceId === source.id ? (
        <div className="bd-reader__passage" data-testid="selected-passage">
          <span className="bd-reader__passage-label">Selected passage:</span> “{passage.quote.length > 160 ? `${passage.quote.slice(0, 160)}…` : passage.quote}”
          <span className="bd-reader__passage-actions">
            <button type="button" className="bd-button bd-button--small" data-testid="quote-inline" disabled={!canInsert} title={reason ?? 'Insert at the cursor as “quotation” with its citation'} onClick={() => void cite.quotePassage('inline')}>
              Quote inline
            </button>
            <button type="button" className="bd-button bd-button--small" data-testid="quote-block" disabled={!canInsert} title={reason ?? 'Insert at the cursor as a block quote with its citation'} onClick={() => void cite.quotePassage('block')}>
              Block quote
            </button>
            <button type="button" className="bd-link-button" onClick={() => sources.selectPassage(null)}>
              Clear
            </button>
          </span>
        </div>
      ) : null}
      <div className="bd-reader__text" data-testid="reader-text" ref={textRef} onMouseUp={onSelect} onKeyUp={onSelect}>
        {paragraphs.length === 0 ? <p className="bd-muted">This source has no text (known by name only).</p> : paragraphs.map((paragraph, index) => <p key={index}>{paragraph}</p>)}
      </div>
      {paragraphs.length > 0 ? (
        <div className="bd-reader__extract">
          <button type="button" className="bd-button bd-button--small" data-testid="extract-events" disabled={extracting} onClick={() => void sources.extract()}>
            {extracting ? 'Finding events…' : 'Find events in this article'}
          </button>
          {candidates ? <CandidateList candidates={candidates} /> : null}
        </div>
      ) : null}
    </div>
  );
}

function CandidateList({ candidates }: { candidates: readonly CandidateDraft[] }) {
  const visible = candidates.filter((draft) => draft.state !== 'dismissed');
  if (candidates.length === 0) return <p className="bd-side-empty">No dated sentences with actors found.</p>;
  return (
    <ul className="bd-candidates">
      {visible.map((draft) => (
        <CandidateItem key={draft.candidate.id} draft={draft} />
      ))}
    </ul>
  );
}

function CandidateItem({ draft }: { draft: CandidateDraft }) {
  const { research } = useApp();
  const { sources } = research;
  const [open, setOpen] = useState(false);
  const id = draft.candidate.id;
  const accepted = draft.state === 'accepted';
  return (
    <li className={`bd-candidate${accepted ? ' is-accepted' : ''}`} data-testid="candidate" data-candidate-id={id}>
      <blockquote className="bd-candidate__quote">{draft.candidate.sentence}</blockquote>
      {accepted ? (
        <p className="bd-candidate__done">Added as an event.</p>
      ) : (
        <>
          <div className="bd-candidate__fields">
            <input className="bd-input bd-input--small" aria-label="Date" data-testid="candidate-date" value={draft.date} onChange={(event) => sources.editCandidate(id, { date: event.target.value })} />
            <select
              className="bd-select bd-select--tiny"
              aria-label="Precision"
              data-testid="candidate-precision"
              value={draft.precision}
              onChange={(event) => sources.editCandidate(id, { precision: event.target.value as DatePrecision })}
            >
              <option value="day">day</option>
              <option value="month">month</option>
              <option value="year">year</option>
            </select>
            <button type="button" className="bd-link-button" onClick={() => setOpen((value) => !value)}>
              {open ? 'Less' : 'Edit'}
            </button>
          </div>
          {open ? (
            <>
              <textarea className="bd-input bd-textarea" rows={3} aria-label="Summary" data-testid="candidate-summary" value={draft.summary} onChange={(event) => sources.editCandidate(id, { summary: event.target.value })} />
              <input className="bd-input bd-input--small" aria-label="Actors (comma-separated)" placeholder="Actors, comma-separated" data-testid="candidate-actors" value={draft.actors} onChange={(event) => sources.editCandidate(id, { actors: event.target.value })} />
            </>
          ) : (
            <p className="bd-candidate__summary">
              {draft.summary}
              {draft.actors ? <span className="bd-muted"> · {draft.actors}</span> : null}
            </p>
          )}
          {draft.error ? <p className="bd-research__error">{draft.error}</p> : null}
          <div className="bd-candidate__actions">
            <button type="button" className="bd-button bd-button--small bd-button--primary" data-testid="accept-candidate" disabled={draft.state === 'accepting'} onClick={() => void sources.acceptCandidate(id)}>
              Accept
            </button>
            <button type="button" className="bd-button bd-button--small bd-button--ghost" data-testid="dismiss-candidate" onClick={() => sources.dismissCandidate(id)}>
              Dismiss
            </button>
          </div>
        </>
      )}
    </li>
  );
}
