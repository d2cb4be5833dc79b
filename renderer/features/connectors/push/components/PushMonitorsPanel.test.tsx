import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PushMonitor } from '../../../../../core/contract/push.ts';
import { HIDDEN } from '../../../../../core/contract/redaction.ts';
import { usePushStore, type PushState } from '../store.ts';
import { PushMonitorsPanel } from './PushMonitorsPanel.tsx';

// Server rendering (no DOM in these tests) shows a zustand store's initial state object, so the test writes the
// state to show into that object and puts the original fields back afterwards.
const initialState = usePushStore.getInitialState();
const original = { ...initialState };
const show = (state: Partial<PushState>) => Object.assign(initialState, state);
afterEach(() => {
  Object.assign(initialState, original);
});

const NOW = Date.UTC(2026, 2, 2, 12, 0, 0);
// useNow has no server snapshot; a fixed "now" also keeps "5 min ago" exact.
vi.mock('../../../../lib/useNow.ts', () => ({ useNow: () => NOW }));

const monitor: PushMonitor = {
  slug: 'nightly-backup', name: 'Nightly backup', workflowId: 3, createdAt: 1, createdBy: 'alice', lastPingAt: NOW - 5 * 60_000,
  lastPingKind: 'exit 3', pings: 4, openSince: null, expected: { kind: 'interval', everyMinutes: 1440, graceMinutes: 60 },
  urls: { success: 'http://127.0.0.1:7788/ping/nightly-backup', start: '', fail: '', exitCode: '', log: '' },
};

const ready = { connectorId: 'push-1', phase: 'ready' as const, receiver: { url: 'http://127.0.0.1:7788', listening: true }, hookUrl: 'http://127.0.0.1:7788/hooks/push-1/run-finished' };

describe('PushMonitorsPanel', () => {
  it('explains heartbeats in plain words when there are no monitors', () => {
    show({ ...ready, monitors: [] });
    const html = renderToStaticMarkup(<PushMonitorsPanel connectorId="push-1" />);
    expect(html).toContain('data-testid="push-empty"');
    expect(html).toContain('A heartbeat is a tiny web request your job sends when it runs');
    expect(html).toContain('Flowdeck listens for pings at http://127.0.0.1:7788.');
    expect(html).toContain('Add monitor');
  });

  it('lists monitors with their last ping, and the webhook endpoint with a Copy button', () => {
    show({ ...ready, monitors: [monitor] });
    const html = renderToStaticMarkup(<PushMonitorsPanel connectorId="push-1" />);
    expect(html).toContain('Nightly backup');
    expect(html).toContain('failed (exit 3), 5 min ago');
    expect(html).toContain('http://127.0.0.1:7788/hooks/push-1/run-finished');
    expect(html).toContain('aria-label="Copy Endpoint (POST)"');
    expect(html).toContain('Reveal signing secret');
  });

  it('offers the address, not curl, to a role that gets the monitor\'s ping addresses hidden', () => {
    const urls = { success: HIDDEN, start: HIDDEN, fail: HIDDEN, exitCode: HIDDEN, log: HIDDEN };
    show({ ...ready, monitors: [{ ...monitor, urls }] });
    const html = renderToStaticMarkup(<PushMonitorsPanel connectorId="push-1" />);
    expect(html).toContain('Show address');
    expect(html).not.toContain('Show curl');
  });

  it('shows only the webhook for a connector that is not a push connector', () => {
    show({ ...ready, webhookOnly: true, monitors: [] });
    const html = renderToStaticMarkup(<PushMonitorsPanel connectorId="n8n-prod" />);
    expect(html).toContain('Run-finished webhook');
    expect(html).not.toContain('Heartbeat monitors');
  });

  it('says when the monitors could not be loaded', () => {
    show({ connectorId: 'gone', phase: 'error', error: 'No connector with id "gone".' });
    expect(renderToStaticMarkup(<PushMonitorsPanel connectorId="gone" />)).toContain('No connector with id &quot;gone&quot;.');
  });
});
