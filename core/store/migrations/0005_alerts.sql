-- Alert rules, notification channels, incidents with their timelines, and notification deliveries.
-- Times are UTC epoch milliseconds. A rule's condition, scope and routing are JSON checked by core/contract/alerts.ts.

CREATE TABLE alert_rules (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  enabled        INTEGER NOT NULL DEFAULT 1,
  muted          INTEGER NOT NULL DEFAULT 0,
  severity       TEXT NOT NULL CHECK (severity IN ('critical','warning','info')),
  scope_json     TEXT NOT NULL,
  condition_json TEXT NOT NULL,
  routing_json   TEXT NOT NULL DEFAULT '{}',
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE notify_channels (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('slack','teams','webhook','email','desktop')),
  name            TEXT NOT NULL UNIQUE,
  enabled         INTEGER NOT NULL DEFAULT 1,
  config_json     TEXT NOT NULL DEFAULT '{}',
  -- Keychain reference of the channel secret (webhook URL, signing key, SMTP password); NULL when it has none.
  secret_ref      TEXT,
  last_success_at INTEGER,
  last_failure_at INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL
) STRICT;

-- One open (not resolved) incident per rule and target: the partial unique index is the dedupe.
CREATE TABLE incidents (
  id               INTEGER PRIMARY KEY,
  rule_id          INTEGER NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
  target           TEXT NOT NULL,
  target_name      TEXT NOT NULL,
  workflow_id      INTEGER,
  connector_id     TEXT,
  severity         TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('open','acknowledged','resolved')),
  summary          TEXT NOT NULL,
  run_ids_json     TEXT NOT NULL DEFAULT '[]',
  opened_at        INTEGER NOT NULL,
  acknowledged_at  INTEGER,
  acknowledged_by  TEXT,
  resolved_at      INTEGER,
  resolved_by      TEXT,
  clear_since      INTEGER,
  snoozed_until    INTEGER,
  last_notified_at INTEGER,
  reminders        INTEGER NOT NULL DEFAULT 0,
  escalated_at     INTEGER,
  flaps            INTEGER NOT NULL DEFAULT 0,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX incidents_one_open ON incidents (rule_id, target) WHERE status <> 'resolved';
CREATE INDEX incidents_by_status ON incidents (status, opened_at DESC);
CREATE INDEX incidents_by_target ON incidents (rule_id, target, resolved_at DESC);

CREATE TABLE incident_events (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  actor       TEXT,
  detail      TEXT
) STRICT;
CREATE INDEX incident_events_by_incident ON incident_events (incident_id, at);

CREATE TABLE deliveries (
  id              INTEGER PRIMARY KEY,
  channel_id      INTEGER NOT NULL REFERENCES notify_channels(id) ON DELETE CASCADE,
  incident_id     INTEGER REFERENCES incidents(id) ON DELETE SET NULL,
  kind            TEXT NOT NULL,
  message_json    TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending','sent','failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER
) STRICT;
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_by_incident ON deliveries (incident_id, created_at);
