import { useApp } from '../app/app-context';
import { CloseIcon } from '../ui/icons';
import { useStore } from '../app/store';
import { editedRecordsPhrase, type EditedRecords } from '../../core/index';
import { formatFailure, hasKeptEdits, hasReplacedEdits, isFinished, type ImportItem } from './import-store';

const PHASE_LABEL: Record<ImportItem['phase'], string> = {
  waiting: 'Waiting',
  uploading: 'Uploading',
  queued: 'Queued',
  parsing: 'Reading',
  saving: 'Saving',
  done: 'Imported',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Progress, reports and failures of the imports of this session. */
export function ImportPanel() {
  const { research } = useApp();
  const items = useStore(research.imports, (state) => state.items);
  if (items.length === 0) return null;
  return (
    <div className="bd-imports" aria-live="polite">
      {items.map((item) => (
        <ImportRow key={item.key} item={item} />
      ))}
    </div>
  );
}

function ImportRow({ item }: { item: ImportItem }) {
  const { research } = useApp();
  const finished = isFinished(item);
  const sample = item.kind === 'sample';
  return (
    <div className={`bd-import bd-import--${item.phase}`} data-testid="import-item" data-file={item.fileName}>
      <div className="bd-import__head">
        <span className="bd-import__file" title={item.fileName}>
          {item.fileName}
        </span>
        <span className="bd-import__phase">{sample && item.phase === 'done' ? 'Loaded' : PHASE_LABEL[item.phase]}</span>
        {finished ? (
          <button type="button" className="bd-icon-button bd-icon-button--small" aria-label="Dismiss" title="Dismiss" onClick={() => research.imports.dismiss(item.key)}>
            <CloseIcon size={14} />
          </button>
        ) : null}
      </div>
      {!finished ? (
        <div className="bd-import__progress" data-testid="import-progress">
          <div className="bd-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(item.percent)}>
            <div className="bd-progress__bar" style={{ width: `${Math.max(2, Math.min(100, item.percent))}%` }} />
          </div>
          <span className="bd-import__numbers">
            {item.rows.toLocaleString('en-US')} rows · {Math.round(item.percent)}%
          </span>
          {sample ? null : (
            <button type="button" className="bd-button bd-button--small" data-testid="import-cancel" onClick={() => void research.imports.cancel(item.key)}>
              Cancel
            </button>
          )}
        </div>
      ) : null}
      {item.phase === 'done' && item.report ? sample ? <EditedNotice item={item} /> : <ImportReportView item={item} /> : null}
      {item.phase === 'failed' && item.failure ? (
        <p className="bd-import__error" data-testid="import-error">
          {formatFailure(item.failure)}
        </p>
      ) : null}
      {item.phase === 'cancelled' ? <p className="bd-import__note">Cancelled; the library is as it was.</p> : null}
    </div>
  );
}

function ImportReportView({ item }: { item: ImportItem }) {
  const report = item.report!;
  const { counts } = report;
  const cells: [string, number, string][] = [
    ['Imported', counts.imported, 'imported'],
    ['Updated', counts.updated, 'updated'],
    ['Unchanged', counts.unchanged, 'unchanged'],
    ['Removed upstream', counts.removedUpstream, 'removed'],
    ['Duplicates skipped', counts.duplicatesSkipped, 'duplicates'],
    ['Rejected', counts.rejected, 'rejected'],
    ['Warnings', counts.warnings, 'warnings'],
  ];
  return (
    <div className="bd-import-report" data-testid="import-report">
      <p className="bd-import-report__summary">
        {report.datasetName ? <strong>{report.datasetName}</strong> : null} {report.format.toUpperCase()}
        {counts.sourcesImported > 0 ? ` · ${counts.sourcesImported.toLocaleString('en-US')} sources added` : ''} · {(report.durationMs / 1000).toFixed(1)} s
      </p>
      <dl className="bd-import-report__counts">
        {cells.map(([label, value, key]) => (
          <div key={key} className={value > 0 && (key === 'rejected' || key === 'warnings' || key === 'removed') ? 'is-notable' : ''} data-count={key}>
            <dt>{label}</dt>
            <dd data-testid={`report-${key}`}>{value.toLocaleString('en-US')}</dd>
          </div>
        ))}
      </dl>
      <EditedNotice item={item} />
      {report.warningSamples.length > 0 ? (
        <details className="bd-import-report__warnings">
          <summary>Warnings</summary>
          <ul>
            {report.warningSamples.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

/** "1 edited event", "2 edited events and 1 edited source". */
function editedNouns(records: EditedRecords): string {
  const parts: string[] = [];
  if (records.events.length > 0) parts.push(`${records.events.length} edited event${records.events.length === 1 ? '' : 's'}`);
  if (records.sources.length > 0) parts.push(`${records.sources.length} edited source${records.sources.length === 1 ? '' : 's'}`);
  return parts.join(' and ');
}

/**
 * What the import did with events and sources the analyst edited: kept (the file's version was not
 * applied; one button takes it) or, once chosen, replaced. Nothing when it met none.
 */
function EditedNotice({ item }: { item: ImportItem }) {
  const { research } = useApp();
  const report = item.report!;
  const whose = item.kind === 'sample' ? "the sample's" : "the file's";
  if (hasKeptEdits(report)) {
    const kept = report.keptEdited!;
    return (
      <div className="bd-import-report__edited" data-testid="import-kept-edited">
        <p>
          Kept {editedRecordsPhrase(kept)} you edited; {whose} version was not applied.
        </p>
        <button type="button" className="bd-button bd-button--small" data-testid="import-replace-edited" onClick={() => void research.imports.replaceEdited(item.key)}>
          Use {whose} version for {editedNouns(kept)}
        </button>
      </div>
    );
  }
  if (hasReplacedEdits(report)) {
    return (
      <p className="bd-import-report__edited" data-testid="import-replaced-edited">
        Took {whose} version of {editedRecordsPhrase(report.replacedEdited)} you edited.
      </p>
    );
  }
  return null;
}
