// Vendors limit requests per organisation (Make), per token (GitHub) or per IP address (Zapier), not per
// connector. Connectors spending one vendor limit share one budget window, so together they never exceed it.
// docs/vendors.md R1–R4.
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDriverRegistry } from '../../core/sync/vendors/registry.ts';
import { RuntimeCache, type HttpFactory, type HttpFactoryOptions, type RuntimeTarget } from '../../core/sync/runtime.ts';
import { createHttpClient } from '../../core/platform/http/client.ts';
import { fakeTime } from '../support/fake-time.ts';
import { createRateBudget } from '../../core/platform/http/rate-budget.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createMemorySecretStore } from '../../core/platform/secrets/memory-store.ts';
import { seedEstate } from '../fakes/make/estate.ts';
import { startFakeMake, type FakeMakeServer } from '../fakes/make/server.ts';

const T0 = Date.UTC(2026, 10, 25, 12);
const MINUTE = 60_000;
let fake: FakeMakeServer | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

function target(id: string, kind: RuntimeTarget['kind'], baseUrl: string, config: Record<string, unknown>, secretRef: string) {
  return { id, kind, name: id, baseUrl, config, secretRef };
}

/** Syncs one connector to the end of its history (bounded), backing off in fake time when refused. */
async function syncAll(runtime: NonNullable<ReturnType<RuntimeCache['get']>>, sleep: (ms: number) => Promise<void>): Promise<number> {
  let cursor: string | null = null;
  let records = 0;
  for (let pages = 0; pages < 500; pages++) {
    try {
      const page = await runtime.driver.listRuns(cursor);
      records += page.records.length;
      cursor = page.cursor;
      if (!page.hasMore) return records;
    } catch {
      await sleep(5_000);
    }
  }
  throw new Error('the sync did not finish in 500 pages');
}

describe('vendor limits shared between connectors', () => {
  it('two connectors on one Make organisation never exceed its 60 requests/min together (counted at the fake)', async () => {
    const time = fakeTime(T0);
    fake = await startFakeMake({ clock: time.clock });
    fake.state.addOrg({ id: 501, name: 'Acme Ops', apiLimit: 60, zone: new URL(fake.url).host });
    fake.state.addToken('token-ops', 501);
    fake.state.addToken('token-sales', 501);
    seedEstate(fake.state, { orgId: 501, scenarios: 12, logsPerScenario: 200, spacingMs: 10 * MINUTE, failureRate: 0.05, seed: 4 });
    const createHttp: HttpFactory = (o) => createHttpClient({ ...o, sleep: time.sleep, random: () => 0.5, timeoutMs: 250 });
    const cache = new RuntimeCache({
      registry: defaultDriverRegistry(), secrets: createMemorySecretStore({ ops: 'token-ops', sales: 'token-sales' }),
      clock: time.clock, logger: createMemoryLogger(), createHttp,
    });
    const options = { organizationId: 501, plan: 'core' };
    const ops = cache.get(target('mk-ops', 'make', fake.url, options, 'ops'))!;
    const sales = cache.get(target('mk-sales', 'make', fake.url, options, 'sales'))!;

    const [a, b] = await Promise.all([syncAll(ops, time.sleep), syncAll(sales, time.sleep)]);
    expect(a).toBeGreaterThan(0);
    expect(a).toBe(b);
    expect(fake.state.arrivals.length).toBeGreaterThan(120);
    expect(fake.state.maxInAnyWindow(MINUTE)).toBeLessThanOrEqual(60);
    expect(fake.state.limited).toBe(0);
  });

  it('GitHub shares a budget between connectors with the same token, Zapier between all its connectors, Make per organisation', async () => {
    const time = fakeTime(T0);
    const seen = new Map<string, HttpFactoryOptions>();
    const cache = new RuntimeCache({
      registry: defaultDriverRegistry(), secrets: createMemorySecretStore({ t1: 'ghp_same', t2: 'ghp_same', t3: 'ghp_other', z: 'zap' }),
      clock: time.clock, logger: createMemoryLogger(),
      createHttp: (o) => {
        seen.set(o.baseUrl + String(seen.size), o);
        return { request: () => Promise.reject(new Error('no HTTP here')), stats: () => ({ requests: 0, retries: 0, failures: 0, budget: null, breaker: 'closed' }) };
      },
    });
    const budgetOf = (t: ReturnType<typeof target>) => {
      cache.get(t);
      const o = [...seen.values()].at(-1)!;
      return createRateBudget(o.budget, { clock: time.clock, sleep: time.sleep });
    };
    const gh = (id: string, ref: string) => budgetOf(target(id, 'github', 'https://api.github.com', { owner: id }, ref));
    const [g1, g2, g3] = [gh('g1', 't1'), gh('g2', 't2'), gh('g3', 't3')];
    await g1.acquire();
    await g2.acquire();
    await g3.acquire();
    expect([g1.usage()?.used, g2.usage()?.used, g3.usage()?.used]).toEqual([2, 2, 1]);

    const z1 = budgetOf(target('z1', 'zapier', 'https://api.zapier.com', {}, 'z'));
    const z2 = budgetOf(target('z2', 'zapier', 'https://api.zapier.com', {}, 'z'));
    await z1.acquire();
    await z2.acquire();
    expect(z1.usage()).toEqual({ limit: 60, used: 2, windowMs: MINUTE });

    const m1 = budgetOf(target('m1', 'make', 'https://eu1.make.com', { organizationId: 1, plan: 'pro' }, 'z'));
    const m2 = budgetOf(target('m2', 'make', 'https://eu1.make.com', { organizationId: 2, plan: 'pro' }, 'z'));
    const m3 = budgetOf(target('m3', 'make', 'https://eu1.make.com', { organizationId: 1, plan: 'core' }, 'z'));
    await m1.acquire();
    await m2.acquire();
    await m3.acquire();
    // One organisation's connectors share one window, at the smaller limit either was given.
    expect([m1.usage(), m2.usage()?.used]).toEqual([{ limit: 60, used: 2, windowMs: MINUTE }, 1]);
  });
});
