-- Usage against the plan (issue #17 part 4). What each run cost at its vendor, and each connector's plan.

-- One row per run whose vendor reported (or Flowdeck estimated) a cost: Make operations (exact), Zapier tasks
-- (estimated from the run's steps), GitHub Actions billed minutes (estimated from job durations, runner multipliers
-- applied). n8n counts executions, which are the runs themselves: no row needed. `centicredits`: Make's 1/100 credit.
-- `exact`: 1 when the vendor gave the figure, 0 when Flowdeck estimated it. Deleted with its run (retention).
CREATE TABLE run_usage (
  run_id       INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  units        REAL NOT NULL CHECK (units >= 0),
  centicredits INTEGER CHECK (centicredits >= 0),
  exact        INTEGER NOT NULL CHECK (exact IN (0, 1))
) STRICT;

-- A connector's plan as the owner typed it in. `measure`: what the quota counts (operations, credits, executions,
-- tasks, minutes). `billing_day`: the day of the month a cycle begins (1–31; a shorter month begins it on its last
-- day), at midnight UTC. `typed_used` / `typed_at`: a figure the owner read on the vendor's usage page (Zapier), and when.
CREATE TABLE usage_plans (
  connector_id TEXT PRIMARY KEY,
  measure      TEXT NOT NULL,
  quota        REAL CHECK (quota > 0),
  billing_day  INTEGER NOT NULL DEFAULT 1 CHECK (billing_day BETWEEN 1 AND 31),
  typed_used   REAL CHECK (typed_used >= 0),
  typed_at     INTEGER,
  updated_at   INTEGER NOT NULL
) STRICT;
