import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { systemActor } from '../contract/actor.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import type { EventBus } from '../rpc/event-bus.ts';
import type { Ledger } from '../store/ledger.ts';
import type { StorageHealth } from '../store/storage.ts';
import type { IngestPort } from '../sync/ingest/record.ts';
import type { SecretStore } from '../platform/secrets/types.ts';
import { SecretStoreUnavailable } from '../platform/secrets/types.ts';
import { listen } from '../platform/net/listen.ts';
import { allowedHosts, hostAllowed, hostPort, isLoopbackHost, publicHost } from '../platform/net/host-check.ts';
import { bodyText, readBody } from './body.ts';
import { applyRunFinished, idempotencyKey, parseRunFinished, VALID_KEY } from './hooks.ts';
import { applyPing, notFound, parsePingTargets, PING_NOT_FOUND, validRid, type PingCandidate } from './pings.ts';
import { AUTO_CREATE_SETTING, DEFAULT_PUSH_PORT, PUSH_PORT_SETTING, setReceiverUrl, SLUG_ONLY_SETTING } from './receiver-status.ts';
import { checkSignature, signingSecretRef, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signing.ts';

export const PING_BODY_LIMIT = 100 * 1024;
export const HOOK_BODY_LIMIT = 100 * 1024;
/** Bodies beyond this are not even read to the end: the connection is closed. */
const DRAIN_MAX = 1024 * 1024;

/** What the receiver needs of the core (a narrow view, so core/app.ts stays the only place that builds a core). */
export interface ReceiverCore extends IngestPort {
  ledger: Ledger;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  storage: Pick<StorageHealth, 'status' | 'failed'>;
}

export interface PushReceiverOptions {
  core: ReceiverCore;
  secrets: SecretStore;
  /** Default 127.0.0.1; another address needs `allowRemote`. */
  host?: string;
  /** Default: the `push.port` setting, else 7788. 0 picks any free port. */
  port?: number;
  allowRemote?: boolean;
  pingBodyLimit?: number;
  hookBodyLimit?: number;
  newId?: () => string;
  /**
   * Accept `/ping/<slug>` without the ping key (default: the `push.allowSlugOnly` setting, off). Only ever on a
   * loopback receiver: one that listens beyond this machine needs the UUID or the keyed form.
   */
  allowSlugOnly?: boolean;
}

export interface PushReceiver {
  host: string;
  port: number;
  /** e.g. http://127.0.0.1:7788 */
  url: string;
  close(): Promise<void>;
}

export class PushReceiverRefused extends Error {
  override name = 'PushReceiverRefused';
}

const BASE_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string | number> = {}): void {
  const buf = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': buf.length, ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const buf = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'application/json', 'Content-Length': buf.length, ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

/** How long a sender should wait before retrying while the store cannot take writes. */
const STORAGE_RETRY_AFTER_S = '60';

const fail = (res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  sendJson(res, status, { ok: false, error: { code, message } }, headers);

/** A web page in the user's browser must not be able to fake pings (it would send Origin / Sec-Fetch-Site). */
function fromBrowser(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  return req.headers.origin !== undefined || (site !== undefined && site !== 'none');
}

/**
 * The local receiver for pushed runs: Healthchecks-style pings (`/ping/<uuid>` or `/ping/<ping-key>/<slug>`, each with
 * /start, /fail, /log or /<exit>; `/ping/<slug>` only as a loopback opt-in), GET, HEAD or
 * POST, optional `?rid=`) and signed "run finished" webhooks (`POST /hooks/<connector-id>/run-finished`). Every 2xx is
 * sent only after the run is committed to the ledger.
 */
export async function startPushReceiver(options: PushReceiverOptions): Promise<PushReceiver> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.allowRemote) {
    throw new PushReceiverRefused(`Refusing to listen for heartbeats on ${host}: other machines could reach it. Set allowRemote if you mean it.`);
  }
  const { core, secrets } = options;
  const repo = core.ledger.push;
  const newId = options.newId ?? randomUUID;
  const pingLimit = options.pingBodyLimit ?? PING_BODY_LIMIT;
  const hookLimit = options.hookBodyLimit ?? HOOK_BODY_LIMIT;
  let allowed: Set<string> | null = new Set();
  const changed = (connectorId: string) => core.events.emit('ledger/changed', { tables: ['push_monitors', 'push_pings'], connectorId });

  const slugOnly = () => isLoopbackHost(host) && (options.allowSlugOnly ?? core.ledger.settings.get<boolean>(SLUG_ONLY_SETTING) === true);
  /** The monitor slug a candidate names (auto-creating it when asked and allowed), or null. */
  const resolve = (c: PingCandidate, create: boolean): string | null => {
    const t = c.target;
    if (t.form === 'uuid') return repo.monitorByUuid(t.uuid)?.slug ?? null;
    // The keyed form names its connector: the slug must be one of that connector's monitors.
    let owner: string | null = null;
    if (t.form === 'keyed') {
      owner = repo.connectorOfPingKey(t.key);
      if (!owner) return null;
    } else if (!slugOnly()) return null;
    const m = repo.monitor(t.slug);
    if (m) return owner === null || m.connectorId === owner ? m.slug : null;
    const auto = core.ledger.settings.get<{ connectorId?: string } | null>(AUTO_CREATE_SETTING);
    if (!create || !auto) return null;
    const target = owner ?? auto.connectorId ?? repo.firstPushConnector();
    const connector = target ? repo.connector(target) : undefined;
    if (!connector || connector.kind !== 'push' || connector.removed) return null;
    const now = core.clock.now();
    repo.write(() => {
      repo.createMonitor({ slug: t.slug, connectorId: connector.id, name: t.slug, createdBy: 'heartbeat receiver' }, now);
      core.ledger.audit.append({ ...systemActor('heartbeat receiver'), action: 'push/created-monitor', target: `${connector.id}/${t.slug}`, detail: { auto: true } }, now);
    });
    return t.slug;
  };

  const ping = async (req: IncomingMessage, res: ServerResponse, path: string, params: URLSearchParams) => {
    const parsed = parsePingTargets(path);
    // `/ping/a/b/c/d` starts like a ping but is none: a 404, not a crash (found by test/fuzz/push.fuzz.test.ts).
    if (!parsed) return sendText(res, 404, 'Not found. Pings go to /ping/<uuid> or /ping/<ping-key>/<slug>, then /start, /fail, /log or /<exit-code>.\n');
    if (!parsed.ok) return sendText(res, parsed.status, parsed.message);
    if (!['GET', 'HEAD', 'POST'].includes(req.method ?? '')) return sendText(res, 405, 'Pings accept GET, HEAD or POST.\n', { Allow: 'GET, HEAD, POST' });
    const rid = params.get('rid');
    if (!validRid(rid)) return sendText(res, 400, 'rid must be a UUID (letters, digits, dots, dashes or underscores; at most 100).\n');
    const body = await readBody(req, { keepBytes: pingLimit, drainMax: DRAIN_MAX });
    if (!body.ok) {
      res.setHeader('Connection', 'close');
      return sendText(res, 413, `The ping body is larger than ${DRAIN_MAX} bytes; Flowdeck keeps at most ${pingLimit} bytes of it. Send a shorter log.\n`);
    }
    const storage = core.storage.status();
    if (storage.state !== 'ok') return sendText(res, 503, `${storage.message ?? 'Flowdeck cannot save right now.'}\n`, { 'Retry-After': STORAGE_RETRY_AFTER_S });
    let chosen: { slug: string; c: PingCandidate } | null = null;
    for (const c of parsed.candidates) {
      const slug = resolve(c, params.get('create') === '1');
      if (slug) {
        chosen = { slug, c };
        break;
      }
    }
    if (!chosen) {
      const only = parsed.candidates.length === 1 ? parsed.candidates[0]!.target : null;
      if (only?.form === 'slug' && !slugOnly()) {
        return sendText(res, 403, 'Pings by name alone (/ping/<slug>) are turned off: use the ping URL with the key, or the monitor\'s own URL, shown in Flowdeck (Connectors → your push connector → Heartbeats).\n');
      }
      return sendText(res, 404, only?.form === 'slug' ? notFound(only.slug) : PING_NOT_FOUND);
    }
    const slug = chosen.slug;
    const outcome = applyPing({ core, repo, newId }, {
      slug, kind: chosen.c.kind, exitCode: chosen.c.exitCode, rid, method: req.method ?? 'GET', body: bodyText(body.bytes), bodyTruncated: body.truncated,
    });
    if (!outcome.ok) return sendText(res, outcome.status, outcome.message);
    changed(repo.monitor(slug)!.connectorId);
    sendText(res, 200, 'OK\n', { 'Ping-Body-Limit': pingLimit });
  };

  const hook = async (req: IncomingMessage, res: ServerResponse, connectorId: string) => {
    if (req.method !== 'POST') return fail(res, 405, 'method_not_allowed', 'Send run-finished events with POST.', { Allow: 'POST' });
    const connector = repo.connector(connectorId);
    if (!connector) return fail(res, 404, 'unknown_connector', `No connector with id "${connectorId.slice(0, 100)}". Copy the URL from Flowdeck → Connectors.`);
    if (connector.removed) return fail(res, 410, 'connector_removed', `The connector "${connector.name}" was removed; its webhook no longer records runs.`);
    const body = await readBody(req, { keepBytes: hookLimit, refuseOver: hookLimit, drainMax: DRAIN_MAX });
    if (!body.ok) {
      res.setHeader('Connection', 'close');
      return fail(res, 413, 'body_too_large', `The body is ${body.size > DRAIN_MAX ? 'over 1 MB' : `${body.size} bytes`}; Flowdeck accepts at most ${hookLimit} bytes per event. Send the run summary only.`);
    }
    let secret: string | null;
    try {
      secret = await secrets.get(signingSecretRef(connector.id));
    } catch (error) {
      if (error instanceof SecretStoreUnavailable) {
        return fail(res, 503, 'keychain_unavailable', 'The system keychain is not reachable, so Flowdeck cannot check the signature. Try again once you are logged in.', { 'Retry-After': '60' });
      }
      throw error;
    }
    if (!secret) return fail(res, 401, 'no_signing_secret', `The connector "${connector.name}" has no signing secret yet. Open its webhook snippets in Flowdeck to create one.`);
    const sig = checkSignature(req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined,
      req.headers[TIMESTAMP_HEADER.toLowerCase()] as string | undefined, body.bytes, secret, core.clock.now());
    if (!sig.ok) {
      core.logger.warn('push webhook refused: bad signature', { connectorId: connector.id, problem: sig.problem });
      const message = {
        missing: `The ${SIGNATURE_HEADER} header is missing. Sign "<timestamp>.<raw body>" with HMAC-SHA256 and send "sha256=<hex>".`,
        malformed: `The ${SIGNATURE_HEADER} header must look like "sha256=<64 hex characters>".`,
        mismatch: `The signature does not match the body and timestamp: check the signing secret, and sign "<${TIMESTAMP_HEADER}>.<the exact body bytes>".`,
        timestamp_missing: `The ${TIMESTAMP_HEADER} header is missing: send the current Unix time in seconds, and sign "<timestamp>.<raw body>".`,
        expired: `The ${TIMESTAMP_HEADER} is more than 5 minutes from this computer's clock: a replayed request, or a clock that is off.`,
      }[sig.problem];
      return fail(res, 401, `signature_${sig.problem}`, message);
    }
    let json: unknown;
    try {
      json = JSON.parse(body.bytes.toString('utf8'));
    } catch (error) {
      return fail(res, 400, 'malformed_json', `The body is not valid JSON: ${(error as Error).message}`);
    }
    const event = parseRunFinished(json, core.clock.now());
    if (!event.ok) return fail(res, 400, 'invalid_event', `The event is not usable: ${event.message}`);
    const storage = core.storage.status();
    if (storage.state !== 'ok') return fail(res, 503, 'storage_unavailable', storage.message ?? 'Flowdeck cannot save right now.', { 'Retry-After': STORAGE_RETRY_AFTER_S });
    const header = req.headers['idempotency-key'];
    if (header !== undefined && (typeof header !== 'string' || !VALID_KEY.test(header.trim()))) {
      return fail(res, 400, 'invalid_idempotency_key', 'Idempotency-Key must be 1-200 visible ASCII characters.');
    }
    const outcome = applyRunFinished({ core, repo }, connector.id, idempotencyKey(header, event.event), body.bytes, event.record);
    if (outcome.conflict) {
      return fail(res, 409, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different body: send each event with its own key.');
    }
    if (outcome.duplicate) return sendJson(res, 200, { ok: true, duplicate: true, runId: outcome.runExternalId });
    sendJson(res, 200, { ok: true, duplicate: false, runId: outcome.runExternalId, status: outcome.status });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostAllowed(req.headers.host, allowed)) return sendText(res, 403, 'This receiver only answers to 127.0.0.1 and localhost.\n');
    if (fromBrowser(req)) return sendText(res, 403, 'The heartbeat receiver does not accept requests from web pages.\n');
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const params = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
    if (path.startsWith('/ping/')) return ping(req, res, path, params);
    const m = /^\/hooks\/([^/]+)\/run-finished$/.exec(path);
    if (m) {
      let id: string;
      try {
        id = decodeURIComponent(m[1]!);
      } catch {
        return fail(res, 400, 'bad_url', 'The connector id in the URL is not valid %-encoding.');
      }
      return hook(req, res, id);
    }
    if (path === '/') return sendText(res, 200, 'Flowdeck heartbeat receiver: /ping/<slug>[/start|/fail|/log|/<exit-code>] and POST /hooks/<connector-id>/run-finished.\n');
    sendText(res, 404, 'Not found. Pings go to /ping/<slug>; signed events to /hooks/<connector-id>/run-finished.\n');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      core.logger.error('push receiver request failed', { path: (req.url ?? '').split('?')[0], error: error instanceof Error ? error.message : String(error) });
      // A full, read-only or damaged store: nothing was accepted, so the sender is told to come back (never a 500).
      if (!res.headersSent && core.storage.failed(error)) {
        sendText(res, 503, `${core.storage.status().message ?? 'Flowdeck cannot save right now.'}\n`, { 'Retry-After': STORAGE_RETRY_AFTER_S });
      } else if (!res.headersSent) sendText(res, 500, 'Flowdeck could not record this; it was logged. Please retry.\n');
      else res.destroy();
    });
  });
  server.requestTimeout = 30_000;
  const wanted = options.port ?? core.ledger.settings.get<number>(PUSH_PORT_SETTING) ?? DEFAULT_PUSH_PORT;
  const port = await listen(server, wanted, host, (code) => new PushReceiverRefused(code === 'EADDRINUSE'
    ? `The heartbeat receiver cannot use port ${wanted} on ${host}: it is already in use. Pick another port (setting ${PUSH_PORT_SETTING}).`
    : `${host} is not an address of this machine.`));
  allowed = allowedHosts(host, port);
  const url = `http://${hostPort(publicHost(host), port)}`;
  setReceiverUrl(core.ledger, url);
  let closing: Promise<void> | null = null;
  return {
    host, port, url,
    close() {
      closing ??= new Promise<void>((resolve) => {
        setReceiverUrl(core.ledger, null);
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
