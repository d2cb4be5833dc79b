import type { ConnectorKind } from '../contract/catalog.ts';
import type { IngestRecord } from '../sync/ingest/record.ts';
import { WORKFLOWS } from './catalog.ts';
import { ERRORS_BY_VENDOR, type ErrorKind, type VendorKind } from './errors.ts';
import { createRng, deriveSeed } from './prng.ts';
import { DAY, HOUR } from './schedules.ts';
import { deepLinkPrefix, modeFor, runIdSource, VENDOR_STATUS, type Outcome } from './vendors.ts';

/** A connector of the demo estate, in the shape `core.ledger.connectors.create` takes. */
export interface DemoConnector {
  id: string;
  kind: ConnectorKind & VendorKind;
  name: string;
  baseUrl: string;
}

const VENDORS: readonly { kind: VendorKind; name: string; host: string; path: string }[] = [
  { kind: 'n8n', name: 'n8n (self-hosted)', host: 'n8n', path: '' },
  { kind: 'make', name: 'Make — EU', host: 'eu1.make', path: '' },
  { kind: 'zapier', name: 'Zapier', host: 'zapier', path: '' },
  { kind: 'github', name: 'GitHub Actions', host: 'github', path: '/acme' },
];

/** The demo connectors: n8n, Make, Zapier, GitHub, then further numbered instances of each. */
export function demoConnectors(count: number): DemoConnector[] {
  return Array.from({ length: count }, (_, i) => {
    const v = VENDORS[i % VENDORS.length]!;
    const n = Math.floor(i / VENDORS.length) + 1;
    return n === 1
      ? { id: `demo-${v.kind}`, kind: v.kind, name: v.name, baseUrl: `https://${v.host}.example.com${v.path}` }
      : { id: `demo-${v.kind}-${n}`, kind: v.kind, name: `${v.name} ${n}`, baseUrl: `https://${v.host}-${n}.example.com${v.path}` };
  });
}

/** The connector's high-water mark after a page: the last start time and execution id it has seen. */
export function pageCursor(lastStartedAt: number, lastRunId: string): string {
  return JSON.stringify({ since: new Date(lastStartedAt).toISOString(), lastId: lastRunId });
}

export interface GenerateOptions {
  workflows: number;
  runs: number;
  days: number;
  now: number;
  seed?: number;
  pageSize?: number;
  connectors?: number;
  /** Send times as ISO text (as vendors do) instead of epoch ms (as a connector that already converted). */
  isoTimes?: boolean;
}

export interface GeneratedPage {
  connectorIndex: number;
  records: IngestRecord[];
  cursor: string;
}

interface BulkWorkflow {
  connectorIndex: number;
  vendor: VendorKind;
  ref: { externalId: string; name: string };
  median: number;
  failRate: number;
  errors: readonly ErrorKind[];
  mode: string;
  link: string;
}

const ID_BASE: Record<VendorKind, number> = { n8n: 100, make: 5000, zapier: 187_700_000, github: 61_300_000 };

function bulkWorkflows(count: number, connectors: readonly DemoConnector[], rng: ReturnType<typeof createRng>): BulkWorkflow[] {
  const byVendor = (v: VendorKind) => WORKFLOWS.filter((w) => w.vendor === v);
  return Array.from({ length: count }, (_, k) => {
    const connectorIndex = k % connectors.length;
    const c = connectors[connectorIndex]!;
    const specs = byVendor(c.kind);
    const j = Math.floor(k / connectors.length);
    const spec = specs[j % specs.length]!;
    const cycle = Math.floor(j / specs.length);
    const externalId = cycle === 0 ? spec.externalId : String(ID_BASE[c.kind] + j);
    const pool = ERRORS_BY_VENDOR[c.kind].filter((e) => !e.outcome);
    const errors = [rng.pick(pool), rng.pick(pool), rng.pick(ERRORS_BY_VENDOR[c.kind])];
    const cause = spec.trigger.kind === 'events' ? 'event' : spec.trigger.kind === 'manual' ? 'manual' : 'schedule';
    return {
      connectorIndex, vendor: c.kind,
      ref: { externalId, name: cycle === 0 ? spec.name : `${spec.name} #${cycle + 1}` },
      median: spec.duration.median, failRate: 0.025 + 0.04 * rng.next(), errors,
      mode: modeFor(c.kind, cause), link: deepLinkPrefix(c.kind, c.baseUrl, externalId, spec.repo),
    };
  });
}

/** Which workflow runs: a lookup table weighted so a few workflows are busy and most are quiet. */
function pickTable(count: number): Uint32Array {
  const size = Math.min(1 << 22, Math.max(1024, count * 16));
  const weights = Array.from({ length: count }, (_, k) => 1 / Math.pow(k + 1, 0.7));
  const total = weights.reduce((a, b) => a + b, 0);
  const table = new Uint32Array(size);
  let k = 0;
  let acc = weights[0]!;
  for (let j = 0; j < size; j++) {
    const target = ((j + 0.5) / size) * total;
    while (acc < target && k < count - 1) acc += weights[++k]!;
    table[j] = k;
  }
  return table;
}

