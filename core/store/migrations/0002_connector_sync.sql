-- Polling state per connector and the latest vendor definition per workflow (the scheduler's bookkeeping).
-- Times are UTC epoch milliseconds. Columns are only added; 0001 stays as it was.

-- Workflows: the vendor's full definition as last listed (version history builds on this later).
ALTER TABLE workflows ADD COLUMN definition_json TEXT;
ALTER TABLE workflows ADD COLUMN definition_hash TEXT;
ALTER TABLE workflows ADD COLUMN vendor_version_id TEXT;
ALTER TABLE workflows ADD COLUMN vendor_updated_at INTEGER;
ALTER TABLE workflows ADD COLUMN deep_link TEXT;
ALTER TABLE workflows ADD COLUMN tags_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE workflows ADD COLUMN listed_at INTEGER;

-- Connectors: when the scheduler polled, when it polls next, and how the last polls went.
ALTER TABLE connectors ADD COLUMN next_poll_at INTEGER;
ALTER TABLE connectors ADD COLUMN last_poll_at INTEGER;
ALTER TABLE connectors ADD COLUMN last_success_at INTEGER;
ALTER TABLE connectors ADD COLUMN last_error TEXT;
ALTER TABLE connectors ADD COLUMN consecutive_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE connectors ADD COLUMN runs_ingested INTEGER NOT NULL DEFAULT 0;
ALTER TABLE connectors ADD COLUMN first_sync_done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE connectors ADD COLUMN workflows_listed_at INTEGER;
-- A removed connector keeps its row (and so its runs stay in the ledger); its credential is gone from the keychain.
ALTER TABLE connectors ADD COLUMN removed_at INTEGER;
