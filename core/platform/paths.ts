import { homedir } from 'node:os';
import path from 'node:path';

/** The Electron app name: its userData dir is `<config dir>/Flowdeck`, and the ledger lives in `data/` below it. */
export const APP_DIR_NAME = 'Flowdeck';

export interface PathEnv {
  platform: NodeJS.Platform;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
}

function currentEnv(): PathEnv {
  return { platform: process.platform, home: homedir(), env: process.env };
}

/**
 * Electron's userData dir + `/data`, so the desktop app and `flowdeck serve` share one ledger:
 * Linux `${XDG_CONFIG_HOME:-~/.config}/Flowdeck/data`, macOS `~/Library/Application Support/Flowdeck/data`,
 * Windows `%APPDATA%\Flowdeck\data`.
 */
export function defaultDataDir(at: PathEnv = currentEnv()): string {
  const { platform, home, env } = at;
  if (platform === 'win32') {
    const appData = env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_DIR_NAME, 'data');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_DIR_NAME, 'data');
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  const config = xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.config');
  return path.posix.join(config, APP_DIR_NAME, 'data');
}

export type DataDirSource = 'flag' | 'env' | 'default';

/** Resolution order: `--data-dir` flag > `FLOWDECK_DATA_DIR` > the default. Relative paths resolve against `cwd`. */
export function resolveDataDir(
  flag: string | undefined,
  at: PathEnv = currentEnv(),
  cwd: string = process.cwd(),
): { dir: string; source: DataDirSource } {
  const pathApi = at.platform === 'win32' ? path.win32 : path.posix;
  if (flag) return { dir: pathApi.resolve(cwd, flag), source: 'flag' };
  const fromEnv = at.env.FLOWDECK_DATA_DIR;
  if (fromEnv) return { dir: pathApi.resolve(cwd, fromEnv), source: 'env' };
  return { dir: defaultDataDir(at), source: 'default' };
}

/** The throwaway ledger `--demo` recreates at every start: a sibling of the data dir, never the data dir itself. */
export function demoDataDir(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  return pathApi.join(pathApi.dirname(dataDir), 'demo-data');
}
