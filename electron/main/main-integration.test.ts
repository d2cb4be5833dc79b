import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** The entry's OS integration (links, single instance, window state, close to tray, login start, updates). */

type Fake = typeof import('../test-support/electron-fake.ts');

const dirs = vi.hoisted(() => ({ base: '' }));
const updater = vi.hoisted(() => ({ loads: 0, feeds: [] as unknown[] }));

vi.mock('electron', () => import('../test-support/electron-fake.ts'));
vi.mock('./paths.ts', () => ({
  shellPaths: () => ({
    rendererDir: `${dirs.base}/renderer`,
    preload: `${dirs.base}/electron/preload.cjs`,
    coreEntry: `${dirs.base}/core/main.cjs`,
  }),
  trayIconPath: (status: string, theme: string) => `/icons/tray-${status}-${theme}.png`,
}));
vi.mock('electron-updater', () => {
  updater.loads++;
  const autoUpdater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: (options: unknown) => void updater.feeds.push(options),
    checkForUpdatesAndNotify: async () => null,
    on: () => autoUpdater,
  };
  return { autoUpdater };
});

dirs.base = mkdtempSync(path.join(os.tmpdir(), 'flowdeck-main-os-'));
mkdirSync(path.join(dirs.base, 'core'));
writeFileSync(path.join(dirs.base, 'core', 'main.cjs'), '');
afterAll(() => rmSync(dirs.base, { recursive: true, force: true }));

let userData = '';
let argv: string[] = [];

async function launch(configure?: (fake: Fake) => void): Promise<Fake> {
  vi.resetModules();
  const fake = (await import('electron')) as unknown as Fake;
  fake.resetFakeElectron();
  fake.app.getPath.mockImplementation((name: string) => (name === 'userData' ? userData : path.join(dirs.base, name)));
  configure?.(fake);
  const { startup } = await import('./main.ts');
  await startup;
  return fake;
}

function mainWindow(fake: Fake): InstanceType<Fake['FakeBrowserWindow']> {
  const win = fake.FakeBrowserWindow.instances[0];
  if (!win) throw new Error('no window');
  return win;
}

