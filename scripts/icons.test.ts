import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ICON_SIZES, ASSETS_DIR, buildIcons, TRAY_SIZES, TRAY_STATUSES, TRAY_THEMES, unknownTraySources, writeIcons } from './icons.ts';

const temp = mkdtempSync(path.join(os.tmpdir(), 'flowdeck-icons-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const decode = (file: string): PNG => PNG.sync.read(readFileSync(file));

/** Alpha of the pixel at (x, y). */
const alphaAt = (png: PNG, x: number, y: number): number => png.data[(png.width * y + x) * 4 + 3] ?? -1;

describe('icons (committed outputs of scripts/icons.ts)', () => {
  it.each(APP_ICON_SIZES.map((n) => [n]))('assets/icons/%ix%i.png decodes to the right size, opaque mark, transparent corners', (n) => {
    const png = decode(path.join(ASSETS_DIR, 'icons', `${n}x${n}.png`));
    expect([png.width, png.height]).toEqual([n, n]);
    const mid = Math.floor(n / 2);
    expect(alphaAt(png, mid, mid)).toBe(255);
    expect(alphaAt(png, 0, 0)).toBe(0);
  });

  it('every tray icon decodes at 16 px and @2x 32 px, with something drawn', () => {
    for (const status of TRAY_STATUSES) {
      for (const theme of TRAY_THEMES) {
        for (const { suffix, size } of TRAY_SIZES) {
          const png = decode(path.join(ASSETS_DIR, 'tray', `tray-${status}-${theme}${suffix}.png`));
          expect([png.width, png.height], `${status}-${theme}${suffix}`).toEqual([size, size]);
          const opaque = png.data.filter((_v, i) => i % 4 === 3 && png.data[i] === 255).length;
          expect(opaque, `${status}-${theme}${suffix}`).toBeGreaterThan(size);
        }
      }
    }
    expect(unknownTraySources()).toEqual([]);
  });

  it('icon.ico holds 16 to 256 px entries, icon.icns is a well-formed ICNS with the 1024 px image', () => {
    const ico = readFileSync(path.join(ASSETS_DIR, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_v, i) => ico[6 + i * 16] || 256);
    expect(widths).toEqual(expect.arrayContaining([16, 32, 48, 256]));

    const icns = readFileSync(path.join(ASSETS_DIR, 'icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.toString('latin1', at, at + 4));
    expect(types).toEqual(expect.arrayContaining(['ic10', 'ic09', 'ic08', 'ic07']));
  });

  it('re-running the generator reproduces every committed file byte for byte, and nothing else', () => {
    writeIcons(buildIcons(), temp);
    const generated = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && !e.name.endsWith('.svg'))
        .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
        .sort();
    const files = generated(temp);
    expect(files).toHaveLength(APP_ICON_SIZES.length + 2 + TRAY_STATUSES.length * TRAY_THEMES.length * TRAY_SIZES.length);
    expect(generated(ASSETS_DIR)).toEqual(files);
    for (const file of files) {
      expect(readFileSync(path.join(temp, file)).equals(readFileSync(path.join(ASSETS_DIR, file))), file).toBe(true);
    }
  });
});
