import { createCore, type Core } from '../../../core/app.ts';
import { createN8nDriver, type N8nDriver } from '../../../core/sync/vendors/n8n/driver.ts';
import { n8nStatus } from '../../../core/sync/vendors/n8n/mapper.ts';
import type { RunDetail } from '../../../core/contract/runs.ts';
import { createHttpClient } from '../../../core/platform/http/client.ts';
import { fakeTime } from '../../support/fake-time.ts';
import { HttpFailure, type HttpStats } from '../../../core/platform/http/types.ts';
import { createMemoryLogger } from '../../../core/platform/logger.ts';
import { startFakeN8n, type FakeN8n } from './server.ts';
import { N8nState } from './state.ts';

/**
 * Drives the real n8n driver through the real HTTP client against the fake n8n, into a real in-memory core:
 * each poll pages `listRuns` → `core.ingest` (records + cursor in one transaction) until `hasMore` is false, then
 * refreshes unfinished runs — what the scheduler does. Time is fake: retries and Retry-After waits take no time.
 */
export const CONNECTOR_ID = 'n8n-test';
export const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

export interface PollOptions {
  /** Give up after this many failed listRuns calls in one poll (each failure is retried, like the next poll). */
  maxFailures?: number;
  /** Simulate a crash: drop every Nth listRuns result instead of ingesting it, then carry on from the stored cursor. */
  crashEvery?: number;
  /** Called after each committed page (e.g. to change the fake mid-sync). */
  afterPage?: (pageNumber: number) => void;
}

export interface Harness {
  fake: FakeN8n;
  core: Core;
  driver: N8nDriver;
  clock: ReturnType<typeof fakeTime>['clock'];
  sleeps: number[];
  failures: HttpFailure[];
  key: string;
  setKey(key: string | null): void;
  stats(): HttpStats;
  poll(options?: PollOptions): Promise<{ pages: number }>;
  ledger(): Map<string, RunDetail>;
  truth(): Map<string, string>;
  close(): Promise<void>;
}

export async function startHarness(options: { timeoutMs?: number } = {}): Promise<Harness> {
  const { clock, sleep, sleeps } = fakeTime(T0);
  const fake = await startFakeN8n({ state: new N8nState({ now: () => clock.now() }) });
  let key: string | null = fake.state.keys.issue({ expiresAt: T0 + 30 * 86_400_000 });
  const logger = createMemoryLogger();
  const http = createHttpClient({
    baseUrl: fake.url, clock, sleep, random: () => 0.5, timeoutMs: options.timeoutMs ?? 5_000, retries: 3,
    breaker: { failureThreshold: 50, halfOpenAfterMs: 1_000 }, logger,
  });
  const driver = createN8nDriver({
    config: { id: CONNECTOR_ID, kind: 'n8n', name: 'n8n (fake)', baseUrl: fake.url, options: {} },
    http, credential: () => Promise.resolve(key), clock, logger,
  });
  const core = createCore({ dataDir: ':memory:', clock, logger });
  core.ledger.connectors.create({ id: CONNECTOR_ID, kind: 'n8n', name: 'n8n (fake)', baseUrl: fake.url }, clock.now());
  const failures: HttpFailure[] = [];

  const unfinished = (): string[] => {
    const out: string[] = [];
    let cursor: string | null = null;
    do {
      const page = core.ledger.runs.list({ connectorIds: [CONNECTOR_ID], statuses: ['queued', 'running', 'waiting'] }, cursor, 500);
      out.push(...page.items.map((r) => r.externalId));
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };

  const harness: Harness = {
    fake, core, driver, clock, sleeps, failures,
    get key() { return key ?? ''; },
    setKey: (k) => { key = k; },
    stats: () => http.stats(),
    async poll(opts = {}) {
      const maxFailures = opts.maxFailures ?? 5;
      let failed = 0;
      let pages = 0;
      let calls = 0;
      for (;;) {
        const cursor = core.ledger.connectors.get(CONNECTOR_ID)!.cursor;
        let page;
        try {
          page = await driver.listRuns(cursor);
        } catch (error) {
          if (!(error instanceof HttpFailure)) throw error;
          failures.push(error);
          if (++failed > maxFailures) throw error;
          continue;
        }
        calls++;
        if (opts.crashEvery && calls % opts.crashEvery === 0) continue;
        core.ingest({ connectorId: CONNECTOR_ID, records: page.records, cursor: page.cursor });
        pages++;
        opts.afterPage?.(pages);
        if (!page.hasMore) break;
        if (pages > 2_000) throw new Error('n8n sync did not converge');
      }
      const stale = unfinished();
      if (stale.length) {
        const records = await driver.refreshRuns(stale);
        core.ingest({ connectorId: CONNECTOR_ID, records, cursor: core.ledger.connectors.get(CONNECTOR_ID)!.cursor });
      }
      return { pages };
    },
    ledger() {
      const out = new Map<string, RunDetail>();
      let cursor: string | null = null;
      do {
        const page = core.ledger.runs.list({ connectorIds: [CONNECTOR_ID] }, cursor, 500);
        for (const r of page.items) out.set(r.externalId, core.ledger.runs.get(r.id)!);
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    },
    truth() {
      return new Map([...fake.state.truth()].map(([id, status]) => [id, n8nStatus(status)]));
    },
    async close() {
      core.close();
      await fake.close();
    },
  };
  return harness;
}

/** Run count, request count and retries, for the one-line figure per scenario. */
export function figure(name: string, h: Harness): string {
  const s = h.stats();
  const kinds = h.failures.map((f) => f.kind);
  return `n8n-sync ${name}: runs=${h.ledger().size} requests=${h.fake.requests.length} retries=${s.retries} surfaced=[${kinds.join(',')}]`;
}
