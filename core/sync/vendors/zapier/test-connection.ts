import { HttpFailure } from '../../../platform/http/types.ts';
import type { TestOutcome } from '../types.ts';
import type { ZapRun } from './mapper.ts';
import type { ZapListing } from './zaps.ts';

/**
 * "Test connection" for Zapier in the owner's words: what the key can and cannot see (docs/vendors.md Z1–Z3).
 * Zapier has no endpoint that names a token's scopes, so the verdict rests on what the key is shown: whether it may
 * ask for shared Zaps, and whether recent run history names Zaps the listing left out.
 */

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The verdict once the Zaps and a page of recent runs were read. */
export function describeVisibility(listing: ZapListing, recentRuns: ZapRun[], key: (raw: string | number) => string): TestOutcome {
  const seen = new Set(listing.zaps.map((z) => key(z.id)));
  const unseen = new Set(recentRuns.map((r) => key(r.zap_id)).filter((k) => !seen.has(k)));
  const n = listing.zaps.length;
  if (unseen.size > 0 && !listing.shared) {
    return {
      ok: true, workflows: n,
      message: `This Zapier key sees ${n} of your Zaps; run history names ${unseen.size} more it cannot see. Add the \`zap:all\` scope `
        + 'to see all of your Zaps (and `zap:account:all` for Zaps shared with you). Run history is readable.',
    };
  }
  if (unseen.size > 0) {
    return {
      ok: true, workflows: n,
      message: `Connected to Zapier: ${plural(n, 'Zap')} (yours and those shared with you), run history readable. Run history also `
        + `names ${plural(unseen.size, 'Zap')} Zapier no longer lists (deleted, or no longer shared with you).`,
    };
  }
  if (listing.shared) {
    return { ok: true, workflows: n, message: `Connected to Zapier: ${plural(n, 'Zap')} (yours and those shared with you), run history readable.` };
  }
  return {
    ok: true, workflows: n,
    message: `Connected to Zapier: this key sees ${plural(n, 'Zap')}, run history readable. Zaps shared with you are not listed; `
      + 'add the `zap:account:all` scope to include them (and `zap:all` if some of your own Zaps are missing).',
  };
}

export function describeTestFailure(error: unknown): TestOutcome {
  if (!(error instanceof HttpFailure)) {
    return { ok: false, reason: 'error', message: `Unexpected problem while testing Zapier: ${error instanceof Error ? error.message : String(error)}` };
  }
  switch (error.kind) {
    case 'auth':
      return {
        ok: false, reason: 'credentials_rejected',
        message: error.status === 403
          ? 'Zapier accepted the token but refused access: it needs the zap:all (or zap:account:all) and zap:runs scopes.'
          : 'Zapier rejected the access token (expired or revoked). Reconnect Zapier to get a new one.',
      };
    case 'unreachable':
    case 'circuit_open':
      return { ok: false, reason: 'unreachable', message: error.message };
    case 'tls':
      return { ok: false, reason: 'tls_error', message: error.message };
    case 'timeout':
      return { ok: false, reason: 'timeout', message: error.message };
    case 'rate_limited':
      return { ok: false, reason: 'rate_limited', message: `Zapier's rate limit (60 requests a minute) is used up; try again in a minute. ${error.message}` };
    case 'bad_response':
    case 'not_found':
      return { ok: false, reason: 'wrong_server', message: `This address does not answer like the Zapier API: ${error.message}` };
    default:
      return { ok: false, reason: 'error', message: error.message };
  }
}
