import { useApp } from '../app/app-context';
import { useStore } from '../app/store';
import { exportStyleLabel } from './export-style';

const ORIGIN_NOTES = { note: 'chosen for this note', workspace: 'workspace default', fallback: 'the note’s style is not available' } as const;

/** The export dialog's line naming the citation style every format and the preview use. */
export function ExportStyleLine() {
  const { session, settings, citations } = useApp();
  const noteStyle = useStore(session, (state) => state.note?.meta.citationStyle ?? null);
  const workspaceStyle = useStore(settings, (state) => state.settings.citationStyle);
  const styles = useStore(citations, (state) => state.styles);
  const loaded = useStore(citations, (state) => state.stylesLoaded);
  const label = loaded ? exportStyleLabel(noteStyle, workspaceStyle, styles) : null;
  return (
    <div className="bd-export__fieldset">
      <span className="bd-section-title">Citation style</span>
      <p className="bd-export__file-name" data-testid="export-citation-style" data-style={label?.id}>
        {label ? label.name : '…'}
        {label ? <span className="bd-muted"> ({ORIGIN_NOTES[label.origin]})</span> : null}
      </p>
    </div>
  );
}
