// Renders Flowdeck's icons from their SVG sources (assets/icon.svg, assets/tray/*.svg) with resvg and packs the
// .ico/.icns with png2icons. Pure functions of the sources, no system fonts: re-running reproduces the same bytes.
// Usage: node scripts/icons.ts [--out <dir>]   (default: assets/, next to the sources; commit the outputs)
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

export const ASSETS_DIR = path.resolve(import.meta.dirname, '../assets');

/** App icon PNG sizes (assets/icons/<n>x<n>.png: electron-builder's Linux icon set, and the README). */
export const APP_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
export const TRAY_STATUSES = ['ok', 'warning', 'failing'] as const;
export const TRAY_THEMES = ['light', 'dark'] as const;
/** Tray PNGs: 16 px plus the @2x (32 px) that Electron's nativeImage picks on high-DPI screens. */
export const TRAY_SIZES = [
  { suffix: '', size: 16 },
  { suffix: '@2x', size: 32 },
] as const;

export interface IconOutput {
  /** Path relative to the output directory, posix separators. */
  file: string;
  bytes: Buffer;
  /** Pixel size for PNGs; null for .ico/.icns containers. */
  size: number | null;
}

export function renderPng(svg: string, size: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false },
    logLevel: 'error',
  });
  const image = resvg.render();
  if (image.width !== size || image.height !== size) {
    throw new Error(`icons: rendered ${image.width}x${image.height}, expected ${size}x${size} (is the SVG square?)`);
  }
  return Buffer.from(image.asPng());
}

function packed(kind: string, bytes: Buffer | null): Buffer {
  if (!bytes || bytes.length === 0) throw new Error(`icons: png2icons could not create the ${kind}`);
  return bytes;
}

/** Every icon file, in a fixed order, from the SVGs in `sourceDir`. Nothing is written. */
export function buildIcons(sourceDir: string = ASSETS_DIR): IconOutput[] {
  const outputs: IconOutput[] = [];
  const appSvg = readFileSync(path.join(sourceDir, 'icon.svg'), 'utf8');
  for (const size of APP_ICON_SIZES) {
    outputs.push({ file: `icons/${size}x${size}.png`, bytes: renderPng(appSvg, size), size });
  }
  const master = renderPng(appSvg, 1024);
  png2icons.clearCache();
  // forWinExe: PNG entries from 64 px up, BMP below (what Windows Explorer expects inside an .exe).
  outputs.push({ file: 'icon.ico', bytes: packed('.ico', png2icons.createICO(master, png2icons.BICUBIC2, 0, false, true)), size: null });
  outputs.push({ file: 'icon.icns', bytes: packed('.icns', png2icons.createICNS(master, png2icons.BICUBIC2, 0)), size: null });
  png2icons.clearCache();
  for (const status of TRAY_STATUSES) {
    for (const theme of TRAY_THEMES) {
      const name = `tray-${status}-${theme}`;
      const svg = readFileSync(path.join(sourceDir, 'tray', `${name}.svg`), 'utf8');
      for (const { suffix, size } of TRAY_SIZES) {
        outputs.push({ file: `tray/${name}${suffix}.png`, bytes: renderPng(svg, size), size });
      }
    }
  }
  return outputs;
}

export function writeIcons(outputs: readonly IconOutput[], outDir: string): void {
  for (const output of outputs) {
    const target = path.join(outDir, ...output.file.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, output.bytes);
  }
}

/** Tray SVG sources present in `sourceDir` that the generator does not know (a typo would otherwise go unnoticed). */
export function unknownTraySources(sourceDir: string = ASSETS_DIR): string[] {
  const known = new Set(TRAY_STATUSES.flatMap((s) => TRAY_THEMES.map((t) => `tray-${s}-${t}.svg`)));
  return readdirSync(path.join(sourceDir, 'tray')).filter((f) => f.endsWith('.svg') && !known.has(f));
}

function main(argv: readonly string[]): void {
  const at = argv.indexOf('--out');
  const outDir = at >= 0 && argv[at + 1] ? path.resolve(argv[at + 1] as string) : ASSETS_DIR;
  const unknown = unknownTraySources();
  if (unknown.length > 0) throw new Error(`icons: unexpected tray sources: ${unknown.join(', ')}`);
  const outputs = buildIcons();
  writeIcons(outputs, outDir);
  const total = outputs.reduce((sum, o) => sum + o.bytes.length, 0);
  console.log(`icons: ${outputs.length} files (${(total / 1024).toFixed(0)} KiB) -> ${path.relative(process.cwd(), outDir) || '.'}`);
}

if (import.meta.main) main(process.argv.slice(2));
