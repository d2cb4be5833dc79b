import type { RunFilter } from '../contract/runs.ts';

/**
 * Plans the execution-log query so every page is a short index range scan, at any depth:
 * a list filter (workflows, or statuses other than success) becomes one query per value on its
 * own index, each LIMITed, merged newest first by the caller. Other filters are residual terms.
 */
export interface PlannedQuery {
  sql: string;
  params: (string | number)[];
}

export interface QueryPlan {
  queries: PlannedQuery[];
}

export function planRunsQuery(select: string, filter: RunFilter, after: [number, number] | null, limit: number): QueryPlan {
  const statuses = filter.statuses?.length ? [...new Set(filter.statuses)] : [];
  const workflows = filter.workflowIds?.length ? [...new Set(filter.workflowIds)] : [];
  const connectors = filter.connectorIds?.length ? [...new Set(filter.connectorIds)] : [];

  const common: string[] = [];
  const commonParams: (string | number)[] = [];
  if (filter.from !== undefined) { common.push('r.started_at >= ?'); commonParams.push(filter.from); }
  if (filter.to !== undefined) { common.push('r.started_at < ?'); commonParams.push(filter.to); }
  if (after) { common.push('(r.started_at, r.id) < (?, ?)'); commonParams.push(after[0], after[1]); }
  const inList = (column: string, values: (string | number)[]) => ({
    term: `${column} IN (${values.map(() => '?').join(',')})`, params: values,
  });

  const build = (index: string, driver: { term: string; params: (string | number)[] } | null,
    residual: { term: string; params: (string | number)[] }[]): PlannedQuery => {
    const terms = [...(driver ? [driver.term] : []), ...residual.map((r) => r.term), ...common];
    return {
      sql: `${select} INDEXED BY ${index} ${joins()} ${terms.length ? `WHERE ${terms.join(' AND ')}` : ''}
        ORDER BY r.started_at DESC, r.id DESC LIMIT ?`,
      params: [...(driver ? driver.params : []), ...residual.flatMap((r) => r.params), ...commonParams, limit],
    };
  };

  if (workflows.length) {
    const residual = [
      ...(statuses.length ? [inList('r.status', statuses)] : []),
      ...(connectors.length ? [inList('r.connector_id', connectors)] : []),
    ];
    return { queries: workflows.map((w) => build('runs_by_workflow', { term: 'r.workflow_id = ?', params: [w] }, residual)) };
  }
  if (statuses.length && !statuses.includes('success')) {
    const residual = connectors.length ? [inList('r.connector_id', connectors)] : [];
    return {
      queries: statuses.map((s) => build('runs_by_status', { term: `r.status = ? AND r.status <> 'success'`, params: [s] }, residual)),
    };
  }
  const residual = [
    ...(statuses.length ? [inList('r.status', statuses)] : []),
    ...(connectors.length ? [inList('r.connector_id', connectors)] : []),
  ];
  return { queries: [build('runs_by_time', null, residual)] };
}

function joins(): string {
  return 'JOIN workflows w ON w.id = r.workflow_id JOIN connectors c ON c.id = r.connector_id';
}
