import type { RunStatus } from '../../contract/runs.ts';
import type { ErrorGroupDelta, LedgerWriter, RollupDelta } from '../../store/ledger-writer.ts';
import { addToHistogram, encodeHistogram, type Histogram } from '../../store/histogram.ts';
import { mergeRun } from './merge.ts';
import { isTerminal, normalise, NormaliseError, type NormalisedRun, type RunRow } from './normalize.ts';
import { IngestRecord, WorkflowRecord, type IngestPage, type IngestResult, type RunUsage } from './record.ts';
import { MonitoringDeltas } from './rollup-deltas.ts';

const HOUR = 3_600_000;

interface Bucket {
  workflowId: number;
  hour: number;
  counts: Partial<Record<RunStatus, number>>;
  durationN: number;
  durationSum: number;
  durationMax: number;
  hist: Histogram;
}

/** Collects the page's rollup and error-group changes so each bucket is written once per page. */
class PageDeltas {
  readonly buckets = new Map<string, Bucket>();
  readonly errors = new Map<string, ErrorGroupDelta>();
  /** Global hourly, per-workflow daily and per-day error rollups (core/monitoring). */
  readonly monitoring = new MonitoringDeltas();

  private bucket(workflowId: number, startedAt: number): Bucket {
    const hour = Math.floor(startedAt / HOUR) * HOUR;
    const key = `${workflowId}:${hour}`;
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { workflowId, hour, counts: {}, durationN: 0, durationSum: 0, durationMax: 0, hist: new Map() }));
    return b;
  }

  /** A run's contribution enters (sign +1) or leaves (sign -1) its hourly bucket. */
  contribute(workflowId: number, row: RunRow, sign: 1 | -1): void {
    const b = this.bucket(workflowId, row.startedAt);
    b.counts[row.status] = (b.counts[row.status] ?? 0) + sign;
    if (isTerminal(row.status) && row.durationMs != null) {
      // Durations are only ever added: merge rules keep a settled run's duration fixed.
      if (sign < 0) throw new Error('invariant: a settled duration was withdrawn');
      b.durationN += 1;
      b.durationSum += row.durationMs;
      b.durationMax = Math.max(b.durationMax, row.durationMs);
      addToHistogram(b.hist, row.durationMs);
    }
    this.monitoring.contribute(workflowId, row, sign);
  }

  error(run: NormalisedRun | RunRow, template: string, sign: 1 | -1, at: number): void {
    const fp = run.errorFingerprint!;
    const e = this.errors.get(fp);
    if (e) {
      e.occurrences += sign;
      e.firstSeen = Math.min(e.firstSeen, at);
      e.lastSeen = Math.max(e.lastSeen, at);
    } else {
      this.errors.set(fp, { fingerprint: fp, template, sample: run.errorMessage ?? template, firstSeen: at, lastSeen: at, occurrences: sign });
    }
  }

  flush(writer: LedgerWriter): void {
    for (const b of this.buckets.values()) {
      const delta: RollupDelta = { ...b, hist: b.hist.size ? encodeHistogram(b.hist) : null };
      writer.applyRollup(delta);
    }
    for (const e of this.errors.values()) writer.applyErrorGroup(e);
    this.monitoring.flush(writer.monitoring);
  }
}

/** What a run contributes to rollups: its bucket, status and (when finished) duration. */
function rollupKey(row: RunRow): string {
  const duration = isTerminal(row.status) ? row.durationMs : null;
  return `${Math.floor(row.startedAt / HOUR)}:${row.status}:${duration ?? ''}`;
}

function describeInvalid(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The page's workflow list: valid records are stored, the others quarantined with the field that failed. */
function ingestWorkflows(writer: LedgerWriter, page: IngestPage, listed: readonly unknown[], now: number, result: IngestResult): void {
  const valid: WorkflowRecord[] = [];
  for (const raw of listed) {
    const parsed = WorkflowRecord.safeParse(raw);
    if (parsed.success) {
      valid.push(parsed.data);
      continue;
    }
    const issue = parsed.error.issues[0]!;
    writer.quarantine(page.connectorId, now, `workflow ${issue.path.join('.') || 'record'}: ${issue.message}`, raw);
    result.quarantined++;
  }
  result.workflows = { listed: valid.length, ...writer.upsertWorkflows(page.connectorId, valid, now) };
}

/**
 * Applies one page of vendor-neutral run records (and the workflow list, when the page carries one) and the
 * connector's new cursor in ONE transaction: invalid records are quarantined with their reason, the rest are upserted by (connector, external id),
 * rollups and error groups follow every change, and the cursor is stored. All or nothing.
 */
export function ingestPage(writer: LedgerWriter, page: IngestPage, now: number): IngestResult {
  const run = (): IngestResult => {
    const result: IngestResult = { inserted: 0, updated: 0, unchanged: 0, quarantined: 0 };
    const deltas = new PageDeltas();
    const touched = new Set<number>();
    const usages: { externalId: string; usage: RunUsage }[] = [];
    if (page.workflows) ingestWorkflows(writer, page, page.workflows, now, result);
    for (const raw of page.records) {
      const parsed = IngestRecord.safeParse(raw);
      let rec: NormalisedRun;
      try {
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          const field = issue.path.join('.') || 'record';
          throw new NormaliseError(field, `${field}: ${issue.message}`);
        }
        rec = normalise(parsed.data);
      } catch (error) {
        writer.quarantine(page.connectorId, now, describeInvalid(error), raw);
        result.quarantined++;
        continue;
      }
      const workflowId = writer.workflowId(page.connectorId, rec.workflowExternalId, rec.workflowName, now);
      const usage = parsed.success ? parsed.data.usage : null;
      if (usage) usages.push({ externalId: rec.externalId, usage });
      const row: RunRow = rec.startedAt === null ? { ...rec, startedAt: now } : rec as RunRow;
      if (writer.insertRun(page.connectorId, rec.externalId, workflowId, row, now)) {
        result.inserted++;
        touched.add(workflowId);
        deltas.contribute(workflowId, row, 1);
        if (rec.errorTemplate) deltas.error(row, rec.errorTemplate, 1, row.startedAt);
        deltas.monitoring.errorMoved(workflowId, null, row);
        continue;
      }
      const stored = writer.findRun(page.connectorId, rec.externalId)!;
      const merged = mergeRun(stored, rec);
      if (!merged) {
        result.unchanged++;
        continue;
      }
      writer.updateRun(stored.id, merged, now);
      result.updated++;
      touched.add(stored.workflowId);
      if (rollupKey(stored) !== rollupKey(merged)) {
        deltas.contribute(stored.workflowId, stored, -1);
        deltas.contribute(stored.workflowId, merged, 1);
      }
      if (merged.errorFingerprint !== stored.errorFingerprint) {
        if (stored.errorFingerprint) deltas.error(stored, stored.errorFingerprint, -1, stored.startedAt);
        if (rec.errorTemplate && merged.errorFingerprint === rec.errorFingerprint) deltas.error(merged, rec.errorTemplate, 1, merged.startedAt);
      }
      deltas.monitoring.errorMoved(stored.workflowId, stored, merged);
    }
    deltas.flush(writer);
    // After every run of the page is stored, so each cost finds its run (a later record may carry a better figure).
    for (const u of usages) writer.recordUsage(page.connectorId, u.externalId, u.usage);
    writer.state.refresh(touched, now);
    writer.storeCursor(page.connectorId, page.cursor, now);
    return result;
  };
  try {
    const result = writer.write(run);
    writer.settle(true);
    return result;
  } catch (error) {
    writer.settle(false);
    throw error;
  }
}
