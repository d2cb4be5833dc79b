import { auditActorOf } from '../../core/contract/actor.ts';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { contractClient } from '../../core/cli/open-core.ts';
import { runCli } from './helpers/cli.ts';
import type { WorkflowDefinition } from '../../core/sync/vendors/types.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

/** Export/import of the registry as a folder: byte-stable, and a round trip through an empty ledger keeps everything. */
const T0 = Date.UTC(2026, 10, 25, 12);
const dirs: string[] = [];
const cores: Core[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'flowdeck-registry-'));
  dirs.push(d);
  return d;
};

const n8n = (id: string, name: string, path: string, errorWorkflow?: string): WorkflowDefinition => ({
  externalId: id, name, active: true, archived: false, vendorVersionId: `v-${path}`, updatedAt: T0, tags: ['shop'], deepLink: null,
  definition: {
    id, name, updatedAt: new Date(T0).toISOString(), versionId: `v-${path}`,
    nodes: [{ id: 'a', name: 'Webhook', type: 'n8n-nodes-base.webhook', position: [0, 0], parameters: { path, httpMethod: 'POST' } },
      { id: 'b', name: 'Sheets', type: 'n8n-nodes-base.googleSheets', position: [200, 0], parameters: { documentId: 'd1' } }],
    connections: { Webhook: { main: [[{ node: 'Sheets', type: 'main', index: 0 }]] } },
    settings: errorWorkflow ? { errorWorkflow } : {},
  },
});

function fresh(): { core: Core; clock: ReturnType<typeof fixedClock> } {
  const clock = fixedClock(T0);
  const core = createCore({ dataDir: ':memory:', clock, logger: createMemoryLogger() });
  cores.push(core);
  core.ledger.connectors.create({ id: 'n8n-main', kind: 'n8n', name: 'n8n', baseUrl: 'https://n8n.example.test' }, T0);
  return { core, clock };
}

function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>([['registry.json', readFileSync(join(dir, 'registry.json'))]]);
  for (const f of readdirSync(join(dir, 'workflows')).sort()) files.set(`workflows/${f}`, readFileSync(join(dir, 'workflows', f)));
  return files;
}

/** Two workflows, three versions of the first, metadata and a note. */
function populated() {
  const { core, clock } = fresh();
  const sync = (defs: WorkflowDefinition[]) => {
    clock.set(clock.now() + 3_600_000);
    core.connectors.repo.upsertWorkflows('n8n-main', defs, clock.now());
    core.registry.reconcile('n8n-main');
  };
  sync([n8n('1', 'Shop – Orders', 'orders', 'err'), n8n('2', 'Shop – Refunds', 'refunds', 'err')]);
  sync([n8n('1', 'Shop – Orders', 'orders-v2', 'err'), n8n('2', 'Shop – Refunds', 'refunds', 'err')]);
  sync([n8n('1', 'Shop – Orders', 'orders-v2'), n8n('2', 'Shop – Refunds', 'refunds', 'err')]);
  const id = core.ledger.workflows.list().find((w) => w.externalId === '1')!.id;
  core.registry.saveMetadata(id, {
    owner: 'ops@acme.test', purpose: 'Orders into the sheet.', runbook: '# If it fails\nRe-run it.', environment: 'production', criticality: 'high',
    tags: ['orders', 'billing'], expectedSchedule: { kind: 'cron', cron: '*/15 * * * *', timezone: 'Europe/Berlin' },
  }, auditActorOf({ actor: 'dana' }));
  core.registry.addNote(core.registry.versions.list(id)[2]!.id, 'Removed the error workflow by mistake.', 'dana');
  return { core, id };
}

