import { useEffect, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useStore } from '../app/store';
import { useApp } from '../app/app-context';
import { todayIso } from '../ui/format';
import { CheckIcon, WarningIcon } from '../ui/icons';
import { MarkingField } from './marking';
import { rovingIndex } from '../ui/roving-focus';
import { Modal } from '../ui/modal';

/** Prefer a real briefing template over "blank" as the first choice. */
const PREFERRED_TEMPLATE = 'situation-brief';

/** New note: pick a template, optionally a title and a marking, create, and start writing. */
export function NewNoteDialog() {
  const { templates, settings, ui, actions } = useApp();
  const list = useStore(templates, (state) => state.templates);
  const problems = useStore(templates, (state) => state.problems);
  const loadError = useStore(templates, (state) => state.error);
  const current = useStore(settings, (state) => state.settings);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [marking, setMarking] = useState(current.defaultMarking);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    void templates.refresh();
  }, [templates]);

  const selected = templateId ?? list.find((template) => template.id === PREFERRED_TEMPLATE)?.id ?? list[0]?.id ?? null;
  const builtIn = list.filter((template) => template.builtIn);
  const own = list.filter((template) => !template.builtIn);

  const create = async (): Promise<void> => {
    if (!selected || creating) return;
    setCreating(true);
    const locale = current.locale || navigator.language || 'en-GB';
    const ok = await actions.createNote({
      templateId: selected,
      ...(title.trim() ? { title: title.trim() } : {}),
      marking,
      ...(current.author ? { author: current.author } : {}),
      date: todayIso(),
      locale,
    });
    setCreating(false);
    if (ok) ui.closeDialog();
  };

  /**
   * The radio group's keys, as native radios have them: arrows move and select, Enter creates the
   * note (a form's default action). One Tab stop per group: the checked card, else the first.
   */
  const onGroupKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>, group: typeof list): void => {
    const index = group.findIndex((template) => template.id === (event.target as HTMLElement).dataset.templateId);
    if (index < 0) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      void create();
      return;
    }
    const nextIndex = rovingIndex(event.key, index, group.length, 'both');
    if (nextIndex === null) return;
    event.preventDefault();
    const next = group[nextIndex]!;
    setTemplateId(next.id);
    event.currentTarget.querySelector<HTMLElement>(`[data-template-id="${CSS.escape(next.id)}"]`)?.focus();
  };

  const card = (template: (typeof list)[number], index: number, group: typeof list) => (
    <button
      key={template.id}
      type="button"
      role="radio"
      aria-checked={template.id === selected}
      tabIndex={template.id === selected || (index === 0 && !group.some((other) => other.id === selected)) ? 0 : -1}
      className={`bd-template-card${template.id === selected ? ' is-selected' : ''}`}
      data-testid="template-option"
      data-template-id={template.id}
      onClick={() => setTemplateId(template.id)}
      onDoubleClick={() => {
        setTemplateId(template.id);
        void create();
      }}
    >
      <span className="bd-template-card__name">
        {template.name}
        {template.id === selected ? <CheckIcon className="bd-template-card__check" /> : null}
      </span>
      <span className="bd-template-card__description">{template.description || 'No description.'}</span>
    </button>
  );

  return (
    <Modal
      title="New note"
      onClose={() => ui.closeDialog()}
      width={760}
      testId="new-note-dialog"
      footer={
        <>
          <button type="button" className="bd-button" onClick={() => ui.closeDialog()}>
            Cancel
          </button>
          <button type="button" className="bd-button bd-button--primary" data-testid="create-note-button" disabled={!selected || creating} onClick={() => void create()}>
            {creating ? 'Creating…' : 'Create note'}
          </button>
        </>
      }
    >
      <form
        className="bd-new-note"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <div className="bd-new-note__fields">
          <label className="bd-field bd-field--grow">
            <span className="bd-field__label">Title (optional)</span>
            <input className="bd-input" data-testid="new-note-title" value={title} maxLength={300} placeholder="The template's title is used when empty" onChange={(event) => setTitle(event.target.value)} autoFocus />
          </label>
          <label className="bd-field">
            <span className="bd-field__label">Marking</span>
            <MarkingField value={marking} testId="new-note-marking" onChange={setMarking} />
          </label>
        </div>
        {loadError ? <p className="bd-error-text">{loadError.message}</p> : null}
        <div className="bd-template-group" role="radiogroup" aria-label="Built-in templates" onKeyDown={(event) => onGroupKeyDown(event, builtIn)}>
          <h3 className="bd-section-title">Built-in templates</h3>
          <div className="bd-template-grid">{builtIn.map(card)}</div>
        </div>
        {own.length ? (
          <div className="bd-template-group" role="radiogroup" aria-label="Your templates" onKeyDown={(event) => onGroupKeyDown(event, own)}>
            <h3 className="bd-section-title">Your templates</h3>
            <div className="bd-template-grid">{own.map(card)}</div>
          </div>
        ) : null}
        {problems.length ? (
          <div className="bd-notice bd-notice--warning" data-testid="template-problems">
            <WarningIcon />
            <ul>
              {problems.map((problem) => (
                <li key={problem.file}>
                  Template file {problem.file} could not be loaded: {problem.reason}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {/* Enter in the title field submits. */}
        <button type="submit" hidden />
      </form>
    </Modal>
  );
}
