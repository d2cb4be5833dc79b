import { useEffect } from 'react';
import { useBulkStore } from './bulk-store.ts';

/** While the Runs page is open: follow `runs/bulk-progressed`, and pick up a bulk job that is still running. */
export function useBulkLive(): void {
  const activate = useBulkStore((s) => s.activate);
  useEffect(() => activate(), [activate]);
}
