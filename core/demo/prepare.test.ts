import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../platform/logger.ts';
import { prepareDemo } from './prepare.ts';

const NOW = Date.UTC(2026, 10, 25, 12);

describe('prepareDemo', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('seeds a fresh demo ledger beside the data dir and never touches the real one', () => {
    root = mkdtempSync(path.join(tmpdir(), 'flowdeck-demo-'));
    const dataDir = path.join(root, 'data');
    const { core } = prepareDemo({ dataDir, logger: createMemoryLogger(), now: NOW });
    try {
      expect(core.demo).toBe(true);
      expect(core.ledger.connectors.count()).toBe(4);
      expect(core.ledger.runs.list({}, null, 1).items[0]!.startedAt).toBeLessThanOrEqual(NOW);
    } finally {
      core.close();
    }
    expect(existsSync(dataDir)).toBe(false);
    expect(readdirSync(path.join(root, 'demo-data'))).toContain('flowdeck.db');
    // A second start recreates the demo ledger instead of refusing or doubling it.
    const { core: again } = prepareDemo({ dataDir, logger: createMemoryLogger(), now: NOW });
    try {
      expect(again.ledger.connectors.count()).toBe(4);
    } finally {
      again.close();
    }
  });

  it('startAt (FLOWDECK_DEMO_NOW) runs the whole demo core on a clock from that instant, with its schedules started', () => {
    root = mkdtempSync(path.join(tmpdir(), 'flowdeck-demo-'));
    const startAt = Date.UTC(2026, 2, 29, 1, 30);
    // Elapsed time on the monotonic clock: the bound holds on any date.
    const started = performance.now();
    const { core } = prepareDemo({ dataDir: path.join(root, 'data'), logger: createMemoryLogger(), startAt });
    try {
      const now = core.clock.now();
      expect(now).toBeGreaterThanOrEqual(startAt);
      expect(now).toBeLessThanOrEqual(startAt + Math.ceil(performance.now() - started));
      // The seeded month ends exactly at the pinned instant (so one instant always seeds the same month).
      const newest = core.ledger.runs.list({}, null, 1).items[0]!.startedAt;
      expect(newest).toBeLessThanOrEqual(startAt);
      expect(newest).toBeGreaterThan(startAt - 3_600_000);
      // Real timers run alongside it, so retention (and alerting, backups) start as on the wall clock.
      expect(core.retention).not.toBeNull();
    } finally {
      core.close();
    }
  });
});
