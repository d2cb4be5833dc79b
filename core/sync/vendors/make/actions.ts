import { HttpFailure } from '../../../platform/http/types.ts';
import type { ConnectorActions } from '../types.ts';
import { objectIn, type MakeApi } from './api.ts';
import type { MakeScenario } from './mapper.ts';

/**
 * Run, start and stop a Make scenario (docs/vendors.md M9). `/run` needs the `scenarios:run` scope and an active
 * scenario; Make refuses with "Scenario is not activated" or "already being executed". `/start` on a started scenario
 * and `/stop` on a stopped one are errors whose wording is not documented: the scenario is read again, and when it is
 * already in the wanted state that is said as a success. Other refusals become plain words (a plain Error, so the
 * owner sees them as they are); transport failures stay HttpFailures.
 */
function vendorWords(error: HttpFailure): string {
  const body = error.body && typeof error.body === 'object' ? error.body as Record<string, unknown> : {};
  const said = [body['detail'], body['message']].find((v) => typeof v === 'string' && v.trim());
  return typeof said === 'string' ? said.trim() : error.message;
}

const refused = (error: unknown): error is HttpFailure =>
  error instanceof HttpFailure && (error.kind === 'client' || error.kind === 'auth') && error.status !== 401;

export function scenarioId(id: string): number {
  if (!/^\d+$/.test(id)) throw new HttpFailure('client', `"${id}" is not a Make scenario id.`);
  return Number(id);
}

/** What the driver knows of a scenario from its last listing. */
export interface KnownScenario { name: string; interval: boolean }

export function createMakeActions(api: MakeApi, known: (id: number) => KnownScenario | undefined): ConnectorActions {
  const label = (id: number) => known(id)?.name ?? `scenario ${id}`;

  async function isActive(id: number): Promise<boolean | null> {
    try {
      const s = objectIn<MakeScenario>(await api.get<unknown>(`/scenarios/${id}`), 'scenario', '/scenarios/{id}');
      return s.isActive === true && s.isPaused !== true;
    } catch {
      return null;
    }
  }

  async function toggle(id: number, on: boolean): Promise<string> {
    try {
      await api.post(`/scenarios/${id}/${on ? 'start' : 'stop'}`, {}, true);
    } catch (error) {
      if (!refused(error)) throw error;
      if (error.status === 403) throw new Error(`Make refused: the API token lacks the scenarios:write scope, needed to start or stop scenarios. Add it in Make → Profile → API access.`, { cause: error });
      if ((await isActive(id)) === on) return `Make ${label(id)} was already ${on ? 'active' : 'inactive'}.`;
      throw new Error(`Make would not ${on ? 'activate' : 'deactivate'} ${label(id)}: ${vendorWords(error)}`, { cause: error });
    }
    if (!on) return `Deactivated Make ${label(id)}.`;
    // docs/vendors.md M9: starting an interval scenario also runs it.
    return known(id)?.interval ? `Activated Make ${label(id)}; Make runs an interval scenario once as it starts.` : `Activated Make ${label(id)}.`;
  }

  return {
    async runWorkflow(externalWorkflowId) {
      const id = scenarioId(externalWorkflowId);
      let body: { executionId?: string } | null;
      try {
        body = await api.post<{ executionId?: string }>(`/scenarios/${id}/run`, { responsive: false }, false);
      } catch (error) {
        if (!refused(error)) throw error;
        const said = vendorWords(error);
        if (error.status === 403) throw new Error(`Make refused to run ${label(id)}: the API token lacks the scenarios:run scope. Add it in Make → Profile → API access.`, { cause: error });
        if (/not activated/i.test(said)) throw new Error(`Make runs only active scenarios: “${label(id)}” is off. Activate it first.`, { cause: error });
        if (/already being executed/i.test(said)) throw new Error(`“${label(id)}” is already running in Make; wait until it finishes, then run it again.`, { cause: error });
        throw new Error(`Make would not run ${label(id)}: ${said}`, { cause: error });
      }
      return body?.executionId ? `Started Make ${label(id)} (execution ${body.executionId}).` : `Asked Make to run ${label(id)}.`;
    },
    activateWorkflow: async (externalWorkflowId) => toggle(scenarioId(externalWorkflowId), true),
    deactivateWorkflow: async (externalWorkflowId) => toggle(scenarioId(externalWorkflowId), false),
  };
}
