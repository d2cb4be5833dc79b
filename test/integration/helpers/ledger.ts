import type { Core } from '../../../core/app.ts';

export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const MINUTE = 60_000;
const STATUS_CYCLE = ['success', 'failed', 'success', 'running', 'warning', 'success', 'canceled'] as const;
const RAW: Record<(typeof STATUS_CYCLE)[number], string> = {
  success: 'success', failed: 'error', running: 'running', warning: 'success_with_warnings', canceled: 'canceled',
};

export interface SeedRecord {
  connectorId: string;
  record: Record<string, unknown>;
}

/**
 * A small, varied ledger: two connectors, four workflows each, `count` runs over the last hour with every
 * status in the cycle. Pairs of runs share a start time so paging must break ties by id.
 */
export function seedRecords(count = 60): SeedRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const status = STATUS_CYCLE[i % STATUS_CYCLE.length]!;
    const connectorId = i % 3 === 0 ? 'make-eu' : 'n8n-main';
    const startedAt = T0 - Math.floor(i / 2) * MINUTE;
    const done = status !== 'running';
    return {
      connectorId,
      record: {
        externalId: `exec-${i}`,
        workflow: { externalId: `wf-${i % 4}`, name: `Workflow ${i % 4} (${connectorId})` },
        rawStatus: RAW[status],
        status,
        startedAt,
        finishedAt: done ? startedAt + 1000 + i : null,
        durationMs: done ? 1000 + i : null,
        errorMessage: status === 'failed' ? `Request ${i} failed: HTTP 502 from "api", retry later` : null,
        deepLink: `https://example.test/executions/${i}`,
      },
    };
  });
}

export function createConnectors(core: Core): void {
  const now = core.clock.now();
  core.ledger.connectors.create({ id: 'n8n-main', kind: 'n8n', name: 'n8n main' }, now);
  core.ledger.connectors.create({ id: 'make-eu', kind: 'make', name: 'Make EU' }, now);
}

/** Creates both connectors and ingests the records through the real ingest path, one page per connector. */
export function seedLedger(core: Core, records: SeedRecord[] = seedRecords()): void {
  createConnectors(core);
  for (const connectorId of ['n8n-main', 'make-eu']) {
    core.ingest({
      connectorId,
      records: records.filter((r) => r.connectorId === connectorId).map((r) => r.record),
      cursor: `${connectorId}-cursor-1`,
    });
  }
}
