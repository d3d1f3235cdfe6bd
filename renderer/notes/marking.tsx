import { useEffect, useState } from 'react';
import { TLP_LEVELS, markingStyle, normalizeMarking, toTlpLevel } from '../../core/index';

const OTHER = '__other__';

/** Full-width handling-marking bar shown above and below the note. */
export function MarkingBanner({ marking, position }: { marking: string; position: 'top' | 'bottom' }) {
  const style = markingStyle(marking);
  return (
    <div
      className={`bd-marking-banner bd-marking-banner--${position}${style.tlp ? '' : ' bd-marking-banner--free'}`}
      style={{ color: style.color, background: style.background }}
      data-testid={`marking-banner-${position}`}
      role="note"
      aria-label={`Handling marking: ${style.label}`}
    >
      {style.label}
    </div>
  );
}

/** A small chip of the marking, for list rows. */
export function MarkingChip({ marking }: { marking: string }) {
  const style = markingStyle(marking);
  return (
    <span className="bd-marking-chip" style={{ color: style.color, background: style.background }} title={`Handling marking: ${style.label}`}>
      {style.label}
    </span>
  );
}

/**
 * Marking picker: the TLP 2.0 labels, or "Other classification…" with a free line such as
 * OFFICIAL-SENSITIVE. A free line is committed on Enter or when the field loses focus.
 */
export function MarkingField(props: { value: string; onChange: (marking: string) => void; id?: string; testId?: string; disabled?: boolean }) {
  const tlp = toTlpLevel(props.value);
  const [otherMode, setOtherMode] = useState(tlp === null);
  const [draft, setDraft] = useState(tlp === null ? props.value : '');

  useEffect(() => {
    const level = toTlpLevel(props.value);
    setOtherMode(level === null);
    if (level === null) setDraft(props.value);
  }, [props.value]);

  const commitDraft = (): void => {
    const cleaned = normalizeMarking(draft);
    if (cleaned && cleaned !== props.value) props.onChange(cleaned);
  };

  return (
    <div className="bd-marking-field">
      <select
        id={props.id}
        className="bd-select"
        data-testid={props.testId}
        disabled={props.disabled}
        value={otherMode ? OTHER : (tlp ?? OTHER)}
        onChange={(event) => {
          const next = event.target.value;
          if (next === OTHER) {
            setOtherMode(true);
            setDraft('');
            return;
          }
          setOtherMode(false);
          props.onChange(next);
        }}
      >
        {TLP_LEVELS.map((level) => (
          <option key={level} value={level}>
            {level}
          </option>
        ))}
        <option value={OTHER}>Other classification…</option>
      </select>
      {otherMode ? (
        <input
          className="bd-input bd-marking-field__other"
          aria-label="Classification line"
          placeholder="e.g. OFFICIAL-SENSITIVE"
          maxLength={120}
          value={draft}
          autoFocus={draft === ''}
          disabled={props.disabled}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commitDraft}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              commitDraft();
            }
          }}
        />
      ) : null}
    </div>
  );
}
