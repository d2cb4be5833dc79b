import './confirm-button.css';
import './access.css';
import { useState } from 'react';
import type { Can } from '../lib/access.ts';

/** A button that asks first: the action runs only after "Confirm". `can` (renderer/lib/access.ts) locks it with the reason. */
export function ConfirmButton({ label, question, onConfirm, testId, danger, can }: { label: string; question: string; onConfirm: () => void; testId: string; danger?: boolean; can?: Can }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return <button type="button" className={danger ? 'button button-small button-danger' : 'button button-small'} data-testid={testId} onClick={() => setAsking(true)} {...can?.lock}>{label}</button>;
  }
  return (
    <span className="confirm" role="group" aria-label={question} data-testid={`${testId}-confirm-group`}>
      <span className="confirm-question">{question}</span>
      <button type="button" className="button button-small button-primary" data-testid={`${testId}-confirm`} onClick={() => { setAsking(false); onConfirm(); }}>Confirm</button>
      <button type="button" className="button button-small button-quiet" onClick={() => setAsking(false)}>Cancel</button>
    </span>
  );
}
