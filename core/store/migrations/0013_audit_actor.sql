-- The audit names the person (issue #15): besides the name people read (`actor`), a stable id to filter by
-- ('user:<id>', 'token:<name>', 'launch', 'desktop:<os user>', 'os:<os user>', 'system'), what kind of caller it was,
-- the way the change came in, and the network address it came from. Rows from before stay NULL: the log is
-- append-only (its triggers refuse UPDATE and DELETE), so nothing is back-filled.
ALTER TABLE audit_log ADD COLUMN actor_id TEXT;
ALTER TABLE audit_log ADD COLUMN actor_kind TEXT CHECK (actor_kind IN ('user', 'token', 'desktop', 'system'));
ALTER TABLE audit_log ADD COLUMN via TEXT CHECK (via IN ('desktop', 'browser', 'cli', 'api'));
ALTER TABLE audit_log ADD COLUMN address TEXT;
-- The Audit page filters by person, newest first.
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, id);
