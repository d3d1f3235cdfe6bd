import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { EXPORT_FORMATS, ExportFormatSchema, type ExportFormat, type Paper } from '../../core/index';
import { useApp } from '../app/app-context';
import { WarningIcon } from '../ui/icons';
import { Modal } from '../ui/modal';
import { groupFindings } from '../citations/sourcing-panel';
import { useStore } from '../app/store';
import { exportFileNameOf, isDialogOpen, type ExportStore } from './export-store';
import { exportStoreFor } from './export-wiring';
import { ExportStyleLine } from './export-style-line';
import { KeepEmptyOption, emptySectionNames } from './keep-empty-option';
import './export.css';

/** One line under each format's name. */
const FORMAT_HINTS: Record<ExportFormat, string> = {
  pdf: 'Print-ready, marked pages',
  docx: 'Editable in Word and LibreOffice',
  md: 'Plain text, sources as footnotes',
  html: 'One self-contained web page',
};

const PAPER_LABELS: Record<Paper, string> = { a4: 'A4', letter: 'US Letter' };

/** Page widths at 96 px per inch (210 mm and 8.5 in): the preview is laid out at this width, then scaled. */
const PAGE_WIDTH_PX: Record<Paper, number> = { a4: 794, letter: 816 };

/** The export dialog of the app: mounted once, shown while the export store's flow runs. */
export function ExportDialog() {
  const stores = useApp();
  const store = exportStoreFor(stores);
  const phase = useStore(store, (state) => state.phase);
  if (!isDialogOpen(phase)) return null;
  return phase === 'issues' ? <IssuesStep store={store} /> : <ExportStep store={store} />;
}

