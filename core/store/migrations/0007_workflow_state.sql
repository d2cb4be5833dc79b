-- One live state per workflow (issue 12): the run facts it is derived from, kept up to date by ingest, and who
-- switched the workflow off. The state itself (ok, failing, late, missed, paused, never-run, unknown) is derived from
-- these facts, the expectation and the connector's sight at read time (core/state/derive.ts). Times are UTC epoch ms.
CREATE TABLE workflow_state (
  workflow_id     INTEGER PRIMARY KEY REFERENCES workflows(id) ON DELETE CASCADE,
  -- The newest run of any status.
  last_run_id     INTEGER,
  last_started_at INTEGER,
  last_status     TEXT,
  -- Start of the newest settled good run (success or warning).
  last_good_at    INTEGER,
  -- The current streak: settled failures since the last good run (a failure the vendor's retry fixed does not count).
  streak          INTEGER NOT NULL DEFAULT 0,
  streak_since    INTEGER,
  -- The streak's newest run ids (at most 50), newest last.
  streak_run_ids  TEXT NOT NULL DEFAULT '[]',
  last_error      TEXT,
  failing_step    TEXT,
  -- Who switched it off: 'flowdeck' (a control action or the breaker; actor as audited) or 'vendor' (seen at a poll).
  paused_by       TEXT CHECK (paused_by IN ('flowdeck', 'vendor')),
  paused_actor    TEXT,
  paused_at       INTEGER,
  -- When it was last switched back on (a fresh expectation starts there).
  resumed_at      INTEGER,
  updated_at      INTEGER NOT NULL
) STRICT;

-- Flowdeck's own watch, on every ledger: one incident per connector it cannot see (or per stretch it was not running),
-- and one per workflow switched off on its vendor's side. Both can be edited, muted or turned off like any rule.
INSERT INTO alert_rules (name, enabled, muted, severity, scope_json, condition_json, routing_json, created_at, updated_at)
VALUES
  ('Flowdeck cannot see a connector', 1, 0, 'warning', '{"kind":"all"}', '{"kind":"connector_attention"}', '{"channelIds":[],"remindEveryMinutes":null,"escalateAfterMinutes":null,"backupChannelIds":[],"recoveryMinutes":0,"flapMinutes":30}', 0, 0),
  ('Switched off by its vendor', 1, 0, 'warning', '{"kind":"all"}', '{"kind":"vendor_paused"}', '{"channelIds":[],"remindEveryMinutes":null,"escalateAfterMinutes":null,"backupChannelIds":[],"recoveryMinutes":0,"flapMinutes":30}', 0, 0);
