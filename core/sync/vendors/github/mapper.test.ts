import { describe, expect, it } from 'vitest';
import { normalise } from '../../ingest/normalize.ts';
import { IngestRecord } from '../../ingest/record.ts';
import { parseLinks } from './api.ts';
import {
  decodeContent, failingStepOf, githubRawStatus, githubRunStatus, mapGithubRun, mapGithubWorkflow, parseGithubRunId, parseGithubWorkflowId,
  type GithubJob, type GithubRun,
} from './mapper.ts';

// Shapes from docs/vendors.md G9 (WorkflowRun, jobs, workflows, contents).
const run = (over: Partial<GithubRun> = {}): GithubRun => ({
  id: 30433642, name: 'Build', display_title: 'Update README.md', workflow_id: 159038, path: '.github/workflows/build.yml@main',
  run_number: 562, run_attempt: 1, event: 'push', status: 'completed', conclusion: 'success', head_branch: 'main',
  head_sha: 'acb5820ced9479c074f688cc328bf03f341a511d', html_url: 'https://github.com/octo-org/octo-repo/actions/runs/30433642',
  created_at: '2026-11-25T10:00:00Z', updated_at: '2026-11-25T10:04:30Z', run_started_at: '2026-11-25T10:00:05Z', ...over,
});

const jobs: GithubJob[] = [
  { id: 1, name: 'lint', status: 'completed', conclusion: 'success', steps: [{ name: 'Run eslint', status: 'completed', conclusion: 'success', number: 1 }] },
  {
    id: 2, name: 'test', status: 'completed', conclusion: 'failure', steps: [
      { name: 'Set up job', status: 'completed', conclusion: 'success', number: 1 },
      { name: 'Run npm test', status: 'completed', conclusion: 'failure', number: 2 },
      { name: 'Post checkout', status: 'completed', conclusion: 'skipped', number: 3 },
    ],
  },
];

describe('githubRunStatus: status/conclusion pairs (docs/vendors.md G8)', () => {
  it.each([
    ['completed', 'success', 'success'], ['completed', 'failure', 'failed'], ['completed', 'timed_out', 'failed'],
    ['completed', 'startup_failure', 'failed'], ['completed', 'cancelled', 'canceled'], ['completed', 'skipped', 'skipped'],
    ['completed', 'stale', 'skipped'], ['completed', 'neutral', 'warning'], ['completed', 'action_required', 'waiting'],
    ['in_progress', null, 'running'], ['queued', null, 'queued'], ['requested', null, 'queued'], ['pending', null, 'queued'],
    ['waiting', null, 'waiting'], ['completed', null, 'unknown'], ['completed', 'brand_new', 'unknown'],
  ] as const)('%s / %s → %s', (status, conclusion, expected) => {
    expect(githubRunStatus(status, conclusion)).toBe(expected);
    const r = mapGithubRun(run({ status, conclusion }), 'octo-org/octo-repo');
    expect(r.status).toBe(expected);
    expect(r.rawStatus).toBe(githubRawStatus(status, conclusion));
    expect(normalise(IngestRecord.parse(r)).status).toBe(expected);
  });

  it('keeps the raw pair verbatim', () => {
    expect(githubRawStatus('completed', 'startup_failure')).toBe('completed/startup_failure');
    expect(githubRawStatus('in_progress', null)).toBe('in_progress');
    expect(githubRawStatus(null, null)).toBe('unknown');
  });
});

