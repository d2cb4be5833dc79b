import type { RunFilter, RunSummary } from '../../../core/contract/runs.ts';
import type { CoreApi } from '../../lib/core-client.ts';
import { formatIso } from '../../lib/format.ts';
import { downloadRows } from '../../lib/export.ts';

export type ExportFormat = 'csv' | 'json';
export const EXPORT_PAGE = 500;
export const EXPORT_MAX_ROWS = 100_000;

const COLUMNS = ['id', 'startedAt', 'finishedAt', 'durationMs', 'status', 'rawStatus', 'workflowName', 'workflowId', 'connectorName',
  'connectorId', 'externalId', 'errorMessage'] as const;

/**
 * Gathers the filtered run list from keyset pages (500 rows a call, so the core never holds a long query) and downloads
 * it; `progress` gets the row count after every page. Search results (already complete) are exported as they are.
 */
export async function exportRuns(api: Pick<CoreApi, 'call'>, filter: RunFilter, searchResults: RunSummary[] | null,
  format: ExportFormat, progress: (rows: number) => void): Promise<number> {
  let rows: RunSummary[] = searchResults ?? [];
  if (!searchResults) {
    let cursor: string | null = null;
    do {
      const page: { items: RunSummary[]; nextCursor: string | null } = await api.call('runs/list-runs', { filter, cursor, limit: EXPORT_PAGE });
      rows = rows.concat(page.items);
      cursor = page.nextCursor;
      progress(rows.length);
    } while (cursor && rows.length < EXPORT_MAX_ROWS);
  }
  const out = rows.map((r) => ({ ...r, startedAt: formatIso(r.startedAt), finishedAt: r.finishedAt === null ? null : formatIso(r.finishedAt) }));
  downloadRows('flowdeck-runs', format, out, COLUMNS);
  return rows.length;
}
