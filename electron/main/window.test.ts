import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../test-support/electron-fake.ts';
import { createMainWindow, guardAllWebContents } from './window.ts';

vi.mock('electron', () => import('../test-support/electron-fake.ts'));

beforeEach(() => fake.resetFakeElectron());

function openWindow(devTools = true): fake.FakeBrowserWindow {
  createMainWindow({ preloadPath: '/app/out/electron/preload.cjs', devTools });
  const win = fake.FakeBrowserWindow.instances.at(-1);
  if (!win) throw new Error('no window was created');
  return win;
}

describe('main window', () => {
  it('uses the hardened webPreferences and the bundled preload', () => {
    const prefs = openWindow().options.webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/electron/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('loads the console from app://flowdeck, never file://', () => {
    const win = openWindow();
    expect(win.loadURL).toHaveBeenCalledTimes(1);
    expect(win.loadURL).toHaveBeenCalledWith('app://flowdeck/index.html');
  });

  it('denies window.open; only https links go to the OS browser', () => {
    const { webContents } = openWindow();
    const open = (url: string) => webContents.windowOpenHandler?.({ url });
    expect(open('https://app.n8n.cloud/workflow/1')).toEqual({ action: 'deny' });
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://flowdeck/x']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(fake.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://app.n8n.cloud/workflow/1');
  });

  it('prevents navigation and redirects away from app://flowdeck', () => {
    const { webContents } = openWindow();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const) {
      expect(webContents.navigate(event, 'https://evil.example/'), event).toBe(true);
      expect(webContents.navigate(event, 'file:///etc/passwd'), event).toBe(true);
      expect(webContents.navigate(event, 'app://other/index.html'), event).toBe(true);
      expect(webContents.navigate(event, 'app://flowdeck/index.html#/runs'), event).toBe(false);
    }
  });

  it('blocks <webview> attachment', () => {
    const { webContents } = openWindow();
    const preventDefault = vi.fn();
    webContents.emit('will-attach-webview', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    const { session } = openWindow().webContents;
    const callback = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      (session.permissionRequestHandler as (...a: unknown[]) => void)(null, permission, callback, {});
    }
    expect(callback).toHaveBeenCalledTimes(5);
    expect(callback.mock.calls.every(([granted]) => granted === false)).toBe(true);
    expect((session.permissionCheckHandler as (...a: unknown[]) => boolean)(null, 'media', 'app://flowdeck', {})).toBe(false);
    expect((session.devicePermissionHandler as (...a: unknown[]) => boolean)({ deviceType: 'usb' })).toBe(false);
  });

  it('has no devtools in packaged builds and closes them if they open', () => {
    const win = openWindow(false);
    expect(win.options.webPreferences).toMatchObject({ devTools: false });
    win.webContents.emit('devtools-opened');
    expect(win.webContents.closeDevTools).toHaveBeenCalled();
  });

  it('shows the window only once it is ready', () => {
    const win = openWindow();
    expect(win.options.show).toBe(false);
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });
});

describe('app-wide web contents guard', () => {
  it('guards every web contents the app creates, not only the main window', () => {
    guardAllWebContents(fake.app, { devTools: false });
    const other = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(other.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(other.navigate('will-redirect', 'file:///etc/passwd')).toBe(true);
    let attached = false;
    other.emit('will-attach-webview', { preventDefault: () => void (attached = true) });
    expect(attached).toBe(true);
    other.emit('devtools-opened');
    expect(other.closeDevTools).toHaveBeenCalled();
  });
});
