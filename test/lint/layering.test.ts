// Proves that lint enforces the layering (STYLE 1) and code shape (STYLE 17) with the real eslint.config.js.
// Each fixture under fixtures/ is linted as if it lived at the same path in the repo (fixtures/core/x.ts -> core/x.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(import.meta.dirname, 'fixtures');
// Fixtures start with `// @ts-nocheck` so `tsc` skips them; that line is not part of the linted sample.
const TSC_OPT_OUT = /^\/\/ @ts-nocheck[^\n]*/;

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, 'eslint.config.js'), ignore: false });
});

async function lintAs(filePath: string, text: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(text, { filePath });
  if (!result) throw new Error(`no lint result for ${filePath}`);
  return result.messages;
}

async function lintFixture(rel: string): Promise<Linter.LintMessage[]> {
  const text = readFileSync(path.join(FIXTURES, rel), 'utf8');
  expect(text).toMatch(TSC_OPT_OUT);
  return lintAs(rel, text.replace(TSC_OPT_OUT, ''));
}

const layering = (messages: Linter.LintMessage[]) =>
  messages.filter((m) => m.ruleId === 'flowdeck/layering').map((m) => `${m.line}: ${m.message}`);

describe('layering: bad imports fail lint', () => {
  const cases: Array<[fixture: string, expected: string[]]> = [
    ['core/bad-electron-import.ts', ["2: Layering: core/ must stay plain Node: it never imports 'electron'"]],
    ['core/rpc/bad-dynamic-electron-import.ts', ["3: Layering: core/ must stay plain Node: it never imports 'electron'"]],
    [
      'core/store/bad-react-import.ts',
      [
        "2: Layering: core/ must stay plain Node: it never imports 'react'",
        "3: Layering: core/ must stay plain Node: it never imports 'zustand'",
      ],
    ],
    [
      'core/ingest/bad-renderer-import.ts',
      ["2: Layering: core/ must stay plain Node: it never imports from renderer/ ('../../renderer/lib/core-client.ts')"],
    ],
    ['core/contract/bad-store-import.ts', ["2: Layering: core/contract/ imports only zod and itself, never '../store/db.ts'"]],
    ['core/platform/bad-keytar-import.ts', ["2: Layering: keytar is archived upstream: only core/platform/secrets/ may import 'keytar'"]],
    [
      'renderer/features/runs/bad-core-store-import.ts',
      ["2: Layering: renderer/ reaches the core only through core/contract/: '../../../core/store/db.ts' points into core/store/db.ts"],
    ],
    [
      'renderer/features/runs/bad-node-and-electron-import.ts',
      [
        "2: Layering: renderer/ is a sandboxed web page: it never imports Node built-ins ('node:fs')",
        "3: Layering: renderer/ is a sandboxed web page: it never imports Node built-ins ('path')",
        "4: Layering: renderer/ is a sandboxed web page: it never imports 'electron'",
      ],
    ],
    [
      'renderer/features/workflows/bad-other-feature-import.ts',
      [
        "2: Layering: renderer/features/workflows/ never imports another feature ('../runs/status.ts' points into renderer/features/runs/)",
        "3: Layering: renderer/features/workflows/ never imports another feature ('../runs/components/RunRow.tsx' points into renderer/features/runs/)",
        "4: Layering: renderer/features/workflows/ never imports another feature ('../connectors/connectors.css' points into renderer/features/connectors/)",
      ],
    ],
    [
      'renderer/ui/bad-feature-import.ts',
      [
        "2: Layering: renderer/ui/ is shared by every feature: it never imports from renderer/features/ ('../features/runs/store.ts')",
        "3: Layering: renderer/ui/ is shared by every feature: it never imports from renderer/app/ ('../app/routes.ts')",
      ],
    ],
    [
      'renderer/lib/bad-feature-import.ts',
      [
        "2: Layering: renderer/lib/ is shared by every feature: it never imports from renderer/features/ ('../features/incidents/store.ts')",
        "3: Layering: renderer/lib/ is shared by every feature: it never imports from renderer/app/ ('../app/routes.ts')",
      ],
    ],
    [
      'core/store/bad-tier-import.ts',
      [
        "2: Layering: core/ tiers point down (foundation ← sync ← domains ← hosts): the foundation never imports a domain ('../alerts/index.ts' points into core/alerts/index.ts)",
        "3: Layering: core/ tiers point down (foundation ← sync ← domains ← hosts): the foundation never imports a host ('../app.ts' points into core/app.ts)",
      ],
    ],
    [
      'core/sync/bad-domain-import.ts',
      ["2: Layering: core/ tiers point down (foundation ← sync ← domains ← hosts): the sync wing never imports a domain ('../registry/service.ts'"],
    ],
    [
      'core/sync/vendors/n8n/bad-store-import.ts',
      [
        "2: Layering: vendor code never touches the store: it hands records to ingest (core/sync/ingest/record.ts), never imports '../../../store/runs-repo.ts'",
        "3: Layering: vendor code never touches the store: it hands records to ingest (core/sync/ingest/record.ts), never imports '../../../store/connector-sync-repo.ts'",
      ],
    ],
    [
      'core/monitoring/bad-domain-internal-import.ts',
      [
        "2: Layering: core/monitoring/ reaches another domain only through its index.ts: '../alerts/engine.ts' is inside core/alerts/",
        "3: Layering: core/monitoring/ reaches another domain only through its index.ts: '../notify/outbox.ts' is inside core/notify/",
      ],
    ],
    [
      'core/cli/bad-store-internal-import.ts',
      [
        "2: Layering: hosts reach the store through the Ledger (core/store/ledger.ts), never its internals ('../store/runs-repo.ts')",
        "3: Layering: only core/store/ and tests reach the database behind a Ledger ('../store/ledger-db.ts')",
      ],
    ],
    ['core/registry/bad-db-import.ts', ["2: Layering: only core/app.ts opens the database ('../store/db.ts')"]],
    [
      'electron/main/bad-core-import.ts',
      [
        "2: Layering: electron/ reaches the core only through core/contract/: '../../core/store/db.ts' points into core/store/db.ts",
        "3: Layering: electron/ reaches the core only through core/contract/: '../../core/rpc/connection.ts' points into core/rpc/connection.ts",
      ],
    ],
  ];

  it.each(cases)('%s', async (fixture, expected) => {
    const found = layering(await lintFixture(fixture));
    expect(found).toHaveLength(expected.length);
    expected.forEach((prefix, i) => expect(found[i]).toContain(prefix));
  });

  it('a feature may import its own files but not another feature\'s', async () => {
    const text = "import { STATUS_META } from '../runs/status.ts';\n\nexport const meta = STATUS_META;\n";
    expect(await lintAs('renderer/features/runs/x.ts', text.replace('../runs/', './'))).toEqual([]);
    expect(layering(await lintAs('renderer/features/workflows/x.ts', text))).toHaveLength(1);
    expect(await lintAs('renderer/app/x.ts', text.replace('../runs/', '../features/runs/'))).toEqual([]);
  });

  it('the same core->electron import is an error under core/ but allowed under electron/', async () => {
    const text = "import { app } from 'electron';\n\nexport const appName = app.getName();\n";
    expect(layering(await lintAs('core/main.ts', text))).toHaveLength(1);
    expect(await lintAs('electron/main/app.ts', text)).toEqual([]);
  });
});

