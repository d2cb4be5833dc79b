// Loopback fakes of the four phone-notification APIs, each answering as its documentation says (docs/vendors.md,
// section "Phone notification channels", rows P1–P11). One server, one path space per vendor:
//   ntfy       POST /ntfy/                                (JSON publish at the server root; the test's server URL is <url>/ntfy)
//   Pushover   POST /1/messages.json
//   Telegram   POST /bot<token>/sendMessage
//   Discord    POST /api/webhooks/<id>/<token>[?wait=true]
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Vendor = 'ntfy' | 'pushover' | 'telegram' | 'discord';

export interface PhoneHit {
  vendor: Vendor | 'unknown';
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: string;
  /** The body as JSON (null when it is not). */
  body: Record<string, unknown> | null;
}

/** A scripted answer served before the vendor's own logic (a rate limit, an outage, an odd reply). */
export interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface PhoneFakeState {
  /** ntfy: topics that need `Authorization: Bearer <token>`, and the tokens that may publish to them. */
  ntfyProtected: Map<string, string>;
  pushoverTokens: Set<string>;
  pushoverUsers: Set<string>;
  telegramBots: Set<string>;
  /** Chats the bot may write to (ids as text, or @channelname). */
  telegramChats: Set<string>;
  /** Discord webhooks: id → token. */
  discordHooks: Map<string, string>;
}

export interface PhoneFake {
  url: string;
  hits: PhoneHit[];
  state: PhoneFakeState;
  /** Serve `answer` to the next `times` requests for `vendor`. */
  script(vendor: Vendor, answer: Scripted, times?: number): void;
  /** The vendor's own 429 (its body and headers as documented), for the next `times` requests. */
  rateLimit(vendor: Vendor, seconds: number, times?: number): void;
  close(): Promise<void>;
}

const NTFY_TOPIC = /^[-_A-Za-z0-9]{1,64}$/;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body));
}

function objectOf(raw: string): Record<string, unknown> | null {
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed as Record<string, unknown> : null;
  } catch {
    return null;
  }
}

function vendorOf(path: string): Vendor | 'unknown' {
  if (path === '/ntfy' || path === '/ntfy/') return 'ntfy';
  if (path === '/1/messages.json') return 'pushover';
  if (/^\/bot[^/]+\/sendMessage$/i.test(path)) return 'telegram';
  if (/^\/api(\/v\d+)?\/webhooks\/[^/]+\/[^/]+\/?$/.test(path)) return 'discord';
  return 'unknown';
}

