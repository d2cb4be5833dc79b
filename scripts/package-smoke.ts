// Offline packaging smoke check. Electron cannot be downloaded on build machines, so this builds the unpacked
// Linux app (`electron-builder --dir`) against a STAND-IN Electron directory (a fake `electron` file that carries
// Electron's fuse wire, so electron-builder flips the fuses and we can read them back) with electronDist and
// electronVersion set, so electron-builder never downloads anything. Then it inspects the result: the file list,
// app.asar (required files present; no tests, source maps, TypeScript or secrets; natives unpacked; everything
// the bundles require packaged), the icons, and the fuses read back from the binary.
// Usage: node scripts/package-smoke.ts [--project <dir>] [--keep]    (after `npm run bundle`; exit 1 on a problem)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Configuration } from 'electron-builder';
import { asarEntries, checkAppDir, checkAsar, checkConfig, checkFuseWire, checkIcons, listFiles, REQUIRED_FUSES } from './package-smoke.checks.ts';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '..');

/** Electron's fuse wire marker (the SENTINEL of @electron/fuses), followed by [version, length, ...states]. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron's own defaults, in wire order: RunAsNode on, CookieEncryption off, NODE_OPTIONS on, inspect args on,
 * asar integrity off, only-load-from-asar off, V8 snapshot off, file:// privileges on, wasm trap handlers on.
 * So every fuse the policy needs starts insecure and only passes if electron-builder really flipped it.
 */
export const STAND_IN_FUSE_WIRE = '101100011';

/** Writes a stand-in Electron distribution (what electronDist points at) and returns its binary's path. */
export function createStandInElectron(dir: string, version: string, wire: string = STAND_IN_FUSE_WIRE): string {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const binary = path.join(dir, 'electron');
  writeFileSync(binary, Buffer.concat([
    Buffer.from('#!/bin/sh\necho "Flowdeck packaging stand-in, not Electron: it cannot run the app." >&2\nexit 1\n'),
    Buffer.alloc(512),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, wire.length]),
    Buffer.from(wire, 'latin1'),
    Buffer.alloc(512),
  ]), { mode: 0o755 });
  writeFileSync(path.join(dir, 'version'), `${version}\n`);
  writeFileSync(path.join(dir, 'LICENSE'), 'Stand-in for the Electron distribution (offline packaging smoke check).\n');
  return binary;
}

/** The electron-builder configuration exactly as electron-builder reads it (electron-builder.yml + defaults). */
export async function loadBuilderConfig(projectDir: string): Promise<Configuration> {
  const { getConfig } = (await import('app-builder-lib/out/util/config/config.js')) as {
    getConfig: (projectDir: string, configPath: string | null, fromOptions: null) => Promise<Configuration>;
  };
  return getConfig(projectDir, null, null);
}

export interface BuildResult {
  ok: boolean;
  log: string;
  seconds: number;
}

/** Runs the electron-builder CLI (cwd = projectDir, as for a release) with --dir --linux into outputDir. */
export function buildUnpacked(options: { projectDir: string; electronDist: string; electronVersion: string; outputDir: string }): BuildResult {
  const cli = path.join(path.dirname(require.resolve('electron-builder/package.json')), 'cli.js');
  const arch = process.arch === 'arm64' ? '--arm64' : '--x64';
  const started = Date.now();
  const run = spawnSync(process.execPath, [
    cli, '--dir', '--linux', arch, '--publish', 'never',
    `-c.electronDist=${options.electronDist}`,
    `-c.electronVersion=${options.electronVersion}`,
    `-c.directories.output=${options.outputDir}`,
  ], {
    cwd: options.projectDir,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false', FORCE_COLOR: '0' },
  });
  const log = `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? `\n${run.error.message}` : ''}`;
  return { ok: run.status === 0, log, seconds: (Date.now() - started) / 1000 };
}

export interface Figures {
  appFiles: number;
  asarBytes: number;
  asarEntries: number;
  unpackedFiles: number;
}

export interface InspectOptions {
  projectDir: string;
  appOutDir: string;
  config: Configuration;
}

