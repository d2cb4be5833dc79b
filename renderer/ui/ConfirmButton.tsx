import './confirm-button.css';
import { useState } from 'react';

/** A button that asks first: the action runs only after "Confirm". */
export function ConfirmButton({ label, question, onConfirm, testId, danger }: { label: string; question: string; onConfirm: () => void; testId: string; danger?: boolean }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return <button type="button" className={danger ? 'button button-small button-danger' : 'button button-small'} data-testid={testId} onClick={() => setAsking(true)}>{label}</button>;
  }
  return (
    <span className="confirm" role="group" aria-label={question} data-testid={`${testId}-confirm-group`}>
      <span className="confirm-question">{question}</span>
      <button type="button" className="button button-small button-primary" data-testid={`${testId}-confirm`} onClick={() => { setAsking(false); onConfirm(); }}>Confirm</button>
      <button type="button" className="button button-small button-quiet" onClick={() => setAsking(false)}>Cancel</button>
    </span>
  );
}