/** The 429 each vendor sends (P3, P4, P9, P11). */
function rateLimited(vendor: Vendor, seconds: number): Scripted {
  switch (vendor) {
    case 'ntfy':
      return { status: 429, body: { code: 42901, http: 429, error: 'limit reached: too many requests, please be nice', link: 'https://ntfy.sh/docs/publish/#limitations' } };
    case 'pushover':
      return { status: 429, body: { status: 0, errors: ['application is over its monthly message limit'], request: 'r-429' } };
    case 'telegram':
      return { status: 429, body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${seconds}`, parameters: { retry_after: seconds } } };
    case 'discord':
      return { status: 429, headers: { 'retry-after': String(Math.ceil(seconds)), 'x-ratelimit-scope': 'shared' },
        body: { message: 'You are being rate limited.', retry_after: seconds, global: false } };
  }
}

export async function startPhoneFake(): Promise<PhoneFake> {
  const hits: PhoneHit[] = [];
  const queue = new Map<Vendor, Scripted[]>();
  const state: PhoneFakeState = {
    ntfyProtected: new Map(), pushoverTokens: new Set(), pushoverUsers: new Set(), telegramBots: new Set(), telegramChats: new Set(), discordHooks: new Map(),
  };
  let seq = 0;

  const ntfy = (res: ServerResponse, hit: PhoneHit) => {
    const b = hit.body;
    if (!b) return send(res, 400, { code: 40017, http: 400, error: 'invalid request: request body must be message JSON', link: 'https://ntfy.sh/docs/publish/#publish-as-json' });
    if (typeof b.topic !== 'string' || !NTFY_TOPIC.test(b.topic)) return send(res, 400, { code: 40009, http: 400, error: 'invalid request: topic invalid' });
    if (b.priority !== undefined && (typeof b.priority !== 'number' || b.priority < 1 || b.priority > 5)) {
      return send(res, 400, { code: 40007, http: 400, error: 'invalid priority parameter', link: 'https://ntfy.sh/docs/publish/#message-priority' });
    }
    const needed = state.ntfyProtected.get(b.topic);
    const auth = hit.headers.authorization;
    if (needed !== undefined) {
      if (!auth) return send(res, 401, { code: 40101, http: 401, error: 'unauthorized', link: 'https://ntfy.sh/docs/publish/#authentication' });
      if (auth !== `Bearer ${needed}`) return send(res, 403, { code: 40301, http: 403, error: 'forbidden', link: 'https://ntfy.sh/docs/publish/#authentication' });
    }
    return send(res, 200, { id: `m${++seq}`, time: 1_764_072_000, event: 'message', topic: b.topic, message: b.message ?? 'triggered', title: b.title, priority: b.priority, tags: b.tags, click: b.click });
  };

  const pushover = (res: ServerResponse, hit: PhoneHit) => {
    const b = hit.body ?? {};
    const request = `req-${++seq}`;
    if (typeof b.token !== 'string' || !state.pushoverTokens.has(b.token)) return send(res, 400, { token: 'invalid', errors: ['application token is invalid'], status: 0, request });
    if (typeof b.user !== 'string' || !state.pushoverUsers.has(b.user)) {
      return send(res, 400, { user: 'invalid', errors: ['user identifier is not a valid user, group, or subscribed user key'], status: 0, request });
    }
    if (typeof b.message !== 'string' || !b.message) return send(res, 400, { message: 'cannot be blank', errors: ['message cannot be blank'], status: 0, request });
    if (typeof b.title === 'string' && b.title.length > 250) return send(res, 400, { title: 'is too long', errors: ['title is too long'], status: 0, request });
    if (b.message.length > 1024) return send(res, 400, { message: 'is too long', errors: ['message is too long'], status: 0, request });
    const p = b.priority ?? 0;
    if (typeof p !== 'number' || p < -2 || p > 2) return send(res, 400, { priority: 'is invalid', errors: ['priority is invalid'], status: 0, request });
    if (p === 2 && (b.retry === undefined || b.expire === undefined)) return send(res, 400, { expire: 'must be supplied with priority=2', errors: ['expire must be supplied with priority=2'], status: 0, request });
    return send(res, 200, { status: 1, request });
  };

  const telegram = (res: ServerResponse, hit: PhoneHit) => {
    const token = /^\/bot([^/]+)\/sendMessage$/i.exec(hit.path)![1]!;
    if (!state.telegramBots.has(token)) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const b = hit.body ?? {};
    if (b.chat_id === undefined) return send(res, 400, { ok: false, error_code: 400, description: 'Bad Request: chat_id is empty' });
    if (!state.telegramChats.has(String(b.chat_id))) return send(res, 400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    if (typeof b.text !== 'string' || !b.text.trim()) return send(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message text is empty' });
    if (b.text.length > 4096) return send(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message is too long' });
    if (b.parse_mode !== undefined && !['HTML', 'Markdown', 'MarkdownV2'].includes(String(b.parse_mode))) {
      return send(res, 400, { ok: false, error_code: 400, description: 'Bad Request: unsupported parse_mode' });
    }
    return send(res, 200, { ok: true, result: { message_id: ++seq, date: 1_764_072_000, chat: { id: b.chat_id }, text: b.text } });
  };

  const discord = (res: ServerResponse, hit: PhoneHit) => {
    const [, id, token] = /^\/api(?:\/v\d+)?\/webhooks\/([^/]+)\/([^/]+)\/?$/.exec(hit.path)!;
    const known = state.discordHooks.get(id!);
    if (known === undefined) return send(res, 404, { message: 'Unknown Webhook', code: 10015 });
    if (known !== token) return send(res, 401, { message: 'Invalid Webhook Token', code: 50027 });
    const b = hit.body ?? {};
    const embeds = Array.isArray(b.embeds) ? b.embeds : [];
    if (!b.content && !embeds.length) return send(res, 400, { message: 'Cannot send an empty message', code: 50006 });
    if (typeof b.content === 'string' && b.content.length > 2000) return send(res, 400, { message: 'Invalid Form Body', code: 50035 });
    if (embeds.length > 10) return send(res, 400, { message: 'Invalid Form Body', code: 50035 });
    if (hit.query.get('wait') === 'true') return send(res, 200, { id: String(++seq), type: 0, content: b.content ?? '', channel_id: '1', webhook_id: id, embeds });
    return send(res, 204, undefined);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = objectOf(raw);
      const hit: PhoneHit = { vendor: vendorOf(u.pathname), method: req.method ?? '', path: u.pathname, query: u.searchParams, headers: req.headers, raw, body };
      hits.push(hit);
      if (hit.vendor === 'unknown') return send(res, 404, { error: 'not found' });
      if (req.method !== 'POST') return send(res, 405, { error: 'method not allowed' });
      const next = queue.get(hit.vendor)?.shift();
      if (next) return send(res, next.status, next.body, next.headers);
      if (hit.vendor === 'ntfy') return ntfy(res, hit);
      if (hit.vendor === 'pushover') return pushover(res, hit);
      if (hit.vendor === 'telegram') return telegram(res, hit);
      return discord(res, hit);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const push = (vendor: Vendor, answer: Scripted, times: number) => {
    const q = queue.get(vendor) ?? [];
    for (let i = 0; i < times; i++) q.push(answer);
    queue.set(vendor, q);
  };
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, state,
    script: (vendor, answer, times = 1) => push(vendor, answer, times),
    rateLimit: (vendor, seconds, times = 1) => push(vendor, rateLimited(vendor, seconds), times),
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
