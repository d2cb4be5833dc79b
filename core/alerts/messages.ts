import type { AlertRule } from '../contract/alerts.ts';
import type { NotificationMessage } from '../platform/notify/types.ts';
import type { IncidentRecord } from '../store/incidents-repo.ts';

const VERB: Record<NotificationMessage['kind'], string> = {
  opened: 'Incident', reminder: 'Still open', escalated: 'Escalated', resolved: 'Resolved', paused: 'Workflow paused', test: 'Test', digest: 'Report',
};

export function incidentMessage(kind: NotificationMessage['kind'], rule: Pick<AlertRule, 'name'>, i: IncidentRecord, url: string | null, at: number, extra?: string): NotificationMessage {
  return {
    kind, incidentId: i.id, severity: i.severity, url, at,
    title: `${VERB[kind]}: ${i.targetName} — ${rule.name}`,
    text: extra ? `${i.summary}. ${extra}` : i.summary,
  };
}

export function testMessage(channelName: string, at: number): NotificationMessage {
  return {
    kind: 'test', incidentId: null, severity: 'info', url: null, at,
    title: 'Flowdeck test notification',
    text: `This is a test from Flowdeck to the channel "${channelName}". If you can read it, incidents will reach you here.`,
  };
}
