// Bundles the Electron main process, the preload and the core process entry into CommonJS files under out/,
// and copies the ledger migrations next to the core bundle. Usage: node scripts/bundle-electron.mjs
// (The renderer is built separately by Vite into out/renderer.)
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'out');

// `import.meta.url` has no meaning in CommonJS: point it at the bundle file itself, so paths resolved
// relative to it (out/renderer, out/core/migrations) hold in the bundle and inside app.asar.
const importMetaUrl = {
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__import_meta_url' },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  logLevel: 'warning',
  legalComments: 'none',
};

const targets = [
  {
    name: 'electron main',
    entry: 'electron/main/main.ts',
    outfile: 'out/electron/main.cjs',
    options: { ...importMetaUrl, external: ['electron'], sourcemap: true },
  },
  {
    // Sandboxed preload: may only require('electron') (and a few builtins), so nothing else stays external.
    name: 'preload',
    entry: 'electron/preload/index.ts',
    outfile: 'out/electron/preload.cjs',
    options: { external: ['electron'], target: 'chrome130' },
  },
  {
    name: 'core',
    entry: 'core/main.ts',
    outfile: 'out/core/main.cjs',
    options: {
      ...importMetaUrl,
      // Native modules load from node_modules (asarUnpack'd when packaged); ws's optional natives too.
      external: ['better-sqlite3', 'keytar', '@node-rs/argon2', 'bufferutil', 'utf-8-validate'],
      sourcemap: true,
    },
  },
];

rmSync(path.join(out, 'electron'), { recursive: true, force: true });
rmSync(path.join(out, 'core'), { recursive: true, force: true });

let built = 0;
for (const target of targets) {
  const entry = path.join(root, target.entry);
  if (!existsSync(entry)) {
    console.warn(`bundle-electron: skipping ${target.name}: ${target.entry} does not exist yet`);
    continue;
  }
  await build({ ...common, ...target.options, entryPoints: [entry], outfile: path.join(root, target.outfile) });
  built++;
}

const migrationsSrc = path.join(root, 'core/store/migrations');
if (existsSync(path.join(out, 'core')) && existsSync(migrationsSrc)) {
  const migrationsOut = path.join(out, 'core/migrations');
  mkdirSync(migrationsOut, { recursive: true });
  const files = readdirSync(migrationsSrc).filter((f) => f.endsWith('.sql'));
  for (const file of files) copyFileSync(path.join(migrationsSrc, file), path.join(migrationsOut, file));
  console.log(`bundle-electron: ${built} bundles, ${files.length} migrations -> out/`);
} else {
  console.log(`bundle-electron: ${built} bundles -> out/`);
}