describe('mapGithubRun', () => {
  it('maps a successful run: ids, workflow, times from run_started_at to updated_at, event, link', () => {
    const r = mapGithubRun(run(), 'octo-org/octo-repo');
    expect(r).toEqual({
      externalId: 'octo-org/octo-repo:30433642',
      workflow: { externalId: 'octo-org/octo-repo:159038', name: 'Build (octo-org/octo-repo)' },
      rawStatus: 'completed/success', status: 'success',
      startedAt: '2026-11-25T10:00:05Z', finishedAt: Date.parse('2026-11-25T10:04:30Z'), durationMs: 265_000,
      errorMessage: null, failingStep: null, mode: 'push',
      deepLink: 'https://github.com/octo-org/octo-repo/actions/runs/30433642', retryOf: null,
      // No jobs read: no minutes to estimate.
      usage: null,
    });
    expect(IngestRecord.safeParse(r).success).toBe(true);
  });

  it('names the failing job and step of a failed run', () => {
    const r = mapGithubRun(run({ conclusion: 'failure' }), 'octo-org/octo-repo', jobs);
    expect(r).toMatchObject({ status: 'failed', errorMessage: 'Job "test" failed at step "Run npm test".', failingStep: 'test › Run npm test' });
  });

  it('says what it can without jobs: timed out and startup failures carry a message, plain failures none', () => {
    expect(mapGithubRun(run({ conclusion: 'timed_out' }), 'o/r').errorMessage).toBe('The workflow run timed out.');
    expect(mapGithubRun(run({ conclusion: 'startup_failure' }), 'o/r').errorMessage).toMatch(/failed to start/);
    expect(mapGithubRun(run({ conclusion: 'failure' }), 'o/r')).toMatchObject({ errorMessage: null, failingStep: null });
  });

  it('keeps a run in progress open and falls back to created_at for the start', () => {
    const r = mapGithubRun(run({ status: 'in_progress', conclusion: null, run_started_at: null }), 'o/r');
    expect(r).toMatchObject({ status: 'running', startedAt: '2026-11-25T10:00:00Z', finishedAt: null, durationMs: null });
  });

  it('makes each re-run attempt its own execution pointing at the attempt before', () => {
    const r = mapGithubRun(run({ run_attempt: 3, run_started_at: '2026-11-25T11:00:00Z', updated_at: '2026-11-25T11:02:00Z' }), 'octo-org/octo-repo');
    expect(r).toMatchObject({
      externalId: 'octo-org/octo-repo:30433642:3', retryOf: 'octo-org/octo-repo:30433642:2', durationMs: 120_000,
      deepLink: 'https://github.com/octo-org/octo-repo/actions/runs/30433642/attempts/3',
    });
    expect(mapGithubRun(run({ run_attempt: 2 }), 'o/r').retryOf).toBe('o/r:30433642');
    expect(parseGithubRunId('octo-org/octo-repo:30433642:3')).toEqual({ repo: 'octo-org/octo-repo', runId: 30433642, attempt: 3 });
    expect(parseGithubRunId('octo-org/octo-repo:30433642')).toEqual({ repo: 'octo-org/octo-repo', runId: 30433642, attempt: 1 });
    expect(parseGithubRunId('nonsense')).toBeNull();
  });

  it('picks the first failed job and tolerates jobs without steps', () => {
    expect(failingStepOf([{ id: 3, name: 'e2e', status: 'completed', conclusion: 'timed_out' }])).toEqual({ job: 'e2e', step: null });
    expect(failingStepOf([jobs[0]!])).toBeNull();
    expect(mapGithubRun(run({ conclusion: 'timed_out' }), 'o/r', [{ id: 3, name: 'e2e', status: 'completed', conclusion: 'timed_out' }]))
      .toMatchObject({ errorMessage: 'Job "e2e" timed out.', failingStep: 'e2e' });
  });
});

describe('workflows and paging', () => {
  it('maps a workflow with its YAML file as the definition, the file sha as the version', () => {
    const yaml = 'name: Build\non: [push]\njobs: {}\n';
    const content = { sha: '3d21ec53a331a6f037a91c368710b99387d012c1', encoding: 'base64', content: `${Buffer.from(yaml).toString('base64')}\n` };
    const w = mapGithubWorkflow({
      id: 161335, name: 'Build', path: '.github/workflows/build.yml', state: 'disabled_manually', created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-11-20T08:00:00Z', html_url: 'https://github.com/octo-org/octo-repo/blob/main/.github/workflows/build.yml',
    }, 'octo-org/octo-repo', content);
    expect(w).toMatchObject({
      externalId: 'octo-org/octo-repo:161335', name: 'Build (octo-org/octo-repo)', active: false, archived: false,
      vendorVersionId: content.sha, updatedAt: Date.parse('2026-11-20T08:00:00Z'), tags: ['octo-org/octo-repo'],
      definition: { path: '.github/workflows/build.yml', state: 'disabled_manually', yaml },
    });
    expect(mapGithubWorkflow({ id: 1, name: 'Old', path: 'x.yml', state: 'deleted' }, 'o/r', null)).toMatchObject({ archived: true, active: false, vendorVersionId: null });
    expect(decodeContent({ encoding: 'utf-8', content: 'x' })).toBeNull();
    expect(parseGithubWorkflowId('o/r:161335')).toEqual({ repo: 'o/r', workflowId: 161335 });
  });

  it('parses Link headers', () => {
    const link = '<https://api.github.com/repositories/1300192/actions/runs?per_page=100&page=2>; rel="next", <https://api.github.com/repositories/1300192/actions/runs?per_page=100&page=5>; rel="last"';
    expect(parseLinks(link)).toEqual({
      next: 'https://api.github.com/repositories/1300192/actions/runs?per_page=100&page=2',
      last: 'https://api.github.com/repositories/1300192/actions/runs?per_page=100&page=5',
    });
    expect(parseLinks(undefined)).toEqual({});
  });
});
