import type { ChannelTarget, NotificationMessage, Notifier } from './types.ts';
import { NotifyError } from './types.ts';
import { clip, retryAfterMs, vendorFailure, vendorPost, type VendorOptions } from './vendor-http.ts';

export const PUSHOVER_BASE_URL = 'https://api.pushover.net';
/** Application tokens and user keys are 30 letters and digits (docs/vendors.md P5). */
const KEY = /^[A-Za-z0-9]{30}$/;

/**
 * Pushover priority (P6): critical 1 (high: sound, bypasses the user's quiet hours), warning 0 (normal), info −1
 * (quiet); resolved −1; a test 0. Never 2 (emergency), which would need retry/expire and an acknowledgement in Pushover.
 */
export function pushoverPriority(m: Pick<NotificationMessage, 'kind' | 'severity'>): -1 | 0 | 1 {
  if (m.kind === 'resolved') return -1;
  if (m.kind === 'test') return 0;
  return m.severity === 'critical' ? 1 : m.severity === 'warning' ? 0 : -1;
}

/** The message body (P4): title ≤ 250, message ≤ 1024, url ≤ 512 and url_title ≤ 100 characters. */
export function pushoverPayload(m: NotificationMessage, token: string, user: string): Record<string, unknown> {
  return {
    token, user, title: clip(m.title, 250), message: clip(m.text, 1024), priority: pushoverPriority(m), timestamp: Math.floor(m.at / 1000),
    ...(m.url && m.url.length <= 512 ? { url: m.url, url_title: 'Open' } : {}),
  };
}

export function pushoverKeyProblem(value: string, what: 'token' | 'user'): string | null {
  if (KEY.test(value)) return null;
  return what === 'token'
    ? 'An application token is 30 letters and digits. Create an application at pushover.net (Your Applications → Create an Application/API Token) and copy its API Token.'
    : 'A user key is 30 letters and digits. It is shown at the top of your Pushover dashboard after you log in at pushover.net.';
}

function pushoverReason(status: number, json: unknown): string {
  const body = json as { errors?: unknown; token?: unknown; user?: unknown } | null;
  const errors = Array.isArray(body?.errors) ? body!.errors.filter((e): e is string => typeof e === 'string') : [];
  const said = errors.length ? ` (“${clip(errors.join('; '), 200)}”)` : '';
  if (body?.token === 'invalid') return `Pushover does not accept the application token${said}. Copy the API Token of your application at pushover.net again.`;
  if (body?.user === 'invalid') return `Pushover does not know the user key${said}. Copy the user key from your Pushover dashboard again.`;
  if (status === 429) return `Pushover says this application has used up its messages for the month${said}.`;
  if (status >= 500) return `Pushover had a problem (${status})${said}.`;
  return `Pushover refused the message (${status})${said}.`;
}

/** Pushover: `POST /1/messages.json` with the application token (`secret`) and user key (`signingSecret`). */
export function pushoverNotifier(options: VendorOptions = {}): Notifier {
  const base = (options.baseUrl ?? PUSHOVER_BASE_URL).replace(/\/+$/, '');
  return {
    async send(m: NotificationMessage, t: ChannelTarget) {
      if (!t.secret) throw new NotifyError('The channel has no Pushover application token. Edit the channel and paste it.', false);
      if (!t.signingSecret) throw new NotifyError('The channel has no Pushover user key. Edit the channel and paste it.', false);
      const reply = await vendorPost('Pushover', `${base}/1/messages.json`, JSON.stringify(pushoverPayload(m, t.secret, t.signingSecret)), {}, options);
      const status = (reply.json as { status?: unknown } | null)?.status;
      if (reply.ok && status === 1) return;
      if (reply.ok) throw new NotifyError(`Pushover answered ${reply.status} without confirming the message. Flowdeck retries later.`, true);
      throw vendorFailure('Pushover', reply, pushoverReason(reply.status, reply.json), retryAfterMs(reply), [t.secret, t.signingSecret]);
    },
  };
}
