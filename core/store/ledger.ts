import { AuditRepo } from './audit-repo.ts';
import { ConnectorsRepo } from './connectors-repo.ts';
import type { Db } from './db.ts';
import { LedgerWriter } from './ledger-writer.ts';
import { QuarantineRepo } from './quarantine-repo.ts';
import { RunsRepo } from './runs-repo.ts';
import { SettingsRepo } from './settings-repo.ts';
import { TokensRepo } from './tokens-repo.ts';
import { WorkflowsRepo } from './workflows-repo.ts';

/** Every repository over one open database. */
export interface Ledger {
  db: Db;
  writer: LedgerWriter;
  runs: RunsRepo;
  connectors: ConnectorsRepo;
  workflows: WorkflowsRepo;
  audit: AuditRepo;
  settings: SettingsRepo;
  tokens: TokensRepo;
  quarantine: QuarantineRepo;
}

export function createLedger(db: Db): Ledger {
  return {
    db,
    writer: new LedgerWriter(db),
    runs: new RunsRepo(db),
    connectors: new ConnectorsRepo(db),
    workflows: new WorkflowsRepo(db),
    audit: new AuditRepo(db),
    settings: new SettingsRepo(db),
    tokens: new TokensRepo(db),
    quarantine: new QuarantineRepo(db),
  };
}
