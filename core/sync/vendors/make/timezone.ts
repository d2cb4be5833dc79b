import type { Logger } from '../../../platform/logger.ts';
import { HttpFailure } from '../../../platform/http/types.ts';
import type { MakeApi, MakeScope } from './api.ts';

/**
 * The organisation's time zone, for reading schedule times (docs/vendors.md M11). Make gives a numeric `timezoneId`
 * on the organisation; `GET /enums/timezones` → `{ timezones: [{ id, name, code, offset }] }` turns it into an IANA
 * code ("Europe/Prague"). The enum is read once per driver; the organisation at most every `refreshMs`. Anything that
 * fails leaves the zone unknown (schedules read in UTC) and is said once.
 */
interface Zone { id: number; name?: string; code?: string }

const HOUR = 3_600_000;

function validZone(name: unknown): string | null {
  if (typeof name !== 'string' || !name) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name;
  } catch {
    return null;
  }
}

export function createMakeTimezone(api: MakeApi, scope: MakeScope, now: () => number, logger: Logger, refreshMs = HOUR) {
  let zones: Map<number, string | null> | null = null;
  let known: { at: number; zone: string | null } | null = null;
  let warned = false;
  const unknown = (why: string): null => {
    if (!warned) logger.warn(`Make organisation time zone unknown (${why}); reading Make schedule times in UTC. Said once per connector.`, { organizationId: scope.organizationId });
    warned = true;
    return null;
  };

  async function resolve(): Promise<string | null> {
    if (scope.organizationId === null) return unknown('the connector watches a team, not an organisation');
    const body = await api.get<{ organization?: { timezoneId?: unknown } }>(`/organizations/${scope.organizationId}`);
    const id = body?.organization?.timezoneId;
    if (typeof id !== 'number') return unknown('the organisation has no timezoneId');
    if (!zones || !zones.has(id)) {
      const list = await api.get<{ timezones?: Zone[] }>('/enums/timezones');
      zones = new Map((Array.isArray(list?.timezones) ? list.timezones : []).map((z) => [z.id, validZone(z.code) ?? validZone(z.name)]));
    }
    return zones.get(id) ?? unknown(`timezoneId ${id} is not a zone this machine knows`);
  }

  return {
    /** The IANA zone, or null (UTC); never throws for a missing or odd answer, only for what stops the sync. */
    async get(): Promise<string | null> {
      if (known && now() - known.at < refreshMs) return known.zone;
      try {
        known = { at: now(), zone: await resolve() };
      } catch (error) {
        if (!(error instanceof HttpFailure) || ['auth', 'rate_limited', 'circuit_open'].includes(error.kind)) throw error;
        known = { at: now(), zone: known?.zone ?? unknown(error.message) };
      }
      return known.zone;
    },
  };
}
