-- Phone channels (issue #17 part 3): ntfy, Pushover, Telegram and Discord join the channel kinds.
-- SQLite cannot change a CHECK in place, so notify_channels is rebuilt. deliveries references it (ON DELETE CASCADE),
-- so it is rebuilt first against the new table: dropping the old channels table then deletes no delivery.
CREATE TABLE notify_channels_new (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('slack','teams','webhook','email','desktop','ntfy','pushover','telegram','discord')),
  name            TEXT NOT NULL UNIQUE,
  enabled         INTEGER NOT NULL DEFAULT 1,
  config_json     TEXT NOT NULL DEFAULT '{}',
  -- Keychain reference of the channel secrets (webhook URL, signing key, SMTP password, tokens, user key); NULL when it has none.
  secret_ref      TEXT,
  last_success_at INTEGER,
  last_failure_at INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL
) STRICT;
INSERT INTO notify_channels_new (id, kind, name, enabled, config_json, secret_ref, last_success_at, last_failure_at, last_error, created_at)
  SELECT id, kind, name, enabled, config_json, secret_ref, last_success_at, last_failure_at, last_error, created_at FROM notify_channels;

CREATE TABLE deliveries_new (
  id              INTEGER PRIMARY KEY,
  channel_id      INTEGER NOT NULL REFERENCES notify_channels_new(id) ON DELETE CASCADE,
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
INSERT INTO deliveries_new (id, channel_id, incident_id, kind, message_json, status, attempts, next_attempt_at, last_error, created_at, sent_at)
  SELECT id, channel_id, incident_id, kind, message_json, status, attempts, next_attempt_at, last_error, created_at, sent_at FROM deliveries;

DROP TABLE deliveries;
DROP TABLE notify_channels;
-- Renaming rewrites deliveries_new's reference to the new name.
ALTER TABLE notify_channels_new RENAME TO notify_channels;
ALTER TABLE deliveries_new RENAME TO deliveries;
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_by_incident ON deliveries (incident_id, created_at);
