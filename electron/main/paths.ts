import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ShellPaths {
  /** The built renderer served on app://flowdeck (out/renderer). */
  rendererDir: string;
  /** The bundled preload (out/electron/preload.cjs). */
  preload: string;
  /** The bundled core entry run in a utility process (out/core/main.cjs). */
  coreEntry: string;
}

/**
 * Paths relative to the bundled main file (out/electron/main.cjs). The bundler maps `import.meta.url`
 * to that file's URL, so this holds both in the CJS bundle and inside app.asar.
 */
export function shellPaths(bundleFileUrl: string = import.meta.url): ShellPaths {
  const dir = path.dirname(fileURLToPath(bundleFileUrl));
  return {
    rendererDir: path.resolve(dir, '../renderer'),
    preload: path.join(dir, 'preload.cjs'),
    coreEntry: path.resolve(dir, '../core/main.cjs'),
  };
}

export type TrayStatus = 'ok' | 'warning' | 'failing';
/** 'light' icons (dark ink) suit light menu bars and panels, 'dark' icons (light ink) dark ones. */
export type TrayTheme = 'light' | 'dark';

/**
 * A tray icon (16 px; Electron's nativeImage picks the @2x file beside it on high-DPI screens). Packaged builds
 * carry them in resources/tray (extraResources in electron-builder.yml); development runs use assets/tray.
 */
export function trayIconPath(
  status: TrayStatus,
  theme: TrayTheme,
  runtime: { isPackaged: boolean; resourcesPath: string },
  bundleFileUrl: string = import.meta.url,
): string {
  const file = `tray-${status}-${theme}.png`;
  if (runtime.isPackaged) return path.join(runtime.resourcesPath, 'tray', file);
  return path.resolve(path.dirname(fileURLToPath(bundleFileUrl)), '../../assets/tray', file);
}
