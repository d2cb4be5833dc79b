import type { UsageBasis, UsageMeasure } from '../contract/usage.ts';
import type { WorkflowUsageRow } from '../store/usage-repo.ts';

/** What each vendor can be counted in, the first being the default, and how sure the figure is (docs/usage.md). */
export interface VendorUsage {
  measures: UsageMeasure[];
  basis: Exclude<UsageBasis, 'typed'>;
  note: string;
  /** n8n counts production executions: runs started by hand in the editor are left out. */
  leaveOutManual: boolean;
}

export const VENDOR_USAGE: Record<string, VendorUsage> = {
  make: { measures: ['credits', 'operations'], basis: 'exact', leaveOutManual: false,
    note: 'Exact: Make reports the operations and credits of every run.' },
  n8n: { measures: ['executions'], basis: 'exact', leaveOutManual: true,
    note: 'Counted by Flowdeck: every execution it has seen, without manual test runs.' },
  zapier: { measures: ['tasks'], basis: 'estimate', leaveOutManual: false,
    note: 'Estimated: Zapier does not say how many tasks a run used, so Flowdeck counts the action steps that succeeded.' },
  github: { measures: ['minutes'], basis: 'estimate', leaveOutManual: false,
    note: 'Estimated: each job rounded up to the minute, times 2 on Windows and 10 on macOS. Public repositories and self-hosted runners cost nothing.' },
};

export const OTHER_VENDOR: VendorUsage = { measures: ['runs'], basis: 'exact', leaveOutManual: false, note: 'Counted by Flowdeck: every run it has seen.' };

export const vendorUsage = (kind: string): VendorUsage => VENDOR_USAGE[kind] ?? OTHER_VENDOR;

/** A workflow's use in a measure, from what its runs carried. */
export function valueIn(measure: UsageMeasure, row: Pick<WorkflowUsageRow, 'runs' | 'units' | 'centicredits'>): number {
  switch (measure) {
    case 'credits': return (row.centicredits ?? 0) / 100;
    case 'operations':
    case 'tasks':
    case 'minutes': return row.units ?? 0;
    case 'executions':
    case 'runs': return row.runs;
  }
}

/** Units of use per hour as the runaway rule reads them: the vendor's own cost where runs carry one, else runs. */
export function hourlyValue(kind: string, row: { runs: number; units: number | null }): number {
  return kind === 'make' || kind === 'zapier' || kind === 'github' ? row.units ?? 0 : row.runs;
}

/** The word for what `hourlyValue` counts. */
export function hourlyUnit(kind: string): string {
  return ({ make: 'operations', zapier: 'tasks', github: 'minutes', n8n: 'executions' } as Record<string, string>)[kind] ?? 'runs';
}
