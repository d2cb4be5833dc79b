import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SecretStore } from '../platform/secrets/types.ts';

/** The header a signed webhook carries: `X-Flowdeck-Signature: sha256=<hex HMAC-SHA256 of the raw body>`. */
export const SIGNATURE_HEADER = 'X-Flowdeck-Signature';

/** Where a connector's webhook signing secret lives in the keychain (SQLite stores nothing about it). */
export function signingSecretRef(connectorId: string): string {
  return `push-signing:${connectorId}`;
}

export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function signBody(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; problem: 'missing' | 'malformed' | 'mismatch' };

/** Constant-time comparison of the header against the body's HMAC. */
export function checkSignature(header: string | undefined, body: Buffer, secret: string): SignatureCheck {
  if (header === undefined || header.trim() === '') return { ok: false, problem: 'missing' };
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!m) return { ok: false, problem: 'malformed' };
  const given = Buffer.from(m[1]!.toLowerCase(), 'hex');
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(given, expected) ? { ok: true } : { ok: false, problem: 'mismatch' };
}

/** Returns the connector's signing secret, creating and storing one first if there is none. Single-flight per connector. */
export function createSecretKeeper(secrets: SecretStore) {
  const inFlight = new Map<string, Promise<{ secret: string; created: boolean }>>();
  return {
    get: (connectorId: string) => secrets.get(signingSecretRef(connectorId)),
    ensure(connectorId: string): Promise<{ secret: string; created: boolean }> {
      let p = inFlight.get(connectorId);
      if (!p) {
        p = (async () => {
          const ref = signingSecretRef(connectorId);
          const existing = await secrets.get(ref);
          if (existing) return { secret: existing, created: false };
          const secret = generateSigningSecret();
          await secrets.set(ref, secret);
          return { secret, created: true };
        })().finally(() => inFlight.delete(connectorId));
        inFlight.set(connectorId, p);
      }
      return p;
    },
    async rotate(connectorId: string): Promise<string> {
      const secret = generateSigningSecret();
      await secrets.set(signingSecretRef(connectorId), secret);
      return secret;
    },
    /** Call when the connector is removed: the keychain item goes too. */
    remove: (connectorId: string) => secrets.delete(signingSecretRef(connectorId)),
  };
}
export type SecretKeeper = ReturnType<typeof createSecretKeeper>;
