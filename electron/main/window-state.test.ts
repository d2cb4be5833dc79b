import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../test-support/electron-fake.ts';
import { DEFAULT_SIZE, placeWindow, readWindowState, trackWindowState, windowStateFile, type WindowState } from './window-state.ts';

vi.mock('electron', () => import('../test-support/electron-fake.ts'));

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1400 };
const state = (s: Partial<WindowState>): WindowState => ({ x: 100, y: 80, width: 1200, height: 800, maximized: false, ...s });

let dir = '';
beforeEach(() => {
  fake.resetFakeElectron();
  dir = mkdtempSync(path.join(os.tmpdir(), 'flowdeck-winstate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('window state', () => {
  it('first start: default size, no position (the OS centres it)', () => {
    expect(placeWindow(null, [laptop])).toEqual({ bounds: { ...DEFAULT_SIZE }, maximized: false });
  });

  it('restores bounds and maximized when the window is still on a visible display', () => {
    expect(placeWindow(state({ x: 2000, y: 100, maximized: true }), [laptop, rightMonitor])).toEqual({
      bounds: { x: 2000, y: 100, width: 1200, height: 800 },
      maximized: true,
    });
  });

  it('drops the position (keeps the size) when that display is gone or the window is off screen', () => {
    const onMissingMonitor = state({ x: 2000, y: 100 });
    expect(placeWindow(onMissingMonitor, [laptop])).toEqual({ bounds: { width: 1200, height: 800 }, maximized: false });
    expect(placeWindow(state({ x: 1400, y: 100 }), [laptop]).bounds).not.toHaveProperty('x'); // 40 px left on screen
    expect(placeWindow(state({ x: 100, y: -500 }), [laptop]).bounds).not.toHaveProperty('y'); // title bar above the top
  });

  it('clamps the size to the minimum and to the largest work area', () => {
    expect(placeWindow(state({ width: 300, height: 200 }), [laptop]).bounds).toMatchObject({ width: 900, height: 600 });
    expect(placeWindow(state({ x: 0, y: 0, width: 5000, height: 3000 }), [laptop]).bounds).toEqual({ x: 0, y: 0, width: 1440, height: 870 });
  });

  it('reads only well-formed state files', () => {
    const file = windowStateFile(dir);
    expect(readWindowState(file)).toBeNull();
    writeFileSync(file, JSON.stringify({ x: 1, y: 2, width: 1000, height: 700, maximized: true }));
    expect(readWindowState(file)).toEqual({ x: 1, y: 2, width: 1000, height: 700, maximized: true });
    for (const bad of [{ x: 'a', y: 0, width: 1, height: 1 }, { x: 0, y: 0, width: -5, height: 1 }, { x: 0.5, y: 0, width: 900, height: 600 }, [1, 2]]) {
      writeFileSync(file, JSON.stringify(bad));
      expect(readWindowState(file), JSON.stringify(bad)).toBeNull();
    }
  });

  it('saves normal bounds and maximized when the window closes; a failed write does not throw', () => {
    const win = new fake.FakeBrowserWindow({ x: 50, y: 60, width: 1000, height: 700 });
    win.maximized = true;
    const file = windowStateFile(path.join(dir, 'userData'));
    trackWindowState(win as unknown as BrowserWindow, file);
    win.requestClose();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 50, y: 60, width: 1000, height: 700, maximized: true });

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const other = new fake.FakeBrowserWindow({});
    trackWindowState(other as unknown as BrowserWindow, path.join(file, 'not-a-dir', 'state.json'));
    expect(() => other.requestClose()).not.toThrow();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not save the window state'), expect.anything());
    warn.mockRestore();
  });
});
