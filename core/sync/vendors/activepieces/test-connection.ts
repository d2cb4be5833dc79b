import { HttpFailure } from '../../../platform/http/types.ts';
import type { TestOutcome } from '../types.ts';
import { NO_KEY, NO_PROJECT, WRONG_SERVER } from './api.ts';

/**
 * "Test connection" for Activepieces in the owner's words (docs/vendors.md A1, A2, A9, A10): the key and the project
 * are checked by listing the project's flows, then one run, so a key that may not read runs fails here and not at
 * the first poll.
 */

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function describeConnected(flows: number, projectId: string): TestOutcome {
  return { ok: true, workflows: flows, message: `Connected to Activepieces: ${plural(flows, 'flow')} in project ${projectId}, run history readable.` };
}

export function describeTestFailure(error: unknown): TestOutcome {
  if (!(error instanceof HttpFailure)) {
    return { ok: false, reason: 'error', message: `Unexpected problem while testing Activepieces: ${error instanceof Error ? error.message : String(error)}` };
  }
  switch (error.kind) {
    case 'auth':
      // api.ts has already said what is wrong (401: the key; 403: the project and the key's platform).
      return { ok: false, reason: error.message === NO_KEY ? 'no_credential' : 'credentials_rejected', message: error.message };
    case 'unreachable':
    case 'circuit_open':
      return { ok: false, reason: 'unreachable', message: error.message };
    case 'tls':
      return { ok: false, reason: 'tls_error', message: error.message };
    case 'timeout':
      return { ok: false, reason: 'timeout', message: error.message };
    case 'rate_limited':
      return { ok: false, reason: 'rate_limited', message: `Activepieces (or a proxy in front of it) asked Flowdeck to slow down; try again in a minute. ${error.message}` };
    case 'bad_response':
    case 'not_found':
      return { ok: false, reason: 'wrong_server', message: WRONG_SERVER };
    case 'client':
      return { ok: false, reason: 'error', message: error.message === NO_PROJECT ? NO_PROJECT : `Activepieces refused the request (${error.status ?? '?'}): check the project id. ${error.message}` };
    default:
      return { ok: false, reason: 'error', message: `Activepieces failed (${error.status ?? error.kind}): ${error.message}` };
  }
}
