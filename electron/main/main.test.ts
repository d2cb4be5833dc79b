import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Fake = typeof import('../test-support/electron-fake.ts');

const dirs = vi.hoisted(() => ({ base: '' }));
const updater = vi.hoisted(() => ({ loads: 0, setFeedURL: [] as unknown[] }));

vi.mock('electron', () => import('../test-support/electron-fake.ts'));
vi.mock('electron-updater', () => {
  updater.loads++;
  return {
    autoUpdater: {
      autoDownload: false,
      autoInstallOnAppQuit: false,
      setFeedURL: (options: unknown) => void updater.setFeedURL.push(options),
      checkForUpdatesAndNotify: async () => null,
      on: () => undefined,
    },
  };
});
vi.mock('./paths.ts', () => ({
  shellPaths: () => ({
    rendererDir: `${dirs.base}/renderer`,
    preload: `${dirs.base}/electron/preload.cjs`,
    coreEntry: `${dirs.base}/core/main.cjs`,
  }),
  trayIconPath: (status: string, theme: string) => `/icons/tray-${status}-${theme}.png`,
}));

dirs.base = mkdtempSync(path.join(os.tmpdir(), 'flowdeck-main-'));
mkdirSync(path.join(dirs.base, 'core'));
writeFileSync(path.join(dirs.base, 'core', 'main.cjs'), '');

afterAll(() => rmSync(dirs.base, { recursive: true, force: true }));

/** Load a fresh copy of the entry (it runs on import) against the fake electron it sees. */
async function launch(lock: boolean, configure?: (fake: Fake) => void): Promise<Fake> {
  vi.resetModules();
  const fake = (await import('electron')) as unknown as Fake;
  fake.resetFakeElectron();
  fake.app.requestSingleInstanceLock.mockReturnValueOnce(lock);
  configure?.(fake);
  const { startup } = await import('./main.ts');
  await startup;
  return fake;
}

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.stubEnv('FLOWDECK_DATA_DIR', undefined);
  vi.stubEnv('FLOWDECK_UPDATE_URL', undefined);
});

afterEach(() => vi.unstubAllEnvs());

