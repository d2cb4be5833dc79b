import { describe, expect, it } from 'vitest';
import { createSecretStore } from './index.ts';
import { createKeytarStore } from './keytar-store.ts';
import { redactString } from './redact.ts';
import { SecretStoreUnavailable } from './types.ts';

type Fake = {
  getPassword(s: string, a: string): Promise<string | null>;
  setPassword(s: string, a: string, p: string): Promise<void>;
  deletePassword(s: string, a: string): Promise<boolean>;
};

function fakeKeytar(): Fake & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getPassword: async (s, a) => items.get(`${s}/${a}`) ?? null,
    setPassword: async (s, a, p) => { items.set(`${s}/${a}`, p); },
    deletePassword: async (s, a) => items.delete(`${s}/${a}`),
  };
}

const failing = (message: string): Fake => ({
  getPassword: () => Promise.reject(new Error(message)),
  setPassword: () => Promise.reject(new Error(message)),
  deletePassword: () => Promise.reject(new Error(message)),
});

async function rejection(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(SecretStoreUnavailable);
  return e as Error;
}

describe('keytar store (keytar injected)', () => {
  it('stores under the "Flowdeck" service by default and registers secrets for redaction', async () => {
    const k = fakeKeytar();
    const store = createKeytarStore({ load: async () => k });
    await store.set('connector/1', 'kt-secret-value-1');
    expect([...k.items.keys()]).toEqual(['Flowdeck/connector/1']);
    expect(await store.get('connector/1')).toBe('kt-secret-value-1');
    expect(await store.get('connector/2')).toBeNull();
    expect(await store.delete('connector/1')).toBe(true);
    expect(await store.delete('connector/1')).toBe(false);
    expect(redactString('x kt-secret-value-1 y')).toBe('x [redacted] y');
    await store.probe();
    expect(k.items.size).toBe(0);
  });

  it('a keychain that cannot be reached gives the plain message on every call', async () => {
    const store = createKeytarStore({ load: async () => failing('Could not connect: No such file or directory') });
    const expected = 'Flowdeck could not reach the system keychain (Could not connect: No such file or directory). Credentials are not stored anywhere else; unlock or install a keychain and try again.';
    expect((await rejection(store.set('r', 'v'))).message).toBe(expected);
    expect((await rejection(store.get('r'))).message).toBe(expected);
    expect((await rejection(store.delete('r'))).message).toBe(expected);
    expect((await rejection(store.probe())).message).toBe(expected);
  });

  it('keytar failing to load is SecretStoreUnavailable too', async () => {
    const store = createKeytarStore({ load: () => Promise.reject(new Error("Cannot find module '../build/Release/keytar.node'")) });
    expect((await rejection(store.get('r'))).message).toMatch(/^Flowdeck could not reach the system keychain \(the keychain library could not be loaded: Cannot find module/);
  });

  it('a keychain call that never answers times out as unavailable', async () => {
    const store = createKeytarStore({ timeoutMs: 30, load: async () => ({ ...fakeKeytar(), setPassword: () => new Promise<void>(() => undefined) }) });
    expect((await rejection(store.set('r', 'v'))).message).toMatch(/no answer within 0 s — is a keychain prompt waiting\?/);
  });

  it('probe fails when what was written cannot be read back (a locked collection)', async () => {
    const store = createKeytarStore({ load: async () => ({ ...fakeKeytar(), getPassword: async () => null }) });
    expect((await rejection(store.probe())).message).toMatch(/could not be read back; it may be locked/);
  });

  it('rejects empty refs and secrets', async () => {
    const store = createKeytarStore({ load: async () => fakeKeytar() });
    await expect(store.set('', 'v')).rejects.toThrow(/must not be empty/);
    await expect(store.set('r', '')).rejects.toThrow(/empty secret/);
  });
});

describe('createSecretStore', () => {
  it('memory: set/get/rotate/delete, and can simulate a missing keychain', async () => {
    const store = createSecretStore({ kind: 'memory', initial: { a: 'one-1' } });
    expect(store.kind).toBe('memory');
    expect(await store.get('a')).toBe('one-1');
    await store.set('a', 'two-2');
    expect(await store.get('a')).toBe('two-2');
    expect(await store.delete('a')).toBe(true);
    expect(await store.get('a')).toBeNull();
    store.setUnavailable('test');
    expect((await rejection(store.set('b', 'x'))).message).toContain('(test)');
    expect(store.entries().size).toBe(0);
  });

  it('keychain: returns the keytar store', () => {
    expect(createSecretStore({ kind: 'keychain', load: async () => fakeKeytar() }).kind).toBe('keychain');
  });
});
