import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, Esc cancels, and focus returns to
 * the opener when it closes. Open state lives in React; `onClose` runs for Esc and the close button.
 */
export function Modal({ open, title, onClose, children, testId, wide }: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId: string;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={wide ? 'modal modal-wide' : 'modal'}
      aria-labelledby={titleId}
      data-testid={testId}
      // Page shortcuts (j/k, Esc closing a panel) stay out of the dialog; Esc still cancels it.
      onKeyDown={(event) => event.stopPropagation()}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <>
          <h2 id={titleId} className="modal-title">{title}</h2>
          {children}
        </>
      ) : null}
    </dialog>
  );
}

/** Asks before an action that cannot be undone or that acts on a vendor. */
export function ConfirmDialog({ open, title, body, confirmLabel, danger, busy, onConfirm, onCancel, testId }: {
  open: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId: string;
}) {
  return (
    <Modal open={open} title={title} onClose={onCancel} testId={testId}>
      <div className="modal-body">{body}</div>
      <div className="modal-actions">
        <button type="button" className="button" onClick={onCancel} disabled={busy}>Cancel</button>
        <button
          type="button"
          className={danger ? 'button button-danger' : 'button button-primary'}
          onClick={onConfirm}
          disabled={busy}
          data-testid={`${testId}-confirm`}
          autoFocus
        >
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
