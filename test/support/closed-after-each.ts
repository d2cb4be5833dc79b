import { afterEach } from 'vitest';

/** Wraps an async factory so that everything it made in a test is closed after that test. */
export function closedAfterEach<A extends unknown[], T extends { close(): Promise<void> }>(make: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  let open: T[] = [];
  afterEach(async () => {
    await Promise.all(open.map((h) => h.close()));
    open = [];
  });
  return async (...args: A) => {
    const h = await make(...args);
    open.push(h);
    return h;
  };
}
