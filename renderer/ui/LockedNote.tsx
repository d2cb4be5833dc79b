import './access.css';
import type { Can } from '../lib/access.ts';

/** One calm line under a group of action buttons saying why some are locked (each button also says it on hover/focus). */
export function LockedNote({ cans, testId }: { cans: readonly Can[]; testId: string }) {
  const reasons = [...new Set(cans.map((c) => c.reason).filter((r): r is string => r !== null))];
  if (!reasons.length) return null;
  return <p className="locked-note" data-testid={testId}>{reasons.join(' ')}</p>;
}