describe('layering: good imports pass lint with no message at all', () => {
  const good = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
    .filter((f) => path.basename(f).startsWith('good-'))
    .map((f) => f.split(path.sep).join('/'));

  it('has good fixtures for core (contract, secrets, each tier), renderer (features, ui, lib) and electron', () => {
    expect(good.sort()).toEqual([
      'core/cli/good-store-public-import.ts',
      'core/contract/good-zod-import.ts',
      'core/monitoring/good-domain-index-import.ts',
      'core/platform/secrets/good-keytar-import.ts',
      'core/sync/vendors/n8n/good-ingest-import.ts',
      'electron/main/good-contract-import.ts',
      'renderer/features/runs/good-contract-import.ts',
      'renderer/features/workflows/good-shared-import.ts',
      'renderer/lib/good-lib-import.ts',
      'renderer/ui/good-lib-import.ts',
    ]);
  });

  it.each(good)('%s', async (fixture) => {
    expect(await lintFixture(fixture)).toEqual([]);
  });
});

describe('code shape (STYLE 17)', () => {
  it('rejects default exports in core/, electron/ and renderer/ but not in config files', async () => {
    const text = 'const value = 1;\nexport default value;\n';
    for (const file of ['core/store/x.ts', 'electron/main/x.ts', 'renderer/features/runs/X.tsx']) {
      const rules = (await lintAs(file, text)).map((m) => m.ruleId);
      expect(rules, file).toEqual(['no-restricted-syntax']);
    }
    expect(await lintAs('renderer/vite.config.ts', text)).toEqual([]);
  });

  it('fails a file over 500 code lines, ignoring blank lines and comments', async () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const v${i} = ${i};`).join('\n');
    const padding = '\n// a comment\n\n'.repeat(200);
    expect(await lintAs('core/store/ok.ts', `${lines(500)}${padding}\n`)).toEqual([]);
    const tooLong = await lintAs('core/store/long.ts', `${lines(501)}\n`);
    expect(tooLong.map((m) => m.ruleId)).toEqual(['max-lines']);
  });

  it('requires `import type` for imports used only as types', async () => {
    const text = "import { Db } from './db.ts';\n\nexport function use(db: Db): Db {\n  return db;\n}\n";
    const messages = await lintAs('core/store/repo.ts', text);
    expect(messages.map((m) => m.ruleId)).toEqual(['@typescript-eslint/consistent-type-imports']);
  });
});
