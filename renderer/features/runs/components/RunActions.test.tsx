import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../../core/contract/runs.ts';
import type { Role } from '../../../../core/contract/permissions.ts';
import { useSystemStore } from '../../../lib/system-store.ts';
import { RunActions } from './RunActions.tsx';

// Server rendering shows a zustand store's initial state: the test writes the caller's role there.
const initial = useSystemStore.getInitialState();
const original = { ...initial };
afterEach(() => { Object.assign(initial, original); });
const as = (role: Role) => Object.assign(initial, {
  status: { version: '1', demo: true, actor: 'sam', role, counts: { runs: 0, workflows: 0, connectors: 0, quarantined: 0 }, lastIngestAt: null, now: 0, storage: { state: 'ok', message: null } },
});

const run = (more: Partial<RunDetail> = {}): RunDetail => ({
  id: 7, connectorId: 'c', connectorName: 'Shop n8n', connectorKind: 'n8n', workflowId: 1, workflowName: 'Orders', externalId: '7',
  status: 'failed', rawStatus: 'error', startedAt: 0, finishedAt: 1000, durationMs: 1000, errorMessage: 'boom',
  errorFingerprint: null, failingStep: 'Maybe Throw', mode: 'webhook', deepLink: null,
  retryOf: null, retrySuccessId: null, itemCount: null, ingestedAt: 0, updatedAt: 0, ...more,
});
const button = (html: string) => /<button[^>]*data-testid="run-action-[^"]*"[^>]*>/.exec(html)![0];

describe('RunActions by role', () => {
  it('an operator can retry a failed run', () => {
    as('operator');
    const html = renderToStaticMarkup(<RunActions run={run()} />);
    expect(button(html)).not.toContain('aria-disabled');
    expect(button(html)).not.toContain('disabled=""');
    expect(html).not.toContain('run-action-reason');
  });

  it('a viewer sees "Retry run" locked, with the reason tied to it for screen readers', () => {
    as('viewer');
    const html = renderToStaticMarkup(<RunActions run={run()} />);
    const b = button(html);
    expect(b).toContain('aria-disabled="true"');
    const describedBy = /aria-describedby="([^"]+)"/.exec(b)![1];
    expect(html).toContain(`id="${describedBy}" data-testid="run-action-reason">Needs an Operator — you have view-only access. Ask the owner of this Flowdeck.</span>`);
  });

  it('the role comes before the vendor: a viewer is told about access, even on a GitHub run', () => {
    as('viewer');
    const html = renderToStaticMarkup(<RunActions run={run({ connectorKind: 'github', connectorName: 'gh' })} />);
    expect(button(html)).toContain('data-testid="run-action-rerun-run"');
    expect(html).toContain('Needs an Operator');
  });
});

describe('step data by role', () => {
  it('a viewer sees "Show what the failing step received" locked with the reason; the owner can ask', async () => {
    const { StepDataPanel } = await import('./StepData.tsx');
    const { accessFor } = await import('../../../lib/access.ts');
    const idle = { status: 'idle' } as const;
    const locked = renderToStaticMarkup(<StepDataPanel run={run()} view={idle} now={0} onFetch={() => {}} onHide={() => {}} can={accessFor('viewer', 'runs/get-step-data')} />);
    expect(/<button[^>]*data-testid="step-data-fetch"[^>]*>/.exec(locked)![0]).toContain('aria-disabled="true"');
    expect(locked).toContain(`data-testid="step-data-locked">Needs an Operator — you have view-only access. Ask the owner of this Flowdeck.</p>`);
    const open = renderToStaticMarkup(<StepDataPanel run={run()} view={idle} now={0} onFetch={() => {}} onHide={() => {}} />);
    expect(open).not.toContain('aria-disabled');
    expect(open).not.toContain('step-data-locked');
  });
});
