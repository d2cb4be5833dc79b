import { STEP_DATA_LIMITS, type GetStepDataOutput, type StepData, type StepItems } from '../contract/runs.ts';
import type { Clock } from '../platform/clock.ts';
import { HttpFailure } from '../platform/http/types.ts';
import type { Logger } from '../platform/logger.ts';
import { redactString, redactValue } from '../platform/secrets/redact.ts';
import type { RuntimeCache } from '../sync/runtime.ts';
import { VENDOR_WORDS } from '../sync/vendor-words.ts';
import type { ConnectorSyncRepo } from '../store/connector-sync-repo.ts';
import type { Ledger } from '../store/ledger.ts';
import { failureWords } from './failure-words.ts';

/**
 * `runs/get-step-data`: the vendor's own step data for one run, fetched through the connector's driver (and so its
 * HTTP client and rate budget) only when the owner asks. It may hold personal data, so it is bounded, redacted, handed
 * back and forgotten: nothing of it is written to the ledger, the audit log or the logs.
 */
export interface StepDataDeps {
  ledger: Ledger;
  repo: ConnectorSyncRepo;
  runtimes: RuntimeCache;
  clock: Clock;
  logger: Logger;
}

const MAX_DEPTH = 8;
const MAX_ARRAY = 50;
const MAX_KEYS = 100;

/** A copy of a JSON value cut to size: long texts, deep nesting, long lists and wide objects (each cut is said). */
export function boundJson(value: unknown, depth = 0): { value: unknown; cut: boolean } {
  if (typeof value === 'string') {
    if (value.length <= STEP_DATA_LIMITS.chars) return { value, cut: false };
    return { value: `${value.slice(0, STEP_DATA_LIMITS.chars)}… (${value.length - STEP_DATA_LIMITS.chars} more characters)`, cut: true };
  }
  if (value === null || typeof value !== 'object') return { value: value === undefined ? null : value, cut: false };
  if (depth >= MAX_DEPTH) return { value: '… (nested too deep to show)', cut: true };
  let cut = false;
  if (Array.isArray(value)) {
    const out = value.slice(0, MAX_ARRAY).map((v) => {
      const b = boundJson(v, depth + 1);
      cut ||= b.cut;
      return b.value;
    });
    if (value.length > MAX_ARRAY) {
      out.push(`… (${value.length - MAX_ARRAY} more)`);
      cut = true;
    }
    return { value: out, cut };
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries.slice(0, MAX_KEYS)) {
    const b = boundJson(v, depth + 1);
    cut ||= b.cut;
    out[k] = b.value;
  }
  if (entries.length > MAX_KEYS) {
    out['…'] = `${entries.length - MAX_KEYS} more keys`;
    cut = true;
  }
  return { value: out, cut };
}

/** Every string in a value passed through `scrub`. */
function scrubDeep(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, scrub));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [scrub(k), scrubDeep(v, scrub)]));
  }
  return value;
}

/** At most 20 items and 64 KB of JSON per side, each item bounded, then redacted. */
function boundItems(side: StepItems | null, clean: <T>(v: T) => T): StepItems | null {
  if (!side) return null;
  const items: unknown[] = [];
  let bytes = 0;
  let truncated = side.truncated || side.items.length > STEP_DATA_LIMITS.items;
  for (const item of side.items.slice(0, STEP_DATA_LIMITS.items)) {
    const b = boundJson(clean(item));
    const size = JSON.stringify(b.value)?.length ?? 4;
    if (items.length > 0 && bytes + size > STEP_DATA_LIMITS.bytesPerSide) {
      truncated = true;
      break;
    }
    bytes += size;
    truncated ||= b.cut;
    items.push(b.value);
  }
  return { items, total: Math.max(side.total, side.items.length), truncated };
}

function bounded(data: StepData, scrub: (text: string) => string): StepData {
  const text = (t: string) => scrub(redactString(t));
  const clean = <T>(v: T): T => scrubDeep(redactValue(v), scrub) as T;
  const cap = (t: string) => (t.length > STEP_DATA_LIMITS.chars ? `${t.slice(0, STEP_DATA_LIMITS.chars)}… (cut)` : t);
  switch (data.kind) {
    case 'n8n':
      return {
        kind: 'n8n',
        node: { name: cap(text(data.node.name)), type: data.node.type === null ? null : cap(text(data.node.type)) },
        input: boundItems(data.input, clean),
        output: boundItems(data.output, clean),
        error: data.error ? {
          name: data.error.name === null ? null : cap(text(data.error.name)),
          message: cap(text(data.error.message)),
          description: data.error.description === null ? null : cap(text(data.error.description)),
        } : null,
      };
    case 'log': {
      const lines = data.lines.slice(-STEP_DATA_LIMITS.lines);
      let long = false;
      const shown = lines.map((line) => {
        const clean = text(line);
        if (clean.length <= STEP_DATA_LIMITS.chars) return clean;
        long = true;
        return `${clean.slice(0, STEP_DATA_LIMITS.chars)}… (cut)`;
      });
      return {
        kind: 'log', job: { id: data.job.id, name: cap(text(data.job.name)) },
        step: data.step ? { number: data.step.number, name: cap(text(data.step.name)) } : null,
        lines: shown, truncated: data.truncated || long || data.lines.length > lines.length,
      };
    }
    case 'unavailable':
      return { kind: 'unavailable', reason: cap(text(data.reason)) };
  }
}

export async function readStepData(d: StepDataDeps, runId: number): Promise<GetStepDataOutput> {
  const run = d.ledger.runs.get(runId);
  if (!run) return { ok: false, reason: 'not_found', message: 'This run is no longer in the ledger.' };
  const state = d.repo.get(run.connectorId);
  const kind = state?.kind ?? run.connectorKind;
  const words = VENDOR_WORDS[kind as keyof typeof VENDOR_WORDS] ?? { label: kind, credential: 'credential', where: 'Connectors' };
  const answer = (data: StepData): GetStepDataOutput => ({ ok: true, vendor: kind, fetchedAt: d.clock.now(), deepLink: run.deepLink, data });
  if (!state || state.removedAt !== null) {
    return answer({ kind: 'unavailable', reason: `Its connector was removed, so Flowdeck cannot ask ${words.label} about this run.` });
  }
  const runtime = d.runtimes.get(state);
  const read = runtime?.driver.stepData;
  if (!runtime || !read) {
    return answer({
      kind: 'unavailable',
      reason: `${words.label} does not let other apps read what each step of a run received or logged, so Flowdeck cannot show it here.${run.deepLink ? ` Open the run in ${words.label} to see it.` : ''}`,
    });
  }
  try {
    const data = await read.call(runtime.driver, run.externalId);
    return answer(bounded(data, (t) => runtime.redact(t)));
  } catch (error) {
    const why = error instanceof HttpFailure && error.kind === 'auth'
      ? `${words.label} refused (${error.status ?? 401}): the ${words.credential} may be revoked, or may not be allowed to read run details.`
      : failureWords(error, words.label, words.credential);
    const message = runtime.redact(redactString(`Could not fetch the step data of run ${run.externalId}: ${why}`));
    d.logger.info('step data not fetched', { runId, connectorId: run.connectorId });
    return { ok: false, reason: 'failed', message };
  }
}
