import type { AuditActorSummary, AuditEntry } from '../../../core/contract/system.ts';

/** How someone reads in the person filter: their name, and what they are when they are not simply a person. */
export function personLabel(p: Pick<AuditActorSummary, 'actorId' | 'actor' | 'actorKind'>): string {
  if (p.actorKind === 'system') return 'Flowdeck itself (automatic)';
  if (p.actorId === 'launch') return `${p.actor} (launch link)`;
  if (p.actorKind === 'token') return `${p.actor} (access token)`;
  if (p.actorKind === 'desktop') return `${p.actor} (desktop app)`;
  if (p.actorId.startsWith('os:')) return `${p.actor} (command line)`;
  return p.actor;
}

const VIA: Record<NonNullable<AuditEntry['via']>, string> = { desktop: 'Desktop app', browser: 'Browser', cli: 'Command line', api: 'Program' };

/** The small line under a name: how the change came in and from where ("Browser · 192.0.2.4"); empty for older entries. */
export function howLine(e: Pick<AuditEntry, 'actorKind' | 'via' | 'address'>): string {
  const parts: string[] = [];
  if (e.actorKind === 'system') parts.push('Automatic');
  else if (e.actorKind === 'token') parts.push('Access token');
  if (e.via) parts.push(VIA[e.via]);
  if (e.address) parts.push(e.address);
  return parts.join(' · ');
}
