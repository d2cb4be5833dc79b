import { HttpFailure } from '../../../platform/http/types.ts';
import type { TestOutcome } from '../types.ts';
import { repoPath, totalCount, type GithubApi } from './api.ts';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const WHERE = 'GitHub → Settings → Developer settings → Personal access tokens';

/** A failed request in words that say what to check. */
export function githubVerdict(error: unknown, baseUrl: string): TestOutcome {
  const host = hostOf(baseUrl);
  if (!(error instanceof HttpFailure)) return { ok: false, reason: 'error', message: `Unexpected problem while testing GitHub: ${String(error)}` };
  switch (error.kind) {
    case 'auth':
      return error.status === 403
        ? { ok: false, reason: 'credentials_rejected', message: `GitHub refused access (403): the token lacks a permission. It needs "Actions: read" (fine-grained) or the "repo" scope (classic) for private repositories; re-running needs write access.` }
        : { ok: false, reason: 'credentials_rejected', message: `GitHub rejected the token (401): it may have expired or been revoked. Make a new one in ${WHERE}.` };
    case 'unreachable':
    case 'circuit_open':
      return { ok: false, reason: 'unreachable', message: `${error.message} Check the API address (https://api.github.com, or https://<host>/api/v3 for GitHub Enterprise Server) and this machine's network.` };
    case 'tls':
      return { ok: false, reason: 'tls_error', message: error.message };
    case 'timeout':
      return { ok: false, reason: 'timeout', message: `${host} did not answer in time. Check the API address and the network, then try again.` };
    case 'rate_limited':
      return { ok: false, reason: 'rate_limited', message: `GitHub says this token's request limit is used up${error.retryAt ? ` until ${new Date(error.retryAt).toISOString().slice(11, 16)} UTC` : ''}; try again then.` };
    case 'bad_response':
    case 'not_found':
      return { ok: false, reason: 'wrong_server', message: `${host} does not answer like the GitHub REST API. Use https://api.github.com (or https://<host>/api/v3 for GitHub Enterprise Server).` };
    default:
      return { ok: false, reason: 'error', message: error.message };
  }
}

/**
 * Test connection: the token is accepted (`GET /user`), every configured repository is visible and its
 * workflows can be listed. Never throws.
 */
export async function testGithubConnection(api: GithubApi, baseUrl: string, repos: { repos: string[]; invalid: string[] }, hasCredential: () => Promise<boolean>): Promise<TestOutcome> {
  if (!(await hasCredential())) return { ok: false, reason: 'no_credential', message: `No GitHub token is stored for this connector. Make one in ${WHERE} and paste it here.` };
  if (repos.invalid.length > 0) return { ok: false, reason: 'error', message: `Repositories must be written owner/name; these are not: ${repos.invalid.join(', ')}.` };
  if (repos.repos.length === 0) return { ok: false, reason: 'error', message: 'List the repositories to watch, as owner/name (for example octo-org/website).' };
  let login: string;
  let limitNote = '';
  try {
    const me = await api.get<{ login?: string }>('/user', { etag: false });
    if (!me.body || typeof me.body.login !== 'string') {
      return { ok: false, reason: 'wrong_server', message: `${hostOf(baseUrl)} answered /user without a login: it does not look like the GitHub REST API.` };
    }
    login = me.body.login;
    const remaining = me.headers['x-ratelimit-remaining'];
    const limit = me.headers['x-ratelimit-limit'];
    if (remaining !== undefined && limit !== undefined) limitNote = ` Rate limit ${limit}/h, ${remaining} left.`;
  } catch (error) {
    return githubVerdict(error, baseUrl);
  }
  let workflows = 0;
  for (const repo of repos.repos) {
    try {
      const res = await api.get<unknown>(`/repos/${repoPath(repo)}/actions/workflows?per_page=100`, { etag: false });
      workflows += totalCount(res.body) ?? 0;
    } catch (error) {
      if (error instanceof HttpFailure && error.kind === 'not_found') {
        return { ok: false, reason: 'error', message: `GitHub has no repository ${repo}, or the token cannot see it: check the name, and that the token has access to it ("Actions: read").` };
      }
      return githubVerdict(error, baseUrl);
    }
  }
  const n = repos.repos.length;
  return { ok: true, workflows, message: `Connected to GitHub as ${login}: ${n} repositor${n === 1 ? 'y' : 'ies'}, ${workflows} workflow${workflows === 1 ? '' : 's'}.${limitNote}` };
}
