-- The workflow registry (issue 5): metadata the team edits, immutable definition versions, notes per version.
-- Times are UTC epoch milliseconds. Tables are STRICT.

-- One row per workflow the team has described (or the registry has seen listed). `expected_schedule_json` is the
-- workflow's expected schedule in the contract's ExpectedSchedule shape ({kind:'interval',everyMinutes} |
-- {kind:'cron',cron,timezone}); the missed-run monitor reads it from here (RegistryRepo.expectedSchedules()).
CREATE TABLE workflow_registry (
  workflow_id            INTEGER PRIMARY KEY REFERENCES workflows(id) ON DELETE CASCADE,
  owner                  TEXT,
  purpose                TEXT,
  runbook                TEXT,
  environment            TEXT CHECK (environment IN ('production', 'test')),
  criticality            TEXT CHECK (criticality IN ('low', 'medium', 'high', 'critical')),
  tags_json              TEXT NOT NULL DEFAULT '[]',
  expected_schedule_json TEXT,
  -- Set when the vendor stopped listing the workflow (kept as archived, with its history).
  gone_at                INTEGER,
  -- workflows.definition_hash last turned into a version (skips re-hashing unchanged definitions).
  seen_definition_hash   TEXT,
  updated_at             INTEGER NOT NULL,
  updated_by             TEXT
) STRICT;

-- Immutable versions: the vendor definition as first seen with this content hash (sha256 over the canonical form,
-- which ignores updatedAt, positions, pinned/static data, meta and cosmetic ids).
CREATE TABLE workflow_versions (
  id                INTEGER PRIMARY KEY,
  workflow_id       INTEGER NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  content_hash      TEXT NOT NULL,
  definition_json   TEXT NOT NULL,
  vendor_version_id TEXT,
  author            TEXT,
  source            TEXT NOT NULL CHECK (source IN ('poll', 'restore', 'import', 'demo')),
  created_at        INTEGER NOT NULL
) STRICT;
CREATE INDEX workflow_versions_by_workflow ON workflow_versions (workflow_id, created_at, id);
CREATE UNIQUE INDEX workflow_versions_unique ON workflow_versions (workflow_id, content_hash, created_at);
CREATE TRIGGER workflow_versions_immutable BEFORE UPDATE ON workflow_versions BEGIN SELECT RAISE(ABORT, 'workflow versions are immutable'); END;

-- "Why we changed it": notes people add to a version.
CREATE TABLE workflow_version_notes (
  id         INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES workflow_versions(id) ON DELETE CASCADE,
  at         INTEGER NOT NULL,
  author     TEXT NOT NULL,
  text       TEXT NOT NULL
) STRICT;
CREATE INDEX workflow_version_notes_by_version ON workflow_version_notes (version_id, at, id);
