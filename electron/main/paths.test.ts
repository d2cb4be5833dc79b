import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shellPaths, trayIconPath } from './paths.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const bundle = pathToFileURL(path.join(ROOT, 'out/electron/main.cjs')).href;

describe('shell paths', () => {
  it('resolve the renderer, preload and core next to the main bundle', () => {
    expect(shellPaths(bundle)).toEqual({
      rendererDir: path.join(ROOT, 'out/renderer'),
      preload: path.join(ROOT, 'out/electron/preload.cjs'),
      coreEntry: path.join(ROOT, 'out/core/main.cjs'),
    });
  });

  it('find every tray icon: in resources/tray when packaged, in assets/tray in development', () => {
    expect(trayIconPath('failing', 'dark', { isPackaged: true, resourcesPath: '/opt/Flowdeck/resources' }, bundle)).toBe(
      path.join('/opt/Flowdeck/resources', 'tray', 'tray-failing-dark.png'),
    );
    for (const status of ['ok', 'warning', 'failing'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const file = trayIconPath(status, theme, { isPackaged: false, resourcesPath: '/unused' }, bundle);
        expect(file).toBe(path.join(ROOT, 'assets/tray', `tray-${status}-${theme}.png`));
        expect(existsSync(file), file).toBe(true);
        expect(existsSync(file.replace(/\.png$/, '@2x.png')), file).toBe(true);
      }
    }
  });
});
