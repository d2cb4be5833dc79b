import type { FakeMakeState, FakeScenario } from './state.ts';

/**
 * The fake Make zone's control routes (`POST /scenarios/{id}/start|stop|run`, docs/vendors.md M9). They refuse as
 * Make does: `/run` needs the `scenarios:run` scope and an active scenario that is not already running; `/start` on a
 * started scenario and `/stop` on a stopped one are errors. The messages are Make's where documented ("Scenario is
 * not activated", "already being executed"); status codes and the other wordings are assumptions in Make's generic
 * error body `{ message, detail?, code? }`.
 */
type Json = Record<string, unknown>;
export type Answer = { status: number; body: Json };

const ok = (body: Json): Answer => ({ status: 200, body });
const fail = (status: number, message: string, detail?: string): Answer => ({ status, body: { message, ...(detail ? { detail } : {}) } });

function missingScope(scopes: string[], scope: string): Answer | null {
  return scopes.includes(scope) ? null : fail(403, 'Access denied.', `This API token lacks the required scope ${scope}.`);
}

/** Activation state changes are also change-log entries in `/logs`. docs/vendors.md M5 */
export function startScenario(state: FakeMakeState, s: FakeScenario, scopes: string[]): Answer {
  const refused = missingScope(scopes, 'scenarios:write');
  if (refused) return refused;
  if (s.isinvalid) return { status: 400, body: { message: 'Scenario is invalid.', detail: 'The scenario cannot be activated because it is invalid.', code: 'IM007' } };
  // docs/vendors.md M9: starting a started scenario is an error (wording assumed).
  if (s.isActive && !s.isPaused) return fail(400, 'Scenario is already active.');
  s.isActive = true;
  s.isPaused = false;
  state.addChange(s.id, { action: 'start', isActive: true });
  // docs/vendors.md M9: activating an interval scenario runs it at once (a trigger check that found nothing here).
  if (s.scheduling.type === 'indefinitely') state.addCheckRun(s.id);
  return ok({ scenario: { id: s.id, isActive: true } });
}

export function stopScenario(state: FakeMakeState, s: FakeScenario, scopes: string[]): Answer {
  const refused = missingScope(scopes, 'scenarios:write');
  if (refused) return refused;
  // docs/vendors.md M9: stopping a stopped scenario is an error (wording assumed).
  if (!s.isActive) return fail(400, 'Scenario is already inactive.');
  s.isActive = false;
  state.addChange(s.id, { action: 'stop', isActive: false });
  return ok({ scenario: { id: s.id, isActive: false } });
}

export function runScenario(state: FakeMakeState, s: FakeScenario, scopes: string[], body: string): Answer {
  let input: Json;
  try {
    input = body ? JSON.parse(body) as Json : {};
  } catch {
    return fail(400, 'Invalid JSON body.');
  }
  const refused = missingScope(scopes, 'scenarios:run');
  if (refused) return refused;
  if (!s.isActive || s.isPaused) return fail(400, 'Scenario is not activated.');
  if ((state.logs.get(s.id) ?? []).some((l) => l.status === 0)) return fail(400, 'Scenario is already being executed.');
  const log = state.addLog(s.id, { status: input['responsive'] === false ? 0 : 1, type: 'manual' });
  return ok({ executionId: log.id, ...(input['responsive'] === false ? {} : { status: 1, outputs: {} }) });
}

/**
 * `GET /enums/timezones` → `{ timezones: [{ id, name, code, offset }] }` (the official SDK's `Timezone` type). The ids
 * here are the fake's own: Make's real numbering is not documented to us. docs/vendors.md M11
 */
export const FAKE_TIMEZONES = [
  { id: 1, name: 'UTC', code: 'Etc/UTC', offset: '+00:00' },
  { id: 113, name: 'Prague', code: 'Europe/Prague', offset: '+01:00' },
  { id: 150, name: 'New York', code: 'America/New_York', offset: '-05:00' },
  { id: 224, name: 'Tokyo', code: 'Asia/Tokyo', offset: '+09:00' },
];
