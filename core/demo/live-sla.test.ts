import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../app.ts';
import type { SlaOutput } from '../contract/monitoring.ts';
import { createMemoryLogger } from '../platform/logger.ts';
import type { LiveDemo } from './live.ts';
import { prepareDemo } from './prepare.ts';

const NOW = Date.now();
const DAY = 86_400_000;

describe('the demo on the SLA page', () => {
  let root: string | undefined;
  let core: Core | undefined;
  let live: LiveDemo | undefined;
  afterEach(async () => {
    await live?.close();
    core?.close();
    if (root) rmSync(root, { recursive: true, force: true });
    core = live = root = undefined;
  });

  it('measures scheduled workflows against the schedules their vendors declare, with no missed runs but the stopped one', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'flowdeck-live-sla-'));
    const demo = prepareDemo({ dataDir: path.join(root, 'data'), logger: createMemoryLogger(), now: NOW });
    core = demo.core;
    live = await demo.startLive({ tickMs: 0, poll: false });
    // One poll lists the workflow files (with their YAML) into the registry.
    for (const id of ['demo-n8n', 'demo-make', 'demo-github']) expect((await core.connectors.scheduler.pollOnce(id))?.ok).toBe(true);

    const out = await core.dispatcher.dispatch('monitoring/get-sla', { from: NOW - 7 * DAY, to: NOW }, { actor: 'test' });
    if (!out.ok) throw new Error(out.error.message);
    const rows = (out.output as SlaOutput).rows;
    const github = rows.filter((r) => r.connectorName === 'Demo – GitHub Actions' && r.basis === 'vendor');
    expect(github.map((r) => [r.workflowName, r.expectedLabel]).sort()).toEqual([
      ['Reports – Weekday stock report (acme/ops-scripts)', expect.stringMatching(/06:00/)],
      ['Security – Nightly dependency audit (acme/web)', expect.stringMatching(/03:00/)],
    ]);
    for (const r of github) {
      expect(r.missedRuns).toBe(0);
      expect(r.expectedRuns).toBeGreaterThanOrEqual(4);
      expect(r.runs).toBeGreaterThanOrEqual(r.expectedRuns!);
    }
    // Push-triggered workflows declare no schedule and stay measured by what they do.
    expect(rows.find((r) => r.workflowName === 'CI – Test and lint (acme/web)')?.basis).toBe('observed');
    // Across vendors, the schedules the simulators declare match the runs: only the supplier sync whose schedule
    // stopped three days ago (the demo's story) misses runs.
    const scheduled = rows.filter((r) => r.basis !== 'observed');
    expect(scheduled.filter((r) => r.basis === 'vendor').length).toBeGreaterThanOrEqual(10);
    expect(scheduled.filter((r) => r.missedRuns > 0).map((r) => r.workflowName)).toEqual(['Inventory – Sync stock levels from supplier']);
  });
});
