import type { ReactNode } from 'react';
import { Modal } from './Modal.tsx';

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
