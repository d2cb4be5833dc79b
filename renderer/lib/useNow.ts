import { useSyncExternalStore } from 'react';
import { serverClock, serverNow } from './server-clock.ts';

const listeners = new Set<() => void>();
let now = serverNow();
let timer: ReturnType<typeof setInterval> | null = null;
let offClock: (() => void) | null = null;

function tick(): void {
  now = serverNow();
  for (const l of listeners) l();
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  if (!timer) {
    now = serverNow();
    timer = setInterval(tick, 30_000);
    // A (re)connection may correct the core's clock: show the corrected times at once.
    offClock = serverClock.subscribe(tick);
  }
  return () => {
    listeners.delete(onChange);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = null;
      offClock?.();
      offClock = null;
    }
  };
}

/** The core's time (server-clock.ts), ticking every 30 s, so "today" and "5 min ago" stay true. A clock, not data polling. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
