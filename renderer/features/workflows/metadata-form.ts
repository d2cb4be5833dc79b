import type { RegistryMetadata } from '../../../core/contract/registry.ts';
import { displayTimeZone } from '../../lib/format.ts';

/** The metadata editor's text fields, and the conversion both ways (pure). */
export interface MetadataForm {
  owner: string; purpose: string; runbook: string; environment: '' | 'production' | 'test'; criticality: '' | 'low' | 'medium' | 'high' | 'critical';
  tags: string; scheduleKind: 'none' | 'interval' | 'cron'; everyMinutes: string; cron: string; timezone: string;
}

export function toForm(m: RegistryMetadata): MetadataForm {
  const s = m.expectedSchedule;
  return {
    owner: m.owner ?? '', purpose: m.purpose ?? '', runbook: m.runbook ?? '', environment: m.environment ?? '', criticality: m.criticality ?? '',
    tags: m.tags.join(', '), scheduleKind: s?.kind === 'interval' ? 'interval' : s?.kind === 'cron' ? 'cron' : 'none',
    everyMinutes: s?.kind === 'interval' ? String(s.everyMinutes) : '60', cron: s?.kind === 'cron' ? s.cron : '0 * * * *',
    // A new cron schedule reads in the display time zone unless another is typed.
    timezone: s?.kind === 'cron' ? s.timezone : displayTimeZone(),
  };
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

export function fromForm(f: MetadataForm): { ok: true; metadata: RegistryMetadata } | { ok: false; field: string; message: string } {
  let expectedSchedule: RegistryMetadata['expectedSchedule'] = null;
  if (f.scheduleKind === 'interval') {
    const n = Number(f.everyMinutes);
    if (!Number.isInteger(n) || n < 1) return { ok: false, field: 'everyMinutes', message: 'Every how many minutes: a whole number of at least 1.' };
    expectedSchedule = { kind: 'interval', everyMinutes: n };
  } else if (f.scheduleKind === 'cron') {
    if (!f.cron.trim()) return { ok: false, field: 'cron', message: 'Enter a cron expression, e.g. 0 6 * * 1-5.' };
    expectedSchedule = { kind: 'cron', cron: f.cron.trim(), timezone: f.timezone.trim() || 'UTC' };
  }
  return {
    ok: true,
    metadata: {
      owner: orNull(f.owner), purpose: orNull(f.purpose), runbook: orNull(f.runbook), environment: f.environment || null, criticality: f.criticality || null,
      tags: [...new Set(f.tags.split(',').map((t) => t.trim()).filter(Boolean))], expectedSchedule,
    },
  };
}
