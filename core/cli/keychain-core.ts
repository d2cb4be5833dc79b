import { createCore, type Core } from '../app.ts';
import { createSecretStore } from '../platform/secrets/index.ts';

/**
 * Opens the ledger with the OS keychain as its SecretStore (the commands that read or store connector
 * credentials), runs `work`, and always closes it. Status and export never open the keychain.
 */
export async function withKeychainCore<T>(dataDir: string, work: (core: Core) => Promise<T> | T): Promise<T> {
  const core = createCore({ dataDir, connectors: { secrets: createSecretStore({ kind: 'keychain' }) } });
  try {
    return await work(core);
  } finally {
    await core.connectors.scheduler.stop();
    core.close();
  }
}
