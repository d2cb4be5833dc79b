// Flowdeck lint: typescript-eslint recommended, STYLE rule 17 (code shape) and rule 1 (layering as path zones).
// The layering rule is a tiny local rule below (`flowdeck/layering`); test/lint/layering.test.ts proves it.
import { builtinModules } from 'node:module';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

// Packages that tie code to a runtime. `core/` is plain Node; the renderer is a browser page.
const UI_OR_SHELL_PACKAGES = ['electron', 'react', 'react-dom', 'zustand', 'recharts', '@tanstack/*'];
const NODE_ONLY_PACKAGES = ['better-sqlite3', 'keytar', 'ws', '@node-rs/*'];

const packageName = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
const matchesPackage = (spec, pattern) =>
  pattern.endsWith('/*') ? spec.startsWith(pattern.slice(0, -1)) : packageName(spec) === pattern;
const under = (rel, dir) => rel === dir || rel.startsWith(`${dir}/`);

/** Repo-relative posix path an import points at, or null for a package import. */
function resolveTarget(fileRel, spec) {
  if (spec.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(fileRel), spec));
  if (spec.startsWith('/')) return path.posix.relative(ROOT.split(path.sep).join('/'), spec);
  return null;
}

/** The feature a renderer path belongs to (`renderer/features/<name>/…`), or null. */
const featureOf = (rel) => /^renderer\/features\/([^/]+)\//.exec(rel)?.[1] ?? null;

/** Inside the renderer: features never import each other; ui/ and lib/ never import features/ or app/. */
function rendererZoneViolation(fileRel, target, spec) {
  const from = featureOf(fileRel);
  const to = featureOf(target);
  if (from !== null && to !== null && from !== to) {
    return `renderer/features/${from}/ never imports another feature ('${spec}' points into renderer/features/${to}/); move what both need to renderer/ui/ or renderer/lib/.`;
  }
  for (const shared of ['renderer/ui', 'renderer/lib']) {
    if (!under(fileRel, shared)) continue;
    for (const upper of ['renderer/features', 'renderer/app']) {
      if (under(target, upper)) return `${shared}/ is shared by every feature: it never imports from ${upper}/ ('${spec}').`;
    }
  }
  return null;
}

// Inside core/: four tiers, imports point down (foundation ← sync ← domains ← hosts). docs/ARCHITECTURE.md draws them.
const CORE_DOMAINS = [
  'actions', 'alerts', 'audit', 'connectors', 'incidents', 'monitoring', 'notify', 'oncall', 'push', 'registry', 'reports', 'runs', 'state',
  'system', 'users', 'workflows',
];
const CORE_TIERS = [
  { name: 'the foundation', paths: ['core/contract', 'core/platform', 'core/store', 'core/rpc', 'core/version.ts'] },
  { name: 'the sync wing', paths: ['core/sync'] },
  { name: 'a domain', paths: CORE_DOMAINS.map((d) => `core/${d}`) },
  { name: 'a host', paths: ['core/app.ts', 'core/main.ts', 'core/cli', 'core/server', 'core/desktop', 'core/demo'] },
];
/** What hosts may use of the store: the Ledger, opening the database, backups, storage health, migrations. */
const STORE_PUBLIC = ['ledger.ts', 'db.ts', 'backup.ts', 'backup-restore.ts', 'storage.ts', 'migrate.ts'];
/** Only core/app.ts opens the database; only core/store/ (and tests) hold the handle behind a Ledger. */
const DATABASE_OPENERS = ['core/app.ts'];

function coreZone(rel) {
  const rank = CORE_TIERS.findIndex((t) => t.paths.some((p) => under(rel, p)));
  if (rank < 0) return null;
  const domain = rank === 2 ? rel.split('/')[1] : null;
  return { rank, tier: CORE_TIERS[rank].name, domain };
}

/** The zone rules inside core/ (tests are not shipped and may reach anywhere). */
function coreZoneViolation(fileRel, target, spec) {
  if (/\.test\.tsx?$/.test(fileRel)) return null;
  const from = coreZone(fileRel);
  const to = coreZone(target);
  if (from === null || to === null) return null;
  if (target === 'core/store/ledger-db.ts' && !under(fileRel, 'core/store')) {
    return `only core/store/ and tests reach the database behind a Ledger ('${spec}'): use the Ledger's repositories and write(fn).`;
  }
  if (target === 'core/store/db.ts' && !under(fileRel, 'core/store') && !DATABASE_OPENERS.includes(fileRel)) {
    return `only core/app.ts opens the database ('${spec}'): the rest of the core uses the Ledger's repositories and write(fn).`;
  }
  if (to.rank > from.rank) {
    return `core/ tiers point down (foundation ← sync ← domains ← hosts): ${from.tier} never imports ${to.tier} ('${spec}' points into ${target}).`;
  }
  if (under(fileRel, 'core/sync/vendors') && under(target, 'core/store')) {
    return `vendor code never touches the store: it hands records to ingest (core/sync/ingest/record.ts), never imports '${spec}'.`;
  }
  if (from.domain !== null && to.domain !== null && from.domain !== to.domain && target !== `core/${to.domain}/index.ts`) {
    return `core/${from.domain}/ reaches another domain only through its index.ts: '${spec}' is inside core/${to.domain}/.`;
  }
  if (from.rank === 3 && under(target, 'core/store') && !STORE_PUBLIC.some((f) => target === `core/store/${f}`)) {
    return `hosts reach the store through the Ledger (core/store/ledger.ts), never its internals ('${spec}').`;
  }
  return null;
}

