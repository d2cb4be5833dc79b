import { describe, expect, it } from 'vitest';
import { VENDOR_ACTIONS } from '../../contract/catalog.ts';
import { defaultDriverRegistry } from './registry.ts';

const METHOD = { retry: 'retryRun', rerun: 'rerunRun', run: 'runWorkflow', activate: 'activateWorkflow', deactivate: 'deactivateWorkflow' } as const;

describe('VENDOR_ACTIONS: what the UI offers is what each driver can do', () => {
  it.each(Object.keys(VENDOR_ACTIONS) as (keyof typeof VENDOR_ACTIONS)[])('%s', (kind) => {
    const entry = defaultDriverRegistry()[kind]!;
    // Building a driver sends nothing: only its action table is read.
    const driver = entry.factory({ config: { id: 'x', kind, baseUrl: 'http://127.0.0.1:9', options: {} }, http: {}, credential: async () => null,
      clock: { now: () => 0 }, logger: { info() {}, warn() {}, error() {}, debug() {} } } as never);
    const offered = Object.entries(METHOD).filter(([, m]) => typeof (driver.actions as Record<string, unknown>)[m] === 'function').map(([a]) => a).sort();
    const declared = Object.entries(VENDOR_ACTIONS[kind]).filter(([, on]) => on).map(([a]) => a).sort();
    expect(offered).toEqual(declared);
  });
});
