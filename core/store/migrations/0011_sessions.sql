-- Serve-mode sessions survive a restart (issue #15). Only a SHA-256 of the cookie's secret is kept, with the token it
-- was bought with (a revoked or replaced token ends it), when it was made and last used, and where from.
-- Sessions of the launch token stay in memory: that token itself ends with the server.
CREATE TABLE sessions (
  secret_hash   TEXT PRIMARY KEY,
  token_name    TEXT NOT NULL,
  token_hash    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  address       TEXT,
  user_agent    TEXT
) STRICT;
CREATE INDEX sessions_by_token ON sessions (token_name);