/** Returns the message for a forbidden import, or null when the import is allowed. */
function layeringViolation(fileRel, spec) {
  const target = resolveTarget(fileRel, spec.split('?')[0]);
  const isTest = /\.test\.tsx?$/.test(fileRel);
  if (target === null && packageName(spec) === 'keytar' && !under(fileRel, 'core/platform/secrets')) {
    return "keytar is archived upstream: only core/platform/secrets/ may import 'keytar' (one-file swap).";
  }
  if (under(fileRel, 'core')) {
    if (target === null) {
      const banned = UI_OR_SHELL_PACKAGES.find((p) => matchesPackage(spec, p));
      if (banned) return `core/ must stay plain Node: it never imports '${spec}' (electron, React or UI packages).`;
      if (under(fileRel, 'core/contract') && packageName(spec) !== 'zod') {
        return `core/contract/ is shared with the renderer and electron: it imports only zod and itself, never '${spec}'.`;
      }
      return null;
    }
    if (under(target, 'renderer') || under(target, 'electron')) {
      return `core/ must stay plain Node: it never imports from ${target.split('/')[0]}/ ('${spec}').`;
    }
    if (under(fileRel, 'core/contract') && !under(target, 'core/contract')) {
      return `core/contract/ imports only zod and itself, never '${spec}'.`;
    }
    return coreZoneViolation(fileRel, target, spec);
  }
  const side = under(fileRel, 'renderer') ? 'renderer' : under(fileRel, 'electron') ? 'electron' : null;
  if (side === null) return null;
  if (target !== null) {
    if (under(target, 'core') && !under(target, 'core/contract')) {
      return `${side}/ reaches the core only through core/contract/: '${spec}' points into ${target}.`;
    }
    if (side === 'electron' && under(target, 'renderer')) {
      return `electron/ is the shell: it never imports renderer/ code ('${spec}').`;
    }
    if (side === 'renderer' && under(target, 'electron') && !under(target, 'electron/preload')) {
      return `renderer/ never imports the Electron main process ('${spec}'); share types via electron/preload/.`;
    }
    if (side === 'renderer') return rendererZoneViolation(fileRel, target, spec);
    return null;
  }
  if (side === 'renderer') {
    if (packageName(spec) === 'electron') return "renderer/ is a sandboxed web page: it never imports 'electron'.";
    if (NODE_BUILTINS.has(spec) && !isTest) {
      return `renderer/ is a sandboxed web page: it never imports Node built-ins ('${spec}').`;
    }
    if (NODE_ONLY_PACKAGES.includes(packageName(spec))) {
      return `renderer/ is a sandboxed web page: it never imports the Node-only package '${spec}'.`;
    }
  }
  return null;
}

const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Dependencies point one way: core/ is plain Node; renderer/ and electron/ use core/contract/ only; renderer features never import each other; renderer/ui/ and renderer/lib/ never import features/ or app/.' },
    schema: [],
  },
  create(context) {
    const fileRel = path.relative(ROOT, context.filename).split(path.sep).join('/');
    if (fileRel.startsWith('..') || path.isAbsolute(fileRel)) return {};
    const check = (node, source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const message = layeringViolation(fileRel, source.value);
      if (message) context.report({ node: source, message: `Layering: ${message}` });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference?.expression),
      TSImportType: (node) => check(node, node.argument?.literal ?? node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
      },
    };
  },
};

const flowdeck = { meta: { name: 'flowdeck-local' }, rules: { layering: layeringRule } };

const NODE_GLOBALS = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval',
    'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'structuredClone', 'fetch',
    'AbortController', 'AbortSignal', 'TextEncoder', 'TextDecoder', 'performance', 'globalThis',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores([
    'out/', 'dist/', 'release/', 'node_modules/', '.tools/', 'test-results/', 'playwright-report/',
    'coverage/', '.flowdeck-data/', 'test/lint/fixtures/**',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'flowdeck/all',
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx}'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: NODE_GLOBALS },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { flowdeck },
    rules: {
      'flowdeck/layering': 'error',
      'max-lines': ['error', { max: 500, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    name: 'flowdeck/commonjs',
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', __filename: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    name: 'flowdeck/named-exports-only',
    files: ['core/**/*.{ts,tsx,js,mjs}', 'electron/**/*.{ts,tsx,js,mjs}', 'renderer/**/*.{ts,tsx,js,mjs}'],
    ignores: ['**/*.config.{ts,js,mjs}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE 17): no default export.' },
        {
          selector: "ExportSpecifier[exported.name='default']",
          message: 'Named exports only (STYLE 17): no default export.',
        },
      ],
    },
  },
  {
    // "5 min ago", "today" and "the last 7 days" are measured on the core's clock, not the browser's (which may be off,
    // or years away from a demo pinned with FLOWDECK_DEMO_NOW).
    name: 'flowdeck/renderer-core-clock',
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/lib/server-clock.ts', 'renderer/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-properties': ['error', {
        object: 'Date', property: 'now', message: "Use serverNow() from renderer/lib/server-clock.ts (or useNow()): times follow the core's clock.",
      }],
    },
  },
  {
    name: 'flowdeck/renderer-react',
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
);
