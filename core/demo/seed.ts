import type { Core } from '../app.ts';
import type { IngestRecord } from '../sync/ingest/record.ts';
import { connectorRef, INCIDENTS, WORKFLOWS } from './catalog.ts';
import { demoConnectors, pageCursor, type DemoConnector } from './generate.ts';
import { createRng, deriveSeed } from './prng.ts';
import { DAY } from './schedules.ts';
import { simulateWorkflow, type SimRun } from './simulate.ts';
import { deepLinkPrefix, modeFor, runIdSource, toRecord } from './vendors.ts';

/** The part of the core this module uses (a narrow view; core/app.ts builds the whole). */
type HostCore = Pick<Core, 'connectors' | 'ingest' | 'ledger'>;

const PAGE_SIZE = 500;
const DAYS = 30;

/**
 * Fills an empty ledger with the demo business: about 30 workflows on n8n, Make, Zapier and GitHub Actions
 * and 30 days of their runs ending at `now`, with failure bursts, a workflow whose schedule stopped, a slow
 * one, retries and live runs. Everything goes through the real ingest path, a page at a time, the way
 * connectors deliver it. Deterministic: the same `now` and `seed` give the same ledger.
 */
export function seedDemo(core: HostCore, options: { now: number; seed?: number }): { runs: number; workflows: number } {
  const { now } = options;
  const seed = options.seed ?? 42;
  const from = now - DAYS * DAY;
  const connectors = demoConnectors(4);
  for (const c of connectors) {
    if (core.ledger.connectors.get(c.id)) throw new Error(`The demo estate is already in this ledger (connector ${c.id}); seed an empty one.`);
  }
  for (const c of connectors) core.ledger.connectors.create(c, from - DAY);

  const runsByVendor = new Map<string, SimRun[]>(connectors.map((c) => [c.kind, []]));
  for (const wf of WORKFLOWS) {
    const runs = simulateWorkflow(wf, INCIDENTS, { from, now }, createRng(deriveSeed(seed, wf.key)));
    runsByVendor.get(wf.vendor)!.push(...runs);
  }
  let inserted = 0;
  for (const c of connectors) {
    const runs = runsByVendor.get(c.kind)!;
    runs.sort((a, b) => a.startedAt - b.startedAt || (a.wf.key < b.wf.key ? -1 : a.wf.key > b.wf.key ? 1 : 0));
    const nextId = runIdSource(c.kind, deriveSeed(seed, c.id));
    for (const run of runs) run.runId = nextId();
    inserted += ingestConnector(core, c, runs, now);
    // The seeded month is what polling saw up to now: Flowdeck can see these workflows from the start.
    core.connectors.repo.recordPoll(c.id, { at: now, nextPollAt: null, ok: true, error: null, consecutiveFailures: 0, runsInserted: runs.length, firstSyncDone: true });
  }
  return { runs: inserted, workflows: WORKFLOWS.length };
}

/**
 * What a seeded run cost, shaped as each driver reports it (docs/usage.md): Make operations and credits (a trigger
 * check plus one per item), Zapier tasks (one or two action steps), GitHub minutes (the run rounded up, on Linux).
 */
function demoUsage(kind: string, run: SimRun): IngestRecord['usage'] {
  if (kind === 'make') {
    const ops = 1 + (run.itemCount ?? 1);
    return { units: ops, centicredits: ops * 100, exact: true };
  }
  if (kind === 'zapier') return { units: run.outcome === 'success' ? 2 : run.outcome === 'failed' ? 1 : 0, exact: false };
  if (kind === 'github') return { units: Math.ceil((run.durationMs ?? 0) / 60_000), exact: false };
  return null;
}

/**
 * Ingests one connector's runs in pages, as a poller would see them: a run still going when a page was
 * fetched arrives as `running` in that page and with its final state in the next one (an update, not a copy).
 */
function ingestConnector(core: HostCore, c: DemoConnector, runs: readonly SimRun[], now: number): number {
  const refs = new Map(WORKFLOWS.map((wf) => [wf.key, connectorRef(wf)]));
  const record = (run: SimRun, fetchedAt: number): IngestRecord => {
    const unfinished = run.durationMs != null && run.startedAt + run.durationMs > fetchedAt;
    const done = !unfinished;
    const rec = toRecord(c.kind, {
      runId: run.runId!,
      workflow: refs.get(run.wf.key)!,
      outcome: done ? run.outcome : 'running',
      startedAt: run.startedAt,
      durationMs: done ? run.durationMs : null,
      errorMessage: done ? run.errorMessage : undefined,
      failingStep: done ? run.failingStep : undefined,
      mode: modeFor(c.kind, run.cause),
      deepLink: deepLinkPrefix(c.kind, c.baseUrl, run.wf.externalId, run.wf.repo) + run.runId!,
      retryOf: run.retryOf?.runId,
      retrySuccessId: run.retrySuccess?.runId,
      itemCount: run.itemCount,
    });
    if (done) rec.usage = demoUsage(c.kind, run);
    return rec;
  };
  let inserted = 0;
  let carried: SimRun[] = [];
  for (let i = 0; i < runs.length; i += PAGE_SIZE) {
    const slice = runs.slice(i, i + PAGE_SIZE);
    const last = slice[slice.length - 1]!;
    const fetchedAt = i + PAGE_SIZE >= runs.length ? now : last.startedAt + 5_000;
    const records = carried.map((run) => record(run, fetchedAt));
    carried = [];
    for (const run of slice) {
      records.push(record(run, fetchedAt));
      if (run.durationMs != null && run.startedAt + run.durationMs > fetchedAt) carried.push(run);
    }
    const result = core.ingest({ connectorId: c.id, records, cursor: pageCursor(last.startedAt, last.runId!) });
    inserted += result.inserted;
  }
  return inserted;
}
