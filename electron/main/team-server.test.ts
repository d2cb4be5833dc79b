import type { BrowserWindow, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../test-support/electron-fake.ts';
import { registerTeamServerIpc, TeamServerLink } from './team-server.ts';
import { WindowRegistry } from './window-registry.ts';

vi.mock('electron', () => import('../test-support/electron-fake.ts'));

const status = (state: 'connecting' | 'connected' | 'unreachable' | 'signed-out', message: string = state, login: string | null = 'ann') =>
  ({ type: 'attach-status' as const, state, message, login });

let win: fake.FakeBrowserWindow;
let registry: WindowRegistry;
const post = vi.fn((_m: unknown) => true);
const apply = vi.fn();

function link(teamServerUrl: string | null = 'https://team.example'): TeamServerLink {
  return new TeamServerLink({ teamServerUrl, post, apply, windows: () => registry.all().map((w) => w.webContents as WebContents), timeoutMs: 50 });
}

beforeEach(() => {
  fake.resetFakeElectron();
  post.mockClear();
  apply.mockClear();
  registry = new WindowRegistry();
  win = new fake.FakeBrowserWindow({});
  registry.add(win as unknown as BrowserWindow);
});

describe('team server link (main)', () => {
  it('keeps the last attach status and tells every window', () => {
    const l = link();
    expect(l.mode()).toEqual({ teamServerUrl: 'https://team.example', status: null });
    l.update(status('unreachable', "Can't reach the team server at team.example. Trying again in 2 s."));
    expect(win.webContents.send).toHaveBeenCalledWith('desktop:attach-status', { state: 'unreachable', message: "Can't reach the team server at team.example. Trying again in 2 s.", login: 'ann' });
    expect(l.mode().status?.state).toBe('unreachable');
    expect(link(null).mode()).toEqual({ teamServerUrl: null, status: null });
  });

  it('signs in through the core and answers with the status after "connecting"', async () => {
    const l = link();
    const signing = l.signIn('ann', 'pw');
    expect(post).toHaveBeenCalledWith({ type: 'sign-in', login: 'ann', password: 'pw' });
    l.update(status('connecting'));
    l.update(status('connected', 'Connected to the team server at team.example as Ann.'));
    await expect(signing).resolves.toEqual({ state: 'connected', message: 'Connected to the team server at team.example as Ann.', login: 'ann' });
    l.signOut();
    expect(post).toHaveBeenLastCalledWith({ type: 'sign-out' });
  });

  it('refuses a sign-in without a team server or without a login and password, and says so when the core is not up', async () => {
    await expect(link(null).signIn('ann', 'pw')).rejects.toThrow(/runs its own monitor/);
    await expect(link().signIn('', 'pw')).rejects.toThrow(TypeError);
    await expect(link().signIn('ann', 3)).rejects.toThrow(TypeError);
    post.mockReturnValueOnce(false);
    await expect(link().signIn('ann', 'pw')).resolves.toMatchObject({ state: 'signed-out', message: 'Flowdeck is still starting. Try again in a moment.' });
  });

  it('chooses this computer or a team server by its origin; anything else is refused', () => {
    const l = link(null);
    l.setTeamServer('https://team.example/some/page?x=1');
    expect(apply).toHaveBeenLastCalledWith('https://team.example');
    l.setTeamServer(null);
    expect(apply).toHaveBeenLastCalledWith(null);
    for (const bad of ['team.example', 'file:///etc/passwd', 'https://u:p@team.example', 5]) expect(() => l.setTeamServer(bad)).toThrow(TypeError);
    expect(apply).toHaveBeenCalledTimes(2);
  });

  it('its channels answer our own window only', async () => {
    const l = link();
    registerTeamServerIpc(registry, l);
    const handler = (channel: string) => fake.ipcMainHandlers.get(channel) as (event: unknown, ...args: unknown[]) => unknown;
    const own = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    const stranger = new fake.FakeWebContents();
    expect(await handler('desktop:get-mode')(own)).toEqual({ teamServerUrl: 'https://team.example', status: null });
    expect(() => handler('desktop:get-mode')({ sender: stranger, senderFrame: stranger.mainFrame })).toThrow(/untrusted sender/);
    expect(() => handler('desktop:sign-in')({ sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } }, 'ann', 'pw')).toThrow(/untrusted/);
    expect(post).not.toHaveBeenCalled();
    handler('desktop:set-team-server')(own, 'https://other.example');
    expect(apply).toHaveBeenCalledWith('https://other.example');
    handler('desktop:sign-out')(own);
    expect(post).toHaveBeenCalledWith({ type: 'sign-out' });
  });
});
