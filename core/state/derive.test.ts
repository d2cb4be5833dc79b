import { describe, expect, it } from 'vitest';
import type { WorkflowRunFacts } from '../store/workflow-state-repo.ts';
import { deriveState, type StateInput } from './derive.ts';
import { connectorView, offlineCause, STALE_AFTER_MS } from './sight.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2026, 2, 11, 10, 30);

const facts = (f: Partial<WorkflowRunFacts> = {}): WorkflowRunFacts => ({
  workflowId: 1, lastRunId: 10, lastStartedAt: NOW - 10 * MIN, lastStatus: 'success', lastGoodAt: NOW - 10 * MIN, streak: 0, streakSince: null,
  streakRunIds: [], lastError: null, failingStep: null, pausedBy: null, pausedActor: null, pausedAt: null, resumedAt: null, ...f,
});
const hourly = { source: 'vendor' as const, label: 'every hour', schedule: { kind: 'interval' as const, everyMs: HOUR }, graceMs: 15 * MIN };
const events = { source: 'none' as const, label: null, schedule: null, graceMs: 5 * MIN };

function input(p: Partial<StateInput> = {}): StateInput {
  return {
    workflow: { id: 1, name: 'Sync', externalId: '41', active: true, createdAt: NOW - 30 * 24 * HOUR, criticality: null },
    connector: { id: 'c1', name: 'n8n', kind: 'n8n' }, facts: facts(), expectation: hourly, blind: null, seenUntil: NOW - MIN, watchingSince: null, ...p,
  };
}

describe('deriveState: one state per workflow', () => {
  const table: [string, StateInput, string, boolean][] = [
    ['last run fine, next not yet due', input(), 'ok', false],
    ['failing streak', input({ facts: facts({ lastStatus: 'failed', streak: 29, streakSince: NOW - 3 * HOUR, streakRunIds: [7, 8, 9], lastError: 'invalid_grant', failingStep: 'Gmail' }) }), 'failing', true],
    ['silent past due + grace, confirmed by a poll', input({ facts: facts({ lastStartedAt: NOW - 3 * 24 * HOUR }) }), 'missed', true],
    ['overdue within grace', input({ facts: facts({ lastStartedAt: NOW - HOUR - 5 * MIN }) }), 'late', true],
    ['overdue past grace but not yet confirmed by a poll', input({ facts: facts({ lastStartedAt: NOW - HOUR - 20 * MIN }), seenUntil: NOW - 10 * MIN }), 'late', true],
    ['due, but no poll since the due time', input({ facts: facts({ lastStartedAt: NOW - HOUR - 5 * MIN }), seenUntil: NOW - HOUR - MIN }), 'ok', false],
    ['event-driven, silent for days', input({ expectation: events, facts: facts({ lastStartedAt: NOW - 5 * 24 * HOUR }) }), 'ok', false],
    ['switched off on the vendor', input({ workflow: { ...input().workflow, active: false }, facts: facts({ pausedBy: 'vendor', pausedAt: NOW - HOUR }) }), 'paused', true],
    ['switched off from Flowdeck', input({ workflow: { ...input().workflow, active: false }, facts: facts({ pausedBy: 'flowdeck', pausedActor: 'alice', pausedAt: NOW - HOUR }) }), 'paused', false],
    ['never run, no schedule', input({ expectation: events, facts: null }), 'never-run', false],
    ['never run, created long ago on an hourly schedule', input({ facts: null }), 'missed', true],
    ['blind: connector needs attention, even while silent', input({ facts: facts({ lastStartedAt: NOW - 3 * 24 * HOUR }),
      blind: { kind: 'connector', connectorId: 'c1', connectorName: 'n8n', message: 'n8n rejected the API key (401).' } }), 'unknown', true],
  ];
  it.each(table)('%s', (_name, i, state, attention) => {
    const s = deriveState(i, NOW);
    expect(s.state).toBe(state);
    expect(s.attention).toBe(attention);
    expect(s.reason.length).toBeGreaterThan(10);
  });

  it('a failing streak says how many, since when, the error and the step, and links its newest failed run', () => {
    const s = deriveState(table[1]![1], NOW);
    expect(s).toMatchObject({ since: NOW - 3 * HOUR, streak: 29, lastError: 'invalid_grant', failingStep: 'Gmail', action: { href: '#/runs?run=9' } });
    expect(s.reason).toBe('29 runs in a row failed, for 3 h: invalid_grant (step “Gmail”)');
  });

  it('missed counts from the due time, and never for a workflow with no expectation', () => {
    const s = deriveState(table[2]![1], NOW);
    expect(s.since).toBe(NOW - 3 * 24 * HOUR + HOUR);
    expect(deriveState(table[6]![1], NOW).reason).toContain('set an expected schedule to watch for silence');
  });

  it('a workflow already off when Flowdeck first listed it is paused, but no alarm', () => {
    const s = deriveState(input({ workflow: { ...input().workflow, active: false }, facts: facts({ pausedBy: 'vendor', pausedAt: null }) }), NOW);
    expect(s).toMatchObject({ state: 'paused', pausedBy: 'vendor', attention: false });
    expect(s.reason).toMatch(/^Switched off in n8n before Flowdeck first saw it, not by Flowdeck/);
  });

  it('switched off names who did it', () => {
    expect(deriveState(table[7]![1], NOW).reason).toMatch(/^Switched off in n8n 1 h ago, not by Flowdeck/);
    expect(deriveState(table[8]![1], NOW).reason).toBe('Paused from Flowdeck by alice 1 h ago.');
  });

  it('missed outranks failing: a workflow whose last runs failed and that then stopped is missed, and still tells the streak', () => {
    const s = deriveState(input({ facts: facts({ lastStartedAt: NOW - 5 * HOUR, lastStatus: 'failed', streak: 4, streakSince: NOW - 8 * HOUR, streakRunIds: [1, 2, 3, 4], lastError: 'boom' }) }), NOW);
    expect(s).toMatchObject({ state: 'missed', since: NOW - 4 * HOUR, streak: 4, lastError: 'boom' });
    expect(s.reason).toBe('No run for 4 h past its schedule (every hour). Its last 4 runs failed: boom.');
    // Within the grace, the failures are the news.
    expect(deriveState(input({ facts: facts({ lastStartedAt: NOW - HOUR - 5 * MIN, streak: 2, streakSince: NOW - 2 * HOUR, streakRunIds: [1, 2] }) }), NOW).state).toBe('failing');
  });

  it('a workflow switched back on gets a fresh expectation from that moment', () => {
    const s = deriveState(input({ facts: facts({ lastStartedAt: NOW - 3 * 24 * HOUR, resumedAt: NOW - 10 * MIN }) }), NOW);
    expect(s.state).toBe('ok');
  });
});

