import { useEffect, useState } from 'react';
import type { TemplateSummary } from '../../core/index';
import { useStore } from '../app/store';
import { useApp } from '../app/app-context';
import { Modal } from '../ui/modal';

/** Manage templates: rename and delete your own, duplicate any (built-ins can only be duplicated). */
export function TemplatesDialog() {
  const { templates, ui } = useApp();
  const list = useStore(templates, (state) => state.templates);
  const problems = useStore(templates, (state) => state.problems);

  useEffect(() => {
    void templates.refresh();
  }, [templates]);

  return (
    <Modal title="Manage templates" onClose={() => ui.closeDialog()} width={620} testId="templates-dialog" footer={<button type="button" className="bd-button" onClick={() => ui.closeDialog()}>Done</button>}>
      <ul className="bd-template-list">
        {list.map((template) => (
          <TemplateRow key={template.id} template={template} />
        ))}
      </ul>
      {problems.length ? (
        <div className="bd-notice bd-notice--warning">
          <ul>
            {problems.map((problem) => (
              <li key={problem.file}>
                Template file {problem.file} could not be loaded: {problem.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Modal>
  );
}

function TemplateRow({ template }: { template: TemplateSummary }) {
  const { templates, ui, actions, toasts } = useApp();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(template.name);

  const rename = async (): Promise<void> => {
    const trimmed = name.trim();
    setRenaming(false);
    if (!trimmed || trimmed === template.name) return setName(template.name);
    const result = await templates.rename(template.id, trimmed);
    if (!result.ok) {
      setName(template.name);
      actions.showError(result.error);
    }
  };

  return (
    <li className="bd-template-row" data-testid="template-row" data-template-id={template.id}>
      <div className="bd-template-row__text">
        {renaming ? (
          <input
            className="bd-input"
            value={name}
            maxLength={100}
            autoFocus
            aria-label="Template name"
            onChange={(event) => setName(event.target.value)}
            onBlur={() => void rename()}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void rename();
              if (event.key === 'Escape') {
                event.stopPropagation();
                setName(template.name);
                setRenaming(false);
              }
            }}
          />
        ) : (
          <span className="bd-template-row__name">
            {template.name} {template.builtIn ? <span className="bd-pill">Built-in</span> : null}
          </span>
        )}
        <span className="bd-template-row__description">{template.description}</span>
      </div>
      <div className="bd-template-row__actions">
        <button
          type="button"
          className="bd-button bd-button--small"
          onClick={async () => {
            const result = await templates.duplicate(template.id, `${template.name} (copy)`.slice(0, 100));
            if (!result.ok) return actions.showError(result.error);
            toasts.show({ kind: 'success', message: `Template “${result.value.name}” created.` });
          }}
        >
          Duplicate
        </button>
        {template.builtIn ? null : (
          <>
            <button type="button" className="bd-button bd-button--small" onClick={() => setRenaming(true)}>
              Rename
            </button>
            <button
              type="button"
              className="bd-button bd-button--small bd-button--danger-quiet"
              onClick={async () => {
                const confirmed = await ui.confirm({ title: 'Delete this template?', message: `“${template.name}” will be deleted. Notes made from it are not affected.`, confirmLabel: 'Delete', danger: true });
                if (!confirmed) return;
                const result = await templates.remove(template.id);
                if (!result.ok) actions.showError(result.error);
              }}
            >
              Delete
            </button>
          </>
        )}
      </div>
    </li>
  );
}
