import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../test-support/electron-fake.ts';
import { autostartFile, desktopEntry, execArg, isStartAtLogin, setStartAtLogin, type AutostartContext } from './autostart.ts';

vi.mock('electron', () => import('../test-support/electron-fake.ts'));

let base = '';
beforeEach(() => {
  fake.resetFakeElectron();
  base = mkdtempSync(path.join(os.tmpdir(), 'flowdeck-autostart-'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const linux = (extra: Partial<AutostartContext> = {}): AutostartContext => ({
  platform: 'linux',
  env: { XDG_CONFIG_HOME: path.join(base, 'config') },
  homeDir: path.join(base, 'home'),
  execPath: '/opt/Flowdeck/flowdeck',
  ...extra,
});

describe('start at login on Linux (XDG autostart)', () => {
  it('writes flowdeck.desktop into $XDG_CONFIG_HOME/autostart and removes it again', () => {
    const context = linux();
    const file = path.join(base, 'config', 'autostart', 'flowdeck.desktop');
    expect(autostartFile(context)).toBe(file);
    expect(isStartAtLogin(context)).toBe(false);

    setStartAtLogin(true, context);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')).toEqual(expect.arrayContaining([
      '[Desktop Entry]', 'Type=Application', 'Name=Flowdeck', 'Exec=/opt/Flowdeck/flowdeck', 'X-GNOME-Autostart-enabled=true',
    ]));
    expect(isStartAtLogin(context)).toBe(true);

    setStartAtLogin(false, context);
    expect(existsSync(file)).toBe(false);
    expect(isStartAtLogin(context)).toBe(false);
    setStartAtLogin(false, context); // idempotent
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('falls back to ~/.config when XDG_CONFIG_HOME is unset or relative', () => {
    const expected = path.join(base, 'home', '.config', 'autostart', 'flowdeck.desktop');
    expect(autostartFile(linux({ env: {} }))).toBe(expected);
    expect(autostartFile(linux({ env: { XDG_CONFIG_HOME: 'relative/dir' } }))).toBe(expected);
    setStartAtLogin(true, linux({ env: {} }));
    expect(existsSync(expected)).toBe(true);
  });

  it('starts the AppImage file itself (not its temporary mount) and passes extra arguments', () => {
    const context = linux({ env: { XDG_CONFIG_HOME: path.join(base, 'config'), APPIMAGE: '/home/ann/Apps/Flowdeck 1.0.AppImage' }, args: ['--hidden'] });
    setStartAtLogin(true, context);
    expect(readFileSync(autostartFile(context), 'utf8')).toContain('Exec="/home/ann/Apps/Flowdeck 1.0.AppImage" --hidden\n');
  });

  it('quotes and escapes Exec arguments per the desktop entry spec, and refuses line breaks', () => {
    expect(execArg('/usr/bin/flowdeck')).toBe('/usr/bin/flowdeck');
    expect(execArg('100%')).toBe('100%%');
    expect(execArg('/opt/My Apps/flowdeck')).toBe('"/opt/My Apps/flowdeck"');
    expect(execArg('a"b$c`d\\e')).toBe('"a\\\\"b\\\\$c\\\\`d\\\\\\\\e"');
    expect(() => execArg('/tmp/x\nExec=/bin/evil')).toThrow(/line break/);
    expect(() => desktopEntry('/opt/flowdeck', ['--x\r'])).toThrow();
  });
});

describe.each(['darwin', 'win32'] as const)('start at login on %s (login items)', (platform) => {
  it('sets and reads the OS login item, and writes no files', () => {
    const context = linux({ platform, args: [] });
    expect(isStartAtLogin(context)).toBe(false);
    setStartAtLogin(true, context);
    expect(fake.app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true, args: [] });
    expect(isStartAtLogin(context)).toBe(true);
    setStartAtLogin(false, context);
    expect(fake.app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false, args: [] });
    expect(isStartAtLogin(context)).toBe(false);
    expect(existsSync(path.join(base, 'config'))).toBe(false);
  });
});
