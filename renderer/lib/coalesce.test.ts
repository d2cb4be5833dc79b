import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('coalesce', () => {
  it('collapses calls made while the task runs into exactly one more run', async () => {
    const gates = [deferred(), deferred(), deferred()];
    let runs = 0;
    const run = coalesce(() => gates[runs++]!.promise);
    const first = run();
    void run();
    void run();
    void run();
    expect(runs).toBe(1);
    gates[0]!.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(runs).toBe(2);
    gates[1]!.resolve();
    await first;
    expect(runs).toBe(2);
    const later = run();
    expect(runs).toBe(3);
    gates[2]!.resolve();
    await later;
  });
});
