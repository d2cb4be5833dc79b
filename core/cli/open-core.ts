import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { createCore, type Core } from '../app.ts';
import { CoreClient } from '../contract/client.ts';
import type { CallContext } from '../contract/handlers.ts';
import type { Clock } from '../platform/clock.ts';
import { resolveDataDir } from '../platform/paths.ts';
import { createSecretStore } from '../platform/secrets/index.ts';
import { duplexPair } from '../rpc/in-process.ts';
import { CliError, UsageError, type CliIo } from './usage.ts';

export function dataDirFrom(flag: string | undefined, io: CliIo): string {
  if (flag === '') throw new UsageError('--data-dir needs a directory.');
  const { dir } = resolveDataDir(flag, { platform: process.platform, home: homedir(), env: io.env }, io.cwd);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CliError(`${dir} is a file, not a folder. Give the folder that holds flowdeck.db.`);
  return dir;
}

/** The CLI speaks the same contract as every other client: an in-process CoreClient over a duplex pair (`caller`: usually cliCaller). */
export function contractClient(core: Pick<Core, 'connect'>, caller: CallContext): CoreClient {
  const [clientEnd, coreEnd] = duplexPair();
  core.connect(coreEnd, caller);
  const client = new CoreClient();
  client.attach(clientEnd);
  return client;
}

/** Opens the ledger in `dataDir`, runs `work`, and always closes it. `clock`: the CLI's clock seam (tests). */
export async function withCore<T>(dataDir: string, work: (core: Core) => Promise<T> | T, clock?: Clock): Promise<T> {
  const core = createCore({ dataDir, ...(clock ? { clock } : {}) });
  try {
    return await work(core);
  } finally {
    core.close();
  }
}

/**
 * Opens the ledger to look at it (`status`): no alert evaluation (a look never sends a notification), no scheduled
 * backup, pruning or digest. With `keychain`, connectors can be polled with the credentials from the system keychain.
 */
export async function withLookCore<T>(dataDir: string, io: CliIo, keychain: boolean, work: (core: Core) => Promise<T> | T): Promise<T> {
  const secrets = keychain ? io.secrets ?? createSecretStore({ kind: 'keychain' }) : undefined;
  const core = createCore({
    dataDir, ...(io.clock ? { clock: io.clock } : {}), ...(secrets ? { connectors: { secrets } } : {}),
    alerting: { autoStart: false }, backups: { autoStart: false }, retention: { autoStart: false }, digests: { autoStart: false },
  });
  try {
    return await work(core);
  } finally {
    await core.connectors.scheduler.stop();
    core.close();
  }
}
