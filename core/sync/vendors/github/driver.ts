import type { IngestRecord } from '../../ingest/record.ts';
import { HttpFailure } from '../../../platform/http/types.ts';
import type { ConnectorDriver, DriverFactory, WorkflowDefinition } from '../types.ts';
import { createGithubApi, githubRepos, listIn, parseLinks, repoPath } from './api.ts';
import { mapGithubWorkflow, parseGithubRunId, parseGithubWorkflowId, type GithubContent, type GithubRun, type GithubWorkflow } from './mapper.ts';
import { rerunGithubRun } from './rerun.ts';
import { DEFAULT_GITHUB_SYNC, githubListRuns, recordsFor, type GithubSyncContext } from './sync.ts';
import { testGithubConnection } from './test-connection.ts';
import { githubStepData } from './step-data.ts';

/** GitHub's primary limit for a personal or OAuth token: 5,000 requests an hour, counted per token (docs/vendors.md R3). */
export const GITHUB_TOKEN_BUDGET = { limit: 5000, windowMs: 3_600_000 };

const contentsPath = (repo: string, path: string) => `/repos/${repoPath(repo)}/contents/${path.split('/').map(encodeURIComponent).join('/')}`;

/**
 * GitHub Actions: API root (https://api.github.com), `Authorization: Bearer …`, options `{ repos: ["owner/name"] }`.
 * All reads use the ETag cache: a 304 costs no rate limit.
 */
export const createGithubDriver: DriverFactory = (deps): ConnectorDriver => {
  const api = createGithubApi(deps);
  const repos = githubRepos(deps.config.options);
  const options = { ...DEFAULT_GITHUB_SYNC };
  const overlap = deps.config.options['overlapMinutes'];
  if (typeof overlap === 'number' && overlap >= 0) options.overlapMs = overlap * 60_000;
  const ctx: GithubSyncContext = { api, repos: repos.repos, options, now: () => deps.clock.now(), logger: deps.logger, reruns: new Map() };

  async function workflowsOf(repo: string): Promise<WorkflowDefinition[]> {
    const out: WorkflowDefinition[] = [];
    for (let path: string | null = `/repos/${repoPath(repo)}/actions/workflows?per_page=100`; path; ) {
      const res: { body: unknown; headers: Record<string, string> } = await api.get<unknown>(path);
      for (const wf of listIn<GithubWorkflow>(res.body, 'workflows', path)) {
        let content: GithubContent | null = null;
        if (wf.state !== 'deleted' && wf.path) {
          try {
            content = (await api.get<GithubContent>(contentsPath(repo, wf.path))).body;
          } catch (error) {
            if (!(error instanceof HttpFailure) || (error.kind !== 'not_found' && error.kind !== 'auth')) throw error;
          }
        }
        out.push(mapGithubWorkflow(wf, repo, content));
      }
      const next: string | undefined = parseLinks(res.headers['link'])['next'];
      path = next ? api.pathOf(next) : null;
    }
    return out;
  }

  async function workflowAction(externalWorkflowId: string, verb: 'enable' | 'disable'): Promise<string> {
    const ref = parseGithubWorkflowId(externalWorkflowId);
    if (!ref) throw new HttpFailure('client', `"${externalWorkflowId}" is not a GitHub workflow id (owner/repo:workflow).`);
    await api.send('PUT', `/repos/${repoPath(ref.repo)}/actions/workflows/${ref.workflowId}/${verb}`, undefined, true);
    return `${verb === 'enable' ? 'Enabled' : 'Disabled'} GitHub workflow ${ref.workflowId} in ${ref.repo}.`;
  }

  return {
    kind: 'github',
    testConnection: () => testGithubConnection(api, deps.config.baseUrl, repos, async () => (await deps.credential()) !== null),

    async listWorkflows() {
      const out: WorkflowDefinition[] = [];
      for (const repo of repos.repos) out.push(...await workflowsOf(repo));
      return out;
    },

    listRuns: (cursor) => githubListRuns(ctx, cursor),

    async refreshRuns(externalRunIds) {
      const out: IngestRecord[] = [];
      for (const id of externalRunIds) {
        const ref = parseGithubRunId(id);
        if (!ref) continue;
        try {
          const res = await api.get<GithubRun>(`/repos/${repoPath(ref.repo)}/actions/runs/${ref.runId}/attempts/${ref.attempt}`);
          if (res.body && typeof res.body === 'object') out.push(...await recordsFor(ctx, ref.repo, res.body, false));
        } catch (error) {
          if (!(error instanceof HttpFailure) || error.kind !== 'not_found') throw error;
        }
      }
      return out;
    },

    stepData: (externalRunId) => githubStepData(api, externalRunId),

    actions: {
      rerunRun: (externalRunId) => rerunGithubRun(ctx, externalRunId),
      activateWorkflow: (id) => workflowAction(id, 'enable'),
      deactivateWorkflow: (id) => workflowAction(id, 'disable'),
    },
  };
};
