-- The run ledger: connectors, workflows, runs, hourly rollups, quarantine, audit log, settings.
-- Times are UTC epoch milliseconds (INTEGER). Tables are STRICT.

CREATE TABLE connectors (
  id             TEXT PRIMARY KEY,
  kind           TEXT NOT NULL,
  name           TEXT NOT NULL UNIQUE,
  base_url       TEXT,
  secret_ref     TEXT,
  config_json    TEXT NOT NULL DEFAULT '{}',
  cursor         TEXT,
  health         TEXT NOT NULL DEFAULT 'new',
  health_message TEXT,
  paused         INTEGER NOT NULL DEFAULT 0,
  last_ingest_at INTEGER,
  created_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE workflows (
  id          INTEGER PRIMARY KEY,
  connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL,
  name        TEXT NOT NULL,
  active      INTEGER NOT NULL DEFAULT 1,
  archived    INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  UNIQUE (connector_id, external_id)
) STRICT;

-- One row per vendor execution. (connector_id, external_id) is the dedupe key.
-- status_rank orders the lifecycle so a late record never moves a run backwards.
CREATE TABLE runs (
  id                INTEGER PRIMARY KEY,
  connector_id      TEXT NOT NULL,
  external_id       TEXT NOT NULL,
  workflow_id       INTEGER NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('queued','running','waiting','success','warning','failed','canceled','skipped','missed','unknown')),
  raw_status        TEXT NOT NULL,
  started_at        INTEGER NOT NULL,
  finished_at       INTEGER,
  duration_ms       INTEGER,
  error_message     TEXT,
  error_fingerprint TEXT,
  failing_step      TEXT,
  mode              TEXT,
  deep_link         TEXT,
  retry_of          TEXT,
  retry_success_id  TEXT,
  item_count        INTEGER,
  ingested_at       INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  UNIQUE (connector_id, external_id)
) STRICT;

-- The execution log pages newest first by (started_at, id). A workflow filter and a status filter
-- each get their own path (see runs-query.ts); statuses other than success are rare, so that index is partial.
CREATE INDEX runs_by_time ON runs (started_at DESC, id DESC);
CREATE INDEX runs_by_workflow ON runs (workflow_id, started_at DESC, id DESC);
CREATE INDEX runs_by_status ON runs (status, started_at DESC, id DESC) WHERE status <> 'success';

-- Hourly rollup per workflow, time first: ingest appends at the recent end and dashboards read
-- a time range. Durations count terminal runs only; hist is a log-bucket histogram
-- (see core/store/histogram.ts) good for p50/p95 within a few percent.
CREATE TABLE rollups_hourly (
  hour          INTEGER NOT NULL,
  workflow_id   INTEGER NOT NULL,
  n_queued      INTEGER NOT NULL DEFAULT 0,
  n_running     INTEGER NOT NULL DEFAULT 0,
  n_waiting     INTEGER NOT NULL DEFAULT 0,
  n_success     INTEGER NOT NULL DEFAULT 0,
  n_warning     INTEGER NOT NULL DEFAULT 0,
  n_failed      INTEGER NOT NULL DEFAULT 0,
  n_canceled    INTEGER NOT NULL DEFAULT 0,
  n_skipped     INTEGER NOT NULL DEFAULT 0,
  n_missed      INTEGER NOT NULL DEFAULT 0,
  n_unknown     INTEGER NOT NULL DEFAULT 0,
  duration_n    INTEGER NOT NULL DEFAULT 0,
  duration_sum  INTEGER NOT NULL DEFAULT 0,
  duration_max  INTEGER NOT NULL DEFAULT 0,
  hist          BLOB,
  PRIMARY KEY (hour, workflow_id)
) STRICT, WITHOUT ROWID;

-- One row per error fingerprint; full-text searchable (external content FTS5).
CREATE TABLE error_groups (
  id             INTEGER PRIMARY KEY,
  fingerprint    TEXT NOT NULL UNIQUE,
  template       TEXT NOT NULL,
  sample_message TEXT NOT NULL,
  first_seen     INTEGER NOT NULL,
  last_seen      INTEGER NOT NULL,
  occurrences    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE VIRTUAL TABLE error_groups_fts USING fts5 (template, sample_message, content='error_groups', content_rowid='id');
CREATE INDEX runs_by_fingerprint ON runs (error_fingerprint, started_at DESC) WHERE error_fingerprint IS NOT NULL;

CREATE TABLE ingest_quarantine (
  id           INTEGER PRIMARY KEY,
  connector_id TEXT NOT NULL,
  received_at  INTEGER NOT NULL,
  reason       TEXT NOT NULL,
  record_json  TEXT NOT NULL,
  record_hash  TEXT NOT NULL,
  UNIQUE (connector_id, record_hash)
) STRICT;

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  target      TEXT,
  detail_json TEXT
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value_json TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE access_tokens (
  name        TEXT PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at  INTEGER
) STRICT;

-- Keep the external-content FTS index in step with error groups (sample and template never change).
CREATE TRIGGER error_groups_ai AFTER INSERT ON error_groups BEGIN
  INSERT INTO error_groups_fts (rowid, template, sample_message) VALUES (new.id, new.template, new.sample_message);
END;
CREATE TRIGGER error_groups_ad AFTER DELETE ON error_groups BEGIN
  INSERT INTO error_groups_fts (error_groups_fts, rowid, template, sample_message) VALUES ('delete', old.id, old.template, old.sample_message);
END;
