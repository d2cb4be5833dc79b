/**
 * Reads `exp` from a JWT without verifying it (n8n API keys are JWTs) and warns ahead of the expiry.
 * Nothing here checks a signature: it only tells the owner when to make a new key.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = 86_400_000;

/** The expiry (ms since epoch) of a JWT, or null when the value is not a JWT or has no numeric `exp`. */
export function readJwtExpiry(token: string): number | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    if (!payload || typeof payload !== 'object') return null;
    const exp = (payload as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** "3 Dec 2026" (UTC). */
export function formatDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export interface ExpiryWarning {
  expiresAt: number;
  expired: boolean;
  daysLeft: number;
  message: string;
}

export interface ExpiryWording {
  /** What expires, e.g. "n8n API key". */
  what: string;
  /** Where to make a new one, e.g. "in n8n Settings → n8n API". */
  renew: string;
}

export const N8N_KEY_WORDING: ExpiryWording = { what: 'n8n API key', renew: 'in n8n Settings → n8n API' };

/** A warning when the token expires within `withinDays` (or already has); null when it is far off or unknown. */
export function expiryWarning(token: string, now: number, withinDays = 14, wording: ExpiryWording = N8N_KEY_WORDING): ExpiryWarning | null {
  const expiresAt = readJwtExpiry(token);
  if (expiresAt === null || expiresAt - now > withinDays * DAY) return null;
  const expired = expiresAt <= now;
  const day = formatDay(expiresAt);
  return {
    expiresAt,
    expired,
    daysLeft: Math.max(0, Math.ceil((expiresAt - now) / DAY)),
    message: expired
      ? `This ${wording.what} expired on ${day} — create a new key ${wording.renew} and update the connector.`
      : `This ${wording.what} expires on ${day} — create a new key ${wording.renew} before then.`,
  };
}
