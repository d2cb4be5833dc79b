import { PerformanceObserver } from 'node:perf_hooks';

/**
 * Records event-loop stalls over 50 ms (a 10 ms timer arriving late) and GC pauses over 20 ms, so a load run can say
 * what its worst stalls were and whether a garbage collection caused them. `stop()` describes the five worst.
 */
export function watchStalls(): { stop(): string } {
  const started = performance.now();
  const gcs: { at: number; ms: number }[] = [];
  const stalls: { at: number; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.duration > 20) gcs.push({ at: e.startTime, ms: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last > 60) stalls.push({ at: last, ms: now - last - 10 });
    last = now;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      observer.disconnect();
      const worst = stalls.sort((a, b) => b.ms - a.ms).slice(0, 5);
      if (!worst.length) return 'none over 50 ms';
      return worst.map((s) => {
        const gc = gcs.find((g) => g.at >= s.at - 5 && g.at <= s.at + s.ms);
        return `${s.ms.toFixed(0)} ms at ${((s.at - started) / 1000).toFixed(0)} s${gc ? ` (GC ${gc.ms.toFixed(0)} ms)` : ''}`;
      }).join(', ');
    },
  };
}
