import { createHmac, timingSafeEqual } from 'node:crypto';
import { postJson, type PostOptions } from './http-post.ts';
import type { ChannelTarget, NotificationMessage, Notifier } from './types.ts';

export const SIGNATURE_HEADER = 'x-flowdeck-signature';
export const TIMESTAMP_HEADER = 'x-flowdeck-timestamp';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` — the receiver recomputes it with the shared key. */
export function sign(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifySignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Generic webhook: the message as JSON, signed when the channel has a signing key. */
export function webhookNotifier(options: PostOptions = {}): Notifier {
  return {
    send(m: NotificationMessage, t: ChannelTarget) {
      const body = JSON.stringify({ event: `incident.${m.kind}`, ...m });
      const timestamp = String(m.at);
      const headers: Record<string, string> = { [TIMESTAMP_HEADER]: timestamp };
      if (t.signingSecret) headers[SIGNATURE_HEADER] = sign(t.signingSecret, timestamp, body);
      return postJson(t.secret, body, headers, options);
    },
  };
}
