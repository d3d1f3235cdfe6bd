import { useState } from 'react';
import { useStore } from '../app/store';
import { useApp } from '../app/app-context';
import { Modal } from '../ui/modal';

/** Save the open note as a template: asks for a name and a description. */
export function SaveTemplateDialog() {
  const { session, ui, actions } = useApp();
  const title = useStore(session, (state) => state.note?.meta.title ?? '');
  const [name, setName] = useState(title.slice(0, 100));
  const [description, setDescription] = useState('');
  const [saving, setSaving] = useState(false);

  const save = async (): Promise<void> => {
    if (!name.trim() || saving) return;
    setSaving(true);
    const ok = await actions.saveAsTemplate(name.trim(), description.trim());
    setSaving(false);
    if (ok) ui.closeDialog();
  };

  return (
    <Modal
      title="Save as template"
      onClose={() => ui.closeDialog()}
      width={480}
      testId="save-template-dialog"
      footer={
        <>
          <button type="button" className="bd-button" onClick={() => ui.closeDialog()}>
            Cancel
          </button>
          <button type="button" className="bd-button bd-button--primary" data-testid="save-template-button" disabled={!name.trim() || saving} onClick={() => void save()}>
            Save template
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
          <span className="bd-field__label">Template name</span>
          <input className="bd-input" data-testid="template-name-input" value={name} maxLength={100} autoFocus onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="bd-field">
          <span className="bd-field__label">Description (optional)</span>
          <textarea className="bd-input bd-textarea" value={description} maxLength={500} rows={3} onChange={(event) => setDescription(event.target.value)} />
        </label>
        <p className="bd-field__hint">The note's sections and text become the template. Its title, date, author and marking are filled in afresh for each new note.</p>
        <button type="submit" hidden />
      </form>
    </Modal>
  );
}
