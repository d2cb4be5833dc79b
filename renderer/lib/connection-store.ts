import { create } from 'zustand';
import type { ConnectionState } from './connection.ts';

interface ConnectionStore {
  state: ConnectionState;
  /** Set by the core client once the connection loop runs. */
  retryNow: () => void;
}

/** Connection to the core as the UI shows it (banner, loading wording). */
export const useConnectionStore = create<ConnectionStore>()(() => ({
  state: { status: 'connecting', everConnected: false },
  retryNow: () => {},
}));