describe('connectorView: what Flowdeck can see', () => {
  const c = { id: 'c1', kind: 'n8n' as const, name: 'n8n', health: 'ok', healthMessage: null, paused: false, lastSuccessAt: NOW - MIN };
  it('sees up to the last successful poll', () => {
    expect(connectorView(c, { offline: null }, NOW)).toEqual({ blind: null, seenUntil: NOW - MIN, watchingSince: null });
  });
  it.each([
    ['paused in Flowdeck', { paused: true }, /paused in Flowdeck/],
    ['needs attention', { health: 'needs_attention', healthMessage: 'n8n rejected the API key (401).' }, /rejected the API key/],
    ['never polled', { lastSuccessAt: null }, /not been polled/],
    ['unheard of for too long', { lastSuccessAt: NOW - STALE_AFTER_MS - MIN }, /has not heard from n8n/],
  ])('is blind when %s', (_n, patch, message) => {
    const v = connectorView({ ...c, ...patch }, { offline: null }, NOW);
    expect(v.blind).toMatchObject({ kind: 'connector', connectorId: 'c1' });
    expect(v.blind!.message).toMatch(message);
  });
  it('after Flowdeck was off, a connector not yet caught up is blind for that one reason; a caught-up one sees again', () => {
    const offline = { from: NOW - 12 * 24 * HOUR, to: NOW - 2 * MIN };
    expect(connectorView({ ...c, lastSuccessAt: NOW - 12 * 24 * HOUR }, { offline }, NOW).blind).toEqual(offlineCause(offline));
    expect(connectorView({ ...c, lastSuccessAt: NOW - MIN }, { offline }, NOW).blind).toBeNull();
  });
  it('a push receiver is never blind, but expectations restart when Flowdeck came back', () => {
    const offline = { from: NOW - 5 * HOUR, to: NOW - HOUR };
    expect(connectorView({ ...c, kind: 'push', lastSuccessAt: null }, { offline }, NOW)).toEqual({ blind: null, seenUntil: NOW, watchingSince: NOW - HOUR });
  });
});
