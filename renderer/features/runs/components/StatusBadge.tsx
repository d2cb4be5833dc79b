import type { RunStatus } from '../../../../core/contract/runs.ts';
import { STATUS_META, type StatusTone } from '../status.ts';

const GLYPHS: Record<StatusTone, string> = {
  success: 'M5 12.5l4.5 4.5L19 7.5',
  danger: 'M7 7l10 10M17 7 7 17',
  warning: 'M12 6v7.5M12 17.5v.01',
  info: 'M12 7v5l3 2',
  neutral: 'M7 12h10',
  missed: 'M12 6v7.5M12 17.5v.01',
};

/** Colour plus an icon plus the word: the status never depends on colour alone. */
export function StatusBadge({ status, testId, large }: { status: RunStatus; testId?: string; large?: boolean }) {
  const meta = STATUS_META[status];
  return (
    <span
      className={`status-badge tone-${meta.tone}${large ? ' status-badge-large' : ''}`}
      data-testid={testId}
      data-status={status}
      title={meta.meaning}
    >
      <svg className="status-glyph" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d={GLYPHS[meta.tone]} />
      </svg>
      {meta.label}
    </span>
  );
}
