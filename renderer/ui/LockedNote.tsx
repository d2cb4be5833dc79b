import './access.css';
import type { Can } from '../lib/access.ts';

/**
 * One calm line under a group of action buttons saying why some are locked (each button also says it on hover/focus).
 * List the least-demanding action first: a Viewer reads "Needs an Operator" once, not that and "Needs an Admin".
 */
export function LockedNote({ cans, testId }: { cans: readonly Can[]; testId: string }) {
  const reason = cans.find((c) => c.reason !== null)?.reason;
  if (!reason) return null;
  return <p className="locked-note" data-testid={testId}>{reason}</p>;
}