/** "Before you export": the sourcing findings that need a look, each with a way to it. */
function IssuesStep({ store }: { store: ExportStore }) {
  const issues = useStore(store, (state) => state.issues);
  const emptySections = useStore(store, (state) => state.emptySections);
  const goBack = useRef<HTMLButtonElement>(null);

  // After the Modal's showModal() (a child effect, so it ran first), which focuses the first button.
  useEffect(() => goBack.current?.focus(), []);
  return (
    <Modal
      title="Before you export"
      onClose={() => store.close()}
      width={580}
      testId="export-issues-dialog"
      footer={
        <>
          <button ref={goBack} type="button" className="bd-button" data-testid="export-go-back" onClick={() => store.close()}>
            Go back
          </button>
          <button type="button" className="bd-button bd-button--primary" data-testid="export-anyway" onClick={() => store.proceed()}>
            Export anyway
          </button>
        </>
      }
    >
      <div className="bd-export-issues">
        <div className="bd-export-issues__intro">
          <WarningIcon size={20} className="bd-export-issues__icon" />
          <p>
            The sourcing check found {issues.length === 1 ? 'one problem' : `${issues.length} problems`} that readers of the export would not see. Go back to fix{' '}
            {issues.length === 1 ? 'it' : 'them'}, or export the note as it is.
          </p>
        </div>
        {groupFindings(issues).map((group) => (
          <section key={group.kind} className="bd-export-issues__group" data-kind={group.kind}>
            <h3 className="bd-section-title">
              {group.label} <span className="bd-export-issues__count">{group.items.length}</span>
            </h3>
            <ul className="bd-export-issues__list">
              {group.items.map((item) => (
                <li key={issues.indexOf(item)} className="bd-export-issues__item" data-testid="export-issue" data-kind={item.kind}>
                  <span className="bd-export-issues__message">{item.message}</span>
                  <button type="button" className="bd-button bd-button--ghost bd-export-issues__show" data-testid="export-issue-show" onClick={() => store.showIssue(issues.indexOf(item))}>
                    Show
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {emptySections.length > 0 ? (
          <p className="bd-export-issues__info" data-testid="export-issues-empty-sections">
            For your information: {emptySectionNames(emptySections)} {emptySections.length === 1 ? 'has' : 'have'} nothing in {emptySections.length === 1 ? 'it' : 'them'} yet and{' '}
            {emptySections.length === 1 ? 'is' : 'are'} left out of the export unless you tick “Keep empty sections”.
          </p>
        ) : null}
      </div>
    </Modal>
  );
}

/** Format, paper, preview, file name, then the progress of the export. */
function ExportStep({ store }: { store: ExportStore }) {
  const phase = useStore(store, (state) => state.phase);
  const format = useStore(store, (state) => state.format);
  const paper = useStore(store, (state) => state.paper);
  const job = useStore(store, (state) => state.job);
  const error = useStore(store, (state) => state.error);
  const preview = useStore(store, (state) => state.preview);
  const fileName = useStore(store, (state) => exportFileNameOf(state));
  const exporting = phase === 'exporting';
  const checking = phase === 'checking';
  const canStart = phase === 'ready' || phase === 'failed' || phase === 'cancelled';
  const exportButton = useRef<HTMLButtonElement>(null);

  // Once the check is through, Enter should export: focus the button the dialog is about.
  useEffect(() => {
    if (phase === 'ready') exportButton.current?.focus();
  }, [phase]);

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    // Buttons act on Enter themselves.
    if (target.closest('button, a, textarea, select')) return;
    event.preventDefault();
    if (canStart) void store.start();
  };

  return (
    <Modal
      title={preview ? `Export “${titleOf(preview.fileBase)}”` : 'Export'}
      onClose={() => store.close()}
      width={980}
      testId="export-dialog"
      footer={
        <>
          <div className="bd-export__footer-status" aria-live="polite">
            {exporting ? (
              <div className="bd-export__progress" data-testid="export-progress">
                <div className="bd-export__progress-line">
                  <span>{job?.step || 'Starting'}…</span>
                  <span>{Math.round(job?.percent ?? 0)}%</span>
                </div>
                <div className="bd-progress" role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(job?.percent ?? 0)}>
                  <div className="bd-progress__bar" style={{ width: `${Math.max(3, job?.percent ?? 0)}%` }} />
                </div>
              </div>
            ) : phase === 'cancelled' ? (
              <span data-testid="export-cancelled">Export cancelled. Nothing was saved.</span>
            ) : (
              <span aria-hidden="true">
                <kbd>Enter</kbd> export · <kbd>Esc</kbd> close
              </span>
            )}
          </div>
          {exporting ? (
            <button type="button" className="bd-button" data-testid="export-cancel" onClick={() => void store.cancel()}>
              Cancel export
            </button>
          ) : (
            <button type="button" className="bd-button" data-testid="export-close" onClick={() => store.close()}>
              Cancel
            </button>
          )}
          <button ref={exportButton} type="button" className="bd-button bd-button--primary" data-testid="export-start" disabled={!canStart} onClick={() => void store.start()}>
            {exporting ? 'Exporting…' : checking ? 'Checking…' : `Export ${EXPORT_FORMATS[format].label.replace(/ \(.*\)$/, '')}`}
          </button>
        </>
      }
    >
      <div className="bd-export" onKeyDown={onKeyDown}>
        {phase === 'failed' && error ? (
          <div className="bd-notice bd-notice--error bd-export__error" role="alert" data-testid="export-error">
            <WarningIcon size={18} className="bd-notice__icon" />
            <div>
              <strong>The export did not work.</strong>
              <p className="bd-export__error-text">{error.message}</p>
            </div>
          </div>
        ) : null}
        <div className="bd-export__main">
          <div className="bd-export__options">
            <fieldset className="bd-export__fieldset" disabled={exporting}>
              <legend className="bd-section-title">Format</legend>
              <div className="bd-export__formats" role="radiogroup" aria-label="Format">
                {ExportFormatSchema.options.map((value) => (
                  <label key={value} className={`bd-export__format${value === format ? ' is-selected' : ''}`} data-testid="export-format" data-format={value}>
                    <input type="radio" name="export-format" value={value} checked={value === format} onChange={() => store.setFormat(value)} />
                    <span className={`bd-export__badge bd-export__badge--${value}`} aria-hidden="true">
                      {EXPORT_FORMATS[value].extension.toUpperCase()}
                    </span>
                    <span className="bd-export__format-text">
                      <span className="bd-export__format-name">{EXPORT_FORMATS[value].label}</span>
                      <span className="bd-export__format-hint">{FORMAT_HINTS[value]}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>

            <fieldset className="bd-export__fieldset" disabled={exporting || format === 'md'}>
              <legend className="bd-section-title">Paper</legend>
              <div className="bd-segmented" role="radiogroup" aria-label="Paper">
                {(['a4', 'letter'] as const).map((value) => (
                  <label key={value} className={`bd-segmented__option${value === paper ? ' is-selected' : ''}`} data-testid="export-paper" data-paper={value}>
                    <input type="radio" name="export-paper" value={value} checked={value === paper} onChange={() => store.setPaper(value)} />
                    {PAPER_LABELS[value]}
                  </label>
                ))}
              </div>
              {format === 'md' ? <p className="bd-field__hint">Markdown has no pages.</p> : null}
            </fieldset>

            <div className="bd-export__fieldset">
              <span className="bd-section-title">File name</span>
              <p className="bd-export__file-name" data-testid="export-file-name" title={fileName ?? undefined}>
                {fileName ?? '…'}
              </p>
            </div>

            <ExportStyleLine />
            <KeepEmptyOption store={store} disabled={exporting} />

          </div>
          <PreviewPane store={store} />
        </div>
      </div>
    </Modal>
  );
}

/** The note title from the preview's file base ("2025-06-10 Title" → "Title"). */
function titleOf(fileBase: string): string {
  return fileBase.replace(/^\d{4}-\d{2}-\d{2}\s+/, '') || fileBase;
}

/**
 * The export HTML in a sandboxed frame (no scripts, opaque origin), laid out at the paper's width
 * and scaled down to fit, on a grey desk so it reads as a page.
 */
function PreviewPane({ store }: { store: ExportStore }) {
  const preview = useStore(store, (state) => state.preview);
  const loading = useStore(store, (state) => state.previewLoading);
  const error = useStore(store, (state) => state.previewError);
  const phase = useStore(store, (state) => state.phase);
  const paper = useStore(store, (state) => state.paper);
  const desk = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);

  useEffect(() => {
    const element = desk.current;
    if (!element) return undefined;
    const measure = (): void => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // The export HTML draws its own grey desk and page (24 px of padding around the page); lay it out
  // at the page's width plus that padding and a scrollbar, then scale it to the pane.
  const layoutWidth = PAGE_WIDTH_PX[preview?.paper ?? paper] + 24 + 16;
  const scale = size && size.width > 0 ? Math.min(1, Math.max(0.3, size.width / layoutWidth)) : 1;

  return (
    <div className="bd-export__preview">
      <div className="bd-export__preview-head">
        <span className="bd-section-title">Preview</span>
        <span className="bd-export__preview-meta">
          {error && preview ? <span className="bd-error-text">Not updated: {error.message}</span> : loading && preview ? 'Updating…' : preview ? `${PAPER_LABELS[preview.paper]} · ${Math.round(scale * 100)}%` : ''}
        </span>
      </div>
      <div className="bd-export__desk" ref={desk} data-testid="export-preview-desk">
        {preview && size ? (
          <iframe
            className={`bd-export__frame${loading ? ' is-stale' : ''}`}
            title="Export preview"
            data-testid="export-preview"
            sandbox=""
            srcDoc={preview.html}
            style={{ width: size.width / scale, height: size.height / scale, transform: `scale(${scale})` }}
          />
        ) : (
          <div className="bd-export__placeholder">
            {error ? (
              <div className="bd-export__preview-error" data-testid="export-preview-error">
                <p>The preview could not be made: {error.message}</p>
                <button type="button" className="bd-button" onClick={() => void store.reloadPreview()}>
                  Try again
                </button>
              </div>
            ) : (
              <p className="bd-muted">{phase === 'checking' ? 'Checking the note’s sources…' : 'Preparing the preview…'}</p>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
