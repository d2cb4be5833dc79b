import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contractClient } from '../../core/cli/open-core.ts';
import type { CoreClient } from '../../core/contract/client.ts';
import { schedulerHarness, ScriptedVendor, T0, type SchedulerHarness } from './helpers/scripted-driver.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const CANARY = 'canary-3b1f9d2e7c5a4f60-secret';
const DRAFT = { kind: 'n8n', name: 'n8n prod', baseUrl: 'https://n8n.example.test', options: {}, credential: CANARY } as const;

let h: SchedulerHarness | null = null;
let client: CoreClient | null = null;
const dirs: string[] = [];
afterEach(async () => {
  client?.close();
  client = null;
  if (h) {
    await h.core.connectors.scheduler.stop();
    h.core.close();
  }
  h = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(vendor = new ScriptedVendor(), dataDir?: string): { hh: SchedulerHarness; api: CoreClient } {
  h = schedulerHarness(vendor, dataDir ? { dataDir } : {});
  h.core.connectors.scheduler.start();
  client = contractClient(h.core, { actor: 'alice' });
  return { hh: h, api: client };
}

describe('adding a connector', () => {
  it('stores the credential only in the keychain: the database file never holds it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flowdeck-secret-'));
    dirs.push(dir);
    const vendor = new ScriptedVendor().add({ id: 1, workflow: 'a', status: 'failed', startedAt: T0 - 60_000 });
    const { hh, api } = setup(vendor, dir);
    const added = await api.call('connectors/add-connector', DRAFT);
    expect(added).toMatchObject({ ok: true, connector: { name: 'n8n prod' } });
    if (!added.ok) throw new Error('not added');
    const id = added.connector.id;
    await hh.advance(0);
    expect(hh.core.ledger.runs.count()).toBe(1);

    expect(hh.secrets.entries()).toEqual(new Map([[`connector:${id}`, CANARY]]));
    const row = ledgerDb(hh.core.ledger).prepare('SELECT secret_ref AS ref, config_json AS config FROM connectors WHERE id = ?').get(id);
    expect(row).toEqual({ ref: `connector:${id}`, config: '{}' });
    const audit = hh.core.ledger.audit.list(undefined, 10).find((a) => a.action === 'connectors/add-connector');
    expect(audit).toMatchObject({ actor: 'alice', target: `connector:${id}`, detail: { kind: 'n8n', name: 'n8n prod' } });
    const listed = await api.call('connectors/list-connectors', {});
    expect(JSON.stringify(listed)).not.toContain(CANARY);
    expect(JSON.stringify(hh.events)).not.toContain(CANARY);
    expect(JSON.stringify(hh.logger.lines)).not.toContain(CANARY);
    expect(vendor.calls.find((c) => c.op === 'testConnection')).toBeUndefined();

    await hh.core.connectors.scheduler.stop();
    hh.core.close();
    h = null;
    const files = readdirSync(dir).filter((f) => f.startsWith('flowdeck.db'));
    expect(files).toContain('flowdeck.db');
    for (const f of files) {
      const bytes = readFileSync(path.join(dir, f));
      expect(bytes.includes(Buffer.from(CANARY)), `${f} contains the secret`).toBe(false);
    }
  });

  it('lists the connector with its polling state and rate budget', async () => {
    const { hh, api } = setup(new ScriptedVendor().add({ id: 1, workflow: 'a', status: 'success', startedAt: T0 - 1000 }));
    const added = await api.call('connectors/add-connector', { ...DRAFT, kind: 'github', options: { repos: 'acme/app' } });
    if (!added.ok) throw new Error(added.message);
    await hh.advance(0);
    const { items } = await api.call('connectors/list-connectors', {});
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: added.connector.id, kind: 'github', name: 'n8n prod', health: 'ok', healthMessage: null, paused: false, polled: true,
      lastPollAt: T0, nextPollAt: T0 + 120_000, runsIngested: 1, runCount: 1, firstSyncDone: true, consecutiveFailures: 0,
      budget: { limit: 5000, used: 0, windowMs: 3_600_000 }, options: { repos: 'acme/app' }, baseUrl: 'https://n8n.example.test',
    });
  });

  it('refuses a taken name, missing kind options and an unreachable keychain, saving nothing', async () => {
    const { hh, api } = setup();
    expect((await api.call('connectors/add-connector', DRAFT)).ok).toBe(true);
    expect(await api.call('connectors/add-connector', DRAFT)).toEqual({
      ok: false, reason: 'name_taken', message: 'A connector named "n8n prod" already exists. Pick another name.',
    });
    const make = await api.call('connectors/add-connector', { ...DRAFT, kind: 'make', name: 'Make', baseUrl: 'https://eu1.make.com' });
    expect(make).toMatchObject({ ok: false, reason: 'invalid_options' });
    hh.secrets.setUnavailable('no Secret Service');
    const noKeychain = await api.call('connectors/add-connector', { ...DRAFT, name: 'other' });
    expect(noKeychain).toMatchObject({ ok: false, reason: 'keychain_unavailable' });
    if (noKeychain.ok) throw new Error('added');
    expect(noKeychain.message).toContain('never keeps credentials in its own database');
    expect(hh.core.ledger.connectors.count()).toBe(1);
  });

  it('validates the draft at the edge and never echoes the credential in the error', async () => {
    const { api } = setup();
    await expect(api.call('connectors/add-connector', { ...DRAFT, baseUrl: `ftp://${CANARY}` })).rejects.toSatisfy(
      (e: Error) => e.message.includes('baseUrl') && !e.message.includes(CANARY));
    await expect(api.call('connectors/add-connector', { ...DRAFT, credential: '' })).rejects.toThrow(/credential/);
  });
});

