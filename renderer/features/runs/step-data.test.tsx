import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../core/contract/events.ts';
import type { Input, Method, Output } from '../../../core/contract/handlers.ts';
import type { GetStepDataOutput, RunDetail } from '../../../core/contract/runs.ts';
import type { CoreApi } from '../../lib/core-client.ts';
import { offersStepData, StepDataPanel, stepDataLabel } from './components/StepData.tsx';
import { createStepDataStore, type StepDataView } from './step-data-store.ts';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

/** A CoreApi answering `runs/get-step-data` by hand. */
function fakeCore() {
  const calls: { input: unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  const api: CoreApi = {
    call<M extends Method>(_method: M, input: Input<M>) {
      return new Promise<Output<M>>((resolve, reject) => calls.push({ input, resolve: resolve as (v: unknown) => void, reject }));
    },
    on<E extends EventName>(_name: E, _listener: (payload: EventPayload<E>) => void) { return () => {}; },
    onReconnected: () => () => {},
  };
  return { api, calls };
}
const settle = async () => { for (let i = 0; i < 6; i++) await Promise.resolve(); };

const n8nAnswer: GetStepDataOutput = {
  ok: true, vendor: 'n8n', fetchedAt: NOW - 5_000, deepLink: 'https://n8n.example.test/workflow/w1/executions/7',
  data: {
    kind: 'n8n', node: { name: 'Maybe Throw', type: 'n8n-nodes-base.code' },
    input: { items: [{ body: { seq: 2, email: 'ada@example.test' }, apiKey: '[redacted]' }], total: 30, truncated: true },
    output: null, error: { name: 'WrappedExecutionError', message: 'peer-flaky: random failure [line 3]', description: null },
  },
};

const run = (more: Partial<RunDetail> = {}): RunDetail => ({
  id: 7, connectorId: 'c', connectorName: 'Shop n8n', connectorKind: 'n8n', workflowId: 1, workflowName: 'Orders', externalId: '7',
  status: 'failed', rawStatus: 'error', startedAt: NOW - 60_000, finishedAt: NOW - 59_000, durationMs: 1000, errorMessage: 'boom',
  errorFingerprint: null, failingStep: 'Maybe Throw', mode: 'webhook', deepLink: 'https://n8n.example.test/workflow/w1/executions/7',
  retryOf: null, retrySuccessId: null, itemCount: null, ingestedAt: NOW, updatedAt: NOW, ...more,
});
const html = (r: RunDetail, view: StepDataView) => renderToStaticMarkup(<StepDataPanel run={r} view={view} now={NOW} onFetch={() => {}} onHide={() => {}} />);
const text = (h: string) => h.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ');

describe('step data store', () => {
  it('asks the core once per click, shows the answer, and forgets it on hide', async () => {
    const { api, calls } = fakeCore();
    const store = createStepDataStore(api);
    const asked = store.getState().fetch(7);
    void store.getState().fetch(7);
    expect(store.getState().view).toEqual({ status: 'loading', runId: 7 });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.input).toEqual({ runId: 7 });
    calls[0]!.resolve(n8nAnswer);
    await asked;
    expect(store.getState().view).toEqual({ status: 'shown', runId: 7, answer: n8nAnswer });
    store.getState().hide();
    expect(store.getState().view).toEqual({ status: 'idle' });
  });

  it('turns a refusal or a lost connection into an error in words, and ignores an answer for a run left behind', async () => {
    const { api, calls } = fakeCore();
    const store = createStepDataStore(api);
    void store.getState().fetch(7);
    calls[0]!.resolve({ ok: false, reason: 'failed', message: 'n8n refused (401): the API key may be revoked.' });
    await settle();
    expect(store.getState().view).toEqual({ status: 'error', runId: 7, message: 'n8n refused (401): the API key may be revoked.' });
    void store.getState().fetch(8);
    void store.getState().fetch(9);
    calls[2]!.reject(new Error('Connection lost'));
    await settle();
    calls[1]!.resolve(n8nAnswer);
    await settle();
    expect(store.getState().view).toMatchObject({ status: 'error', runId: 9, message: expect.stringContaining('Connection lost') });
  });
});

