-- Pushed runs: Healthchecks-style heartbeat monitors, their open starts and ping log, and the idempotency keys of
-- signed "run finished" webhooks. Times are UTC epoch milliseconds. Tables are STRICT.

-- One monitor per slug (slugs are unique on this machine: the ping URL is /ping/<slug>). Each maps to one workflow
-- of its push connector (workflow external id = slug).
CREATE TABLE push_monitors (
  slug           TEXT PRIMARY KEY,
  connector_id   TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
  name           TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  created_by     TEXT NOT NULL,
  last_ping_at   INTEGER,
  last_ping_kind TEXT,
  pings          INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX push_monitors_by_connector ON push_monitors (connector_id, slug);

-- Starts not finished yet: a finish pairs with the start of the same rid, or (without rid) the latest open start.
CREATE TABLE push_open_starts (
  slug            TEXT NOT NULL REFERENCES push_monitors(slug) ON DELETE CASCADE,
  run_external_id TEXT NOT NULL,
  rid             TEXT,
  started_at      INTEGER NOT NULL,
  PRIMARY KEY (slug, run_external_id)
) STRICT;
CREATE INDEX push_open_starts_by_rid ON push_open_starts (slug, rid);

-- Every ping as received (the run's log): kind is start|success|fail|exit|log; body truncated to the limit.
CREATE TABLE push_pings (
  id              INTEGER PRIMARY KEY,
  slug            TEXT NOT NULL REFERENCES push_monitors(slug) ON DELETE CASCADE,
  run_external_id TEXT,
  at              INTEGER NOT NULL,
  kind            TEXT NOT NULL,
  exit_code       INTEGER,
  rid             TEXT,
  method          TEXT NOT NULL,
  body            TEXT,
  body_truncated  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX push_pings_by_run ON push_pings (run_external_id, id) WHERE run_external_id IS NOT NULL;
CREATE INDEX push_pings_by_slug ON push_pings (slug, id DESC);

-- Signed webhook deliveries already applied, by idempotency key; written in the same transaction as the run.
CREATE TABLE push_deliveries (
  connector_id    TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  body_sha256     TEXT NOT NULL,
  run_external_id TEXT NOT NULL,
  received_at     INTEGER NOT NULL,
  PRIMARY KEY (connector_id, idempotency_key)
) STRICT;
