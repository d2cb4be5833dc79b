import type { IngestPort, IngestRecord } from '../sync/ingest/record.ts';
import type { PushRepo } from '../store/push-repo.ts';

/** Healthchecks-compatible ping endpoints (docs/vendors.md H1), slug form without a ping key: `/ping/<slug>[/<signal>]`. */
export type PingKind = 'success' | 'start' | 'fail' | 'log' | 'exit';

export interface PingRequest {
  slug: string;
  kind: PingKind;
  exitCode: number | null;
}

export const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const RID = /^[A-Za-z0-9._-]{1,100}$/;
/** The longest error text a run keeps (the full body stays in the ping log). */
const MAX_ERROR_TEXT = 20_000;

export type ParsedPing = { ok: true; ping: PingRequest } | { ok: false; status: 400 | 404; message: string };

/** Parses `/ping/<slug>`, `/start`, `/fail`, `/log`, `/<0-255>`; null when the path is not a ping path at all. */
export function parsePingPath(path: string): ParsedPing | null {
  const parts = path.split('/').slice(1);
  if (parts[0] !== 'ping' || parts.length < 2 || parts.length > 3) return null;
  let slug: string;
  let signal: string;
  try {
    slug = decodeURIComponent(parts[1]!);
    signal = decodeURIComponent(parts[2] ?? '');
  } catch {
    return { ok: false, status: 400, message: 'The ping URL is not valid (bad %-encoding).\n' };
  }
  if (!SLUG.test(slug)) return { ok: false, status: 404, message: notFound(slug) };
  if (signal === '') return { ok: true, ping: { slug, kind: 'success', exitCode: null } };
  if (signal === 'start' || signal === 'fail' || signal === 'log') return { ok: true, ping: { slug, kind: signal, exitCode: null } };
  if (/^\d{1,3}$/.test(signal) && Number(signal) <= 255) return { ok: true, ping: { slug, kind: 'exit', exitCode: Number(signal) } };
  return { ok: false, status: 400, message: `Invalid ping URL: after /ping/${slug}/ Flowdeck expects start, fail, log or an exit code 0-255, not "${signal.slice(0, 40)}".\n` };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ping keys are random (22 base64url characters; 32 hex for keys made by migration 0008). */
const PING_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/** Which monitor a ping URL names: its UUID, a connector's ping key plus the slug, or (loopback opt-in) the slug alone. */
export type PingTarget = { form: 'uuid'; uuid: string } | { form: 'keyed'; key: string; slug: string } | { form: 'slug'; slug: string };
export interface PingCandidate { target: PingTarget; kind: PingKind; exitCode: number | null }
export type ParsedTargets = { ok: true; candidates: PingCandidate[] } | { ok: false; status: 400 | 404; message: string };

function signalOf(signal: string): { kind: PingKind; exitCode: number | null } | null {
  if (signal === '') return { kind: 'success', exitCode: null };
  if (signal === 'start' || signal === 'fail' || signal === 'log') return { kind: signal, exitCode: null };
  if (/^\d{1,3}$/.test(signal) && Number(signal) <= 255) return { kind: 'exit', exitCode: Number(signal) };
  return null;
}

export const PING_NOT_FOUND = 'No heartbeat monitor at this ping URL. Copy the URL from Flowdeck (Connectors → your push connector → Heartbeats).\n';

/**
 * Healthchecks' URL forms, each with /start, /fail, /log or /<exit-code>: `/ping/<uuid>`, `/ping/<ping-key>/<slug>`
 * and `/ping/<slug>`. `/ping/<a>/<b>` can be read two ways; the candidates come in that order and the receiver takes
 * the first that names a monitor. Null when the path is not a ping path at all.
 */
export function parsePingTargets(path: string): ParsedTargets | null {
  const parts = path.split('/').slice(1);
  if (parts[0] !== 'ping' || parts.length < 2 || parts.length > 4) return null;
  let segs: string[];
  try {
    segs = parts.slice(1).map((p) => decodeURIComponent(p));
  } catch {
    return { ok: false, status: 400, message: 'The ping URL is not valid (bad %-encoding).\n' };
  }
  const [a = '', b, c] = segs;
  const out: PingCandidate[] = [];
  const add = (target: PingTarget, signal: string | undefined) => {
    const sig = signalOf(signal ?? '');
    if (sig) out.push({ target, ...sig });
  };
  if (UUID.test(a) && segs.length <= 2) add({ form: 'uuid', uuid: a.toLowerCase() }, b);
  if (PING_KEY.test(a) && b !== undefined && SLUG.test(b)) add({ form: 'keyed', key: a, slug: b }, c);
  if (SLUG.test(a) && segs.length <= 2) add({ form: 'slug', slug: a }, b);
  if (out.length) return { ok: true, candidates: out };
  if (segs.length === 2 && (SLUG.test(a) || UUID.test(a))) {
    return { ok: false, status: 400, message: `Invalid ping URL: Flowdeck expects start, fail, log or an exit code 0-255 at the end, not "${(b ?? '').slice(0, 40)}".\n` };
  }
  return { ok: false, status: 404, message: PING_NOT_FOUND };
}

export function notFound(slug: string): string {
  return `No heartbeat monitor with slug "${slug.slice(0, 64)}". Create it in Flowdeck (Connectors → your push connector → Heartbeats) first.\n`;
}

export function validRid(rid: string | null): boolean {
  return rid === null || RID.test(rid);
}

export interface PingInput extends PingRequest {
  rid: string | null;
  method: string;
  body: string | null;
  bodyTruncated: boolean;
}

export interface PingDeps {
  core: IngestPort;
  repo: PushRepo;
  newId: () => string;
}

export type PingOutcome = { ok: true; runExternalId: string | null } | { ok: false; status: 404 | 410; message: string };

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Applies one ping in ONE transaction: the ping log, the monitor's last ping, the open-start bookkeeping and the run
 * written through the real ingest path (its own savepoint, last, so nothing can fail after it). The caller answers
 * 2xx only after this returns, so an acknowledged ping is always persisted.
 */
export function applyPing(deps: PingDeps, input: PingInput): PingOutcome {
  const { repo } = deps;
  return repo.write((): PingOutcome => {
    const monitor = repo.monitor(input.slug);
    if (!monitor) return { ok: false, status: 404, message: notFound(input.slug) };
    const connector = repo.connector(monitor.connectorId);
    if (!connector || connector.removed) {
      return { ok: false, status: 410, message: `The connector of heartbeat monitor "${input.slug}" was removed; pings are no longer recorded.\n` };
    }
    // A retry of a ping already committed (its reply was lost): same rid and same signal. Answered OK, counted once.
    if (input.rid !== null && input.kind !== 'log') {
      const seen = repo.pingWithRid(input.slug, input.rid, input.kind, input.exitCode);
      if (seen) return { ok: true, runExternalId: seen.runExternalId };
    }
    const now = deps.core.clock.now();
    const workflow = { externalId: monitor.slug, name: monitor.name };
    const base = { workflow, mode: 'heartbeat' } as const;
    const records: IngestRecord[] = [];
    const open = repo.openStarts(input.slug);
    const matching = input.rid !== null ? open.find((s) => s.rid === input.rid) : open[0];
    let runExternalId: string | null;

    if (input.kind === 'start') {
      // A new start without rid (or with the rid of an open start) replaces that start, as in Healthchecks:
      // the replaced run never reported finishing, which is a failure worth seeing.
      for (const old of open.filter((s) => s.rid === input.rid)) {
        repo.closeStart(input.slug, old.runExternalId);
        records.push({
          ...base, externalId: old.runExternalId, rawStatus: 'no finish', status: 'failed', startedAt: old.startedAt,
          errorMessage: `Started at ${iso(old.startedAt)} but never reported finishing: a new start arrived at ${iso(now)}.`,
        });
      }
      runExternalId = `hb-${deps.newId()}`;
      repo.openStart(input.slug, { runExternalId, rid: input.rid, startedAt: now });
      records.push({ ...base, externalId: runExternalId, rawStatus: 'start', status: 'running', startedAt: now });
    } else if (input.kind === 'log') {
      runExternalId = matching?.runExternalId ?? null;
    } else {
      const failed = input.kind === 'fail' || (input.kind === 'exit' && input.exitCode !== 0);
      const rawStatus = input.kind === 'exit' ? `exit ${input.exitCode}` : input.kind;
      const errorMessage = !failed ? null
        : input.body?.trim() ? input.body.trim().slice(0, MAX_ERROR_TEXT)
          : input.kind === 'exit' ? `The job exited with code ${input.exitCode}.` : 'The job reported a failure (/fail) without a message.';
      if (matching) {
        repo.closeStart(input.slug, matching.runExternalId);
        runExternalId = matching.runExternalId;
        records.push({
          ...base, externalId: runExternalId, rawStatus, status: failed ? 'failed' : 'success',
          startedAt: matching.startedAt, finishedAt: now, durationMs: now - matching.startedAt, errorMessage,
        });
      } else {
        // No start to pair with: the run is known to have ended now, not how long it took (no duration).
        runExternalId = `hb-${deps.newId()}`;
        records.push({ ...base, externalId: runExternalId, rawStatus, status: failed ? 'failed' : 'success', startedAt: now, errorMessage });
      }
    }
    repo.insertPing({
      slug: input.slug, runExternalId, at: now, kind: input.kind, exitCode: input.exitCode, rid: input.rid,
      method: input.method, body: input.body, bodyTruncated: input.bodyTruncated,
    });
    repo.touchMonitor(input.slug, now, input.kind === 'exit' ? `exit ${input.exitCode}` : input.kind);
    if (records.length) deps.core.ingest({ connectorId: connector.id, records, cursor: connector.cursor });
    return { ok: true, runExternalId };
  });
}
