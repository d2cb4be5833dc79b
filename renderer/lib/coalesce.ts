/**
 * Runs `task` at most once at a time: calls made while it runs collapse into one more run afterwards.
 * A burst of `ledger/changed` events during an ingest becomes two fetches, not fifty.
 */
export function coalesce(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await task();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}
