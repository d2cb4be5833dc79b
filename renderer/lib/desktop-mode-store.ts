import { create } from 'zustand';
import { getBridge, type AttachStatus, type FlowdeckBridge } from './bridge-types.ts';
import { useConnectionStore } from './connection-store.ts';

type DesktopBridge = Pick<FlowdeckBridge, 'getDesktopMode' | 'setTeamServer' | 'signInToServer' | 'signOutOfServer' | 'onAttachStatus'>;

export interface DesktopModeState {
  /** False in a browser (serve mode): there is no desktop to set. */
  available: boolean;
  loaded: boolean;
  /** null: this computer runs its own monitor. */
  teamServerUrl: string | null;
  status: AttachStatus | null;
  busy: boolean;
  error: string | null;
  /** Loads the mode and follows the attach status; returns the unsubscribe. */
  activate: () => () => void;
  /** Saves the choice (null: this computer); Flowdeck restarts to apply it. */
  choose: (teamServerUrl: string | null) => Promise<void>;
  signIn: (login: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message.replace(/^Error invoking remote method '[^']+': (\w*Error: )?/, '') : String(error));

/** The address a person typed, as the shell will take it: an http or https URL (https:// added when no scheme is given). */
export function normaliseServerUrl(raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || !url.hostname) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** True for a plain-http address on another machine: the password and the session would cross the network readable. */
export function isUnencryptedRemote(origin: string | null): boolean {
  if (!origin?.startsWith('http://')) return false;
  const host = new URL(origin).hostname;
  return !(host === 'localhost' || host === '[::1]' || /^127\./.test(host));
}

/** This desktop: its own monitor, or attached to a team server (Electron only, through the preload bridge). */
export function createDesktopModeStore(bridge: () => DesktopBridge | undefined) {
  return create<DesktopModeState>()((set) => ({
    available: bridge() !== undefined,
    loaded: false,
    teamServerUrl: null,
    status: null,
    busy: false,
    error: null,
    activate() {
      const b = bridge();
      if (!b) return () => undefined;
      const off = b.onAttachStatus((status) => set({ status }));
      b.getDesktopMode().then(
        (mode) => set((s) => ({ loaded: true, teamServerUrl: mode.teamServerUrl, status: s.status ?? mode.status })),
        (error: unknown) => set({ loaded: true, error: messageOf(error) }),
      );
      return off;
    },
    async choose(teamServerUrl) {
      const b = bridge();
      if (!b) return;
      set({ busy: true, error: null });
      try {
        await b.setTeamServer(teamServerUrl);
      } catch (error) {
        set({ error: messageOf(error) });
      } finally {
        set({ busy: false });
      }
    },
    async signIn(login, password) {
      const b = bridge();
      if (!b) return;
      set({ busy: true, error: null });
      try {
        const status = await b.signInToServer(login, password);
        set({ status });
        // Signed in: the console asks for its connection again now rather than at its next retry.
        if (status.state === 'connected') useConnectionStore.getState().retryNow();
      } catch (error) {
        set({ error: messageOf(error) });
      } finally {
        set({ busy: false });
      }
    },
    async signOut() {
      const b = bridge();
      if (!b) return;
      set({ busy: true, error: null });
      try {
        await b.signOutOfServer();
      } catch (error) {
        set({ error: messageOf(error) });
      } finally {
        set({ busy: false });
      }
    },
  }));
}

export const useDesktopModeStore = createDesktopModeStore(getBridge);
