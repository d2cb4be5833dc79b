import type { Core } from '../app.ts';
import type { Cadence } from '../sync/cadence.ts';
import { initialCursor, serializeCursor } from '../sync/vendors/n8n/cursor.ts';
import { defaultDriverRegistry, type DriverRegistry } from '../sync/vendors/registry.ts';
import type { Logger } from '../platform/logger.ts';
import type { SecretStore } from '../platform/secrets/types.ts';
import { nodeTimers, type TimerHandle, type Timers } from '../sync/timers.ts';
import { connectorRef, WORKFLOWS } from './catalog.ts';
import { LiveFeed } from './live-feed.ts';
import { lastSeededN8nId, lastSeededZapierRunId, MAKE_ORG, seedSimulators, ZAPIER_HISTORY_DAYS } from './live-estate.ts';
import { createRng, deriveSeed } from './prng.ts';
import { startVendorSimulators, type VendorSimulators } from './vendors/servers.ts';
import { toRecord } from './vendors.ts';

/** The part of the core this module uses (a narrow view; core/app.ts builds the whole). */
type HostCore = Pick<Core, 'clock' | 'connectors' | 'ingest' | 'ledger' | 'registry'>;

/**
 * The demo through real code: loopback n8n-, Make-, Zapier- and GitHub-shaped simulators hold the demo business, the
 * seeded connectors are pointed at them with credentials in a memory secret store, and the real scheduler, drivers and
 * HTTP client poll them. New runs keep appearing in the simulators (live-feed.ts) while the demo is open: one timer
 * waits for the feed's next due time (a schedule slot, an arrival, a run to end), so scheduled workflows start on their slots.
 */
export interface LiveDemo {
  sims: VendorSimulators;
  feed: LiveFeed;
  /** Stops the feed and the simulators (the core's scheduler stops with the core). */
  close(): Promise<void>;
}

/** The demo polls every vendor it shows: n8n, Make, Zapier and GitHub. */
export function demoDrivers(): DriverRegistry {
  const { n8n, make, zapier, github } = defaultDriverRegistry();
  return { n8n, make, zapier, github };
}

/** A livelier cadence than a real estate's, so new demo runs show up within seconds. */
export const DEMO_CADENCE: Partial<Cadence> = { fastMs: 10_000, normalMs: 20_000, idleMs: 60_000, startSpreadMs: 1_000 };

const NAMES: Record<string, string> = {
  'demo-n8n': 'Demo – n8n (self-hosted)', 'demo-make': 'Demo – Make EU', 'demo-zapier': 'Demo – Zapier', 'demo-github': 'Demo – GitHub Actions',
};

export interface LiveDemoOptions {
  secrets: SecretStore;
  logger: Logger;
  seed?: number;
  /** Tick the feed on a timer at each due time (default true); false: tests call `feed.tick` themselves. */
  tick?: boolean;
  /** The feed's timer (default Node's, unref'd); tests pass ManualTimers with the core's fixed clock. */
  timers?: Timers;
  /** The first schedule slot the live feed runs (default now): the seeded history's end. */
  scheduledFrom?: number;
  /** Start the scheduler (default true). */
  poll?: boolean;
}

/** Points a seeded connector at its simulator: name, address, options, credential; its cursor starts over. */
async function repoint(core: HostCore, secrets: SecretStore, id: string, baseUrl: string | null, config: Record<string, unknown>, credential: string | null): Promise<void> {
  const ref = credential ? `connector:${id}` : null;
  if (ref && credential) await secrets.set(ref, credential);
  core.ledger.connectors.repoint(id, { name: NAMES[id] ?? id, baseUrl, config, secretRef: ref });
  core.connectors.repo.resetCursor(id);
  core.connectors.runtimes.invalidate(id);
}

/**
 * The seeded n8n history is what the connector has already synced, so its cursor starts above the seed's last id. From
 * nothing, its first poll would look up every seed id missing from the simulator (which holds only the runs the seed
 * left unfinished) one by one: hundreds of expected 404s logged as warnings at each start, and ids "dropped" that were
 * never lost. Those unfinished runs still end through the poll's refresh of unfinished runs.
 */
function startN8nAboveSeed(core: HostCore, lastSeededId: number): void {
  if (lastSeededId <= 0) return;
  const hwm = String(lastSeededId);
  core.ingest({ connectorId: 'demo-n8n', records: [], cursor: serializeCursor({ ...initialCursor(), runs: { hwm }, errors: { hwm } }) });
}

/**
 * Make and GitHub runs the seed left unfinished carry the seed's ids, which those vendors' connectors cannot look up,
 * so the demo ends them itself after their workflow's usual duration (n8n's and Zapier's are in their simulators and
 * end by polling).
 */
