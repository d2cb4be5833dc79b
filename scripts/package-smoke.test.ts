import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as asar from '@electron/asar';
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asarEntries, checkAppDir, checkAsar, checkConfig, checkFuseWire, checkIcons } from './package-smoke.checks.ts';
import { createStandInElectron, loadBuilderConfig, packageSmoke, summary, type SmokeResult } from './package-smoke.ts';

// One real offline build of a staged project (the real package.json, electron-builder.yml, assets/ and build/
// hook; node_modules linked; a small fake out/ with decoys the config must leave out), then each failure mode on
// a mutated copy of its output.

const ROOT = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'flowdeck-smoke-test-'));
const project = path.join(work, 'project');
let result: SmokeResult;
let appOutDir = '';

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function stageProject(): void {
  mkdirSync(project, { recursive: true });
  for (const file of ['package.json', 'electron-builder.yml']) copyFileSync(path.join(ROOT, file), path.join(project, file));
  for (const dir of ['assets', 'build', 'core/store/migrations']) cpSync(path.join(ROOT, dir), path.join(project, dir), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  const out = path.join(project, 'out');
  write(path.join(out, 'electron/main.cjs'), 'const { app } = require("electron");\nrequire("node:path");\n');
  write(path.join(out, 'electron/preload.cjs'), 'require("electron");\n');
  write(path.join(out, 'core/main.cjs'), 'require("better-sqlite3");\nrequire("keytar");\ntry { require("bufferutil"); } catch {}\n');
  cpSync(path.join(ROOT, 'core/store/migrations'), path.join(out, 'core/migrations'), { recursive: true });
  write(path.join(out, 'renderer/index.html'), '<!doctype html><title>Flowdeck</title>');
  // Decoys electron-builder.yml must keep out of the package.
  write(path.join(out, 'core/main.cjs.map'), '{"version":3}');
  write(path.join(out, 'renderer/assets/app.test.js'), 'test()');
  write(path.join(out, 'renderer/__tests__/x.js'), 'x');
  write(path.join(out, 'core/types.d.ts'), 'export {};');
}

beforeAll(async () => {
  stageProject();
  result = await packageSmoke(project, path.join(work, 'smoke'));
  if (!result.build.ok) console.log(result.build.log);
  appOutDir = result.appOutDir ?? '';
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the built app directory to break. */
function copyApp(name: string): string {
  const dir = path.join(work, name);
  cpSync(appOutDir, dir, { recursive: true });
  return dir;
}

/** Rebuilds the copy's app.asar from its contents after `mutate`; natives stay unpacked unless `unpackNatives` is false. */
async function repack(appDir: string, mutate: (root: string) => void, unpackNatives = true): Promise<string> {
  const asarPath = path.join(appDir, 'resources', 'app.asar');
  const extracted = path.join(appDir, 'extracted');
  asar.extractAll(asarPath, extracted);
  mutate(extracted);
  rmSync(asarPath);
  rmSync(`${asarPath}.unpacked`, { recursive: true, force: true });
  await asar.createPackageWithOptions(extracted, asarPath, unpackNatives ? { unpack: '*.node' } : {});
  rmSync(extracted, { recursive: true, force: true });
  return asarPath;
}

describe('offline packaging smoke check (real electron-builder build against a stand-in Electron)', () => {
  it('builds without downloading anything and passes every check', () => {
    expect(result.build.ok).toBe(true);
    expect(result.build.log).not.toMatch(/downloading/i);
    expect(result.problems).toEqual([]);
    expect(result.figures?.unpackedFiles).toBeGreaterThan(0);
    expect(summary(result)).toMatch(/package smoke: OK$/);
  });

  it('packages the bundles, migrations and renderer, and leaves the decoys out', () => {
    const files = asarEntries(path.join(appOutDir, 'resources', 'app.asar')).map((e) => e.path);
    expect(files).toEqual(expect.arrayContaining([
      '/out/electron/main.cjs', '/out/core/main.cjs', '/out/core/migrations/0001_ledger.sql', '/out/renderer/index.html', '/package.json',
    ]));
    for (const decoy of ['/out/core/main.cjs.map', '/out/renderer/assets/app.test.js', '/out/renderer/__tests__/x.js', '/out/core/types.d.ts']) {
      expect(files).not.toContain(decoy);
    }
    expect(files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2])).toEqual(
      expect.not.arrayContaining(['react', 'zod', 'electron-updater']),
    );
  });

  it('electron-builder flipped every fuse: the stand-in starts with Electron defaults (insecure)', async () => {
    const standIn = createStandInElectron(path.join(work, 'fresh-stand-in'), '45.0.0');
    const before = await getCurrentFuseWire(standIn);
    expect(before[FuseV1Options.RunAsNode]).toBe(49);
    expect(await checkFuseWire(standIn)).toHaveLength(7); // every policy fuse starts on the insecure side
    expect(await checkFuseWire(path.join(appOutDir, 'flowdeck'))).toEqual([]);
  });

  it('fails on a fuse left on in the binary', async () => {
    const dir = copyApp('fuse-on');
    await flipFuses(path.join(dir, 'flowdeck'), { version: FuseVersion.V1, [FuseV1Options.RunAsNode]: true });
    expect(await checkFuseWire(path.join(dir, 'flowdeck'))).toEqual([
      'fuse runAsNode is on in the packaged binary; it must be off',
    ]);
  });

  it('fails on a fuse left on in the config', async () => {
    const config = await loadBuilderConfig(project);
    expect(checkConfig(config)).toEqual([]);
    const bad = { ...config, electronFuses: { ...config.electronFuses, enableNodeCliInspectArguments: true } };
    expect(checkConfig(bad)).toEqual([
      'electronFuses.enableNodeCliInspectArguments is true in the config; the release policy is false',
    ]);
  });

  it('fails on a native module inside the asar', async () => {
    const dir = copyApp('native-inside');
    const asarPath = await repack(dir, () => undefined, false);
    const problems = checkAsar(asarPath);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^native module inside app\.asar \(not unpacked\): \/node_modules\/keytar\/build\/Release\/keytar\.node$/),
      expect.stringMatching(/^native module inside app\.asar \(not unpacked\): \/node_modules\/better-sqlite3\/prebuilds\//),
    ]));
    expect(checkAppDir(dir, 'flowdeck')).toEqual(expect.arrayContaining([expect.stringMatching(/^no unpacked keytar \.node file/)]));
  });

  it('fails on a test file, a source map, a TypeScript source or a secret in the package', async () => {
    const dir = copyApp('forbidden');
    const asarPath = await repack(dir, (root) => {
      write(path.join(root, 'out/renderer/assets/app.test.js'), 'test()');
      write(path.join(root, 'out/core/main.cjs.map'), '{}');
      write(path.join(root, 'out/core/handlers.ts'), 'export {}');
      write(path.join(root, '.npmrc'), '//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789\n');
      write(path.join(root, 'out/renderer/config.js'), 'const token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789AB";');
    });
    expect(checkAsar(asarPath)).toEqual([
      'app.asar contains a secrets file: /.npmrc',
      'app.asar contains an npm auth token in /.npmrc',
      'app.asar contains a TypeScript source: /out/core/handlers.ts',
      'app.asar contains a source map: /out/core/main.cjs.map',
      'app.asar contains a test file: /out/renderer/assets/app.test.js',
      'app.asar contains a GitHub token in /out/renderer/config.js',
    ]);
  });

  it('fails when a bundle requires a package that is not packaged, or a migration is missing', async () => {
    const dir = copyApp('externals');
    const asarPath = await repack(dir, (root) => {
      write(path.join(root, 'out/core/main.cjs'), 'require("better-sqlite3"); require("keytar"); require("left-pad/index.js");');
      rmSync(path.join(root, 'out/core/migrations/0001_ledger.sql'));
    });
    expect(checkAsar(asarPath, { migrationsDir: path.join(project, 'core/store/migrations') })).toEqual([
      'app.asar lacks /out/core/migrations/0001_ledger.sql',
      'app.asar lacks the migration /out/core/migrations/0001_ledger.sql',
      "/out/core/main.cjs requires 'left-pad', which is not packaged",
    ]);
  });

  it('fails on a missing or wrong-sized app icon and on a missing tray icon', async () => {
    const config = await loadBuilderConfig(project);
    const icons = path.join(work, 'icons-project');
    cpSync(path.join(project, 'assets'), path.join(icons, 'assets'), { recursive: true });
    expect(checkIcons(icons, config)).toEqual([]);
    unlinkSync(path.join(icons, 'assets/icons/256x256.png'));
    copyFileSync(path.join(icons, 'assets/icons/16x16.png'), path.join(icons, 'assets/icons/32x32.png'));
    unlinkSync(path.join(icons, 'assets/icon.icns'));
    expect(checkIcons(icons, config)).toEqual([
      `icon ${path.join(icons, 'assets/icons/32x32.png')} is 16x16, expected 32x32`,
      `missing icon ${path.join(icons, 'assets/icons/256x256.png')}`,
      `missing icon ${path.join(icons, 'assets/icon.icns')}`,
    ]);

    const dir = copyApp('tray-missing');
    unlinkSync(path.join(dir, 'resources/tray/tray-failing-dark@2x.png'));
    expect(checkAppDir(dir, 'flowdeck')).toEqual(['a tray icon missing: resources/tray/tray-failing-dark@2x.png']);
  });

  it('lists what it built', () => {
    expect(readdirSync(appOutDir).sort()).toEqual(expect.arrayContaining(['flowdeck', 'resources']));
    expect(readdirSync(path.join(appOutDir, 'resources')).sort()).toEqual(['app.asar', 'app.asar.unpacked', 'tray']);
  });
});
