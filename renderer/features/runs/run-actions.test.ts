import { describe, expect, it } from 'vitest';
import { runActionFor } from './run-actions.ts';

const run = (connectorKind: string, status: string) =>
  ({ connectorKind, connectorName: 'prod', status, externalId: '42', workflowName: 'Orders' }) as Parameters<typeof runActionFor>[0];

describe('run control in the detail panel', () => {
  it('offers "Retry run" for failed n8n runs and says why otherwise', () => {
    expect(runActionFor(run('n8n', 'failed'))).toMatchObject({ action: 'retry-run', label: 'Retry run', disabledReason: null });
    expect(runActionFor(run('n8n', 'success')).disabledReason).toBe('Only failed or canceled runs can be retried.');
  });

  it('offers "Re-run" for finished GitHub runs', () => {
    expect(runActionFor(run('github', 'failed'))).toMatchObject({ action: 'rerun-run', label: 'Re-run', disabledReason: null });
    expect(runActionFor(run('github', 'running')).disabledReason).toMatch(/still going/);
  });

  it('is disabled with the reason where the vendor has no run control', () => {
    expect(runActionFor(run('make', 'failed')).disabledReason).toBe('Make does not let Flowdeck retry runs; open it in Make instead.');
    expect(runActionFor(run('demo', 'failed')).disabledReason).toBe('Demo runs are simulated; there is nothing to retry.');
  });
});
