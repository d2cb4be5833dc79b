import { describe, expect, it } from 'vitest';
import { HELD_MESSAGE, isSettled, mapZap, mapZapRun, zapRunStatus, type ZapRun } from './mapper.ts';
import { readRunsPage } from './page.ts';

const run = (over: Partial<ZapRun> = {}): ZapRun => ({
  id: '123e4567-e89b-12d3-a456-426614174000', zap_id: 104445735, start_time: '2024-10-16T06:29:10.360000Z',
  end_time: '2024-10-16T06:29:12.860000Z', status: 'success', zap_title: 'My Awesome Zap',
  steps: [{ status: 'success', start_time: '2024-10-16T06:29:10.360000Z' }], data_in: '', data_out: '', ...over,
});

describe('zapier mapper', () => {
  it('maps every documented status word to our status (docs/vendors.md Z10)', () => {
    const table: Record<string, string> = {
      success: 'success', error_handled: 'warning', error: 'failed', held: 'failed', halted: 'skipped', filtered: 'skipped', skipped: 'skipped',
      delayed: 'waiting', scheduled: 'queued', pending: 'queued', throttled: 'queued', playing: 'running',
      'something-new': 'unknown',
    };
    for (const [raw, ours] of Object.entries(table)) expect([raw, zapRunStatus(raw)]).toEqual([raw, ours]);
    expect(isSettled('delayed')).toBe(false);
    expect(isSettled('held')).toBe(true);
    expect(isSettled('halted')).toBe(true);
    expect(isSettled('mystery')).toBe(false);
  });

  it('keeps the raw status, times, Zap and a deep link', () => {
    expect(mapZapRun(run())).toEqual({
      externalId: '123e4567-e89b-12d3-a456-426614174000',
      workflow: { externalId: '104445735', name: 'My Awesome Zap' },
      rawStatus: 'success', status: 'success',
      startedAt: '2024-10-16T06:29:10.360000Z', finishedAt: '2024-10-16T06:29:12.860000Z',
      errorMessage: null, failingStep: null,
      deepLink: 'https://zapier.com/app/history?zap_id=104445735',
      // Only the trigger ran: no task (docs/vendors.md Z12).
      usage: { units: 0, exact: false },
    });
  });

  it('estimates tasks as the action steps that succeeded; none while the run is unsettled', () => {
    const steps = [{ status: 'success', start_time: null }, { status: 'success', start_time: null }, { status: 'success', start_time: null }, { status: 'error', start_time: null }];
    expect(mapZapRun(run({ status: 'error', steps })).usage).toEqual({ units: 2, exact: false });
    expect(mapZapRun(run({ status: 'delayed', steps })).usage).toBeNull();
  });

  it('names the failing step and takes the error text from data_out', () => {
    const failed = mapZapRun(run({
      status: 'error', data_out: { error: 'Mailbox full' },
      steps: [{ status: 'success', start_time: null }, { status: 'success', start_time: null }, { status: 'error', start_time: null }],
    }));
    expect(failed).toMatchObject({ status: 'failed', rawStatus: 'error', failingStep: 'Step 3', errorMessage: 'Mailbox full' });
    expect(mapZapRun(run({ status: 'held', data_out: { message: 'Gmail is disconnected' } })).errorMessage).toBe(`${HELD_MESSAGE} Zapier says: Gmail is disconnected`);
    expect(mapZapRun(run({ status: 'halted', steps: [{ status: 'halted', start_time: null }] }))).toMatchObject({ status: 'skipped', errorMessage: null, failingStep: null });
    const bare = mapZapRun(run({ status: 'error', data_out: null, steps: [{ status: 'error', start_time: null }] }));
    expect(bare.errorMessage).toBe('Zapier reported the run as "error" at Step 1.');
    expect(mapZapRun(run({ zap_title: null })).workflow.name).toBe('Zap 104445735');
  });

  it('maps a Zap with its full definition for version history', () => {
    expect(mapZap({ id: '00000000-0000-c000-8000-000000012345', is_enabled: true, title: 'Docs example' }).externalId).toBe('12345');
    const zap = { id: '42', is_enabled: false, title: 'Leads', updated_at: '2024-10-01T00:00:00Z', links: { html_editor: 'https://zapier.com/editor/42' } };
    expect(mapZap(zap)).toEqual({
      externalId: '42', name: 'Leads', active: false, archived: false, definition: zap, vendorVersionId: '2024-10-01T00:00:00Z',
      updatedAt: Date.parse('2024-10-01T00:00:00Z'), tags: [], deepLink: 'https://zapier.com/editor/42',
    });
  });

  it('accepts the list body bare or wrapped in an array, and skips runs it cannot identify', () => {
    const body = { links: { next: null, prev: null }, meta: { count: 2, limit: 10, offset: 0 }, data: [run(), { status: 'success' }] };
    const bare = readRunsPage(body);
    const wrapped = readRunsPage([body]);
    expect(bare.data.map((r) => r.id)).toEqual(['123e4567-e89b-12d3-a456-426614174000']);
    expect(wrapped).toEqual(bare);
    expect(bare.rejected).toEqual(['item 1: id Invalid input']);
    expect(() => readRunsPage('<html>login</html>')).toThrow(/without the list Zapier's API returns/);
  });
});
