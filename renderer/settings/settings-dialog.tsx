import { useState } from 'react';
import { DateFormatSchema, type DateFormat, type SettingsPatch } from '../../core/index';
import { CitationStyleSelect } from '../citations/citation-style-field';
import { describeProblem } from '../app/problems-store';
import { useStore } from '../app/store';
import { useApp } from '../app/app-context';
import { dateFormatterOf, todayIso } from '../ui/format';
import { MarkingField } from '../notes/marking';
import { Modal } from '../ui/modal';

/** Names of the date formats; each option also shows today's date in it. */
const DATE_FORMAT_NAMES: Record<DateFormat, string> = { 'day-month-year': 'Day month year', iso: 'ISO 8601', locale: 'As the locale writes dates' };

/** Settings: the author and default marking for new notes, the date locale and how dates are shown. */
export function SettingsDialog() {
  const { settings, ui, actions, toasts, problems } = useApp();
  const problemList = useStore(problems, (state) => state.problems);
  const current = useStore(settings, (state) => state.settings);
  const workspacePath = useStore(settings, (state) => state.workspacePath);
  const appVersion = useStore(settings, (state) => state.appVersion);
  const [author, setAuthor] = useState(current.author);
  const [defaultMarking, setDefaultMarking] = useState(current.defaultMarking);
  const [locale, setLocale] = useState(current.locale);
  const [citationStyle, setCitationStyle] = useState(current.citationStyle);
  const [dateFormat, setDateFormat] = useState(current.dateFormat);
  const [saving, setSaving] = useState(false);

  const save = async (): Promise<void> => {
    setSaving(true);
    const edited: SettingsPatch = { author: author.trim(), defaultMarking, locale: locale.trim(), citationStyle, dateFormat };
    // Only what the analyst changed: a setting changed meanwhile elsewhere (the CLI) is not reverted.
    const patch = Object.fromEntries(Object.entries(edited).filter(([key, value]) => value !== current[key as keyof SettingsPatch])) as SettingsPatch;
    const result = await settings.update(patch);
    setSaving(false);
    if (!result.ok) return actions.showError(result.error);
    toasts.show({ kind: 'success', message: 'Settings saved.' });
    ui.closeDialog();
  };

  return (
    <Modal
      title="Settings"
      onClose={() => ui.closeDialog()}
      width={480}
      testId="settings-dialog"
      footer={
        <>
          <button type="button" className="bd-button" onClick={() => ui.closeDialog()}>
            Cancel
          </button>
          <button type="button" className="bd-button bd-button--primary" data-testid="settings-save" disabled={saving} onClick={() => void save()}>
            Save
          </button>
        </>
      }
    >
      <form
        className="bd-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label className="bd-field">
          <span className="bd-field__label">Author for new notes</span>
          <input className="bd-input" data-testid="settings-author" value={author} maxLength={200} placeholder="Your name" onChange={(event) => setAuthor(event.target.value)} autoFocus />
        </label>
        <label className="bd-field">
          <span className="bd-field__label">Default marking</span>
          <MarkingField value={defaultMarking} testId="settings-marking" onChange={setDefaultMarking} />
        </label>
        <div className="bd-field">
          <span className="bd-field__label">Default citation style</span>
          <CitationStyleSelect testId="settings-citation-style" label="Default citation style" value={citationStyle} onChange={setCitationStyle} />
          <span className="bd-field__hint">Used by notes that do not choose their own style.</span>
        </div>
        <label className="bd-field">
          <span className="bd-field__label">Date locale</span>
          <input className="bd-input" value={locale} maxLength={35} placeholder={`System (${navigator.language})`} onChange={(event) => setLocale(event.target.value)} />
          <span className="bd-field__hint">A language tag such as en-GB or fr-FR, used for dates written into new notes.</span>
        </label>
        <label className="bd-field">
          <span className="bd-field__label">Show dates as</span>
          <select
            className="bd-select"
            data-testid="settings-date-format"
            value={dateFormat}
            onChange={(event) => {
              const parsed = DateFormatSchema.safeParse(event.target.value);
              if (parsed.success) setDateFormat(parsed.data);
            }}
          >
            {DateFormatSchema.options.map((option) => (
              <option key={option} value={option}>
                {DATE_FORMAT_NAMES[option]}: {dateFormatterOf({ dateFormat: option, locale: locale.trim() }).date(todayIso())}
              </option>
            ))}
          </select>
          <span className="bd-field__hint">For dates in the app: the note list, history, sidebar. Notes and exports keep their own dates.</span>
        </label>
        {workspacePath ? (
          <p className="bd-field__hint">
            Workspace: <code>{workspacePath}</code>
            {appVersion ? ` · Briefing Desk ${appVersion}` : ''}
          </p>
        ) : null}
        {problemList.length ? (
          // The banner is shown once; what it said stays here for the session, and in the workspace's log for good.
          <details className="bd-field__hint" data-testid="settings-problems">
            <summary>{problemList.length === 1 ? 'A damaged workspace file was repaired' : `${problemList.length} damaged workspace files were repaired`}</summary>
            <ul>
              {problemList.map((problem) => (
                <li key={`${problem.file}:${problem.at}`} title={problem.message}>
                  {describeProblem(problem)}
                </li>
              ))}
            </ul>
            <p>Every such repair, by the app or the command line, is listed in logs/problems.jsonl in the workspace folder.</p>
          </details>
        ) : null}
        <button type="submit" hidden />
      </form>
    </Modal>
  );
}
