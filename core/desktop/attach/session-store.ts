import type { SecretStore } from '../../platform/secrets/index.ts';
import type { ServerAddress } from './server-address.ts';
import type { ServerSession } from './sign-in.ts';

/** The keychain entry for a server: one per server origin. */
export const sessionRef = (address: ServerAddress): string => `team-server/${address.origin}`;

/** Keeps the session from sign-in in the OS keychain (the password is never stored anywhere). */
export class SessionStore {
  private readonly secrets: SecretStore;
  private readonly ref: string;

  constructor(secrets: SecretStore, address: ServerAddress) {
    this.secrets = secrets;
    this.ref = sessionRef(address);
  }

  save(session: ServerSession): Promise<void> {
    return this.secrets.set(this.ref, JSON.stringify(session));
  }

  /** The kept session, or null when there is none (or the entry is not one we wrote). Throws when the keychain is unreachable. */
  async load(): Promise<ServerSession | null> {
    const raw = await this.secrets.get(this.ref);
    if (!raw) return null;
    try {
      const s = JSON.parse(raw) as Partial<ServerSession>;
      if (typeof s.login === 'string' && typeof s.cookieName === 'string' && typeof s.secret === 'string') {
        return { login: s.login, displayName: typeof s.displayName === 'string' ? s.displayName : s.login, role: typeof s.role === 'string' ? s.role : 'viewer', cookieName: s.cookieName, secret: s.secret };
      }
    } catch { /* not ours */ }
    return null;
  }

  async forget(): Promise<void> {
    await this.secrets.delete(this.ref);
  }
}
