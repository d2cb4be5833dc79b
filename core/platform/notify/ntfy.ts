import { NTFY_TOPIC } from '../../contract/alerts.ts';
import type { ChannelTarget, NotificationMessage, Notifier } from './types.ts';
import { NotifyError } from './types.ts';
import { clip, isLoopbackHost, retryAfterMs, vendorFailure, vendorPost, type VendorOptions } from './vendor-http.ts';

/**
 * ntfy priority (1 min … 5 max, docs/vendors.md P2) from the incident: critical 5 (max: long vibration, pop-over),
 * warning 4 (high), info 3 (default); a resolved incident 2 (low: no sound), a test 3.
 */
export function ntfyPriority(m: Pick<NotificationMessage, 'kind' | 'severity'>): 1 | 2 | 3 | 4 | 5 {
  if (m.kind === 'resolved') return 2;
  if (m.kind === 'test') return 3;
  return m.severity === 'critical' ? 5 : m.severity === 'warning' ? 4 : 3;
}

/** ntfy tags that are emoji short codes show as the emoji before the title (P3). */
function ntfyTags(m: Pick<NotificationMessage, 'kind' | 'severity'>): string[] {
  if (m.kind === 'resolved') return ['white_check_mark'];
  if (m.kind === 'test') return ['bell'];
  return [m.severity === 'critical' ? 'rotating_light' : m.severity === 'warning' ? 'warning' : 'information_source'];
}

/** The JSON ntfy takes at its root URL (P1): topic, title, message, priority, tags, and the link as click and button. */
export function ntfyPayload(m: NotificationMessage, topic: string): Record<string, unknown> {
  return {
    topic, title: clip(m.title, 250), message: clip(m.text, 3500), priority: ntfyPriority(m), tags: ntfyTags(m),
    ...(m.url ? { click: m.url, actions: [{ action: 'view', label: 'Open', url: m.url }] } : {}),
  };
}

/** The ntfy server address the owner typed: https, or http only to this machine; no user or password in it. Null when usable. */
export function ntfyServerProblem(server: string | undefined): string | null {
  if (!server) return 'Enter the ntfy server address, for example https://ntfy.sh';
  let u: URL;
  try {
    u = new URL(server);
  } catch {
    return 'This is not an address. Enter the full server address, starting with https://';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'The server address must start with https://';
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) return 'Use https:// — plain http:// is accepted only for a server on this computer, so the alert and the token cannot be read on the way.';
  if (u.username || u.password) return 'Do not put a user or password in the address: use an access token in its own field.';
  if (u.search || u.hash) return 'Enter only the server address, without ? or #. The topic goes in its own field.';
  return null;
}

export function ntfyProblem(config: ChannelTarget['config']): { field: string; message: string } | null {
  const server = ntfyServerProblem(config.ntfyServer);
  if (server) return { field: 'config.ntfyServer', message: server };
  if (!config.ntfyTopic) return { field: 'config.ntfyTopic', message: 'Enter the topic your phone subscribes to.' };
  if (!NTFY_TOPIC.test(config.ntfyTopic)) return { field: 'config.ntfyTopic', message: 'A topic uses only letters, digits, - and _ (at most 64).' };
  return null;
}

/** Where a JSON message is published: the server's root URL (a server under a path keeps its path). */
export function ntfyPublishUrl(server: string): string {
  const u = new URL(server);
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/`;
  return u.toString();
}

function ntfyReason(status: number, json: unknown, topic: string): string {
  const said = (json as { error?: unknown } | null)?.error;
  const detail = typeof said === 'string' ? ` (“${clip(said, 200)}”)` : '';
  if (status === 401) return `The ntfy server wants an access token for topic “${topic}”${detail}. Add one in the channel's Access token field.`;
  if (status === 403) return `The ntfy server refused the access token for topic “${topic}”${detail}: it is wrong, expired, or may not publish to this topic. Make a new token in ntfy (Account → Access tokens) and paste it.`;
  if (status === 404) return `The ntfy server answered 404${detail}: the server address may be wrong. Enter the address you open ntfy's web app at.`;
  if (status === 429) return `The ntfy server is limiting how many messages Flowdeck sends${detail}.`;
  if (status >= 500) return `The ntfy server had a problem (${status})${detail}.`;
  return `The ntfy server refused the message (${status})${detail}.`;
}

/** ntfy: JSON published to the server's root with the topic inside; the optional access token as `Authorization: Bearer`. */
export function ntfyNotifier(options: VendorOptions = {}): Notifier {
  return {
    async send(m: NotificationMessage, t: ChannelTarget) {
      const problem = ntfyProblem(t.config);
      if (problem) throw new NotifyError(problem.message, false);
      const topic = t.config.ntfyTopic!;
      const headers: Record<string, string> = t.secret ? { authorization: `Bearer ${t.secret}` } : {};
      const reply = await vendorPost('ntfy', ntfyPublishUrl(t.config.ntfyServer!), JSON.stringify(ntfyPayload(m, topic)), headers, options);
      if (reply.ok) return;
      throw vendorFailure('ntfy', reply, ntfyReason(reply.status, reply.json, topic), retryAfterMs(reply), [t.secret]);
    },
  };
}
