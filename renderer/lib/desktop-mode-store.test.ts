import { describe, expect, it, vi } from 'vitest';
import type { AttachStatus, DesktopMode } from './bridge-types.ts';
import { useConnectionStore } from './connection-store.ts';
import { createDesktopModeStore, isUnencryptedRemote, normaliseServerUrl } from './desktop-mode-store.ts';

function fakeBridge(mode: DesktopMode) {
  const listeners = new Set<(s: AttachStatus) => void>();
  return {
    listeners,
    push: (s: AttachStatus) => { for (const l of listeners) l(s); },
    getDesktopMode: vi.fn(async () => mode),
    setTeamServer: vi.fn(async (_url: string | null) => undefined),
    signInToServer: vi.fn(async (_login: string, _password: string): Promise<AttachStatus> => ({ state: 'connected', message: 'Connected to the team server at team.example as Ann.', login: 'ann' })),
    signOutOfServer: vi.fn(async () => undefined),
    onAttachStatus: vi.fn((l: (s: AttachStatus) => void) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    }),
  };
}

describe('desktop mode store', () => {
  it('reads a typed address as the shell takes it', () => {
    expect(normaliseServerUrl(' flowdeck.example.com ')).toBe('https://flowdeck.example.com');
    expect(normaliseServerUrl('http://10.0.0.5:7070/#/runs')).toBe('http://10.0.0.5:7070');
    expect(normaliseServerUrl('')).toBeNull();
    expect(normaliseServerUrl('ftp://x.example')).toBeNull();
    expect(normaliseServerUrl('https://u:p@x.example')).toBeNull();
  });

  it('warns about plain http only for another machine', () => {
    expect(isUnencryptedRemote('http://10.0.0.5:7070')).toBe(true);
    expect(isUnencryptedRemote('http://flowdeck.lan')).toBe(true);
    expect(isUnencryptedRemote('https://flowdeck.lan')).toBe(false);
    expect(isUnencryptedRemote('http://127.0.0.1:7070')).toBe(false);
    expect(isUnencryptedRemote('http://localhost:7070')).toBe(false);
    expect(isUnencryptedRemote(null)).toBe(false);
  });

  it('is unavailable in a browser and then does nothing', async () => {
    const store = createDesktopModeStore(() => undefined);
    expect(store.getState().available).toBe(false);
    store.getState().activate()();
    await store.getState().choose('https://x.example');
    expect(store.getState().loaded).toBe(false);
  });

  it('loads the mode, follows the attach status, signs in and out, and saves a new choice', async () => {
    const bridge = fakeBridge({ teamServerUrl: 'https://team.example', status: { state: 'signed-out', message: 'Not signed in.', login: null } });
    const store = createDesktopModeStore(() => bridge);
    const off = store.getState().activate();
    await vi.waitFor(() => expect(store.getState().loaded).toBe(true));
    expect(store.getState()).toMatchObject({ available: true, teamServerUrl: 'https://team.example', status: { state: 'signed-out' } });
    bridge.push({ state: 'unreachable', message: "Can't reach the team server at team.example. Trying again in 4 s.", login: 'ann' });
    expect(store.getState().status?.state).toBe('unreachable');

    const retryNow = vi.fn();
    useConnectionStore.setState({ retryNow });
    await store.getState().signIn('ann', 'pw');
    expect(retryNow).toHaveBeenCalledTimes(1);
    expect(bridge.signInToServer).toHaveBeenCalledWith('ann', 'pw');
    expect(store.getState()).toMatchObject({ busy: false, status: { state: 'connected', login: 'ann' } });
    await store.getState().signOut();
    expect(bridge.signOutOfServer).toHaveBeenCalled();

    bridge.setTeamServer.mockRejectedValueOnce(new Error("Error invoking remote method 'desktop:set-team-server': TypeError: A team server address is a web address such as https://flowdeck.example.com."));
    await store.getState().choose('nope');
    expect(store.getState().error).toBe('A team server address is a web address such as https://flowdeck.example.com.');
    await store.getState().choose(null);
    expect(bridge.setTeamServer).toHaveBeenLastCalledWith(null);
    expect(store.getState().error).toBeNull();
    off();
    expect(bridge.listeners.size).toBe(0);
  });
});
