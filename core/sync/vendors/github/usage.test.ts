import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GithubJob } from './mapper.ts';
import { githubRunUsage, jobMinutes, runnerMultiplier } from './usage.ts';

const jobs = (JSON.parse(readFileSync(new URL('../../../../test/fakes/github/fixtures/attempt-jobs-usage.json', import.meta.url), 'utf8')) as { jobs: GithubJob[] }).jobs;
const job = (seconds: number, labels: string[], over: Partial<GithubJob> = {}): GithubJob => ({
  id: 1, name: 'j', status: 'completed', conclusion: 'success', started_at: '2026-11-15T06:00:00Z',
  completed_at: new Date(Date.parse('2026-11-15T06:00:00Z') + seconds * 1000).toISOString(), labels, ...over,
});

describe('GitHub Actions billed minutes (docs/vendors.md G14, G15)', () => {
  it('multiplies by the runner: Linux 1, Windows 2, macOS 10, self-hosted free', () => {
    expect(runnerMultiplier(['ubuntu-latest'])).toBe(1);
    expect(runnerMultiplier(['windows-2022'])).toBe(2);
    expect(runnerMultiplier(['macos-14'])).toBe(10);
    expect(runnerMultiplier(['self-hosted', 'macOS'])).toBe(0);
    expect(runnerMultiplier(null)).toBe(1);
  });

  it.each([[1, 1], [59, 1], [60, 1], [61, 2], [600, 10], [601, 11]])('rounds %i s up to %i minute(s) per job', (seconds, minutes) => {
    expect(jobMinutes(job(seconds, ['ubuntu-latest']))).toBe(minutes);
  });

  it('rounds each job on its own before adding: two 61 s Windows jobs are 8 minutes, not 5', () => {
    expect(githubRunUsage([job(61, ['windows-latest']), job(61, ['windows-latest'])])).toEqual({ units: 8, exact: false });
  });

  it('adds the fixture’s jobs to 34 minutes; skipped jobs cost nothing', () => {
    expect(jobs.map(jobMinutes)).toEqual([2, 2, 30, 0, 0]);
    expect(githubRunUsage(jobs)).toEqual({ units: 34, exact: false });
  });

  it('gives no figure while a job is still running', () => {
    expect(githubRunUsage([job(60, ['ubuntu-latest']), job(0, ['ubuntu-latest'], { status: 'in_progress', completed_at: null })])).toBeNull();
  });
});
