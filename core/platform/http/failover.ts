import type { Clock } from '../clock.ts';

/**
 * Which base URL requests go to. After a switch to the failover URL requests stay there for `stickyMs`,
 * then the primary is tried again (and the client switches over again if it is still down).
 */
export interface Failover {
  current(): string;
  canSwitch(base: string): boolean;
  switchToFailover(): void;
  usingFailover(): boolean;
}

export function createFailover(primary: string, secondary: string | undefined, stickyMs: number, clock: Clock): Failover {
  let switchedAt: number | null = null;
  const usingFailover = () => {
    if (switchedAt === null || secondary === undefined) return false;
    if (clock.now() - switchedAt >= stickyMs) {
      switchedAt = null;
      return false;
    }
    return true;
  };
  return {
    current: () => (usingFailover() && secondary !== undefined ? secondary : primary),
    canSwitch: (base) => secondary !== undefined && base === primary,
    switchToFailover: () => { switchedAt = clock.now(); },
    usingFailover,
  };
}
