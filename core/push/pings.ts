import type { Core } from '../app.ts';
import type { IngestRecord } from '../ingest/record.ts';
import type { PushRepo } from '../store/push-repo.ts';

/** Healthchecks-compatible ping endpoints (CONTRACTS.md §5.1), slug form without a ping key: `/ping/<slug>[/<signal>]`. */
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
  core: Pick<Core, 'ingest' | 'clock'>;
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
  return repo.db.transaction((): PingOutcome => {
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
  }).immediate();
}
