import { auditActorOf } from '../contract/actor.ts';
import { CoreError } from '../contract/errors.ts';
import type { Handlers } from '../contract/handlers.ts';
import type { IngestPage, IngestResult } from '../sync/ingest/record.ts';
import type { Clock } from '../platform/clock.ts';
import type { EventBus } from '../rpc/event-bus.ts';
import type { Ledger } from '../store/ledger.ts';
import { errorGroups } from './errors.ts';
import { overview } from './overview.ts';
import { pruneRuns } from './retention.ts';
import { slaReport } from './sla.ts';
import { slaContextSource } from './sla-context.ts';

export type MonitoringMethods = 'monitoring/get-overview' | 'monitoring/list-error-groups' | 'monitoring/get-sla'
  | 'monitoring/search-errors' | 'monitoring/get-retention' | 'monitoring/set-retention' | 'monitoring/prune-runs'
  | 'testing/ingest-page';

export interface MonitoringDeps {
  ledger: Ledger;
  clock: Clock;
  events: EventBus;
  ingest: (page: IngestPage) => IngestResult;
  /** FLOWDECK_TEST_MODE=1: allows testing/ingest-page (e2e drives live updates through it). */
  testMode: boolean;
}

export function monitoringHandlers(deps: MonitoringDeps): Pick<Handlers, MonitoringMethods> {
  const { ledger, clock, events } = deps;
  const { monitoring: repo, errorSearch: search, retention } = ledger;
  const slaContext = slaContextSource(ledger);
  const extras = { incidents: ledger.incidents, versions: ledger.versions };
  return {
    'monitoring/get-overview': async (range) => overview(ledger, repo, range, clock.now(), extras),
    'monitoring/list-error-groups': async (range) => errorGroups(repo, range),
    'monitoring/get-sla': async (range) => slaReport(repo, range, slaContext(clock.now())),
    'monitoring/search-errors': async ({ query, filter, limit }) => {
      const { groups, runs } = search.search(query, filter, limit);
      return { groups: groups.map(({ fingerprint, template, sampleMessage }) => ({ fingerprint, template, sampleMessage })), runs };
    },
    'monitoring/get-retention': async () => ({ keepDays: retention.keepDays() }),
    // Shortening retention deletes history, so both writes are audited with what they changed.
    'monitoring/set-retention': async ({ keepDays }, ctx) => {
      const before = retention.keepDays();
      retention.setKeepDays(keepDays, clock.now());
      ledger.audit.append({ ...auditActorOf(ctx), action: 'monitoring/set-retention', target: 'retention', detail: { before, after: keepDays } }, clock.now());
      return { keepDays };
    },
    'monitoring/prune-runs': async ({ batchSize }, ctx) => {
      const result = await pruneRuns(retention, clock.now(), batchSize);
      if (result.deleted > 0) {
        ledger.audit.append({ ...auditActorOf(ctx), action: 'monitoring/prune-runs', target: 'runs', detail: { deleted: result.deleted } }, clock.now());
        events.emit('ledger/changed', { tables: ['runs'], connectorId: null });
      }
      return result;
    },
    'testing/ingest-page': async ({ connectorId, records }) => {
      if (!deps.testMode) {
        throw new CoreError({ kind: 'auth', code: 'test_mode_only', message: 'testing/ingest-page only answers when FLOWDECK_TEST_MODE=1.' });
      }
      const result = deps.ingest({ connectorId, cursor: null, records });
      return { inserted: result.inserted, updated: result.updated };
    },
  };
}
