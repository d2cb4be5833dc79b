/**
 * The fake n8n's API keys. Real n8n keys are JWTs (`{ sub, iss: "n8n", aud: "public-api", iat, exp? }`), so these
 * are JWT-shaped too (unsigned: the fake only compares whole strings). A key can be revoked, can carry an expiry
 * (checked against the fake's clock) or can be set to expire after N more accepted requests ("expires mid-sync").
 */
interface KeyState {
  revoked: boolean;
  expiresAt: number | null;
  usesLeft: number | null;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export class FakeKeys {
  private readonly keys = new Map<string, KeyState>();
  private counter = 0;
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  /** Issues a new key; `expiresAt` (ms) becomes the JWT's `exp` (seconds). */
  issue(options: { expiresAt?: number | null } = {}): string {
    this.counter += 1;
    const iat = Math.floor(this.now() / 1000);
    const expiresAt = options.expiresAt ?? null;
    const payload = {
      sub: '9e3211ed-7799-4cf0-932f-d91836083a62', iss: 'n8n', aud: 'public-api', iat,
      ...(expiresAt !== null ? { exp: Math.floor(expiresAt / 1000) } : {}), jti: `fake-${this.counter}`,
    };
    const key = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}.${Buffer.from(`fake-signature-${this.counter}`).toString('base64url')}`;
    this.keys.set(key, { revoked: false, expiresAt, usesLeft: null });
    return key;
  }

  revoke(key: string): void {
    const k = this.keys.get(key);
    if (k) k.revoked = true;
  }

  /** A new key replaces `key`, which stops working at once. */
  rotate(key: string, options: { expiresAt?: number | null } = {}): string {
    this.revoke(key);
    return this.issue(options);
  }

  /** The key keeps working for `requests` more accepted requests, then counts as expired. */
  expireAfter(key: string, requests: number): void {
    const k = this.keys.get(key);
    if (k) k.usesLeft = requests;
  }

  /** Checks (and counts) one request's key. */
  accept(key: string | undefined): boolean {
    const k = key ? this.keys.get(key) : undefined;
    if (!k || k.revoked) return false;
    if (k.expiresAt !== null && k.expiresAt <= this.now()) return false;
    if (k.usesLeft !== null) {
      if (k.usesLeft <= 0) return false;
      k.usesLeft -= 1;
    }
    return true;
  }
}
