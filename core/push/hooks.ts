import { createHash } from 'node:crypto';
import { z } from 'zod';
import { normalise, statusFromRaw } from '../sync/ingest/normalize.ts';
import { IngestRecord, type IngestPort } from '../sync/ingest/record.ts';
import type { PushRepo } from '../store/push-repo.ts';

const Id = z.union([z.string().trim().min(1).max(200), z.number().int().nonnegative()]).transform(String);
const Instant = z.union([z.string().min(1).max(64), z.number().finite().nonnegative()]);

/**
 * The signed "run finished" event (POST /hooks/<connector-id>/run-finished), e.g. from a Zapier Manager or Make
 * webhook or an n8n error workflow. Unknown extra fields are ignored.
 *
 *   { "workflow": { "id": "42", "name": "Leads to CRM" },
 *     "run": { "id": "9001", "status": "failed", "startedAt": "2026-03-02T11:58:00Z", "finishedAt": "2026-03-02T11:58:04Z",
 *              "error": "Gmail: mailbox full", "url": "https://n8n.example.com/workflow/42/executions/9001",
 *              "failingStep": "Send email" },
 *     "source": "n8n-error-workflow" }
 */
export const RunFinishedEvent = z.object({
  workflow: z.object({ id: Id, name: z.string().trim().min(1).max(500) }),
  run: z.object({
    id: Id,
    status: z.string().trim().min(1).max(100),
    startedAt: Instant.nullish(),
    finishedAt: Instant.nullish(),
    error: z.union([z.string().max(20_000), z.object({ message: z.string().max(20_000) })]).nullish(),
    url: z.string().max(2000).nullish(),
    failingStep: z.string().max(500).nullish(),
  }),
  source: z.string().max(100).nullish(),
});
export type RunFinishedEvent = z.infer<typeof RunFinishedEvent>;

const EXTRA_WORDS: Record<string, ReturnType<typeof statusFromRaw>> = { fail: 'failed', ok: 'success', succeeded: 'success' };

export type HookParse = { ok: true; event: RunFinishedEvent; record: IngestRecord } | { ok: false; message: string };

/** Validates an event and turns it into an ingest record; the message names the offending field. */
export function parseRunFinished(json: unknown, now: number): HookParse {
  const parsed = RunFinishedEvent.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `${issue.path.map(String).join('.') || 'body'}: ${issue.message}` };
  }
  const { workflow, run, source } = parsed.data;
  const raw = run.status;
  const status = EXTRA_WORDS[raw.toLowerCase()] ?? statusFromRaw(raw);
  const error = typeof run.error === 'string' ? run.error : run.error?.message ?? null;
  // When only one instant is known it is the run's time; no duration is claimed.
  const startedAt = run.startedAt ?? run.finishedAt ?? now;
  const finishedAt = run.startedAt != null ? run.finishedAt ?? null : null;
  const record: IngestRecord = {
    externalId: run.id, workflow: { externalId: workflow.id, name: workflow.name }, rawStatus: raw, status,
    startedAt, finishedAt, errorMessage: error, failingStep: run.failingStep ?? null, deepLink: run.url ?? null,
    mode: source ?? 'webhook',
  };
  const valid = IngestRecord.safeParse(record);
  if (!valid.success) {
    const issue = valid.error.issues[0]!;
    const field = { deepLink: 'run.url', startedAt: 'run.startedAt', finishedAt: 'run.finishedAt' }[String(issue.path[0])] ?? issue.path.join('.');
    return { ok: false, message: `${field}: ${field === 'run.url' ? 'must be an http(s) URL' : issue.message}` };
  }
  try {
    normalise(valid.data);
  } catch (error) {
    return { ok: false, message: (error as Error).message.replace(/^(startedAt|finishedAt)/, 'run.$1') };
  }
  return { ok: true, event: parsed.data, record: valid.data };
}

/** The key a delivery is deduplicated by: the Idempotency-Key header, else the run id and its status. */
export function idempotencyKey(header: string | undefined, event: RunFinishedEvent): string {
  const given = header?.trim();
  return given ? `key:${given}` : `run:${event.run.id}:${event.run.status.toLowerCase()}`;
}

export const VALID_KEY = /^[\x21-\x7e]{1,200}$/;

export interface HookDeps {
  core: IngestPort;
  repo: PushRepo;
}

export type HookOutcome =
  | { conflict: true; duplicate: false }
  | { conflict: false; duplicate: true; runExternalId: string }
  | { conflict: false; duplicate: false; runExternalId: string; status: string };

/**
 * Records a verified event exactly once: the idempotency key and the run are written in ONE transaction (the run
 * through the real ingest path, in its own savepoint, last). A replay finds the key and writes nothing.
 */
export function applyRunFinished(deps: HookDeps, connectorId: string, key: string, rawBody: Buffer, record: IngestRecord): HookOutcome {
  const { repo } = deps;
  const bodySha256 = createHash('sha256').update(rawBody).digest('hex');
  return repo.write((): HookOutcome => {
    const seen = repo.delivery(connectorId, key);
    // A sender's own key with another body is a different event under a reused key: refused, never dropped silently.
    // (A key derived from run id + status may come back with another body: that is the same run, a duplicate.)
    if (seen && key.startsWith('key:') && seen.bodySha256 !== bodySha256) return { conflict: true, duplicate: false };
    if (seen) return { conflict: false, duplicate: true, runExternalId: seen.runExternalId };
    const connector = repo.connector(connectorId);
    if (!connector) throw new Error(`connector ${connectorId} vanished`);
    repo.insertDelivery({ connectorId, key, bodySha256, runExternalId: record.externalId },
      deps.core.clock.now());
    deps.core.ingest({ connectorId, records: [record], cursor: connector.cursor });
    return { conflict: false, duplicate: false, runExternalId: record.externalId, status: record.status ?? 'unknown' };
  });
}
