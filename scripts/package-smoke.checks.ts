// The checks of the offline packaging smoke check (scripts/package-smoke.ts), as functions over paths so tests can
// run them on crafted fixtures. Each returns a list of problems; an empty list means the check passed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import * as asar from '@electron/asar';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import type { Configuration } from 'electron-builder';
import { PNG } from 'pngjs';
import { APP_ICON_SIZES, TRAY_SIZES, TRAY_STATUSES, TRAY_THEMES } from './icons.ts';

/** Release fuse policy. electron-builder.yml must say exactly this and the packaged binary must carry it. */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const;
export type FuseName = keyof typeof REQUIRED_FUSES;

/** Native modules the core loads at run time: they must sit in app.asar.unpacked, never inside the archive. */
export const NATIVE_MODULES = ['better-sqlite3', 'keytar', '@node-rs/argon2'] as const;
/**
 * Where each native module's binary lives: in its own folder, or (argon2, an N-API package) in the platform package
 * beside it, e.g. @node-rs/argon2-linux-x64-gnu.
 */
const NATIVE_BINARY_PREFIX: Record<(typeof NATIVE_MODULES)[number], string> = {
  'better-sqlite3': 'better-sqlite3/', keytar: 'keytar/', '@node-rs/argon2': '@node-rs/argon2-',
};
/** Externals the bundles may require that are optional at run time (ws falls back without them). */
const OPTIONAL_EXTERNALS = new Set(['bufferutil', 'utf-8-validate']);
export const REQUIRED_ASAR_ENTRIES = [
  '/package.json',
  '/out/electron/main.cjs',
  '/out/electron/preload.cjs',
  '/out/core/main.cjs',
  '/out/core/migrations/0001_ledger.sql',
  '/out/renderer/index.html',
] as const;
const BUNDLES = ['/out/electron/main.cjs', '/out/electron/preload.cjs', '/out/core/main.cjs'] as const;

export const trayIconFiles = (): string[] =>
  TRAY_STATUSES.flatMap((s) => TRAY_THEMES.flatMap((t) => TRAY_SIZES.map(({ suffix }) => `tray-${s}-${t}${suffix}.png`)));

// --- files that must never ship ----------------------------------------------------------------------------------
const SECRET_NAMES = new Set(['.env', '.npmrc', '.yarnrc', '.yarnrc.yml', '.netrc', '.pypirc', 'id_rsa', 'id_ed25519', '.git-credentials']);
const SECRET_EXTENSIONS = new Set(['.pem', '.key', '.p12', '.pfx', '.p8', '.keystore']);
const SECRET_CONTENT: readonly [string, RegExp][] = [
  ['an npm auth token', /_authToken\s*=\s*\S{8,}/],
  ['a GitHub token', /\b(?:ghp|gho|ghs|ghu|github_pat)_[A-Za-z0-9_]{30,}/],
  ['an AWS access key', /\bAKIA[0-9A-Z]{16}\b/],
  ['a private key', /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----\s*[A-Za-z0-9+/=]{40,}/],
];

/** Why `file` (a path inside the package, posix) must not ship, or null. */
export function forbiddenReason(file: string): string | null {
  const base = path.posix.basename(file);
  const segments = file.split('/');
  if (/\.(?:test|spec)\.[cm]?[jt]sx?$/.test(base)) return 'a test file';
  if (segments.slice(0, -1).some((s) => s === 'test' || s === 'tests' || s === '__tests__')) return 'inside a test directory';
  if (base.endsWith('.map')) return 'a source map';
  if (/\.(?:ts|tsx|mts|cts)$/.test(base)) return 'a TypeScript source';
  if (SECRET_NAMES.has(base) || base.startsWith('.env.')) return 'a secrets file';
  if (SECRET_EXTENSIONS.has(path.posix.extname(base))) return 'a key or certificate file';
  if (segments.includes('.git')) return 'git metadata';
  return null;
}

export function secretInContent(text: string): string | null {
  for (const [what, pattern] of SECRET_CONTENT) if (pattern.test(text)) return what;
  return null;
}

// --- asar --------------------------------------------------------------------------------------------------------
export interface AsarEntry {
  path: string;
  size: number;
  unpacked: boolean;
}

type HeaderNode = { files?: Record<string, HeaderNode>; size?: number; unpacked?: boolean; link?: string };

/** Every file (and link) in an archive, from its header. */
export function asarEntries(asarPath: string): AsarEntry[] {
  asar.uncache(asarPath);
  const entries: AsarEntry[] = [];
  const walk = (node: HeaderNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const p = `${prefix}/${name}`;
      if (child.files) walk(child, p);
      else entries.push({ path: p, size: child.size ?? 0, unpacked: child.unpacked === true });
    }
  };
  walk(asar.getRawHeader(asarPath).header as HeaderNode, '');
  return entries;
}

