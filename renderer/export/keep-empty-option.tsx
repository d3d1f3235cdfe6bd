import type { SourcingIssue } from '../../core/citations/sourcing-check';
import { useStore } from '../app/store';
import type { ExportStore } from './export-store';
import './keep-empty.css';

/** How many section names the hint lists before "and N more". */
const NAMED = 4;

/** “Objectives”, “Background” and 2 more — the sections an export leaves out, by their headings. */
export function emptySectionNames(sections: readonly SourcingIssue[]): string {
  const names = sections.map((section) => (section.heading ? `“${section.heading}”` : 'an untitled section'));
  if (names.length <= NAMED) return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
  return `${names.slice(0, NAMED).join(', ')} and ${names.length - NAMED} more`;
}

/** The hint under "Keep empty sections": what the export will leave out, or that it keeps everything. */
export function keepEmptyHint(keepEmpty: boolean, sections: readonly SourcingIssue[]): string {
  if (keepEmpty) return 'Every heading is exported, even with nothing under it yet.';
  if (sections.length === 0) return 'Empty bullets and tables with only a header row are left out.';
  const what = sections.length === 1 ? 'has nothing in it yet and is left out' : 'have nothing in them yet and are left out';
  return `${emptySectionNames(sections)} ${what}.`;
}

/**
 * "Keep empty sections" in the export dialog: off, the export and the preview leave out what was never
 * filled (core/export/prune-empty); the hint names the sections that go.
 */
export function KeepEmptyOption({ store, disabled }: { store: ExportStore; disabled: boolean }) {
  const keepEmpty = useStore(store, (state) => state.keepEmpty);
  const sections = useStore(store, (state) => state.emptySections);
  return (
    <fieldset className="bd-export__fieldset" disabled={disabled}>
      <legend className="bd-section-title">Empty sections</legend>
      <label className="bd-keep-empty" data-testid="export-keep-empty">
        <input type="checkbox" checked={keepEmpty} aria-describedby="bd-keep-empty-hint" onChange={(event) => store.setKeepEmpty(event.currentTarget.checked)} />
        Keep empty sections
      </label>
      <p id="bd-keep-empty-hint" className="bd-field__hint bd-keep-empty__hint" data-testid="export-keep-empty-hint">
        {keepEmptyHint(keepEmpty, sections)}
      </p>
    </fieldset>
  );
}
