import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../test-support/electron-fake.ts';
import { DeepLinkRouter, registerProtocolClient } from './deep-link-router.ts';

vi.mock('electron', () => import('../test-support/electron-fake.ts'));

let win: fake.FakeBrowserWindow | undefined;
const focus = vi.fn();
const asWindow = (w: fake.FakeBrowserWindow | undefined) => w as unknown as BrowserWindow | undefined;

function setup(): DeepLinkRouter {
  const router = new DeepLinkRouter({ window: () => asWindow(win), focus });
  win = new fake.FakeBrowserWindow({});
  router.attach(win as unknown as BrowserWindow);
  return router;
}

beforeEach(() => {
  fake.resetFakeElectron();
  focus.mockClear();
  win = undefined;
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('DeepLinkRouter', () => {
  it('focuses the window and sends it the route once its page has loaded', () => {
    const router = setup();
    win?.webContents.emit('did-finish-load');
    expect(router.open('flowdeck://run/42')).toBe(true);
    expect(focus).toHaveBeenCalled();
    expect(win?.webContents.send).toHaveBeenCalledWith('app:navigate', '#/runs?run=42');
    expect(router.pendingRoute).toBeNull();
  });

  it('holds a link that arrives before the page has loaded, keeps only the latest, and sends it on load', () => {
    const router = setup();
    router.open('flowdeck://run/1');
    router.open('flowdeck://incident/9');
    expect(win?.webContents.send).not.toHaveBeenCalled();
    expect(router.pendingRoute).toBe('#/incidents/9');
    win?.webContents.emit('did-finish-load');
    expect(win?.webContents.send).toHaveBeenCalledTimes(1);
    expect(win?.webContents.send).toHaveBeenCalledWith('app:navigate', '#/incidents/9');
  });

  it('holds a link while there is no window at all (macOS open-url before ready)', () => {
    const router = new DeepLinkRouter({ window: () => undefined, focus });
    expect(router.open('flowdeck://incident/3')).toBe(true);
    expect(router.pendingRoute).toBe('#/incidents/3');
  });

  it('navigates to a console route (a clicked notification) and refuses anything that is not one', () => {
    const router = setup();
    win?.webContents.emit('did-finish-load');
    expect(router.navigate('#/incidents/12')).toBe(true);
    expect(focus).toHaveBeenCalledTimes(1);
    expect(win?.webContents.send).toHaveBeenCalledWith('app:navigate', '#/incidents/12');
    expect(router.navigate('#/settings')).toBe(false);
    expect(router.navigate('flowdeck://run/1')).toBe(false);
    expect(win?.webContents.send).toHaveBeenCalledTimes(1);
    expect(focus).toHaveBeenCalledTimes(1);
  });

  it('refuses a malicious link: nothing is sent or focused, and the log line is escaped and short', () => {
    const router = setup();
    win?.webContents.emit('did-finish-load');
    const evil = `flowdeck://run/1?x=\n[flowdeck] all good${'A'.repeat(200)}`;
    expect(router.open(evil)).toBe(false);
    expect(router.open('javascript:alert(1)')).toBe(false);
    expect(router.open(42)).toBe(false);
    expect(win?.webContents.send).not.toHaveBeenCalled();
    expect(focus).not.toHaveBeenCalled();
    const line = String(vi.mocked(console.warn).mock.calls[0]?.[0]);
    expect(line).toContain('refused link');
    expect(line).not.toContain('\n');
    expect(line.length).toBeLessThan(250);
  });
});

describe('registerProtocolClient', () => {
  it('claims flowdeck:// in packaged builds only', () => {
    expect(registerProtocolClient(false)).toBe(false);
    expect(fake.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
    expect(registerProtocolClient(true)).toBe(true);
    expect(fake.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('flowdeck');
  });
});
