import { createKeytarStore, type KeychainSecretStore, type KeytarStoreOptions } from './keytar-store.ts';
import { createMemorySecretStore, type MemorySecretStore } from './memory-store.ts';

export { SecretStoreUnavailable, type SecretStore } from './types.ts';
export { KEYCHAIN_SERVICE, unavailableMessage, type KeychainSecretStore } from './keytar-store.ts';
export type { MemorySecretStore } from './memory-store.ts';

/** Chosen once at start-up: the OS keychain in the app and CLI, memory in tests and the demo. */
export type SecretStoreChoice =
  | ({ kind: 'keychain' } & KeytarStoreOptions)
  | { kind: 'memory'; initial?: Record<string, string> };

export function createSecretStore(choice: { kind: 'keychain' } & KeytarStoreOptions): KeychainSecretStore;
export function createSecretStore(choice: { kind: 'memory'; initial?: Record<string, string> }): MemorySecretStore;
export function createSecretStore(choice: SecretStoreChoice): KeychainSecretStore | MemorySecretStore;
export function createSecretStore(choice: SecretStoreChoice): KeychainSecretStore | MemorySecretStore {
  if (choice.kind === 'memory') return createMemorySecretStore(choice.initial);
  const { kind: _kind, ...options } = choice;
  return createKeytarStore(options);
}
