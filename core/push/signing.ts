import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SecretStore } from '../platform/secrets/types.ts';

/**
 * A signed webhook carries `X-Flowdeck-Timestamp: <Unix seconds>` and
 * `X-Flowdeck-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` (like Stripe and Slack): the
 * signature covers the time, and a timestamp more than 5 minutes from the receiver's clock is refused, so a
 * captured request cannot be replayed later under a fresh Idempotency-Key.
 */
export const SIGNATURE_HEADER = 'X-Flowdeck-Signature';
export const TIMESTAMP_HEADER = 'X-Flowdeck-Timestamp';
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/** Where a connector's webhook signing secret lives in the keychain (SQLite stores nothing about it). */
export function signingSecretRef(connectorId: string): string {
  return `push-signing:${connectorId}`;
}

export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The signature header's value for a body sent at `timestamp` (Unix seconds, as text). */
export function signBody(secret: string, body: Buffer | string, timestamp: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type SignatureProblem = 'missing' | 'malformed' | 'mismatch' | 'timestamp_missing' | 'expired';
export type SignatureCheck = { ok: true } | { ok: false; problem: SignatureProblem };

/** Unix seconds (or milliseconds, 13+ digits) as epoch ms; null when not a number. */
function timestampMs(value: string): number | null {
  if (!/^\d{1,16}$/.test(value)) return null;
  const n = Number(value);
  return value.length >= 13 ? n : n * 1000;
}

/**
 * Constant-time comparison of the header against the HMAC of "<timestamp>.<body>"; the timestamp must be within
 * 5 minutes of `now` (either way). The signature is checked first, so a forged timestamp is a mismatch.
 */
export function checkSignature(header: string | undefined, timestamp: string | undefined, body: Buffer, secret: string, now: number): SignatureCheck {
  if (header === undefined || header.trim() === '') return { ok: false, problem: 'missing' };
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!m) return { ok: false, problem: 'malformed' };
  const ts = timestamp?.trim() ?? '';
  if (ts === '') return { ok: false, problem: 'timestamp_missing' };
  const given = Buffer.from(m[1]!.toLowerCase(), 'hex');
  const expected = createHmac('sha256', secret).update(`${ts}.`).update(body).digest();
  if (!timingSafeEqual(given, expected)) return { ok: false, problem: 'mismatch' };
  const at = timestampMs(ts);
  if (at === null || Math.abs(now - at) > SIGNATURE_WINDOW_MS) return { ok: false, problem: 'expired' };
  return { ok: true };
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
