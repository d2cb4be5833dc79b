import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createMemorySecretStore, type MemorySecretStore } from '../../core/platform/secrets/memory-store.ts';
import { startPushReceiver, type PushReceiver } from '../../core/push/receiver.ts';
import { signingSecretRef } from '../../core/push/signing.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const run = promisify(execFile);
const T0 = Date.UTC(2026, 2, 2, 3, 0, 0);
const hasShellTools = ['/usr/bin/curl', '/usr/bin/openssl'].every((p) => existsSync(p));

let core: Core;
let secrets: MemorySecretStore;
let receiver: PushReceiver;

async function call(method: string, input: unknown, actor = 'alice'): Promise<Record<string, unknown>> {
  const r = await core.dispatcher.dispatch(method, input, { actor });
  if (!r.ok) throw Object.assign(new Error(r.error.message), { wire: r.error });
  return r.output as Record<string, unknown>;
}

interface Snippets {
  ok: true; secret: string | null; hookUrl: string; receiver: { url: string; listening: boolean };
  monitors: { slug: string; curl: Record<string, string> }[];
  hook: { curl: string; n8nWorkflowJson: string; make: string; zapier: string; doc: string };
}

let clock: ReturnType<typeof fixedClock>;
const runsOf = (connectorId: string) => core.ledger.runs.list({ connectorIds: [connectorId] }, null, 100).items;

beforeEach(async () => {
  secrets = createMemorySecretStore();
  clock = fixedClock(T0);
  core = createCore({ dataDir: ':memory:', clock, logger: createMemoryLogger(), connectors: { secrets } });
  core.ledger.connectors.create({ id: 'push-1', kind: 'push', name: 'Heartbeats' }, T0);
  core.ledger.connectors.create({ id: 'n8n-prod', kind: 'n8n', name: 'n8n prod' }, T0);
  receiver = await startPushReceiver({ core, secrets, port: 0, allowSlugOnly: true });
});

afterEach(async () => {
  await receiver.close();
  core.close();
});

