import type { Timers, TimerHandle } from '../../core/sync/timers.ts';

interface Pending {
  id: number;
  at: number;
  fn: () => void;
}

/**
 * Fake time for scheduler tests: timers fire only when `advance` moves the clock past them, in order, and
 * `settle` (e.g. `scheduler.idle()`) is awaited after each one so the polls it started have finished.
 */
export class ManualTimers implements Timers {
  private readonly clock: { now(): number; set(ms: number): void };
  private pending: Pending[] = [];
  private nextId = 1;

  constructor(clock: { now(): number; set(ms: number): void }) {
    this.clock = clock;
  }

  set(fn: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.pending.push({ id, at: this.clock.now() + Math.max(0, delayMs), fn });
    return id;
  }

  clear(handle: TimerHandle): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }

  /** When the earliest timer fires, or null when none is armed. */
  nextAt(): number | null {
    return this.pending.reduce<number | null>((min, p) => (min === null || p.at < min ? p.at : min), null);
  }

  get armed(): number {
    return this.pending.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number, settle: () => Promise<void>): Promise<void> {
    const target = this.clock.now() + ms;
    await settle();
    for (;;) {
      const due = this.pending.filter((p) => p.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.pending = this.pending.filter((p) => p !== due);
      if (due.at > this.clock.now()) this.clock.set(due.at);
      due.fn();
      await settle();
    }
    this.clock.set(target);
  }
}
