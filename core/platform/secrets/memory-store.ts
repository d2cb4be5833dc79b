import { redactor } from './redact.ts';
import { SecretStoreUnavailable, type SecretStore } from './types.ts';
import { unavailableMessage } from './keytar-store.ts';

/** An in-memory SecretStore for tests and the demo. `unavailable` makes it behave like a missing keychain. */
export interface MemorySecretStore extends SecretStore {
  readonly kind: 'memory';
  probe(): Promise<void>;
  /** What is stored (a copy), for assertions. */
  entries(): Map<string, string>;
  /** Simulates the keychain going away (or coming back). */
  setUnavailable(reason: string | null): void;
}

export function createMemorySecretStore(initial: Record<string, string> = {}): MemorySecretStore {
  const items = new Map(Object.entries(initial));
  let unavailable: string | null = null;
  const check = () => {
    if (unavailable !== null) throw new SecretStoreUnavailable(unavailableMessage(unavailable));
  };
  return {
    kind: 'memory',
    async set(ref, secret) {
      check();
      if (!ref) throw new Error('A secret reference must not be empty.');
      if (!secret) throw new Error('An empty secret cannot be stored.');
      redactor.addSecret(secret);
      items.set(ref, secret);
    },
    async get(ref) {
      check();
      return items.get(ref) ?? null;
    },
    async delete(ref) {
      check();
      return items.delete(ref);
    },
    async probe() {
      check();
    },
    entries: () => new Map(items),
    setUnavailable: (reason) => { unavailable = reason; },
  };
}
