-- Monitoring rollups: every Overview, Errors and SLA query reads these instead of raw runs.
-- All are maintained in the same ingest transaction as rollups_hourly (see core/ingest/ingest.ts) and kept forever;
-- retention prunes raw runs only.

-- All workflows together, per hour: runs over time, failure-rate trend (≤ 2 160 rows for 90 days).
CREATE TABLE rollups_global_hourly (
  hour          INTEGER PRIMARY KEY,
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
  duration_max  INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Per workflow, per UTC day, time first: top failing, slowest by p95, SLA over long ranges (500 rows a day).
CREATE TABLE rollups_daily (
  day           INTEGER NOT NULL,
  workflow_id   INTEGER NOT NULL,
  n_total       INTEGER NOT NULL DEFAULT 0,
  n_success     INTEGER NOT NULL DEFAULT 0,
  n_warning     INTEGER NOT NULL DEFAULT 0,
  n_failed      INTEGER NOT NULL DEFAULT 0,
  n_missed      INTEGER NOT NULL DEFAULT 0,
  duration_n    INTEGER NOT NULL DEFAULT 0,
  duration_sum  INTEGER NOT NULL DEFAULT 0,
  duration_max  INTEGER NOT NULL DEFAULT 0,
  hist          BLOB,
  PRIMARY KEY (day, workflow_id)
) STRICT, WITHOUT ROWID;

-- The same per workflow and week (weeks of 7 UTC days from the epoch): long ranges read ~500 rows a week.
CREATE TABLE rollups_weekly (
  week          INTEGER NOT NULL,
  workflow_id   INTEGER NOT NULL,
  n_total       INTEGER NOT NULL DEFAULT 0,
  n_success     INTEGER NOT NULL DEFAULT 0,
  n_warning     INTEGER NOT NULL DEFAULT 0,
  n_failed      INTEGER NOT NULL DEFAULT 0,
  n_missed      INTEGER NOT NULL DEFAULT 0,
  duration_n    INTEGER NOT NULL DEFAULT 0,
  duration_sum  INTEGER NOT NULL DEFAULT 0,
  duration_max  INTEGER NOT NULL DEFAULT 0,
  hist          BLOB,
  PRIMARY KEY (week, workflow_id)
) STRICT, WITHOUT ROWID;

-- Runs carrying an error fingerprint, per UTC day and workflow: counts in range, trend and affected workflows.
CREATE TABLE error_rollups_daily (
  day           INTEGER NOT NULL,
  fingerprint   TEXT NOT NULL,
  workflow_id   INTEGER NOT NULL,
  n             INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, fingerprint, workflow_id)
) STRICT, WITHOUT ROWID;

-- Backfill from what an existing ledger already holds (durations histograms start with the next ingest).
INSERT INTO rollups_global_hourly (hour, n_queued, n_running, n_waiting, n_success, n_warning, n_failed, n_canceled,
  n_skipped, n_missed, n_unknown, duration_n, duration_sum, duration_max)
SELECT hour, sum(n_queued), sum(n_running), sum(n_waiting), sum(n_success), sum(n_warning), sum(n_failed), sum(n_canceled),
  sum(n_skipped), sum(n_missed), sum(n_unknown), sum(duration_n), sum(duration_sum), max(duration_max)
FROM rollups_hourly GROUP BY hour;

INSERT INTO rollups_daily (day, workflow_id, n_total, n_success, n_warning, n_failed, n_missed, duration_n, duration_sum,
  duration_max, hist)
SELECT (hour / 86400000) * 86400000, workflow_id,
  sum(n_queued + n_running + n_waiting + n_success + n_warning + n_failed + n_canceled + n_skipped + n_missed + n_unknown),
  sum(n_success), sum(n_warning), sum(n_failed), sum(n_missed), sum(duration_n), sum(duration_sum), max(duration_max),
  NULL
FROM rollups_hourly GROUP BY 1, 2;

INSERT INTO rollups_weekly (week, workflow_id, n_total, n_success, n_warning, n_failed, n_missed, duration_n, duration_sum,
  duration_max, hist)
SELECT (day / 604800000) * 604800000, workflow_id, sum(n_total), sum(n_success), sum(n_warning), sum(n_failed), sum(n_missed),
  sum(duration_n), sum(duration_sum), max(duration_max), NULL
FROM rollups_daily GROUP BY 1, 2;

INSERT INTO error_rollups_daily (day, fingerprint, workflow_id, n)
SELECT (started_at / 86400000) * 86400000, error_fingerprint, workflow_id, count(*)
FROM runs WHERE error_fingerprint IS NOT NULL GROUP BY 1, 2, 3;