describe('electron main entry', () => {
  it('quits at once when another instance holds the lock', async () => {
    const fake = await launch(false);
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.utilityProcess.fork).not.toHaveBeenCalled();
  });

  it('with the lock: registers app://, enables the sandbox, serves the renderer, starts the core and a window', async () => {
    const fake = await launch(true);
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledBefore(fake.app.whenReady);
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fake.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(fake.utilityProcess.fork).toHaveBeenCalledWith(
      `${dirs.base}/core/main.cjs`,
      ['--data-dir', path.join('/fake/userData', 'data'), '--actor', os.userInfo().username],
      expect.objectContaining({ serviceName: 'Flowdeck core', execArgv: ['--max-semi-space-size=4', '--max-old-space-size=512'] }),
    );
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    expect(fake.FakeBrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('app://flowdeck/index.html');
    expect(fake.ipcMainListeners.has('core:connect')).toBe(true);
    expect(fake.ipcMainHandlers.has('shell:open-external')).toBe(true);
  });

  it('a second instance focuses (and restores) the existing window instead of opening another', async () => {
    const fake = await launch(true);
    const win = fake.FakeBrowserWindow.instances[0];
    if (!win) throw new Error('no window');
    win.minimized = true;
    fake.app.emit('second-instance', {}, ['flowdeck'], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('on quit, asks the core to shut down and quits once it has exited', async () => {
    const fake = await launch(true);
    const child = fake.forks[0];
    if (!child) throw new Error('no core');
    const preventDefault = vi.fn();
    fake.app.emit('before-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    expect(child.postMessage).toHaveBeenCalledWith({ type: 'shutdown' });
    expect(fake.app.quit).not.toHaveBeenCalled();
    child.emit('exit', 0);
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalledTimes(1));
    const second = vi.fn();
    fake.app.emit('before-quit', { preventDefault: second });
    expect(second).not.toHaveBeenCalled();
  });

  it('shows a fatal core start-up error to the user and quits', async () => {
    const fake = await launch(true);
    const child = fake.forks[0];
    if (!child) throw new Error('no core');
    child.emit('message', { type: 'fatal', message: 'This database was written by a newer Flowdeck.' });
    child.emit('exit', 1);
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith(
      'Flowdeck cannot open its data',
      expect.stringContaining('This database was written by a newer Flowdeck.'),
    );
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
  });

  it('draws the core\'s tray state, and the tray menu\'s pause goes to the core', async () => {
    const fake = await launch(true);
    const child = fake.forks[0];
    const icon = fake.FakeTray.instances[0];
    if (!child || !icon) throw new Error('no core or no tray');
    expect(icon.image).toBe('/icons/tray-ok-light.png');
    child.emit('message', { type: 'tray-state', health: 'failing', openIncidents: 1, needsAttention: 1, summary: 'Flowdeck: 1 open incident (1 critical)', pausedUntil: null });
    expect(icon.image).toBe('/icons/tray-failing-light.png');
    expect(icon.tooltip).toBe('Flowdeck: 1 open incident (1 critical)');
    expect(fake.app.badgeCount).toBe(1);
    icon.menu?.click('Pause notifications for 1 hour');
    expect(child.postMessage).toHaveBeenCalledWith({ type: 'pause-notifications', minutes: 60 });
  });

  it('a core notification is shown natively; clicking it opens the incident in the window', async () => {
    const fake = await launch(true);
    const child = fake.forks[0];
    const win = fake.FakeBrowserWindow.instances[0];
    if (!child || !win) throw new Error('no core or no window');
    win.webContents.emit('did-finish-load');
    win.visible = false;
    child.emit('message', { type: 'notify', title: 'Incident: sheets', body: '1 failed run', route: '#/incidents/3' });
    child.emit('message', { type: 'notify', title: 'Evil', body: '', route: '#/settings?x=javascript:alert(1)' });
    expect(fake.FakeNotification.instances.map((n) => n.options.title)).toEqual(['Incident: sheets']);
    fake.FakeNotification.instances[0]?.emit('click');
    expect(win.isVisible()).toBe(true);
    expect(win.webContents.send).toHaveBeenCalledWith('app:navigate', '#/incidents/3');
  });

  it('attached to a team server (settings.json), the core relays to it; its status reaches the window; a new choice restarts Flowdeck', async () => {
    const userData = mkdtempSync(path.join(dirs.base, 'user-data-'));
    writeFileSync(path.join(userData, 'settings.json'), JSON.stringify({ teamServerUrl: 'https://team.example' }));
    const fake = await launch(true, (f) => f.app.getPath.mockImplementation((name: string) => (name === 'userData' ? userData : `/fake/${name}`)));
    const child = fake.forks[0];
    const win = fake.FakeBrowserWindow.instances[0];
    if (!child || !win) throw new Error('no core or no window');
    expect(child.args).toEqual(expect.arrayContaining(['--attach', 'https://team.example']));
    const status = { state: 'signed-out', message: 'Not signed in to the team server at team.example. Sign in to see its workflows.', login: null };
    child.emit('message', { type: 'attach-status', ...status });
    expect(win.webContents.send).toHaveBeenCalledWith('desktop:attach-status', status);
    expect(fake.FakeNotification.instances).toHaveLength(0);
    const own = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    const setServer = fake.ipcMainHandlers.get('desktop:set-team-server') as (e: unknown, url: unknown) => void;
    setServer(own, null);
    expect(JSON.parse(readFileSync(path.join(userData, 'settings.json'), 'utf8'))).toMatchObject({ teamServerUrl: null });
    expect(fake.app.relaunch).toHaveBeenCalledTimes(1);
    expect(fake.app.quit).toHaveBeenCalled();
  });

  it('FLOWDECK_DATA_DIR overrides the data dir', async () => {
    vi.stubEnv('FLOWDECK_DATA_DIR', '/srv/flowdeck');
    const fake = await launch(true);
    expect(fake.forks[0]?.args.slice(0, 2)).toEqual(['--data-dir', '/srv/flowdeck']);
  });

  it('passes --demo through to the core', async () => {
    const argv = process.argv;
    process.argv = [...argv, '--demo'];
    try {
      const fake = await launch(true);
      expect(fake.forks[0]?.args).toContain('--demo');
    } finally {
      process.argv = argv;
    }
  });
});
