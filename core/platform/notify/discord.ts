import type { ChannelTarget, NotificationMessage, Notifier } from './types.ts';
import { NotifyError } from './types.ts';
import { clip, retryAfterMs, vendorFailure, vendorPost, type VendorOptions } from './vendor-http.ts';

export const DISCORD_BASE_URL = 'https://discord.com';
const HOSTS = new Set(['discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com']);
const PATH = /^\/api(?:\/v\d{1,2})?\/webhooks\/(\d{5,25})\/([A-Za-z0-9_-]{20,200})\/?$/;

const COLOR = { critical: 0xd93025, warning: 0xf29900, info: 0x1a73e8 } as const;
const RESOLVED = 0x188038;

/** A Discord webhook address (Server Settings → Integrations → Webhooks → Copy Webhook URL): its id and token, or why not. */
export function discordWebhook(url: string): { ok: true; id: string; token: string } | { ok: false; message: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, message: 'This is not a URL. Paste the full webhook address, starting with https://discord.com/api/webhooks/' };
  }
  const m = PATH.exec(u.pathname);
  if (u.protocol !== 'https:' || !HOSTS.has(u.hostname) || u.port || u.username || u.password || !m) {
    return { ok: false, message: 'This is not a Discord webhook address. In Discord: Server Settings → Integrations → Webhooks → Copy Webhook URL; it starts with https://discord.com/api/webhooks/' };
  }
  return { ok: true, id: m[1]!, token: m[2]! };
}

/** Execute webhook (docs/vendors.md P10): the title as content, the summary in an embed linked to the incident; no mentions. */
export function discordPayload(m: NotificationMessage): Record<string, unknown> {
  const color = m.kind === 'resolved' ? RESOLVED : COLOR[m.severity];
  return {
    username: 'Flowdeck', content: clip(m.title, 2000), allowed_mentions: { parse: [] },
    embeds: [{ title: clip(m.title, 256), description: clip(m.text, 4096), color, ...(m.url ? { url: m.url } : {}) }],
  };
}

function discordReason(status: number, json: unknown): string {
  const said = (json as { message?: unknown } | null)?.message;
  const quoted = typeof said === 'string' ? ` (“${clip(said, 200)}”)` : '';
  if (status === 404) return `Discord says this webhook does not exist${quoted}: it was deleted, or the address is incomplete. Copy the webhook URL in Discord again and paste it.`;
  if (status === 401 || status === 403) return `Discord refused the webhook's token${quoted}. Copy the webhook URL in Discord again and paste it.`;
  if (status === 429) return `Discord is limiting how fast this webhook may post${quoted}.`;
  if (status >= 500) return `Discord had a problem (${status})${quoted}.`;
  return `Discord refused the message (${status})${quoted}.`;
}

/** Discord webhook: `POST /api/webhooks/{id}/{token}?wait=true`; the webhook address is the channel secret. */
export function discordNotifier(options: VendorOptions = {}): Notifier {
  const base = (options.baseUrl ?? DISCORD_BASE_URL).replace(/\/+$/, '');
  return {
    async send(m: NotificationMessage, t: ChannelTarget) {
      if (!t.secret) throw new NotifyError('The channel has no Discord webhook address. Edit the channel and paste it.', false);
      const hook = discordWebhook(t.secret);
      if (!hook.ok) throw new NotifyError(hook.message, false);
      const reply = await vendorPost('Discord', `${base}/api/webhooks/${hook.id}/${hook.token}?wait=true`, JSON.stringify(discordPayload(m)), {}, options);
      if (reply.ok) return;
      const body = reply.json as { retry_after?: unknown } | null;
      throw vendorFailure('Discord', reply, discordReason(reply.status, reply.json), retryAfterMs(reply, body?.retry_after), [t.secret, hook.token]);
    },
  };
}
