import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCore } from '../app.ts';
import { errorTemplate } from '../sync/ingest/normalize.ts';
import { IngestRecord } from '../sync/ingest/record.ts';
import { fixedClock } from '../platform/clock.ts';
import { createMemoryLogger } from '../platform/logger.ts';
import { demoConnectors, generatePages, type GenerateOptions } from './generate.ts';

const NOW = Date.UTC(2026, 10, 25, 12);
const DAY = 86_400_000;
const at = (v: string | number | null | undefined) => (typeof v === 'number' ? v : Date.parse(v!));

describe('demoConnectors', () => {
  it('describes the four vendors, then numbered instances with unique ids and names', () => {
    const cs = demoConnectors(6);
    expect(cs.slice(0, 4).map((c) => [c.kind, c.name])).toEqual([
      ['n8n', 'n8n (self-hosted)'], ['make', 'Make — EU'], ['zapier', 'Zapier'], ['github', 'GitHub Actions'],
    ]);
    expect(cs[4]).toMatchObject({ kind: 'n8n', id: 'demo-n8n-2', name: 'n8n (self-hosted) 2' });
    expect(new Set(cs.map((c) => c.id)).size).toBe(6);
    expect(new Set(cs.map((c) => c.name)).size).toBe(6);
    for (const c of cs) expect(new URL(c.baseUrl).hostname).toMatch(/\.example\.com$/);
  });
});

describe('generatePages', () => {
  const options: GenerateOptions = { workflows: 50, runs: 20_000, days: 10, now: NOW, pageSize: 700 };

  it('yields exactly the requested runs, valid, in time order per connector, with unique ids', () => {
    const lastStart = new Map<number, number>();
    const ids = new Map<number, Set<string>>();
    const workflows = new Set<string>();
    let count = 0;
    let failed = 0;
    for (const page of generatePages(options)) {
      expect(page.records.length).toBeGreaterThan(0);
      expect(page.records.length).toBeLessThanOrEqual(700);
      const seen = ids.get(page.connectorIndex) ?? new Set<string>();
      ids.set(page.connectorIndex, seen);
      for (const record of page.records) {
        const parsed = IngestRecord.safeParse(record);
        expect(parsed.success).toBe(true);
        const t = at(record.startedAt);
        expect(t).toBeGreaterThanOrEqual(lastStart.get(page.connectorIndex) ?? NOW - options.days * DAY);
        expect(t).toBeLessThan(NOW);
        lastStart.set(page.connectorIndex, t);
        expect(seen.has(record.externalId)).toBe(false);
        seen.add(record.externalId);
        workflows.add(`${page.connectorIndex}/${record.workflow.externalId}`);
        if (record.errorMessage && record.rawStatus !== 'warning') failed++;
        count++;
      }
      const last = page.records.at(-1)!;
      expect(JSON.parse(page.cursor)).toEqual({ since: new Date(at(last.startedAt)).toISOString(), lastId: last.externalId });
    }
    expect(count).toBe(options.runs);
    expect([...ids.keys()].sort()).toEqual([0, 1, 2, 3]);
    expect(workflows.size).toBe(options.workflows);
    expect(failed / count).toBeGreaterThan(0.03);
    expect(failed / count).toBeLessThan(0.09);
  });

  it('draws error messages from a pool whose ids and numbers group back into few fingerprints', () => {
    const messages = new Set<string>();
    for (const page of generatePages(options)) for (const r of page.records) if (r.errorMessage) messages.add(r.errorMessage);
    const templates = new Set([...messages].map(errorTemplate));
    expect(messages.size).toBeGreaterThan(100);
    expect(templates.size).toBeLessThan(30);
  });

  it('is deterministic for a seed', () => {
    const hash = (seed: number) => {
      const h = createHash('sha256');
      for (const page of generatePages({ ...options, runs: 3000, seed })) h.update(JSON.stringify(page));
      return h.digest('hex');
    };
    expect(hash(1)).toBe(hash(1));
    expect(hash(1)).not.toBe(hash(2));
  });

  it('spreads over more connectors and rejects nonsense sizes', () => {
    const kinds = new Set<number>();
    for (const page of generatePages({ ...options, runs: 2000, connectors: 6 })) kinds.add(page.connectorIndex);
    expect([...kinds].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...generatePages({ ...options, runs: 0 })]).toEqual([]);
    expect(() => [...generatePages({ ...options, workflows: 0 })]).toThrow(RangeError);
  });

  it('lands entirely through the real ingest path', () => {
    const core = createCore({ dataDir: ':memory:', clock: fixedClock(NOW), logger: createMemoryLogger() });
    const connectors = demoConnectors(4);
    for (const c of connectors) core.ledger.connectors.create(c, NOW - 11 * DAY);
    let inserted = 0;
    for (const page of generatePages({ ...options, isoTimes: true })) {
      const result = core.ingest({ connectorId: connectors[page.connectorIndex]!.id, records: page.records, cursor: page.cursor });
      expect(result.quarantined).toBe(0);
      inserted += result.inserted;
    }
    expect(inserted).toBe(options.runs);
    expect(core.ledger.workflows.count()).toBe(options.workflows);
  });
});