/** All checks on a built app directory. */
export async function inspectPackage(options: InspectOptions): Promise<{ problems: string[]; figures: Figures }> {
  const { projectDir, appOutDir, config } = options;
  const executable = config.linux?.executableName ?? config.executableName ?? 'flowdeck';
  const asarPath = path.join(appOutDir, 'resources', 'app.asar');
  const problems = [
    ...checkConfig(config),
    ...checkIcons(projectDir, config),
    ...checkAppDir(appOutDir, executable),
    ...checkAsar(asarPath, { migrationsDir: path.join(projectDir, 'core', 'store', 'migrations') }),
    ...(existsSync(path.join(appOutDir, executable)) ? await checkFuseWire(path.join(appOutDir, executable)) : []),
  ];
  const hasAsar = existsSync(asarPath);
  const entries = hasAsar ? asarEntries(asarPath) : [];
  const figures: Figures = {
    appFiles: existsSync(appOutDir) ? listFiles(appOutDir).length : 0,
    asarBytes: hasAsar ? statSync(asarPath).size : 0,
    asarEntries: entries.length,
    unpackedFiles: entries.filter((e) => e.unpacked).length,
  };
  return { problems, figures };
}

export interface SmokeResult {
  build: BuildResult;
  appOutDir: string | null;
  problems: string[];
  figures: Figures | null;
  electronVersion: string;
}

/** Stand-in Electron, offline build, inspection. `workDir` receives everything (stand-in and output). */
export async function packageSmoke(projectDir: string, workDir: string): Promise<SmokeResult> {
  const electronVersion = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
  const electronDist = path.join(workDir, 'electron-dist');
  createStandInElectron(electronDist, electronVersion);
  const outputDir = path.join(workDir, 'release');
  const build = buildUnpacked({ projectDir, electronDist, electronVersion, outputDir });
  const dir = existsSync(outputDir) ? readdirSync(outputDir).find((d) => /^linux-(?:.+-)?unpacked$/.test(d)) : undefined;
  if (!build.ok || !dir) {
    return { build: { ...build, ok: false }, appOutDir: null, problems: ['electron-builder failed (log above)'], figures: null, electronVersion };
  }
  const appOutDir = path.join(outputDir, dir);
  const config = await loadBuilderConfig(projectDir);
  return { build, appOutDir, electronVersion, ...(await inspectPackage({ projectDir, appOutDir, config })) };
}

export function summary(result: SmokeResult): string {
  const lines = [`package smoke: electron-builder --dir --linux against a stand-in Electron ${result.electronVersion} (offline) in ${result.build.seconds.toFixed(1)} s`];
  if (result.figures) {
    const f = result.figures;
    lines.push(`  ${f.appFiles} files in ${path.basename(result.appOutDir ?? '')}; app.asar ${(f.asarBytes / 1024 / 1024).toFixed(2)} MiB, ${f.asarEntries} entries, ${f.unpackedFiles} unpacked (better-sqlite3, keytar)`);
    if (!result.problems.some((p) => p.startsWith('fuse '))) {
      lines.push(`  fuses read back from the binary: ${Object.entries(REQUIRED_FUSES).map(([k, v]) => `${k} ${v ? 'on' : 'off'}`).join(', ')}`);
    }
  }
  if (result.problems.length === 0) {
    lines.push('  checked: icons, file list, asar contents (no tests/maps/sources/secrets), natives unpacked, bundle externals, migrations, fuses');
    lines.push('package smoke: OK');
  } else {
    for (const problem of result.problems) lines.push(`  ✗ ${problem}`);
    if (result.problems.some((p) => p.includes('lacks'))) lines.push("  (out/ older than the sources? run 'npm run bundle' and try again)");
    lines.push(`package smoke: FAILED (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'})`);
  }
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const at = argv.indexOf('--project');
  const projectDir = path.resolve(at >= 0 && argv[at + 1] ? (argv[at + 1] as string) : ROOT);
  const missing = ['out/electron/main.cjs', 'out/electron/preload.cjs', 'out/core/main.cjs', 'out/renderer/index.html']
    .filter((f) => !existsSync(path.join(projectDir, f)));
  if (missing.length > 0) {
    console.error(`package smoke: ${missing.join(', ')} missing; run 'npm run bundle' first`);
    return 1;
  }
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'flowdeck-package-smoke-'));
  try {
    const result = await packageSmoke(projectDir, workDir);
    if (!result.build.ok) console.log(result.build.log.split('\n').slice(-40).join('\n'));
    console.log(summary(result));
    if (argv.includes('--keep')) console.log(`  kept ${workDir}`);
    return result.problems.length === 0 ? 0 : 1;
  } finally {
    if (!argv.includes('--keep')) rmSync(workDir, { recursive: true, force: true });
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
