import { redactor } from './redact.ts';
import { SecretStoreUnavailable, type SecretStore } from './types.ts';

/**
 * The OS keychain through keytar (libsecret / Secret Service on Linux, Keychain on macOS, Credential Vault on
 * Windows). This is the ONLY module that imports keytar (archived upstream: swapping it is a one-file change).
 * There is no plaintext fallback: when the keychain cannot be loaded or reached, every call throws
 * SecretStoreUnavailable with a plain explanation.
 */
interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarStoreOptions {
  /** Keychain service name; tests use their own so they never touch real entries. */
  service?: string;
  /** How long one keychain call may take before it counts as unreachable (a prompt nobody can answer). */
  timeoutMs?: number;
  /** Loads keytar; injectable so a failing load can be tested. */
  load?: () => Promise<Keytar>;
}

export interface KeychainSecretStore extends SecretStore {
  readonly kind: 'keychain';
  /** Writes, reads back and deletes a probe item; throws SecretStoreUnavailable when the keychain is not usable. */
  probe(): Promise<void>;
}

export const KEYCHAIN_SERVICE = 'Flowdeck';

export function unavailableMessage(reason: string): string {
  return `Flowdeck could not reach the system keychain (${reason}). Credentials are not stored anywhere else; unlock or install a keychain and try again.`;
}

const loadKeytar = async (): Promise<Keytar> => {
  const mod = (await import('keytar')) as Keytar & { default?: Keytar };
  return mod.default ?? mod;
};

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/Cannot find module|\.node|ERR_DLOPEN|libsecret/i.test(message)) return `the keychain library could not be loaded: ${redactor.string(message).split('\n')[0]}`;
  return redactor.string(message).split('\n')[0] ?? 'unknown error';
}

export function createKeytarStore(options: KeytarStoreOptions = {}): KeychainSecretStore {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let keytar: Promise<Keytar> | null = null;

  const call = async <T>(op: (k: Keytar) => Promise<T>): Promise<T> => {
    keytar ??= (options.load ?? loadKeytar)();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s — is a keychain prompt waiting?`)), timeoutMs);
    });
    try {
      return await Promise.race([keytar.then(op), timeout]);
    } catch (error) {
      throw new SecretStoreUnavailable(unavailableMessage(reasonOf(error)));
    } finally {
      clearTimeout(timer);
    }
  };

  const checkRef = (ref: string) => {
    if (!ref) throw new Error('A secret reference must not be empty.');
  };

  return {
    kind: 'keychain',
    async set(ref, secret) {
      checkRef(ref);
      if (!secret) throw new Error('An empty secret cannot be stored.');
      redactor.addSecret(secret);
      await call((k) => k.setPassword(service, ref, secret));
    },
    async get(ref) {
      checkRef(ref);
      const secret = await call((k) => k.getPassword(service, ref));
      if (secret) redactor.addSecret(secret);
      return secret;
    },
    async delete(ref) {
      checkRef(ref);
      return call((k) => k.deletePassword(service, ref));
    },
    async probe() {
      const ref = `flowdeck-probe-${process.pid}-${Date.now()}`;
      const value = `probe-${Math.random().toString(36).slice(2)}`;
      await call((k) => k.setPassword(service, ref, value));
      const back = await call((k) => k.getPassword(service, ref));
      await call((k) => k.deletePassword(service, ref));
      if (back !== value) throw new SecretStoreUnavailable(unavailableMessage('an item written to it could not be read back; it may be locked'));
    },
  };
}