const isBuiltin = (name: string): boolean => name.startsWith('node:') || builtinModules.includes(name);
const packageOf = (spec: string): string => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/** Bare `require("pkg")` calls left in a bundle, other than builtins and electron. */
export function bundleExternals(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
    const spec = match[1] ?? '';
    if (!isBuiltin(spec) && spec !== 'electron') found.add(packageOf(spec));
  }
  return [...found].sort();
}

export interface AsarCheckOptions {
  /** The project's migrations (core/store/migrations); each must be packaged under /out/core/migrations. */
  migrationsDir?: string;
}

/** Contents of app.asar: what must be there, what must not, natives unpacked, bundle externals present. */
export function checkAsar(asarPath: string, options: AsarCheckOptions = {}): string[] {
  if (!existsSync(asarPath)) return [`missing ${asarPath}`];
  const problems: string[] = [];
  const entries = asarEntries(asarPath);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  for (const required of REQUIRED_ASAR_ENTRIES) if (!byPath.has(required)) problems.push(`app.asar lacks ${required}`);
  if (options.migrationsDir && existsSync(options.migrationsDir)) {
    for (const sql of readdirSync(options.migrationsDir).filter((f) => f.endsWith('.sql'))) {
      if (!byPath.has(`/out/core/migrations/${sql}`)) problems.push(`app.asar lacks the migration /out/core/migrations/${sql}`);
    }
  }
  const unpackedDir = `${asarPath}.unpacked`;
  for (const entry of entries) {
    const reason = forbiddenReason(entry.path);
    if (reason) problems.push(`app.asar contains ${reason}: ${entry.path}`);
    if (entry.path.endsWith('.node') && !entry.unpacked) problems.push(`native module inside app.asar (not unpacked): ${entry.path}`);
    if (entry.unpacked && !existsSync(path.join(unpackedDir, ...entry.path.split('/')))) {
      problems.push(`app.asar marks ${entry.path} unpacked but app.asar.unpacked lacks it`);
    }
    if (!entry.unpacked && !entry.path.endsWith('.node') && entry.size > 0 && entry.size < 8 * 1024 * 1024) {
      const secret = secretInContent(asar.extractFile(asarPath, entry.path.slice(1)).toString('latin1'));
      if (secret) problems.push(`app.asar contains ${secret} in ${entry.path}`);
    }
  }
  for (const bundle of BUNDLES) {
    if (!byPath.has(bundle)) continue;
    for (const dep of bundleExternals(asar.extractFile(asarPath, bundle.slice(1)).toString('utf8'))) {
      if (!OPTIONAL_EXTERNALS.has(dep) && !byPath.has(`/node_modules/${dep}/package.json`)) {
        problems.push(`${bundle} requires '${dep}', which is not packaged`);
      }
    }
  }
  for (const name of NATIVE_MODULES) {
    const natives = entries.filter((e) => e.path.startsWith(`/node_modules/${NATIVE_BINARY_PREFIX[name]}`) && e.path.endsWith('.node'));
    if (natives.length === 0) problems.push(`no ${name} native binary (.node) is packaged`);
  }
  return problems;
}

// --- the unpacked app directory ----------------------------------------------------------------------------------
export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out.sort();
}

/** The linux-unpacked directory: executable, app.asar, unpacked natives, tray icons, nothing that must not ship. */
export function checkAppDir(appOutDir: string, executableName: string): string[] {
  if (!existsSync(appOutDir)) return [`missing ${appOutDir}`];
  const problems: string[] = [];
  const files = new Set(listFiles(appOutDir));
  const need = (file: string, what: string): void => {
    if (!files.has(file)) problems.push(`${what} missing: ${file}`);
  };
  need(executableName, 'the executable');
  need('resources/app.asar', 'the app archive');
  if (files.has('resources/app')) problems.push('resources/app exists: the app is not packed into app.asar');
  for (const name of NATIVE_MODULES) {
    const prefix = `resources/app.asar.unpacked/node_modules/${NATIVE_BINARY_PREFIX[name]}`;
    if (![...files].some((f) => f.startsWith(prefix) && f.endsWith('.node'))) problems.push(`no unpacked ${name} .node file under ${prefix}`);
  }
  for (const icon of trayIconFiles()) need(`resources/tray/${icon}`, 'a tray icon');
  for (const file of files) {
    const reason = file.startsWith('resources/') ? forbiddenReason(file) : null;
    if (reason) problems.push(`the package contains ${reason}: ${file}`);
  }
  return problems;
}