describe('testing a connection', () => {
  it('tests a draft with its credential and keeps nothing', async () => {
    const vendor = new ScriptedVendor();
    vendor.testOutcome = { ok: false, reason: 'credentials_rejected', message: `n8n rejected the API key ${CANARY} (401).` };
    const { hh, api } = setup(vendor);
    const outcome = await api.call('connectors/test-connector', { ...DRAFT, name: undefined });
    expect(outcome).toEqual({ ok: false, reason: 'credentials_rejected', message: 'n8n rejected the API key [redacted] (401).' });
    expect(vendor.calls.find((c) => c.op === 'testConnection')?.arg).toBe(CANARY);
    expect(hh.secrets.entries().size).toBe(0);
    expect(hh.core.ledger.connectors.count()).toBe(0);
  });
});

describe('removing a connector', () => {
  it('deletes the keychain item, keeps the runs, frees the name and audits who did it', async () => {
    const { hh, api } = setup(new ScriptedVendor().add({ id: 1, workflow: 'a', status: 'success', startedAt: T0 - 1000 }));
    const added = await api.call('connectors/add-connector', DRAFT);
    if (!added.ok) throw new Error(added.message);
    await hh.advance(0);
    const removed = await api.call('connectors/remove-connector', { id: added.connector.id });
    expect(removed).toEqual({ ok: true, message: 'Removed "n8n prod" and its credential. The 1 runs it collected stay in the ledger.' });
    expect(hh.secrets.entries().size).toBe(0);
    expect((await api.call('connectors/list-connectors', {})).items).toEqual([]);
    const runs = await api.call('runs/list-runs', {});
    expect(runs.items).toHaveLength(1);
    expect(runs.items[0]!.connectorName).toBe('n8n prod (removed 2026-11-25)');
    expect(hh.core.ledger.audit.list(undefined, 10)[0]).toMatchObject({ actor: 'alice', action: 'connectors/remove-connector' });
    expect((await api.call('connectors/add-connector', DRAFT)).ok).toBe(true);
    expect(await api.call('connectors/remove-connector', { id: added.connector.id })).toMatchObject({ ok: false, reason: 'not_found' });
    const status = await api.call('system/get-status', {});
    expect(status.counts.connectors).toBe(1);
  });
});

describe('poll now', () => {
  it('polls at once and says what it found, or why it could not', async () => {
    const vendor = new ScriptedVendor();
    const { hh, api } = setup(vendor);
    const added = await api.call('connectors/add-connector', DRAFT);
    if (!added.ok) throw new Error(added.message);
    await hh.advance(0);
    vendor.add({ id: 5, workflow: 'a', status: 'success', startedAt: T0 });
    expect(await api.call('connectors/poll-now', { id: added.connector.id })).toEqual({
      ok: true, health: 'ok', runsIngested: 1, message: 'Polled "n8n prod": 1 new run.',
    });
    await api.call('connectors/set-paused', { id: added.connector.id, paused: true });
    expect(await api.call('connectors/poll-now', { id: added.connector.id })).toMatchObject({ ok: false, reason: 'paused' });
  });
});

describe('push connectors', () => {
  it('adds one with just a name (nothing polls it) and removes its signing secret with it', async () => {
    const { hh, api } = setup();
    const added = await api.call('connectors/add-push-connector', { name: 'Heartbeats' });
    if (!added.ok) throw new Error(added.message);
    const { items } = await api.call('connectors/list-connectors', {});
    expect(items[0]).toMatchObject({ kind: 'push', name: 'Heartbeats', polled: false, health: 'ok', nextPollAt: null });
    await hh.secrets.set(`push-signing:${added.connector.id}`, 'whsec_0123456789abcdef');
    expect(await api.call('connectors/poll-now', { id: added.connector.id })).toMatchObject({ ok: false, reason: 'not_polled' });
    expect((await api.call('connectors/remove-connector', { id: added.connector.id })).ok).toBe(true);
    expect(hh.secrets.entries().size).toBe(0);
  });
});
