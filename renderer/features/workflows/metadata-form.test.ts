import { describe, expect, it } from 'vitest';
import { filterRows, EMPTY_FILTERS } from './registry-store.ts';
import { fromForm, toForm } from './metadata-form.ts';
import type { RegistryRow } from '../../../core/contract/registry.ts';

describe('metadata form', () => {
  it('round-trips metadata and validates the schedule', () => {
    const m = { owner: 'ops', purpose: null, runbook: '# hi', environment: 'production' as const, criticality: null, tags: ['a', 'b'], expectedSchedule: { kind: 'cron' as const, cron: '0 6 * * *', timezone: 'Europe/Berlin' } };
    expect(fromForm(toForm(m))).toEqual({ ok: true, metadata: m });
    expect(fromForm({ ...toForm(m), scheduleKind: 'interval', everyMinutes: '0' })).toMatchObject({ ok: false, field: 'everyMinutes' });
    expect(fromForm({ ...toForm(m), scheduleKind: 'none', tags: ' x, x ,, y' })).toMatchObject({ ok: true, metadata: { expectedSchedule: null, tags: ['x', 'y'] } });
  });

  it('filters registry rows by vendor, environment, owner, text and findings', () => {
    const row = (over: Partial<RegistryRow>): RegistryRow => ({
      workflowId: 1, connectorId: 'c', vendor: 'n8n', externalId: '1', name: 'Shop – Orders', active: true, archived: false, environment: null,
      owner: null, criticality: null, tags: [], health: 100, lastRunAt: null, runs7d: 0, failureRate7d: 0, findings: 0, versions: 1, ...over,
    });
    const rows = [row({}), row({ workflowId: 2, vendor: 'make', environment: 'production', owner: 'Ops Team', findings: 2, name: 'Billing – X' })];
    expect(filterRows(rows, { ...EMPTY_FILTERS, vendor: 'make' }).map((r) => r.workflowId)).toEqual([2]);
    expect(filterRows(rows, { ...EMPTY_FILTERS, environment: 'unset' }).map((r) => r.workflowId)).toEqual([1]);
    expect(filterRows(rows, { ...EMPTY_FILTERS, owner: 'ops' }).map((r) => r.workflowId)).toEqual([2]);
    expect(filterRows(rows, { ...EMPTY_FILTERS, text: 'shop' }).map((r) => r.workflowId)).toEqual([1]);
    expect(filterRows(rows, { ...EMPTY_FILTERS, withFindings: true }).map((r) => r.workflowId)).toEqual([2]);
  });
});