describe('step data in the run detail', () => {
  it('offers it for failed or warned runs of vendor connectors, with the vendor\'s words', () => {
    expect(offersStepData(run())).toBe(true);
    expect(offersStepData(run({ status: 'success' }))).toBe(false);
    expect(offersStepData(run({ connectorKind: 'push' }))).toBe(false);
    expect(stepDataLabel('n8n')).toBe('Show what the failing step received');
    expect(stepDataLabel('github')).toBe('Show the failed step’s log');
    expect(stepDataLabel('make')).toBeNull();
  });

  it('before asking: a keyboard-reachable button and the promise not to keep it', () => {
    const h = html(run(), { status: 'idle' });
    expect(h).toMatch(/<button type="button" class="button"[^>]*data-testid="step-data-fetch">Show what the failing step received<\/button>/);
    expect(text(h)).toContain('Fetched from n8n only when you ask; Flowdeck does not keep it.');
  });

  it('loading: the button is busy and says whom it asks', () => {
    const h = html(run(), { status: 'loading', runId: 7 });
    expect(h).toContain('disabled=""');
    expect(h).toContain('aria-busy="true"');
    expect(text(h)).toContain('Asking n8n for this run’s data…');
  });

  it('shown (n8n): node, error, input as a folding JSON tree, the truncation note and "does not keep it"', () => {
    const h = html(run(), { status: 'shown', runId: 7, answer: n8nAnswer as Extract<GetStepDataOutput, { ok: true }> });
    const t = text(h);
    expect(t).toContain('Fetched from n8n just now; Flowdeck does not keep it.');
    expect(t).toContain('Node Maybe Throw n8n-nodes-base.code');
    expect(t).toContain('peer-flaky: random failure [line 3]');
    expect(t).toContain('Input it received · 30 items');
    expect(h).toContain('<details class="json-node" open="">');
    expect(t).toContain('email : "ada@example.test"');
    expect(t).toContain('apiKey : "[redacted]"');
    expect(t).toContain('Showing 1 of 30 items.');
    expect(t).toContain('It produced no output.');
    expect(h).toContain('data-testid="step-data-hide"');
  });

  it('shown (GitHub): the log tail in a focusable monospace block', () => {
    const gh = run({ connectorKind: 'github', connectorName: 'GitHub', externalId: 'o/r:1' });
    const answer = { ok: true as const, vendor: 'github', fetchedAt: NOW - 120_000, deepLink: null, data: {
      kind: 'log' as const, job: { id: '5', name: 'test' }, step: { number: 3, name: 'Run npm test' }, lines: ['  ✗ total', '##[error]Process completed with exit code 1.'], truncated: true,
    } };
    const h = html(gh, { status: 'shown', runId: 7, answer });
    const t = text(h);
    expect(t).toMatch(/Fetched from GitHub at \d{2}:\d{2}, [a-z]+; Flowdeck does not keep it\./);
    expect(t).toContain('Job test · step 3 Run npm test');
    expect(h).toMatch(/<div class="step-data-log" tabindex="0" role="region" aria-label="Log of Run npm test"[^>]*><pre> {2}✗ total\n##\[error\]Process completed with exit code 1\.<\/pre><\/div>/);
    expect(t).toContain('Showing the last 2 lines; earlier lines are left out.');
  });

  it('unavailable: plain words and the vendor\'s page (from the core, and for Make/Zapier without asking)', () => {
    const gone = { ok: true as const, vendor: 'n8n', fetchedAt: NOW, deepLink: 'https://n8n.example.test/x', data: { kind: 'unavailable' as const, reason: 'n8n no longer has execution 7.' } };
    const h = html(run(), { status: 'shown', runId: 7, answer: gone });
    expect(text(h)).toContain('n8n no longer has execution 7.');
    expect(h).toContain('href="https://n8n.example.test/x"');
    const make = html(run({ connectorKind: 'make', connectorName: 'Make', deepLink: 'https://eu1.make.com/1/scenarios/2/logs/3' }), { status: 'idle' });
    expect(text(make)).toContain('Make does not let other apps read what each step of a run received or logged');
    expect(make).toContain('href="https://eu1.make.com/1/scenarios/2/logs/3"');
    expect(make).not.toContain('step-data-fetch');
  });

  it('error: the core\'s words, and "Try again"; another run\'s state is not shown', () => {
    const h = html(run(), { status: 'error', runId: 7, message: 'n8n refused (401).' });
    expect(h).toContain('role="alert"');
    expect(text(h)).toContain('n8n refused (401).');
    expect(text(h)).toContain('Try again');
    expect(text(html(run({ id: 8 }), { status: 'error', runId: 7, message: 'n8n refused (401).' }))).not.toContain('refused');
  });
});
