import type { Db } from './db.ts';

export interface QuarantinedRecord {
  id: number;
  connectorId: string;
  receivedAt: number;
  reason: string;
  record: unknown;
}

export class QuarantineRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM ingest_quarantine').get() as { n: number }).n;
  }

  list(limit: number): QuarantinedRecord[] {
    const rows = this.db.prepare(
      `SELECT id, connector_id AS connectorId, received_at AS receivedAt, reason, record_json AS recordJson
       FROM ingest_quarantine ORDER BY id DESC LIMIT ?`,
    ).all(limit) as (Omit<QuarantinedRecord, 'record'> & { recordJson: string })[];
    return rows.map(({ recordJson, ...r }) => ({ ...r, record: JSON.parse(recordJson) as unknown }));
  }
}
