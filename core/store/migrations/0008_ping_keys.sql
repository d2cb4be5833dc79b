-- Unguessable ping URLs, as in Healthchecks: every heartbeat monitor gets a random UUID (/ping/<uuid>), and every
-- push connector a random ping key (/ping/<ping-key>/<slug>). Slug-only pings (/ping/<slug>) are an explicit
-- loopback-only setting. A retried ping is found by (slug, rid, kind) and counted once.
ALTER TABLE push_monitors ADD COLUMN ping_uuid TEXT;
UPDATE push_monitors SET ping_uuid =
  lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
  substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX push_monitors_by_uuid ON push_monitors (ping_uuid);

CREATE TABLE push_ping_keys (
  connector_id TEXT PRIMARY KEY REFERENCES connectors(id) ON DELETE CASCADE,
  ping_key     TEXT NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL
) STRICT;
INSERT INTO push_ping_keys (connector_id, ping_key, created_at)
  SELECT id, lower(hex(randomblob(16))), created_at FROM connectors WHERE kind = 'push';

CREATE INDEX push_pings_by_rid ON push_pings (slug, rid, kind) WHERE rid IS NOT NULL;
