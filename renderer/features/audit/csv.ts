import type { AuditEntry } from '../../../core/contract/system.ts';
import { formatIso } from '../../lib/format.ts';

function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV of audit entries: time (ISO, UTC), actor, who they are (id, kind), how and from where, action, target, detail (JSON). */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = [['at', 'actor', 'actor_id', 'actor_kind', 'via', 'address', 'action', 'target', 'detail']];
  for (const e of entries) {
    rows.push([formatIso(e.at), e.actor, e.actorId ?? '', e.actorKind ?? '', e.via ?? '', e.address ?? '', e.action, e.target ?? '', e.detail == null ? '' : JSON.stringify(e.detail)]);
  }
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
