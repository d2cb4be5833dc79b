/** The scheduler's only contact with real time besides the Clock: one-shot timers. Tests use ManualTimers. */
export type TimerHandle = unknown;

export interface Timers {
  set(fn: () => void, delayMs: number): TimerHandle;
  clear(handle: TimerHandle): void;
}

/** Node timers, unref'd: a pending poll never keeps the process alive on its own. */
export const nodeTimers: Timers = {
  set(fn, delayMs) {
    const t = setTimeout(fn, Math.max(0, Math.min(delayMs, 2 ** 31 - 1)));
    t.unref();
    return t;
  },
  clear(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};
