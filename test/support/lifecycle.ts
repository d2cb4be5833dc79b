import fc from 'fast-check';
import type { Core } from '../../core/app.ts';
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

/**
 * Sends the picked lifecycle steps to ingest in pages of `pageSize`, 17 minutes apart. The first lifecycle per id is
 * that run's truth; returns it and, per run id, the furthest step sent.
 */
export function replay(core: Core & { clock: { advance(ms: number): void } }, lives: Life[], picks: [number, number][], pageSize: number, maxHour: number):
  { truth: Map<number, Life>; seen: Map<number, number> } {
  const truth = new Map<number, Life>();
  for (const l of lives) if (!truth.has(l.id)) truth.set(l.id, l);
  const all = [...truth.values()];
  const sent = picks.map(([i, step]) => ({ life: all[i % all.length]!, step }));
  const seen = new Map<number, number>();
  for (let i = 0; i < sent.length; i += pageSize) {
    const page = sent.slice(i, i + pageSize);
    core.ingest({ connectorId: 'c1', cursor: `p${i}`, records: page.map(({ life, step }) => recordsOf(life, maxHour)[step]!) });
    for (const { life, step } of page) seen.set(life.id, Math.max(seen.get(life.id) ?? -1, step));
    core.clock.advance(17 * 60_000);
  }
  return { truth, seen };
}