beforeEach(() => {
  userData = mkdtempSync(path.join(dirs.base, 'userData-'));
  argv = process.argv;
  updater.loads = 0;
  updater.feeds.length = 0;
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.stubEnv('FLOWDECK_DATA_DIR', undefined);
  vi.stubEnv('FLOWDECK_UPDATE_URL', undefined);
});
afterEach(() => {
  process.argv = argv;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('flowdeck:// links and single instance', () => {
  it("forwards a second instance's link to the first instance's window (Windows/Linux)", async () => {
    const fake = await launch();
    const win = mainWindow(fake);
    win.webContents.emit('did-finish-load');
    win.minimized = true;
    fake.app.emit('second-instance', {}, ['C:\\Flowdeck\\Flowdeck.exe', '--flag', 'flowdeck://run/gh-991'], 'C:\\');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(win.webContents.send).toHaveBeenCalledWith('app:navigate', '#/runs?run=gh-991');
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('a second instance with a malicious link only focuses the window', async () => {
    const fake = await launch();
    const win = mainWindow(fake);
    win.webContents.emit('did-finish-load');
    fake.app.emit('second-instance', {}, ['flowdeck', 'flowdeck://run/1?next=javascript:alert(1)'], '/');
    fake.app.emit('second-instance', {}, ['flowdeck', 'flowdeck://settings/../run/1'], '/');
    expect(win.focus).toHaveBeenCalled();
    expect(win.webContents.send).not.toHaveBeenCalled();
  });

  it('opens the link the app was started with once the page has loaded', async () => {
    process.argv = [...argv, 'flowdeck://incident/17'];
    const fake = await launch();
    const win = mainWindow(fake);
    expect(win.webContents.send).not.toHaveBeenCalled();
    win.webContents.emit('did-finish-load');
    expect(win.webContents.send).toHaveBeenCalledWith('app:navigate', '#/incidents/17');
  });

  it('handles macOS open-url events and claims the scheme only when packaged', async () => {
    const fake = await launch();
    expect(fake.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
    const win = mainWindow(fake);
    win.webContents.emit('did-finish-load');
    const preventDefault = vi.fn();
    fake.app.emit('open-url', { preventDefault }, 'flowdeck://run/5');
    expect(preventDefault).toHaveBeenCalled();
    expect(win.webContents.send).toHaveBeenCalledWith('app:navigate', '#/runs?run=5');

    // All windows closed (macOS keeps running): a link opens a new window and lands there once it has loaded.
    win.close();
    fake.app.emit('open-url', { preventDefault }, 'flowdeck://incident/8');
    const reopened = fake.FakeBrowserWindow.instances[1];
    if (!reopened) throw new Error('no window was reopened');
    reopened.webContents.emit('did-finish-load');
    expect(reopened.webContents.send).toHaveBeenCalledWith('app:navigate', '#/incidents/8');

    const packaged = await launch((f) => void (f.app.isPackaged = true));
    expect(packaged.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('flowdeck');
  });
});

describe('window state and close to tray', () => {
  it('reopens the window where it was, maximized, and saves it on close', async () => {
    writeFileSync(path.join(userData, 'window-state.json'), JSON.stringify({ x: 40, y: 30, width: 1100, height: 760, maximized: true }));
    const fake = await launch();
    const win = mainWindow(fake);
    expect(win.options).toMatchObject({ x: 40, y: 30, width: 1100, height: 760 });
    win.emit('ready-to-show');
    expect(win.maximize).toHaveBeenCalled();
    win.bounds = { x: 60, y: 50, width: 1000, height: 700 };
    win.maximized = false;
    win.requestClose();
    expect(JSON.parse(readFileSync(path.join(userData, 'window-state.json'), 'utf8'))).toEqual({
      x: 60, y: 50, width: 1000, height: 700, maximized: false,
    });
  });

  it('closes the window even with "close to tray" on while no tray exists', async () => {
    writeFileSync(path.join(userData, 'settings.json'), JSON.stringify({ closeToTray: true }));
    const fake = await launch((f) => void (f.FakeTray.unavailable = true));
    expect(fake.FakeTray.instances).toHaveLength(0);
    const win = mainWindow(fake);
    expect(win.requestClose()).toBe(true);
    expect(win.hide).not.toHaveBeenCalled();
  });

  it('hides the window to the tray once the tray exists, and the tray brings it back; quitting really closes it', async () => {
    writeFileSync(path.join(userData, 'settings.json'), JSON.stringify({ closeToTray: true }));
    const fake = await launch();
    const win = mainWindow(fake);
    expect(fake.FakeTray.instances).toHaveLength(1);
    win.visible = true;
    expect(win.requestClose()).toBe(false);
    expect(win.hide).toHaveBeenCalled();
    expect(win.isVisible()).toBe(false);
    fake.FakeTray.instances[0]?.menu?.click('Open Flowdeck');
    expect(win.isVisible()).toBe(true);
    fake.FakeTray.instances[0]?.menu?.click('Quit Flowdeck');
    expect(fake.app.quit).toHaveBeenCalled();
    fake.app.emit('before-quit', { preventDefault: vi.fn() });
    expect(win.requestClose()).toBe(true);
  });
});

describe('start at login and updates', () => {
  it('leaves login items alone by default and in development builds', async () => {
    writeFileSync(path.join(userData, 'settings.json'), JSON.stringify({ openAtLogin: true }));
    const fake = await launch();
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('applies openAtLogin in a packaged build (an XDG autostart entry on Linux)', async () => {
    const xdg = path.join(userData, 'xdg');
    vi.stubEnv('XDG_CONFIG_HOME', xdg);
    writeFileSync(path.join(userData, 'settings.json'), JSON.stringify({ openAtLogin: true }));
    const fake = await launch((f) => void (f.app.isPackaged = true));
    if (process.platform === 'linux') expect(existsSync(path.join(xdg, 'autostart', 'flowdeck.desktop'))).toBe(true);
    else expect(fake.app.setLoginItemSettings).toHaveBeenCalledWith(expect.objectContaining({ openAtLogin: true }));
  });

  it('does not load electron-updater without a feed URL', async () => {
    await launch();
    expect(updater.loads).toBe(0);
  });

  it('ignores FLOWDECK_UPDATE_URL and a feed in settings.json: only the built-in app-update.yml turns updates on', async () => {
    vi.stubEnv('FLOWDECK_UPDATE_URL', 'https://updates.example/flowdeck');
    writeFileSync(path.join(userData, 'settings.json'), JSON.stringify({ updateFeedUrl: 'https://evil.example/feed' }));
    await launch((f) => void (f.app.isPackaged = true));
    await launch();
    expect(updater.loads).toBe(0);
    expect(updater.feeds).toEqual([]);
  });
});
