-- Who is on duty (issue #15): a weekly rota of people, each person's own channels and quiet hours, and who was paged
-- about which incident (escalation reads it). People are named by their login (the users table), compared without case.
-- Times are UTC epoch milliseconds; minutes are local to the row's time zone.

-- One shift a week: on `weekday` (1 Monday … 7 Sunday) from `start_minute` to `end_minute` after local midnight, in
-- `timezone`. An end at or before the start ends the next day (a night shift). `position` orders shifts that overlap.
CREATE TABLE oncall_shifts (
  id           INTEGER PRIMARY KEY,
  login        TEXT NOT NULL COLLATE NOCASE,
  weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
  timezone     TEXT NOT NULL,
  position     INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX oncall_shifts_by_login ON oncall_shifts (login);

-- A person's own notification settings. `desktop`: attached desktops signed in as them raise a notification (the
-- `oncall/paged` event). Quiet hours hold their pages back (critical incidents still page them).
CREATE TABLE oncall_people (
  login              TEXT PRIMARY KEY COLLATE NOCASE,
  desktop            INTEGER NOT NULL DEFAULT 1 CHECK (desktop IN (0, 1)),
  quiet_enabled      INTEGER NOT NULL DEFAULT 0 CHECK (quiet_enabled IN (0, 1)),
  quiet_start_minute INTEGER NOT NULL DEFAULT 1320 CHECK (quiet_start_minute BETWEEN 0 AND 1439),
  quiet_end_minute   INTEGER NOT NULL DEFAULT 420 CHECK (quiet_end_minute BETWEEN 0 AND 1439),
  quiet_timezone     TEXT NOT NULL DEFAULT 'UTC',
  updated_at         INTEGER NOT NULL
) STRICT;

-- The notification channels that are a person's own (email, ntfy, Pushover, Telegram, Discord, …).
CREATE TABLE oncall_person_channels (
  login      TEXT NOT NULL COLLATE NOCASE REFERENCES oncall_people(login) ON DELETE CASCADE,
  channel_id INTEGER NOT NULL REFERENCES notify_channels(id) ON DELETE CASCADE,
  PRIMARY KEY (login, channel_id)
) STRICT;

-- Each person paged about an incident, and why. `held`: their quiet hours held it until `held_until`.
-- `step`: 0 when it opened, 1 the next person on the rota, 2 the owners.
CREATE TABLE oncall_pages (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  login       TEXT NOT NULL COLLATE NOCASE,
  reason      TEXT NOT NULL CHECK (reason IN ('workflow-owner','on-duty','escalation','owner')),
  step        INTEGER NOT NULL CHECK (step BETWEEN 0 AND 2),
  status      TEXT NOT NULL CHECK (status IN ('paged','held')),
  held_until  INTEGER,
  at          INTEGER NOT NULL
) STRICT;
CREATE INDEX oncall_pages_by_incident ON oncall_pages (incident_id);
CREATE INDEX oncall_pages_held ON oncall_pages (held_until) WHERE status = 'held';

-- The paging steps an incident has been through (taken even when nobody was left to page), and when.
CREATE TABLE oncall_steps (
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  step        INTEGER NOT NULL CHECK (step BETWEEN 0 AND 2),
  at          INTEGER NOT NULL,
  PRIMARY KEY (incident_id, step)
) STRICT;
