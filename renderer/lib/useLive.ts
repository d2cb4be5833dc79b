import { useEffect } from 'react';

/** While a page is shown, keep its store fresh (subscribes to ledger changes; released on unmount). */
export function useLive(activate: () => () => void): void {
  useEffect(() => activate(), [activate]);
}