describe('registry export / import', () => {
  it('exports an unchanged registry twice to identical bytes, LF endings and sorted keys', () => {
    const { core } = populated();
    const a = tmp();
    const b = tmp();
    core.registry.exportTo(a, auditActorOf({ actor: 'dana' }));
    core.registry.exportTo(b, auditActorOf({ actor: 'dana' }));
    const sa = snapshot(a);
    expect([...sa.keys()]).toEqual(['registry.json', 'workflows/n8n-main--1.json', 'workflows/n8n-main--2.json']);
    expect(snapshot(b)).toEqual(sa);
    const text = sa.get('workflows/n8n-main--1.json')!.toString('utf8');
    expect(text).not.toContain('\r');
    expect(text.endsWith('}\n')).toBe(true);
    const file = JSON.parse(text) as { versions: { notes: unknown[] }[]; metadata: { owner: string } };
    expect(file.versions).toHaveLength(3);
    expect(file.versions[2]!.notes).toEqual([{ at: expect.any(Number), author: 'dana', text: 'Removed the error workflow by mistake.' }]);
    expect(Object.keys(JSON.parse(text) as object)).toEqual([...Object.keys(JSON.parse(text) as object)].sort());
  });

  it('export → wipe → import gives the same registry and history', () => {
    const { core: original } = populated();
    const a = tmp();
    original.registry.exportTo(a, auditActorOf({ actor: 'dana' }));

    // A new, empty ledger; the connector is added again and lists today's definitions (no history yet).
    const { core } = fresh();
    core.connectors.repo.upsertWorkflows('n8n-main', [n8n('1', 'Shop – Orders', 'orders-v2'), n8n('2', 'Shop – Refunds', 'refunds', 'err')], T0 + 4 * 3_600_000);
    const result = core.registry.importFrom(a, auditActorOf({ actor: 'erin' }));
    expect(result).toMatchObject({ workflows: 2, versionsAdded: 4, skipped: [] });
    const b = tmp();
    core.registry.exportTo(b, auditActorOf({ actor: 'erin' }));
    expect(snapshot(b)).toEqual(snapshot(a));

    // Importing again adds nothing; a poll afterwards sees the same version, not a new one.
    expect(core.registry.importFrom(a, auditActorOf({ actor: 'erin' }))).toMatchObject({ versionsAdded: 0 });
    core.registry.reconcile('n8n-main');
    expect(core.registry.versions.list(core.ledger.workflows.list()[0]!.id)).toHaveLength(3);
  });

  it('import merges metadata without losing local history or fields the file leaves empty', () => {
    const { core, id } = populated();
    const a = tmp();
    core.registry.exportTo(a, auditActorOf({ actor: 'dana' }));
    core.registry.saveMetadata(id, { owner: null, purpose: null, runbook: 'local runbook', environment: null, criticality: null, tags: ['local'], expectedSchedule: null }, auditActorOf({ actor: 'dana' }));
    core.registry.importFrom(a, auditActorOf({ actor: 'erin' }));
    const w = core.registry.repo.get(id)!;
    expect(w.metadata).toMatchObject({ owner: 'ops@acme.test', runbook: '# If it fails\nRe-run it.', tags: ['billing', 'local', 'orders'] });
    expect(core.registry.versions.list(id)).toHaveLength(3);
  });

  it('skips files of connectors this Flowdeck does not have', () => {
    const { core } = populated();
    const a = tmp();
    core.registry.exportTo(a, auditActorOf({ actor: 'dana' }));
    const clock = fixedClock(T0);
    const empty = createCore({ dataDir: ':memory:', clock, logger: createMemoryLogger() });
    cores.push(empty);
    expect(empty.registry.importFrom(a, auditActorOf({ actor: 'erin' }))).toMatchObject({ workflows: 0, skipped: [expect.stringContaining('connector n8n-main is not in this Flowdeck'), expect.any(String)] });
  });

  it('versions are immutable: the database refuses to change one', () => {
    const { core, id } = populated();
    const v = core.registry.versions.list(id)[0]!;
    expect(() => ledgerDb(core.ledger).prepare('UPDATE workflow_versions SET definition_json = ? WHERE id = ?').run('{}', v.id)).toThrow(/immutable/);
    expect(core.registry.versions.get(v.id)).toEqual(v);
  });

  it('refuses unrelated non-empty folders', () => {
    const { core } = populated();
    const unrelated = tmp();
    writeFileSync(join(unrelated, 'notes.txt'), 'mine');
    expect(() => core.registry.exportTo(unrelated, auditActorOf({ actor: 'dana' }))).toThrow(expect.objectContaining({ code: 'invalid_folder' }));
    expect(() => core.registry.importFrom(unrelated, auditActorOf({ actor: 'dana' }))).toThrow(expect.objectContaining({ code: 'invalid_folder' }));
    expect(readdirSync(unrelated)).toEqual(['notes.txt']);
  });

  it('lets a client export only into a named folder inside the data directory', async () => {
    const dataDir = tmp();
    const core = createCore({ dataDir, clock: fixedClock(Date.UTC(2026, 10, 25, 12)), logger: createMemoryLogger() });
    cores.push(core);
    const api = contractClient(core, { actor: 'dana' });
    for (const name of ['../escape', '/etc', 'a/b', '..', 'https://example.invalid']) {
      await expect(api.call('registry/export', { name }), name).rejects.toMatchObject({ kind: 'validation', field: 'name' });
    }
    const out = await api.call('registry/export', { name: 'team-registry' });
    expect(out.dir).toBe(join(dataDir, 'exports', 'team-registry'));
    expect(existsSync(join(out.dir, 'registry.json'))).toBe(true);
    const memory = contractClient(populated().core, { actor: 'dana' });
    await expect(memory.call('registry/export', {})).rejects.toMatchObject({ code: 'invalid_folder' });
    api.close();
    memory.close();
  });
});

describe('flowdeck registry (CLI)', () => {
  it('exports to any folder the shell user names, byte-identically twice, and imports it back', async () => {
    const dataDir = tmp();
    const out = join(tmp(), 'reg');
    const first = await runCli(['registry', 'export', '--dir', out, '--data-dir', dataDir]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Exported \d+ files to /);
    const bytes = readFileSync(join(out, 'registry.json'));
    expect((await runCli(['registry', 'export', '--dir', out, '--data-dir', dataDir])).code).toBe(0);
    expect(readFileSync(join(out, 'registry.json')).equals(bytes)).toBe(true);
    const back = await runCli(['registry', 'import', '--dir', out, '--data-dir', dataDir]);
    expect(back.code, back.stderr).toBe(0);
    const bad = await runCli(['registry', 'export', '--data-dir', dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--dir');
  });
});
