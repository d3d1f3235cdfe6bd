import { useRef, useState } from 'react';
import { useStore } from '../app/store';
import { useApp } from '../app/app-context';
import { dateFormatterOf, parseDateInput, type DateFormatter } from './format';
import './date-field.css';

/** A small calendar for the picker button. */
function CalendarIcon() {
  return (
    <svg width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <rect x="3.5" y="5" width="17" height="15" rx="2" />
      <path d="M3.5 10h17M8 3v4M16 3v4" />
    </svg>
  );
}

/**
 * A date input that shows the date in the analyst's display format ("7 Dec 2026" by default)
 * instead of the browser's native field, which follows the browser's locale ("12/07/2026" in
 * en-US). The analyst types a date in any unambiguous form (see parseDateInput) or picks it from the
 * calendar; a complete date is committed as it is typed, a wrong one is flagged and dropped on blur.
 */
export function DateField(props: {
  /** YYYY-MM-DD, or '' for no date (only with `allowEmpty`). */
  value: string;
  onChange: (iso: string) => void;
  testId: string;
  label: string;
  readOnly?: boolean;
  allowEmpty?: boolean;
  placeholder?: string;
  className?: string;
  min?: string;
  max?: string;
}) {
  const { settings } = useApp();
  const dateFormat = useStore(settings, (state) => state.settings.dateFormat);
  const locale = useStore(settings, (state) => state.settings.locale);
  const display = { format: dateFormat, locale: locale || undefined };
  const dates: DateFormatter = dateFormatterOf({ dateFormat, locale });
  const shown = props.value ? dates.date(props.value) : '';
  const [draft, setDraft] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const invalid = draft !== null && draft.trim() !== '' && parseDateInput(draft, display) === null;

  const commit = (text: string): void => {
    const trimmed = text.trim();
    if (trimmed === '') {
      if (props.allowEmpty && props.value !== '') props.onChange('');
      return;
    }
    const iso = parseDateInput(trimmed, display);
    if (iso && iso !== props.value) props.onChange(iso);
  };

  return (
    <span className={`bd-date-field${invalid ? ' is-invalid' : ''}`}>
      <input
        className={`bd-input bd-date-field__text ${props.className ?? ''}`}
        data-testid={props.testId}
        data-iso={props.value}
        aria-label={props.label}
        aria-invalid={invalid || undefined}
        title={invalid ? 'Type a date such as 7 Dec 2026 or 2026-12-07' : undefined}
        placeholder={props.placeholder ?? dates.date('2026-12-07')}
        value={draft ?? shown}
        readOnly={props.readOnly}
        onFocus={() => setDraft(shown)}
        onChange={(event) => {
          setDraft(event.target.value);
          // A whole date takes effect at once, as the native field did; a partial one waits.
          if (parseDateInput(event.target.value, display)) commit(event.target.value);
        }}
        onBlur={(event) => {
          commit(event.target.value);
          setDraft(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            commit(event.currentTarget.value);
            setDraft(null);
          } else if (event.key === 'Escape' && draft !== null && draft !== shown) {
            // Escape drops the typing first; a second Escape goes to the dialog or menu around.
            event.stopPropagation();
            setDraft(shown);
          }
        }}
      />
      {props.readOnly ? null : (
        <button
          type="button"
          className="bd-icon-button bd-date-field__pick"
          aria-label={`${props.label}: choose from a calendar`}
          title="Choose from a calendar"
          onClick={() => {
            try {
              picker.current?.showPicker();
            } catch {
              // No picker here (an engine without showPicker): typing the date still works.
            }
          }}
        >
          <CalendarIcon />
        </button>
      )}
      <input
        ref={picker}
        type="date"
        className="bd-date-field__native"
        tabIndex={-1}
        aria-hidden="true"
        value={props.value}
        min={props.min}
        max={props.max}
        onChange={(event) => {
          const value = event.target.value;
          if (value === '' ? props.allowEmpty : /^\d{4}-\d{2}-\d{2}$/.test(value)) props.onChange(value);
        }}
      />
    </span>
  );
}
