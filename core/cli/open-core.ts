import { homedir } from 'node:os';
import { createCore, type Core } from '../app.ts';
import { CoreClient } from '../contract/client.ts';
import { resolveDataDir } from '../platform/paths.ts';
import { duplexPair } from '../rpc/in-process.ts';
import { UsageError, type CliIo } from './usage.ts';

export function dataDirFrom(flag: string | undefined, io: CliIo): string {
  if (flag === '') throw new UsageError('--data-dir needs a directory.');
  return resolveDataDir(flag, { platform: process.platform, home: homedir(), env: io.env }, io.cwd).dir;
}

/** The CLI speaks the same contract as every other client: an in-process CoreClient over a duplex pair. */
export function contractClient(core: Core, actor: string): CoreClient {
  const [clientEnd, coreEnd] = duplexPair();
  core.connect(coreEnd, { actor });
  const client = new CoreClient();
  client.attach(clientEnd);
  return client;
}

/** Opens the ledger in `dataDir`, runs `work`, and always closes it. */
export async function withCore<T>(dataDir: string, work: (core: Core) => Promise<T> | T): Promise<T> {
  const core = createCore({ dataDir });
  try {
    return await work(core);
  } finally {
    core.close();
  }
}
