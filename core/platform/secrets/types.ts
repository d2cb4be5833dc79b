/**
 * Credentials live only in the OS keychain. SQLite stores a reference (`secret_ref`), never the secret.
 * The keytar implementation is core/platform/secrets/keytar-store.ts — the only module allowed to import keytar.
 */
export interface SecretStore {
  /** Stores or replaces the secret under `ref`. Throws SecretStoreUnavailable when no keychain is reachable. */
  set(ref: string, secret: string): Promise<void>;
  get(ref: string): Promise<string | null>;
  delete(ref: string): Promise<boolean>;
}

export class SecretStoreUnavailable extends Error {
  override name = 'SecretStoreUnavailable';
}
