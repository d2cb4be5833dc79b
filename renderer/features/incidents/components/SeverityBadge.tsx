import type { IncidentStatus, Severity } from '../../../../core/contract/alerts.ts';

const SEVERITY_TONE: Record<Severity, string> = { critical: 'danger', warning: 'warning', info: 'info' };
const STATUS_TONE: Record<IncidentStatus, string> = { open: 'danger', acknowledged: 'info', resolved: 'success' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`status-badge tone-${SEVERITY_TONE[severity]}`} data-severity={severity}>{severity}</span>;
}

export function IncidentStatusBadge({ status, testId }: { status: IncidentStatus; testId?: string }) {
  return <span className={`status-badge tone-${STATUS_TONE[status]}`} data-testid={testId} data-status={status}>{status}</span>;
}