// --- fuses -------------------------------------------------------------------------------------------------------
const fuseIndex = (name: FuseName): number => FuseV1Options[(name[0]?.toUpperCase() + name.slice(1)) as keyof typeof FuseV1Options];

/** electronFuses in the config must equal the policy, key by key. */
export function checkFuseConfig(config: Pick<Configuration, 'electronFuses'>): string[] {
  const fuses = (config.electronFuses ?? {}) as Record<string, unknown>;
  return (Object.keys(REQUIRED_FUSES) as FuseName[])
    .filter((name) => fuses[name] !== REQUIRED_FUSES[name])
    .map((name) => `electronFuses.${name} is ${String(fuses[name])} in the config; the release policy is ${REQUIRED_FUSES[name]}`);
}

/** The fuse wire read back from the (stand-in or real) Electron binary must carry the policy. */
export async function checkFuseWire(binary: string): Promise<string[]> {
  let wire: Awaited<ReturnType<typeof getCurrentFuseWire>>;
  try {
    wire = await getCurrentFuseWire(binary);
  } catch (error) {
    return [`cannot read the fuses of ${binary}: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  for (const name of Object.keys(REQUIRED_FUSES) as FuseName[]) {
    const state = (wire as Record<number, number>)[fuseIndex(name)];
    const expected = REQUIRED_FUSES[name] ? FuseState.ENABLE : FuseState.DISABLE;
    if (state !== expected) {
      const found = state === FuseState.ENABLE ? 'on' : state === FuseState.DISABLE ? 'off' : `state ${String(state)}`;
      problems.push(`fuse ${name} is ${found} in the packaged binary; it must be ${REQUIRED_FUSES[name] ? 'on' : 'off'}`);
    }
  }
  return problems;
}

/** Static release settings in the config: fuse policy, asar on, natives unpacked, never rebuilt. */
export function checkConfig(config: Configuration): string[] {
  const problems = checkFuseConfig(config);
  if (config.asar === false) problems.push('asar is off in the config');
  if (config.npmRebuild !== false) problems.push('npmRebuild must be false (better-sqlite3 and keytar are N-API)');
  const unpack = [config.asarUnpack ?? []].flat();
  for (const name of NATIVE_MODULES) {
    if (!unpack.some((p) => p.startsWith(`node_modules/${name}/`))) problems.push(`asarUnpack does not cover ${name}`);
  }
  return problems;
}

// --- icons -------------------------------------------------------------------------------------------------------
function pngProblem(file: string, size: number): string | null {
  if (!existsSync(file)) return `missing icon ${file}`;
  try {
    const png = PNG.sync.read(readFileSync(file));
    return png.width === size && png.height === size ? null : `icon ${file} is ${png.width}x${png.height}, expected ${size}x${size}`;
  } catch (error) {
    return `icon ${file} is not a readable PNG: ${(error as Error).message}`;
  }
}

/** The icons electron-builder.yml points at (Linux set, .icns, .ico) and the tray icons, all present and valid. */
export function checkIcons(projectDir: string, config: Pick<Configuration, 'linux' | 'mac' | 'win'>): string[] {
  const problems: string[] = [];
  const linuxIcon = config.linux?.icon;
  if (!linuxIcon) problems.push('linux.icon is not set');
  else for (const n of APP_ICON_SIZES) problems.push(pngProblem(path.join(projectDir, linuxIcon, `${n}x${n}.png`), n) ?? '');
  const container = (key: 'mac' | 'win', magic: (b: Buffer) => boolean, kind: string): void => {
    const icon = config[key]?.icon;
    const file = icon ? path.join(projectDir, icon) : '';
    if (!icon) problems.push(`${key}.icon is not set`);
    else if (!existsSync(file) || statSync(file).size === 0) problems.push(`missing icon ${file}`);
    else if (!magic(readFileSync(file))) problems.push(`icon ${file} is not a valid ${kind}`);
  };
  container('mac', (b) => b.toString('latin1', 0, 4) === 'icns' && b.readUInt32BE(4) === b.length, '.icns');
  container('win', (b) => b.readUInt16LE(0) === 0 && b.readUInt16LE(2) === 1 && b.readUInt16LE(4) > 0, '.ico');
  for (const { suffix, size } of TRAY_SIZES) {
    for (const s of TRAY_STATUSES) for (const t of TRAY_THEMES) {
      problems.push(pngProblem(path.join(projectDir, 'assets', 'tray', `tray-${s}-${t}${suffix}.png`), size) ?? '');
    }
  }
  return problems.filter(Boolean);
}
