import type { ConnectorKind } from '../contract/catalog.ts';
import { VENDOR_WORDS } from './vendor-words.ts';
import { HttpFailure } from '../platform/http/types.ts';
import { SecretStoreUnavailable } from '../platform/secrets/types.ts';
import { inWords } from './cadence.ts';

/** The credential is not in the keychain (or the connector has none): nothing to send. */
export class MissingCredential extends Error {
  override name = 'MissingCredential';
}

export interface FailureContext {
  kind: ConnectorKind;
  baseUrl: string | null;
  /** Consecutive failures including this one (1 = first). */
  failures: number;
  /** The poll started from a stored cursor (so "invalid cursor" can be repaired by starting over). */
  hadCursor: boolean;
  retryInMs: number;
}

export interface FailureVerdict {
  health: 'degraded' | 'needs_attention';
  message: string;
  /** Forget the cursor and start over (the vendor refused it). */
  resetCursor: boolean;
}

/** Failures that say "this is not the API you think" become needs_attention once they persist this long. */
export const PERSISTING_FAILURES = 3;

function hostOf(url: string | null): string {
  if (!url) return 'the server';
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The vendor's own words from an error body (`{message}` or `{errors:[{detail}]}`), short. */
export function vendorMessage(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as { message?: unknown; detail?: unknown; errors?: { detail?: unknown; title?: unknown }[] };
  const text = [b.detail, b.message, b.errors?.[0]?.detail, b.errors?.[0]?.title].find((t) => typeof t === 'string' && t.trim());
  return typeof text === 'string' ? text.trim().slice(0, 200) : null;
}

/** Turns a failed poll into a health state and a message an owner can act on. */
export function classifyFailure(error: unknown, ctx: FailureContext): FailureVerdict {
  const w = VENDOR_WORDS[ctx.kind];
  const retry = `Retrying in ${inWords(ctx.retryInMs)}.`;
  const degraded = (message: string): FailureVerdict => ({ health: 'degraded', message, resetCursor: false });
  const attention = (message: string): FailureVerdict => ({ health: 'needs_attention', message, resetCursor: false });
  const persisting = ctx.failures >= PERSISTING_FAILURES;

  if (error instanceof MissingCredential) {
    return attention(`The ${w.credential} for this connector is not in the keychain. Paste it again in Connectors.`);
  }
  if (error instanceof SecretStoreUnavailable) {
    return degraded(`The system keychain is not reachable, so Flowdeck cannot read the ${w.credential}. ${retry}`);
  }
  if (!(error instanceof HttpFailure)) {
    const text = error instanceof Error ? error.message : String(error);
    return degraded(`Flowdeck hit a problem while reading ${w.label}: ${text.slice(0, 300)}. ${retry}`);
  }
  const said = vendorMessage(error.body);
  const status = error.status ?? '';
  switch (error.kind) {
    case 'auth':
      // A driver that phrases auth failures for owners (e.g. "n8n rejected the API key (401): it expired on …") knows best.
      if (error.message.startsWith(`${w.label} `)) return attention(error.message);
      if (error.status === 403) {
        return attention(`${w.label} refused access (403${said ? `: ${said}` : ''}): the ${w.credential} lacks a permission Flowdeck needs. ` +
          `Create a ${w.credential} with read access in ${w.where} and paste it in Connectors.`);
      }
      return attention(`${w.label} rejected the ${w.credential} (${status || 401}). Create a new ${w.credential} in ${w.where} and paste it in Connectors.`);
    case 'rate_limited':
      return degraded(`${w.label} asked Flowdeck to slow down (rate limit). ${retry}`);
    case 'server':
      return degraded(`${w.label} had a server error${status ? ` (${status})` : ''}. ${retry}`);
    case 'timeout':
      return degraded(`${w.label} did not answer in time. ${retry}`);
    case 'unreachable':
      return degraded(`Flowdeck could not reach ${hostOf(ctx.baseUrl)}. ${retry}`);
    case 'circuit_open':
      return degraded(`${w.label} failed several times in a row, so Flowdeck is giving it a pause. ${retry}`);
    case 'tls':
      return persisting
        ? attention(`The TLS certificate of ${hostOf(ctx.baseUrl)} is not trusted, so Flowdeck will not send the ${w.credential} there. Check the address in Connectors.`)
        : degraded(`The TLS certificate of ${hostOf(ctx.baseUrl)} was not trusted. ${retry}`);
    case 'not_found':
      return persisting
        ? attention(`${w.label}'s API was not found at ${ctx.baseUrl ?? 'the address'} (404). Check the base URL in Connectors.`)
        : degraded(`${w.label} answered 404 Not Found. ${retry}`);
    case 'bad_response':
      return persisting
        ? attention(`${w.label} keeps answering with something that is not its API (${error.message.slice(0, 160)}). ` +
          'A proxy or login page may be in the way, the base URL may be wrong, or the API changed. Check the connector in Connectors.')
        : degraded(`${w.label} sent an answer Flowdeck could not read. ${retry}`);
    case 'client':
      if (ctx.hadCursor) {
        return {
          health: 'degraded', resetCursor: true,
          message: `${w.label} refused Flowdeck's resume point${said ? ` (${said})` : ''}; starting over from the newest runs. ` +
            'Runs already collected stay, and none are counted twice.',
        };
      }
      return ctx.failures >= 2
        ? attention(`${w.label} rejected Flowdeck's request (${status}${said ? `: ${said}` : ''}). Its API may have changed; check for a Flowdeck update.`)
        : degraded(`${w.label} rejected a request (${status}${said ? `: ${said}` : ''}). ${retry}`);
  }
  return degraded(`${w.label}: ${error.message}. ${retry}`);
}
