import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setDisplayTimeZone } from '../../lib/format.ts';
import { EMPTY_WINDOW, windowFrom, windowState } from './maintenance-form.ts';

const MIN = 60_000;
// Thursday 2026-01-15 10:00 UTC; the display zone is UTC so the sentences read the same on any machine.
const NOW = Date.UTC(2026, 0, 15, 10);
const names = new Map([[7, 'Invoice sync']]);
const name = (id: number) => names.get(id);

describe('maintenance window form', () => {
  beforeEach(() => setDisplayTimeZone('UTC'));
  afterEach(() => setDisplayTimeZone(null));

  it('chooses nothing for the owner: no scope means no window', () => {
    expect(windowFrom(EMPTY_WINDOW, 'now', NOW, 'w1', name)).toEqual({ ok: false, message: expect.stringContaining('Choose what to mute') });
    expect(windowFrom({ ...EMPTY_WINDOW, scope: 'all' }, 'schedule', NOW, 'w1', name)).toEqual({ ok: false, message: expect.stringContaining('Enter when') });
  });

  it('starts now for the chosen duration and says what it mutes until when', () => {
    expect(windowFrom({ ...EMPTY_WINDOW, scope: 'all', minutes: 30, label: ' DB upgrade ' }, 'now', NOW, 'w1', name)).toEqual({
      ok: true, window: { id: 'w1', label: 'DB upgrade', from: NOW, to: NOW + 30 * MIN, workflowIds: [] },
      summary: 'Mutes every workflow from now for 30 min, until 10:30, today.',
    });
  });

  it('schedules a window for one workflow, read in the display zone', () => {
    setDisplayTimeZone('Asia/Kolkata');
    const r = windowFrom({ ...EMPTY_WINDOW, scope: 'w:7', from: '2026-01-16T09:00', to: '2026-01-16T11:30' }, 'schedule', NOW, 'w1', name);
    expect(r).toEqual({
      ok: true, window: { id: 'w1', label: '', from: Date.UTC(2026, 0, 16, 3, 30), to: Date.UTC(2026, 0, 16, 6), workflowIds: [7] },
      summary: 'Mutes “Invoice sync” from 09:00, tomorrow, until 11:30, tomorrow.',
    });
  });

  it('refuses a window that ends before it starts, is over, or starts in the past', () => {
    const at = (from: string, to: string) => windowFrom({ ...EMPTY_WINDOW, scope: 'all', from, to }, 'schedule', NOW, 'w1', name);
    expect(at('2026-01-15T12:00', '2026-01-15T12:00')).toMatchObject({ ok: false, message: expect.stringContaining('end after it starts') });
    expect(at('2026-01-15T08:00', '2026-01-15T09:00')).toMatchObject({ ok: false, message: expect.stringContaining('already be over') });
    expect(at('2026-01-15T08:00', '2026-01-15T11:00')).toMatchObject({ ok: false, message: expect.stringContaining('start in the past') });
  });

  it('tells active, upcoming and finished windows apart', () => {
    expect(windowState({ from: NOW - MIN, to: NOW + MIN }, NOW)).toBe('active');
    expect(windowState({ from: NOW + MIN, to: NOW + 2 * MIN }, NOW)).toBe('upcoming');
    expect(windowState({ from: NOW - 2 * MIN, to: NOW }, NOW)).toBe('over');
  });
});
