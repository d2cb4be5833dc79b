import type { SecretStore } from '../platform/secrets/types.ts';

/** Keychain references of a channel's secrets. */
export const channelRef = (id: number) => `flowdeck.channel.${id}`;
const signingRef = (ref: string) => `${ref}.signing`;

export interface ChannelSecrets {
  read(ref: string | null): Promise<{ secret: string | null; signingSecret: string | null }>;
  /** Stores what is given (undefined keeps, empty string removes) and returns the reference to keep on the row. */
  write(id: number, secret: string | undefined, signingSecret: string | undefined): Promise<string>;
  remove(ref: string | null): Promise<void>;
}

export function channelSecrets(store: SecretStore): ChannelSecrets {
  const put = async (ref: string, value: string | undefined) => {
    if (value === undefined) return;
    if (value === '') await store.delete(ref);
    else await store.set(ref, value);
  };
  return {
    async read(ref) {
      if (!ref) return { secret: null, signingSecret: null };
      return { secret: await store.get(ref), signingSecret: await store.get(signingRef(ref)) };
    },
    async write(id, secret, signingSecret) {
      const ref = channelRef(id);
      await put(ref, secret);
      await put(signingRef(ref), signingSecret);
      return ref;
    },
    async remove(ref) {
      if (!ref) return;
      await store.delete(ref);
      await store.delete(signingRef(ref));
    },
  };
}

