import type { WorkflowSummary } from '../contract/catalog.ts';
import type { Db } from './db.ts';

export class WorkflowsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  list(connectorId?: string): WorkflowSummary[] {
    const rows = this.db.prepare(
      `SELECT id, connector_id AS connectorId, external_id AS externalId, name, active, archived FROM workflows
       ${connectorId ? 'WHERE connector_id = ?' : ''} ORDER BY name, id`,
    ).all(...(connectorId ? [connectorId] : [])) as (Omit<WorkflowSummary, 'active' | 'archived'> & { active: number; archived: number })[];
    return rows.map((r) => ({ ...r, active: r.active === 1, archived: r.archived === 1 }));
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM workflows').get() as { n: number }).n;
  }
}
