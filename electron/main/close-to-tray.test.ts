import type { BrowserWindow, Tray } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../test-support/electron-fake.ts';
import { installCloseToTray, TraySlot } from './close-to-tray.ts';

vi.mock('electron', () => import('../test-support/electron-fake.ts'));

beforeEach(() => fake.resetFakeElectron());

function windowWith(options: { enabled: boolean; tray: boolean; quitting?: boolean }): fake.FakeBrowserWindow {
  const win = new fake.FakeBrowserWindow({});
  win.visible = true;
  installCloseToTray(win as unknown as BrowserWindow, {
    enabled: () => options.enabled,
    hasTray: () => options.tray,
    isQuitting: () => options.quitting ?? false,
  });
  return win;
}

describe('close to tray', () => {
  it('hides instead of closing when the setting is on and a tray exists', () => {
    const win = windowWith({ enabled: true, tray: true });
    expect(win.requestClose()).toBe(false);
    expect(win.hide).toHaveBeenCalled();
    expect(win.isDestroyed()).toBe(false);
  });

  it.each([
    ['the setting is off', { enabled: false, tray: true }],
    ['there is no tray (nothing to bring it back from)', { enabled: true, tray: false }],
    ['the app is quitting', { enabled: true, tray: true, quitting: true }],
  ])('closes normally when %s', (_name, options) => {
    const win = windowWith(options);
    expect(win.requestClose()).toBe(true);
    expect(win.hide).not.toHaveBeenCalled();
    expect(win.isDestroyed()).toBe(true);
  });

  it('the tray slot reports a tray only while one is set and not destroyed', () => {
    const slot = new TraySlot();
    expect(slot.present).toBe(false);
    let destroyed = false;
    slot.set({ isDestroyed: () => destroyed } as unknown as Tray);
    expect(slot.present).toBe(true);
    destroyed = true;
    expect(slot.present).toBe(false);
    slot.set(null);
    expect(slot.present).toBe(false);
  });
});
