import { useSyncExternalStore } from 'react';

/**
 * The core's clock as this window sees it. At each connection the window asks the core for its time
 * (system/get-status `now`) and keeps the offset from its own clock, so "5 min ago", "today" and "the last 7 days"
 * are measured on the core's clock: right in a browser whose clock is off from the server's, and coherent with a
 * demo pinned to another instant (FLOWDECK_DEMO_NOW). Until the first answer it is the window's own clock.
 */
export interface ServerClock {
  now(): number;
  /** Whether the core's clock has been read at least once (pages wait for it, so no query uses the wrong "now"). */
  known(): boolean;
  /** Reads the core's clock through `read` (one call; the round trip's midpoint is taken as the moment it answered). */
  sync(read: () => Promise<{ now?: number }>): Promise<void>;
  subscribe(listener: () => void): () => void;
}

export function createServerClock(local: () => number = () => Date.now()): ServerClock {
  let offsetMs = 0;
  let known = false;
  const listeners = new Set<() => void>();
  const learned = (offset: number) => {
    offsetMs = offset;
    known = true;
    for (const listener of listeners) listener();
  };
  return {
    now: () => local() + offsetMs,
    known: () => known,
    async sync(read) {
      const sentAt = local();
      let answer: { now?: number };
      try {
        answer = await read();
      } catch {
        // The connection dropped: the next one asks again. Pages do not wait forever on a first failure.
        if (!known) learned(0);
        return;
      }
      const receivedAt = local();
      if (typeof answer.now !== 'number') {
        if (!known) learned(0);
        return;
      }
      learned(Math.round(answer.now - (sentAt + receivedAt) / 2));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** This window's reading of the core's clock (synced by core-client.ts at every connection). */
export const serverClock = createServerClock();

/** Now, on the core's clock: use it instead of Date.now() for anything shown or queried relative to now. */
export function serverNow(): number {
  return serverClock.now();
}

/** Whether the core's clock is known yet; re-renders once it is. */
export function useServerClockKnown(): boolean {
  return useSyncExternalStore(serverClock.subscribe, serverClock.known);
}
