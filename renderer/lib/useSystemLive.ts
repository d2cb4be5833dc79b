import { useEffect } from 'react';
import { useSystemStore } from './system-store.ts';

/** Keeps the core status fresh while the calling component is mounted. */
export function useSystemLive(): void {
  const activate = useSystemStore((s) => s.activate);
  useEffect(() => activate(), [activate]);
}
