import { auditActorOf } from '../contract/actor.ts';
import { CoreError } from '../contract/errors.ts';
import type { Handlers } from '../contract/handlers.ts';
import type { UsageMeasure } from '../contract/usage.ts';
import type { Clock } from '../platform/clock.ts';
import type { Ledger } from '../store/ledger.ts';
import { vendorUsage } from './measures.ts';
import { usageSummary } from './summary.ts';

type Names = 'usage/get-summary' | 'usage/set-plan';

export interface UsageHandlerDeps {
  ledger: Pick<Ledger, 'usage' | 'audit' | 'write'>;
  clock: Clock;
  /** A plan changed (the core emits ledger/changed). */
  changed: () => void;
}

const invalid = (field: string, message: string) => new CoreError({ kind: 'validation', code: 'invalid_input', message: `${field}: ${message}`, field });

/** The `usage/*` methods: each connector's use against its plan, and setting the plan (audited). */
export function usageHandlers(deps: UsageHandlerDeps): Pick<Handlers, Names> {
  const { ledger, clock } = deps;
  return {
    'usage/get-summary': async () => {
      const now = clock.now();
      return { now, connectors: usageSummary(ledger.usage, now) };
    },
    'usage/set-plan': async (input, ctx) => {
      const now = clock.now();
      const connector = ledger.usage.connectors().find((c) => c.id === input.connectorId);
      if (!connector) throw invalid('connectorId', 'no such connector');
      const vendor = vendorUsage(connector.kind);
      if (!vendor.measures.includes(input.measure as UsageMeasure)) {
        throw invalid('measure', `${connector.name} is counted in ${vendor.measures.join(' or ')}`);
      }
      const before = ledger.usage.plans().find((p) => p.connectorId === input.connectorId);
      // A typed figure keeps the moment it was first typed until it changes, so later edits of the quota do not move it.
      const typedAt = input.typedUsed === null ? null : before?.typedUsed === input.typedUsed ? before.typedAt : now;
      ledger.write(() => {
        ledger.usage.setPlan({ connectorId: input.connectorId, measure: input.measure, quota: input.quota, billingDay: input.billingDay,
          typedUsed: input.typedUsed, typedAt, updatedAt: now });
        const detail = `${input.quota === null ? 'no quota' : `quota ${input.quota} ${input.measure}`}, cycle begins on day ${input.billingDay}` +
          (input.typedUsed === null ? '' : `, ${input.typedUsed} used as read on the vendor's page`);
        ledger.audit.append({ ...auditActorOf(ctx), action: 'usage.plan-set', target: `connector:${input.connectorId}`, detail }, now);
      });
      deps.changed();
      return { ok: true as const };
    },
  };
}
