import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of named access tokens, so secret scanners and people can tell what a leaked string is. */
export const NAMED_TOKEN_PREFIX = 'fdt_';
const MAX_TOKEN_LENGTH = 512;
const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** 32 random bytes, base64url: the launch token printed in the URL at start. */
export function generateLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A named, revocable access token for a teammate (`flowdeck tokens add <name>`). */
export function generateNamedToken(): string {
  return `${NAMED_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 (hex) of a token: the only form a named token is ever stored in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Why a token name is unusable, or null when it is fine. */
export function tokenNameProblem(name: string): string | null {
  if (TOKEN_NAME.test(name)) return null;
  return `"${name}" is not a usable token name: use 1–64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.`;
}

/** Constant-time equality of a candidate token against a stored SHA-256 hex hash. */
export function tokenMatchesHash(candidate: string, storedHashHex: string): boolean {
  if (candidate.length === 0 || candidate.length > MAX_TOKEN_LENGTH) return false;
  const stored = Buffer.from(storedHashHex, 'hex');
  const given = createHash('sha256').update(candidate, 'utf8').digest();
  return stored.length === given.length && timingSafeEqual(stored, given);
}
