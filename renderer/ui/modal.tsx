import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { CloseIcon } from './icons';
import { useApp } from '../app/app-context';
import { useStore } from '../app/store';

/** A modal dialog on the native <dialog> element: focus trap, Escape and the backdrop for free. */
export function Modal(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  width?: number;
  testId?: string;
  /** Role of the dialog; alertdialog for confirmations. */
  role?: 'dialog' | 'alertdialog';
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const { onClose } = props;
  // The body mounts once the dialog is open: a closed <dialog> cannot take focus, so a field's
  // `autoFocus` (React focuses on mount) would be lost and showModal() would leave the focus on Close.
  const [shown, setShown] = useState(false);

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    setShown(true);
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onCancel = (event: Event): void => {
      // Escape: let React decide (and keep the element mounted until it does).
      event.preventDefault();
      onClose();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => dialog.removeEventListener('cancel', onCancel);
  }, [onClose]);

  return (
    <dialog
      ref={ref}
      className="bd-modal"
      style={{ width: props.width ?? 520 }}
      aria-label={props.title}
      role={props.role}
      data-testid={props.testId}
      onMouseDown={(event) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (event.target === ref.current) {
          const box = ref.current.getBoundingClientRect();
          const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
          if (!inside) onClose();
        }
      }}
    >
      <div className="bd-modal__header">
        <h2 className="bd-modal__title">{props.title}</h2>
        <button type="button" className="bd-icon-button" onClick={onClose} aria-label="Close">
          <CloseIcon />
        </button>
      </div>
      {shown ? <div className="bd-modal__body">{props.children}</div> : null}
      {props.footer ? <div className="bd-modal__footer">{props.footer}</div> : null}
    </dialog>
  );
}

/** The app's confirmation dialog (never window.confirm): answers the pending `ui.confirm()` question. */
export function ConfirmDialog() {
  const { ui } = useApp();
  const request = useStore(ui, (state) => state.confirm);
  if (!request) return null;
  return (
    <Modal
      title={request.title}
      onClose={() => ui.answerConfirm(false)}
      width={440}
      role="alertdialog"
      testId="confirm-dialog"
      footer={
        <>
          <button type="button" className="bd-button" onClick={() => ui.answerConfirm(false)}>
            Cancel
          </button>
          <button
            type="button"
            className={request.danger ? 'bd-button bd-button--danger' : 'bd-button bd-button--primary'}
            data-testid="confirm-button"
            autoFocus
            onClick={() => ui.answerConfirm(true)}
          >
            {request.confirmLabel}
          </button>
        </>
      }
    >
      <p className="bd-modal__message">{request.message}</p>
    </Modal>
  );
}
