import { useEffect, useRef, useState } from 'react';
import { useApp } from '../app/app-context';
import { useStore } from '../app/store';

/** The select's value that opens the file picker instead of choosing a style. */
const ADD_STYLE = '__add-style__';

/** Reads a picked .csl file and adds it; returns the new style id, or null after showing why not. */
export function useAddStyle(): { add: (file: File) => Promise<string | null>; error: string | null } {
  const { citations, toasts } = useApp();
  const [error, setError] = useState<string | null>(null);
  return {
    error,
    async add(file) {
      setError(null);
      const xml = await file.text();
      const result = await citations.addStyle(file.name, xml);
      if (!result.ok) {
        setError(`${file.name} was not added: ${result.error.message}`);
        return null;
      }
      toasts.show({ kind: 'success', message: `Citation style “${result.value.name}” added.` });
      return result.value.id;
    },
  };
}

/**
 * A citation style select: the built-in and added styles, optionally "Workspace default", and
 * "Add style…" which takes a .csl file (a broken one is refused with the reason, shown below).
 */
export function CitationStyleSelect(props: {
  value: string;
  onChange: (id: string) => void;
  /** Offer "Workspace default (…)" as the empty value. */
  defaultLabel?: string;
  disabled?: boolean;
  testId: string;
  /** The accessible name, where no <label> wraps the select. */
  label?: string;
}) {
  const { citations } = useApp();
  const styles = useStore(citations, (state) => state.styles);
  const loaded = useStore(citations, (state) => state.stylesLoaded);
  const fileInput = useRef<HTMLInputElement>(null);
  const { add, error } = useAddStyle();

  useEffect(() => {
    if (!loaded) void citations.loadStyles();
  }, [citations, loaded]);

  const known = props.value === '' || styles.some((style) => style.id === props.value);
  return (
    <span className="bd-style-select">
      <select
        className="bd-select"
        data-testid={props.testId}
        aria-label={props.label}
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => {
          if (event.target.value === ADD_STYLE) {
            fileInput.current?.click();
            return;
          }
          props.onChange(event.target.value);
        }}
      >
        {props.defaultLabel !== undefined ? <option value="">{props.defaultLabel}</option> : null}
        {styles.map((style) => (
          <option key={style.id} value={style.id}>
            {style.name}
            {style.builtIn ? '' : ' (added)'}
          </option>
        ))}
        {known ? null : <option value={props.value}>{props.value} (not available: numeric is used)</option>}
        <option value={ADD_STYLE}>Add style from a .csl file…</option>
      </select>
      <input
        ref={fileInput}
        type="file"
        accept=".csl,.xml,application/xml,text/xml"
        hidden
        data-testid={`${props.testId}-file`}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          void add(file).then((id) => {
            if (id) props.onChange(id);
          });
        }}
      />
      {error ? (
        <span className="bd-error-text bd-style-select__error" role="alert" data-testid={`${props.testId}-error`}>
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** The note header's citation style: the note's own, or the workspace default. */
export function NoteCitationStyleField({ value, disabled }: { value: string | null; disabled: boolean }) {
  const app = useApp();
  const styles = useStore(app.citations, (state) => state.styles);
  const workspaceDefault = useStore(app.settings, (state) => state.settings.citationStyle);
  const defaultName = styles.find((style) => style.id === workspaceDefault)?.name ?? workspaceDefault;
  return (
    <CitationStyleSelect
      testId="citation-style"
      value={value ?? ''}
      disabled={disabled}
      defaultLabel={`Workspace default (${defaultName})`}
      onChange={(id) => void app.setNoteCitationStyle(id || null)}
    />
  );
}
