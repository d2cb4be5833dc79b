import { describe, expect, it } from 'vitest';
import { defaultDataDir, demoDataDir, resolveDataDir } from './paths.ts';

describe('defaultDataDir (Electron userData + /data)', () => {
  it('follows XDG_CONFIG_HOME on Linux, else ~/.config', () => {
    expect(defaultDataDir({ platform: 'linux', home: '/home/ana', env: {} })).toBe('/home/ana/.config/Flowdeck/data');
    expect(defaultDataDir({ platform: 'linux', home: '/home/ana', env: { XDG_CONFIG_HOME: '/xdg' } })).toBe('/xdg/Flowdeck/data');
    // A relative XDG_CONFIG_HOME is invalid per the spec and ignored.
    expect(defaultDataDir({ platform: 'linux', home: '/home/ana', env: { XDG_CONFIG_HOME: 'rel' } })).toBe('/home/ana/.config/Flowdeck/data');
  });

  it('uses Application Support on macOS and %APPDATA% on Windows', () => {
    expect(defaultDataDir({ platform: 'darwin', home: '/Users/ana', env: {} })).toBe('/Users/ana/Library/Application Support/Flowdeck/data');
    expect(defaultDataDir({ platform: 'win32', home: 'C:\\Users\\ana', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' } }))
      .toBe('C:\\Users\\ana\\AppData\\Roaming\\Flowdeck\\data');
    expect(defaultDataDir({ platform: 'win32', home: 'C:\\Users\\ana', env: {} })).toBe('C:\\Users\\ana\\AppData\\Roaming\\Flowdeck\\data');
  });
});

describe('resolveDataDir', () => {
  const at = { platform: 'linux' as const, home: '/home/ana', env: { FLOWDECK_DATA_DIR: '/env/dir' } };

  it('prefers the flag, then FLOWDECK_DATA_DIR, then the default', () => {
    expect(resolveDataDir('/flag/dir', at, '/cwd')).toEqual({ dir: '/flag/dir', source: 'flag' });
    expect(resolveDataDir(undefined, at, '/cwd')).toEqual({ dir: '/env/dir', source: 'env' });
    expect(resolveDataDir(undefined, { ...at, env: {} }, '/cwd')).toEqual({ dir: '/home/ana/.config/Flowdeck/data', source: 'default' });
  });

  it('resolves relative paths against the working directory', () => {
    expect(resolveDataDir('rel/data', at, '/work').dir).toBe('/work/rel/data');
    expect(resolveDataDir(undefined, { ...at, env: { FLOWDECK_DATA_DIR: './d' } }, '/work').dir).toBe('/work/d');
  });
});

describe('demoDataDir', () => {
  it('is a sibling demo-data directory, never the data dir', () => {
    expect(demoDataDir('/home/ana/.config/Flowdeck/data', 'linux')).toBe('/home/ana/.config/Flowdeck/demo-data');
    expect(demoDataDir('C:\\x\\Flowdeck\\data', 'win32')).toBe('C:\\x\\Flowdeck\\demo-data');
  });
});
