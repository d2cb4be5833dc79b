import { createCore, type Core } from '../../core/app.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { HttpFailure } from '../../core/platform/http/types.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createMemorySecretStore } from '../../core/platform/secrets/memory-store.ts';
import type { Notifier } from '../../core/platform/notify/types.ts';

export const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
export const LONG = process.env['FLOWDECK_LONG'] === '1';

/**
 * A core for fuzzing: in memory, fixed time, a memory keychain, no network (every vendor request fails as
 * unreachable at once, every notification is swallowed), with a little of everything in the ledger.
 */
export function fuzzCore(): { core: Core; logger: ReturnType<typeof createMemoryLogger> } {
  const logger = createMemoryLogger();
  const secrets = createMemorySecretStore({ 'connector:c1': 'n8n-api-key-fuzz' });
  const offline = () => ({
    request: () => Promise.reject(new HttpFailure('unreachable', 'fuzz: no network')),
    stats: () => ({ requests: 0, retries: 0, failures: 0, budget: null, breaker: 'closed' as const }),
  });
  const silent: Notifier = { send: () => Promise.resolve() };
  const core = createCore({
    dataDir: ':memory:', clock: fixedClock(T0), logger,
    connectors: { secrets, createHttp: offline },
    alerting: { autoStart: false, secrets, notifiers: { slack: silent, teams: silent, webhook: silent, email: silent, desktop: silent } },
  });
  core.ledger.connectors.create({ id: 'c1', kind: 'n8n', name: 'n8n', baseUrl: 'http://127.0.0.1:9', secretRef: 'connector:c1' }, T0);
  core.ledger.connectors.create({ id: 'p1', kind: 'push', name: 'push' }, T0);
  core.ingest({ connectorId: 'c1', cursor: null, records: Array.from({ length: 20 }, (_, i) => ({
    externalId: `r${i}`, workflow: { externalId: `w${i % 3}`, name: `Workflow ${i % 3}` }, rawStatus: i % 4 === 0 ? 'error' : 'success',
    status: i % 4 === 0 ? 'failed' : 'success', startedAt: T0 - i * 600_000, durationMs: 100 + i, errorMessage: i % 4 === 0 ? `Boom ${i}` : null,
  })) });
  return { core, logger };
}
