import fc from 'fast-check';
import { T0 } from './core.ts';

const HOUR = 3_600_000;
const TERMINAL_RAW = ['success', 'error', 'canceled', 'crashed', 'warning', 'skipped'];

/** One run's true lifecycle; it starts `maxHour + 1 - startHour` hours before T0 (startHour 0..maxHour). */
export function lifecycleArb(maxHour: number) {
  return fc.record({
    id: fc.integer({ min: 1, max: 12 }),
    workflow: fc.integer({ min: 1, max: 3 }),
    startHour: fc.integer({ min: 0, max: maxHour }),
    startMin: fc.integer({ min: 0, max: 59 }),
    duration: fc.integer({ min: 0, max: 2 * HOUR }),
    terminal: fc.constantFrom(...TERMINAL_RAW),
    error: fc.option(fc.constantFrom('Timeout after 3000 ms', 'Record 42 not found', 'invalid_grant'), { nil: undefined }),
    queuedWithoutStart: fc.boolean(),
  });
}

export type Life = ReturnType<typeof lifecycleArb> extends fc.Arbitrary<infer T> ? T : never;

/** The records a vendor may send about a run: queued (maybe without a start time), running, finished. */
export function recordsOf(l: Life, maxHour: number): Record<string, unknown>[] {
  const startedAt = T0 - (maxHour + 1) * HOUR + l.startHour * HOUR + l.startMin * 60_000;
  const base = { externalId: String(l.id), workflow: { externalId: `wf-${l.workflow}`, name: `Workflow ${l.workflow}` } };
  return [
    { ...base, rawStatus: 'new', ...(l.queuedWithoutStart ? {} : { startedAt }) },
    { ...base, rawStatus: 'running', startedAt },
    { ...base, rawStatus: l.terminal, startedAt, finishedAt: startedAt + l.duration,
      ...(l.error && l.terminal !== 'success' ? { errorMessage: l.error } : {}) },
  ];
}