interface Burst { from: number; to: number; connectorIndex: number; error: ErrorKind }

/** One failure burst a day: a connector's error for 1–5 hours (an expired token, a rate limit). */
function bursts(from: number, days: number, connectors: readonly DemoConnector[], rng: ReturnType<typeof createRng>): Burst[] {
  const out: Burst[] = [];
  for (let d = 0; d < Math.ceil(days); d++) {
    const start = from + d * DAY + Math.floor(rng.next() * 20 * HOUR);
    const connectorIndex = rng.int(0, connectors.length - 1);
    const pool = ERRORS_BY_VENDOR[connectors[connectorIndex]!.kind].filter((e) => !e.outcome);
    out.push({ from: start, to: start + rng.int(1, 5) * HOUR, connectorIndex, error: rng.pick(pool) });
  }
  return out;
}

/**
 * Bulk runs for benchmarks and big demo estates: exactly `runs` records over `workflows` workflows and
 * `days` days ending at `now`, in time order, paged per connector with the cursor a connector would store.
 * Failure rates of 2.5–6.5 % per workflow plus daily bursts; cheap per record (no parsing, few allocations).
 */
export function* generatePages(options: GenerateOptions): Generator<GeneratedPage> {
  const { workflows, runs, days, now } = options;
  const seed = options.seed ?? 42;
  const pageSize = options.pageSize ?? 500;
  const connectorCount = options.connectors ?? 4;
  if (!(workflows >= 1 && runs >= 0 && days > 0 && pageSize >= 1 && connectorCount >= 1)) {
    throw new RangeError('generatePages needs workflows >= 1, runs >= 0, days > 0, pageSize >= 1, connectors >= 1');
  }
  const rng = createRng(seed);
  const next = rng.next;
  const connectors = demoConnectors(connectorCount);
  const wfs = bulkWorkflows(workflows, connectors, rng);
  const table = pickTable(workflows);
  const burstList = bursts(now - days * DAY, days, connectors, rng);
  const ids = connectors.map((c) => runIdSource(c.kind, deriveSeed(seed, c.id)));
  const buffers: IngestRecord[][] = connectors.map(() => []);
  const time = options.isoTimes ? (ms: number) => new Date(ms).toISOString() : (ms: number) => ms;
  const from = now - days * DAY;
  const step = (days * DAY) / Math.max(1, runs);
  let b = 0;
  for (let i = 0; i < runs; i++) {
    const t = Math.min(now - 1, from + Math.floor((i + next()) * step));
    while (b < burstList.length && burstList[b]!.to <= t) b++;
    const wf = wfs[table[Math.floor(next() * table.length)]!]!;
    const c = wf.connectorIndex;
    // Log-normal duration: exp of a cheap near-normal (sum of four uniforms).
    const z = (next() + next() + next() + next() - 2) * 1.732;
    let duration = Math.max(30, Math.round(wf.median * Math.exp(0.5 * z)));
    let outcome: Outcome = 'success';
    let error: ErrorKind | undefined;
    const u = next();
    const burst = burstList[b];
    if (burst && burst.connectorIndex === c && t >= burst.from && u < 0.5) error = burst.error;
    else if (u < wf.failRate) error = wf.errors[Math.floor(next() * wf.errors.length)]!;
    else if (u < wf.failRate + 0.01) outcome = 'canceled';
    else if (u < wf.failRate + 0.02) outcome = wf.vendor === 'n8n' ? 'canceled' : 'skipped';
    if (error) {
      outcome = error.outcome ?? 'failed';
      if (!error.outcome) duration = Math.round(duration * (0.2 + 0.7 * next()));
    }
    if (t + duration > now) outcome = 'running';
    const runId = ids[c]!();
    const vs = VENDOR_STATUS[wf.vendor][outcome];
    const record: IngestRecord = {
      externalId: runId, workflow: wf.ref, rawStatus: vs.raw, startedAt: time(t), mode: wf.mode, deepLink: wf.link + runId,
    };
    if (vs.explicit) record.status = vs.explicit;
    if (outcome !== 'running') {
      record.finishedAt = time(t + duration);
      record.durationMs = duration;
    }
    if (error && outcome !== 'running') {
      record.errorMessage = error.message(rng);
      record.failingStep = error.step;
    }
    const buffer = buffers[c]!;
    buffer.push(record);
    if (buffer.length === pageSize) {
      buffers[c] = [];
      yield { connectorIndex: c, records: buffer, cursor: pageCursor(t, runId) };
    }
  }
  for (let c = 0; c < buffers.length; c++) {
    const buffer = buffers[c]!;
    if (!buffer.length) continue;
    const last = buffer[buffer.length - 1]!;
    yield { connectorIndex: c, records: buffer, cursor: pageCursor(Number(new Date(last.startedAt!)), last.externalId) };
  }
}
