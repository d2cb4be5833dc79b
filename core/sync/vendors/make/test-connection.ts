import { HttpFailure } from '../../../platform/http/types.ts';
import type { TestOutcome } from '../types.ts';
import { listIn, objectIn, scopeQuery, type MakeApi, type MakeScope } from './api.ts';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A failed request in words that say what to check. */
export function makeVerdict(error: unknown, zoneUrl: string): TestOutcome {
  const host = hostOf(zoneUrl);
  if (!(error instanceof HttpFailure)) return { ok: false, reason: 'error', message: `Unexpected problem while testing Make: ${String(error)}` };
  switch (error.kind) {
    case 'auth':
      return error.status === 403
        ? { ok: false, reason: 'credentials_rejected', message: `Make refused access (403): the API token lacks a scope. It needs scenarios:read (and scenarios:write to start or stop, scenarios:run to run scenarios).` }
        : { ok: false, reason: 'credentials_rejected', message: `Make rejected the API token (401). Check the token in Make → Profile → API access, and that ${host} is your organisation's zone (a token only works in its own zone).` };
    case 'unreachable':
    case 'circuit_open':
      return { ok: false, reason: 'unreachable', message: `${error.message} Check the zone URL (for example https://eu1.make.com) and this machine's network.` };
    case 'tls':
      return { ok: false, reason: 'tls_error', message: error.message };
    case 'timeout':
      return { ok: false, reason: 'timeout', message: `${host} did not answer in time. Check the zone URL and the network, then try again.` };
    case 'rate_limited':
      return { ok: false, reason: 'rate_limited', message: `Make says the organisation's API request limit is used up for now; try again in a minute.` };
    case 'bad_response':
    case 'not_found':
      return { ok: false, reason: 'wrong_server', message: `${host} does not answer like a Make zone (the Make API lives under /api/v2). Use your zone's address, for example https://eu1.make.com.` };
    default:
      return { ok: false, reason: 'error', message: error.message };
  }
}

interface Organization { id: number; name?: string; zone?: string; license?: { apiLimit?: number } | null }

/**
 * Test connection: the token works in this zone (`/users/me`), the organisation exists here and the scenarios
 * can be listed. Never throws.
 */
export async function testMakeConnection(api: MakeApi, scope: MakeScope, hasCredential: () => Promise<boolean>): Promise<TestOutcome> {
  if (!(await hasCredential())) return { ok: false, reason: 'no_credential', message: 'No Make API token is stored for this connector. Create one in Make → Profile → API access and paste it here.' };
  if (scope.organizationId === null && scope.teamId === null) {
    return { ok: false, reason: 'error', message: 'Set the organisation id: it is the number after /organization/ in the Make address bar.' };
  }
  const host = hostOf(api.zoneUrl);
  try {
    const me = await api.get<unknown>('/users/me');
    objectIn(me, 'authUser', '/users/me');
  } catch (error) {
    return makeVerdict(error, api.zoneUrl);
  }
  let label = scope.organizationId !== null ? `organisation ${scope.organizationId}` : `team ${scope.teamId}`;
  let limitNote = '';
  if (scope.organizationId !== null) {
    try {
      const org = objectIn<Organization>(await api.get<unknown>(`/organizations/${scope.organizationId}`), 'organization', '/organizations/{id}');
      if (org.zone && org.zone !== host) {
        return { ok: false, reason: 'wrong_server', message: `Organisation ${scope.organizationId} lives in zone ${org.zone}, not ${host}: set the zone URL to https://${org.zone}.` };
      }
      label = `organisation "${org.name ?? scope.organizationId}"`;
      if (typeof org.license?.apiLimit === 'number') limitNote = ` API limit ${org.license.apiLimit} requests/min.`;
    } catch (error) {
      if (error instanceof HttpFailure && error.kind === 'not_found') {
        return { ok: false, reason: 'error', message: `Make has no organisation ${scope.organizationId} in zone ${host}, or this token cannot see it: check the organisation id and the zone.` };
      }
      return makeVerdict(error, api.zoneUrl);
    }
  }
  try {
    let count = 0;
    for (let offset = 0; ; ) {
      const body = await api.get<unknown>('/scenarios', { ...scopeQuery(scope), 'cols[]': ['id'], 'pg[offset]': offset, 'pg[limit]': 100 });
      const page = listIn<unknown>(body, 'scenarios', '/scenarios');
      count += page.length;
      offset += page.length;
      if (page.length < 100) break;
    }
    return { ok: true, workflows: count, message: `Connected to Make ${label} (${host}): ${count} scenario${count === 1 ? '' : 's'}.${limitNote}` };
  } catch (error) {
    return makeVerdict(error, api.zoneUrl);
  }
}