function finishSeededLeftovers(core: HostCore, feed: LiveFeed): number {
  let n = 0;
  for (const [connectorId, kind] of [['demo-make', 'make'], ['demo-github', 'github']] as const) {
    const runs = core.ledger.runs.list({ connectorIds: [connectorId], statuses: ['queued', 'running', 'waiting'] }, null, 200).items;
    for (const run of runs) {
      const detail = core.ledger.runs.get(run.id);
      const workflow = core.connectors.repo.workflow(run.workflowId);
      const spec = workflow && WORKFLOWS.find((w) => w.vendor === kind && connectorRef(w).externalId === workflow.externalId);
      if (!detail || !workflow || !spec) continue;
      const at = Math.max(core.clock.now() + 15_000, run.startedAt + spec.duration.median);
      feed.later(at, kind, () => {
        const record = toRecord(kind, {
          runId: run.externalId, workflow: { externalId: workflow.externalId, name: workflow.name }, outcome: 'success',
          startedAt: run.startedAt, durationMs: at - run.startedAt, mode: detail.mode ?? 'manual', deepLink: detail.deepLink ?? '',
        });
        core.ingest({ connectorId, records: [record], cursor: core.connectors.repo.get(connectorId)?.cursor ?? null });
      });
      n++;
    }
  }
  return n;
}

export async function startLiveDemo(core: HostCore, options: LiveDemoOptions): Promise<LiveDemo> {
  const seed = options.seed ?? 42;
  const rng = createRng(deriveSeed(seed, 'live'));
  const lastN8nId = lastSeededN8nId(core);
  const sims = await startVendorSimulators({ clock: core.clock, firstN8nExecutionId: lastN8nId + 1, firstZapierRunId: lastSeededZapierRunId(core) + 7 });
  const timers = options.timers ?? nodeTimers;
  let timer: TimerHandle | null = null;
  let closed = false;
  const stop = () => {
    closed = true;
    if (timer !== null) timers.clear(timer);
    timer = null;
  };
  try {
    const n8nKey = sims.n8n.state.keys.issue();
    const tokens = { make: `demo-make-${rng.hex(24)}`, github: `github_pat_demo_${rng.hex(30)}`, zapier: `demo-zapier-${rng.hex(32)}` };
    const { repos } = seedSimulators(core, sims, tokens);
    await repoint(core, options.secrets, 'demo-n8n', sims.n8n.url, {}, n8nKey);
    startN8nAboveSeed(core, lastN8nId);
    await repoint(core, options.secrets, 'demo-make', sims.make.url, { organizationId: MAKE_ORG, plan: 'pro' }, tokens.make);
    await repoint(core, options.secrets, 'demo-github', sims.github.url, { repos: repos.join(', ') }, tokens.github);
    // Its first poll reads back the day of seeded runs the simulator holds, under the same ids: all already known.
    await repoint(core, options.secrets, 'demo-zapier', sims.zapier.url, { historyDays: ZAPIER_HISTORY_DAYS, webBaseUrl: sims.zapier.url }, tokens.zapier);
    const ids = { n8n: 'demo-n8n', make: 'demo-make', zapier: 'demo-zapier', github: 'demo-github' } as const;
    const feed = new LiveFeed({
      sims, rng, now: () => core.clock.now(), scheduledFrom: options.scheduledFrom,
      changed: (vendor) => core.connectors.scheduler.pollSoon(ids[vendor], 1_000),
    });
    finishSeededLeftovers(core, feed);
    // One timer, to the feed's next due time: nothing wakes between slots, arrivals and run ends. After a failed
    // tick (which may have left something due) it waits a few seconds rather than spin.
    const arm = (minMs = 0) => {
      if (closed) return;
      timer = timers.set(() => {
        timer = null;
        try {
          feed.tick();
          arm();
        } catch (error) {
          options.logger.warn('demo feed failed', { error: error instanceof Error ? error.message : String(error) });
          arm(5_000);
        }
      }, Math.max(minMs, feed.nextDue() - core.clock.now()));
    };
    if (options.tick ?? true) arm();
    for (const id of Object.values(ids)) core.ledger.connectors.setHealth(id, 'new', 'Demo: polling the simulated vendor on this machine.');
    if (options.poll ?? true) core.connectors.scheduler.start();
    options.logger.info('demo vendors simulated', { n8n: sims.n8n.url, make: sims.make.url, zapier: sims.zapier.url, github: sims.github.url });
    return {
      sims, feed,
      close: async () => {
        stop();
        await sims.close();
      },
    };
  } catch (error) {
    stop();
    await sims.close();
    throw error;
  }
}