describe('push contract: monitors and snippets', () => {
  it('creates monitors (audited with the actor) and lists them with their last ping and ping URLs', async () => {
    const created = await call('push/create-monitor', { connectorId: 'push-1', slug: 'invoices', name: 'Invoice export' }, 'bob');
    expect(created).toMatchObject({ ok: true, monitor: { slug: 'invoices', workflowId: expect.any(Number), lastPingAt: null } });
    expect(core.ledger.audit.list(undefined, 5)[0]).toMatchObject({ actor: 'bob', action: 'push/created-monitor', target: 'push-1/invoices' });
    expect(await call('push/create-monitor', { connectorId: 'push-1', slug: 'invoices', name: 'Again' })).toMatchObject({ ok: false, reason: 'slug_taken' });
    expect(await call('push/create-monitor', { connectorId: 'n8n-prod', slug: 'x', name: 'X' })).toMatchObject({ ok: false, reason: 'not_push' });
    await expect(call('push/create-monitor', { connectorId: 'push-1', slug: 'Bad Slug', name: 'X' })).rejects.toThrow(/slug/);

    await fetch(`${receiver.url}/ping/invoices/start`);
    const listed = await call('push/list-monitors', { connectorId: 'push-1' });
    expect(listed).toMatchObject({
      ok: true, receiver: { url: receiver.url, listening: true }, hookUrl: `${receiver.url}/hooks/push-1/run-finished`,
      items: [{ slug: 'invoices', lastPingAt: T0, lastPingKind: 'start', pings: 1, openSince: T0, urls: {
        // The keyed form (a random ping key per push connector), and the monitor's own random UUID URL.
        start: expect.stringMatching(new RegExp(`^${receiver.url}/ping/[A-Za-z0-9_-]{22}/invoices/start$`)),
        uuid: expect.stringMatching(new RegExp(`^${receiver.url}/ping/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)),
      } }],
    });
  });

  it('keeps the secret out of snippets unless revealed; revealing creates it once, in the keychain', async () => {
    const hidden = await call('push/get-snippets', { connectorId: 'n8n-prod' }) as unknown as Snippets;
    expect(hidden.secret).toBeNull();
    expect(hidden.hook.n8nWorkflowJson).toContain('PASTE-YOUR-FLOWDECK-SIGNING-SECRET');
    expect(secrets.entries().size).toBe(0);
    const shown = await call('push/get-snippets', { connectorId: 'n8n-prod', revealSecret: true }) as unknown as Snippets;
    expect(shown.secret).toMatch(/^whsec_/);
    expect(secrets.entries().get(signingSecretRef('n8n-prod'))).toBe(shown.secret);
    expect(shown.hook.n8nWorkflowJson).toContain(shown.secret!);
    const again = await call('push/get-snippets', { connectorId: 'n8n-prod', revealSecret: true }) as unknown as Snippets;
    expect(again.secret).toBe(shown.secret);
    expect(core.ledger.audit.list(undefined, 10).filter((e) => e.action === 'push/created-signing-secret')).toHaveLength(1);
    // Nothing about the secret lands in the database.
    const dump = JSON.stringify(ledgerDb(core.ledger).prepare("SELECT * FROM audit_log").all()) + JSON.stringify(ledgerDb(core.ledger).prepare('SELECT * FROM settings').all());
    expect(dump).not.toContain(shown.secret!);
  });

  it('the n8n error workflow, executed as n8n would, produces an event the receiver accepts', async () => {
    const { hook } = await call('push/get-snippets', { connectorId: 'n8n-prod', revealSecret: true }) as unknown as Snippets;
    const wf = JSON.parse(hook.n8nWorkflowJson) as { nodes: { name: string; type: string; parameters: Record<string, unknown> }[]; connections: Record<string, unknown> };
    expect(wf.nodes.map((n) => n.type)).toEqual(['n8n-nodes-base.errorTrigger', 'n8n-nodes-base.code', 'n8n-nodes-base.crypto', 'n8n-nodes-base.httpRequest']);
    const [, code, crypto, http] = wf.nodes as [unknown, { parameters: { jsCode: string } }, { parameters: Record<string, string> }, { parameters: Record<string, unknown> }];
    // The Error Trigger's payload (docs/vendors.md N4).
    const trigger = { execution: { id: '231', url: 'https://n8n.example.com/workflow/7/executions/231', retryOf: null, error: { message: 'Mailbox full', stack: '' }, lastNodeExecuted: 'Send email', mode: 'trigger' }, workflow: { id: '7', name: 'Leads' } };
    // n8n runs the Code node now: the receiver's clock is set to the same instant (the signature covers the time).
    clock.set(Date.now());
    const [item] = new Function('$input', code.parameters.jsCode)({ first: () => ({ json: trigger }) }) as [{ json: { body: string; key: string; signed: string } }];
    expect(crypto.parameters).toMatchObject({ action: 'hmac', type: 'SHA256', encoding: 'hex', value: '={{ $json.signed }}' });
    const signature = createHmac('sha256', crypto.parameters['secret']!).update(item.json.signed).digest('hex');
    const $json: Record<string, string> = { ...item.json, signature };
    const expr = (v: string) => v.replace(/^=/, '').replace(/\{\{\s*\$json\.(\w+)\s*\}\}/g, (_, k: string) => $json[k]!);
    const headers = Object.fromEntries((http.parameters['headerParameters'] as { parameters: { name: string; value: string }[] }).parameters.map((h) => [h.name, expr(h.value)]));
    const res = await fetch(http.parameters['url'] as string, {
      method: http.parameters['method'] as string, headers: { ...headers, 'content-type': http.parameters['rawContentType'] as string }, body: expr(http.parameters['body'] as string),
    });
    expect([res.status, await res.json()]).toEqual([200, { ok: true, duplicate: false, runId: '231', status: 'failed' }]);
    expect(core.ledger.runs.get(runsOf('n8n-prod')[0]!.id)).toMatchObject({
      workflowName: 'Leads', status: 'failed', errorMessage: 'Mailbox full', failingStep: 'Send email', deepLink: trigger.execution.url,
    });
  });

  it.skipIf(!hasShellTools)('the curl snippets work as printed (sh, curl, openssl)', async () => {
    await call('push/create-monitor', { connectorId: 'push-1', slug: 'nightly', name: 'Nightly' });
    const s = await call('push/get-snippets', { connectorId: 'push-1', revealSecret: true }) as unknown as Snippets;
    clock.set(Date.now()); // the snippet signs with `date +%s`
    await run('sh', ['-c', s.hook.curl]);
    expect(runsOf('push-1')).toMatchObject([{ externalId: 'run-123', status: 'failed', errorMessage: 'disk full' }]);
    const wrapper = s.monitors[0]!.curl['wrapper']!.replace('/path/to/job.sh', "sh -c 'echo copying; echo disk full >&2; exit 3'");
    await expect(run('sh', ['-c', wrapper])).rejects.toMatchObject({ code: 3 });
    expect(runsOf('push-1')[0]).toMatchObject({ workflowName: 'Nightly', status: 'failed', rawStatus: 'exit 3', errorMessage: 'copying\ndisk full' });
  });

  it('rotating the secret makes the old signature fail', async () => {
    const { secret } = await call('push/get-snippets', { connectorId: 'n8n-prod', revealSecret: true }) as unknown as Snippets;
    expect(await call('push/rotate-secret', { connectorId: 'n8n-prod' })).toEqual({ ok: true });
    const body = JSON.stringify({ workflow: { id: '1', name: 'x' }, run: { id: '1', status: 'success' } });
    const res = await fetch(`${receiver.url}/hooks/n8n-prod/run-finished`, {
      method: 'POST', body, headers: {
        'x-flowdeck-timestamp': String(T0 / 1000), 'x-flowdeck-signature': `sha256=${createHmac('sha256', secret!).update(`${T0 / 1000}.${body}`).digest('hex')}`,
      },
    });
    expect(res.status).toBe(401);
    expect(core.ledger.audit.list(undefined, 5)[0]).toMatchObject({ actor: 'alice', action: 'push/rotated-signing-secret' });
  });

  it('says plainly when the keychain is not reachable', async () => {
    secrets.setUnavailable('no D-Bus session');
    expect(await call('push/get-snippets', { connectorId: 'n8n-prod', revealSecret: true })).toMatchObject({ ok: false, reason: 'keychain_unavailable' });
    const body = '{}';
    const res = await fetch(`${receiver.url}/hooks/n8n-prod/run-finished`, { method: 'POST', body, headers: { 'x-flowdeck-signature': `sha256=${'0'.repeat(64)}` } });
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([503, 'keychain_unavailable']);
  });
});
