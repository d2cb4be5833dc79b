-- Reports and the email digest (issue #17). Times are UTC epoch milliseconds; hours and weekdays are local to the
-- row's time zone.

-- How many minutes of someone's work one run of the workflow saves (optional, the owner's estimate): the report
-- turns it into "your automations saved ~N hours".
ALTER TABLE workflow_registry ADD COLUMN minutes_saved_per_run REAL CHECK (minutes_saved_per_run IS NULL OR minutes_saved_per_run >= 0);

-- A person's email digest: daily or weekly (on `weekday`, 1 Monday … 7 Sunday) at `hour` o'clock in `timezone`, sent
-- to the email channels among their own channels (oncall_person_channels). `last_slot`: the local send time last sent
-- (epoch ms), so a restart never sends the same digest twice.
CREATE TABLE digest_settings (
  login       TEXT PRIMARY KEY COLLATE NOCASE,
  cadence     TEXT NOT NULL CHECK (cadence IN ('off', 'daily', 'weekly')),
  hour        INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
  weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  timezone    TEXT NOT NULL,
  last_slot   INTEGER,
  updated_at  INTEGER NOT NULL
) STRICT;
