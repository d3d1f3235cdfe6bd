import { useEffect, useRef, useState, type ReactNode } from 'react';
import { NOTE_STATUS_LABELS, NoteStatusSchema, type Note, type NoteMetaPatch } from '../../core/index';
import { NoteCitationStyleField } from '../citations/citation-style-field';
import { useStore } from '../app/store';
import { useApp } from '../app/app-context';
import { DateField } from '../ui/date-field';
import { parseTags } from '../ui/format';
import { CloseIcon } from '../ui/icons';
import { MarkingField } from './marking';

/**
 * The editable header above the body: title, marking, status, author, date, tags. Typing in the
 * title or author is saved like body text (debounced); selects and dates are saved at once.
 */
export function NoteHeader({ note, readOnly, onTitleEnter }: { note: Note; readOnly: boolean; onTitleEnter: () => void }) {
  const { session, ui } = useApp();
  const titleFocusTick = useStore(ui, (state) => state.titleFocusTick);
  const titleInput = useRef<HTMLTextAreaElement>(null);
  const meta = note.meta;

  useEffect(() => {
    if (titleFocusTick === 0) return;
    titleInput.current?.focus();
    titleInput.current?.select();
  }, [titleFocusTick]);

  // The title wraps like a heading: grow the textarea with its text.
  useEffect(() => {
    const element = titleInput.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${element.scrollHeight}px`;
  }, [meta.title]);

  const update = (patch: NoteMetaPatch, immediate = false): void => session.updateMeta(patch, { immediate });

  return (
    <header className="bd-note-header">
      <textarea
        ref={titleInput}
        className="bd-note-header__title"
        data-testid="note-title-input"
        aria-label="Title"
        placeholder="Untitled briefing"
        rows={1}
        maxLength={300}
        value={meta.title}
        readOnly={readOnly}
        onChange={(event) => update({ title: event.target.value.replace(/\n/g, ' ') })}
        onBlur={() => session.flush()}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            // Enter moves on to the body, as in a word processor's title field.
            event.preventDefault();
            session.flush();
            onTitleEnter();
          }
        }}
      />
      <div className="bd-note-header__fields">
        <Field label="Marking">
          <MarkingField value={meta.marking} testId="marking-select" disabled={readOnly} onChange={(marking) => update({ marking }, true)} />
        </Field>
        <Field label="Status">
          <select
            className="bd-select"
            data-testid="status-select"
            value={meta.status}
            disabled={readOnly}
            onChange={(event) => {
              const parsed = NoteStatusSchema.safeParse(event.target.value);
              if (parsed.success) update({ status: parsed.data }, true);
            }}
          >
            {NoteStatusSchema.options.map((status) => (
              <option key={status} value={status}>
                {NOTE_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Author">
          <input
            className="bd-input"
            data-testid="author-input"
            value={meta.author}
            maxLength={200}
            placeholder="Your name"
            readOnly={readOnly}
            onChange={(event) => update({ author: event.target.value })}
            onBlur={() => session.flush()}
          />
        </Field>
        <Field label="Date">
          <DateField value={meta.date} testId="date-input" label="Date" readOnly={readOnly} onChange={(date) => update({ date }, true)} />
        </Field>
        <Field label="Citation style" span="double">
          <NoteCitationStyleField value={meta.citationStyle ?? null} disabled={readOnly} />
        </Field>
        <Field label="Tags" span="wide">
          <TagsField tags={meta.tags} readOnly={readOnly} onChange={(tags) => update({ tags }, true)} />
        </Field>
      </div>
    </header>
  );
}

/** A labelled header field; `span` widens it to two columns or the whole row. */
function Field({ label, children, span }: { label: string; children: ReactNode; span?: 'double' | 'wide' }) {
  return (
    <label className={`bd-field${span ? ` bd-field--${span}` : ''}`}>
      <span className="bd-field__label">{label}</span>
      {children}
    </label>
  );
}

/** Tags as chips; type and press Enter or comma to add, Backspace in the empty field removes the last. */
function TagsField({ tags, onChange, readOnly }: { tags: string[]; onChange: (tags: string[]) => void; readOnly: boolean }) {
  const [draft, setDraft] = useState('');
  const commit = (): void => {
    const added = parseTags(draft).filter((tag) => !tags.includes(tag));
    setDraft('');
    if (added.length) onChange([...tags, ...added].slice(0, 50));
  };
  return (
    <div className="bd-tags">
      {tags.map((tag) => (
        <span key={tag} className="bd-tag">
          {tag}
          {readOnly ? null : (
            <button type="button" className="bd-tag__remove" aria-label={`Remove tag ${tag}`} onClick={() => onChange(tags.filter((other) => other !== tag))}>
              <CloseIcon size={12} />
            </button>
          )}
        </span>
      ))}
      {readOnly ? null : (
        <input
          className="bd-tags__input"
          data-testid="tags-input"
          placeholder={tags.length ? 'Add tag' : 'Add tags, comma separated'}
          value={draft}
          onChange={(event) => {
            const value = event.target.value;
            if (value.includes(',')) {
              const parts = value.split(',');
              const last = parts.pop() ?? '';
              const added = parseTags(parts.join(',')).filter((tag) => !tags.includes(tag));
              if (added.length) onChange([...tags, ...added].slice(0, 50));
              setDraft(last);
              return;
            }
            setDraft(value);
          }}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              commit();
            } else if (event.key === 'Backspace' && draft === '' && tags.length) {
              onChange(tags.slice(0, -1));
            }
          }}
        />
      )}
    </div>
  );
}
