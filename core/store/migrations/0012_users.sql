-- People who sign in to a served Flowdeck by login and password (issue #15). Only an argon2id hash of the password is
-- kept. Nobody is ever deleted: a person who leaves is disabled (disabled_at), so the audit keeps naming them.
-- The owner role is a person's, never a token's; at least one owner stays active (checked by core/users/).
CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  login          TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name   TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin', 'owner')),
  password_hash  TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  disabled_at    INTEGER
) STRICT;

-- A session now belongs either to a named token (as before) or to a person. A person's sessions end when they are
-- disabled or their password is reset (core/users/ deletes them in the same transaction). SQLite cannot loosen
-- NOT NULL in place, so the table is rebuilt with its rows.
CREATE TABLE sessions_next (
  secret_hash   TEXT PRIMARY KEY,
  token_name    TEXT,
  token_hash    TEXT,
  user_id       INTEGER REFERENCES users (id),
  created_at    INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  address       TEXT,
  user_agent    TEXT,
  CHECK ((user_id IS NULL AND token_name IS NOT NULL AND token_hash IS NOT NULL)
      OR (user_id IS NOT NULL AND token_name IS NULL AND token_hash IS NULL))
) STRICT;
INSERT INTO sessions_next (secret_hash, token_name, token_hash, user_id, created_at, last_seen_at, address, user_agent)
  SELECT secret_hash, token_name, token_hash, NULL, created_at, last_seen_at, address, user_agent FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_next RENAME TO sessions;
CREATE INDEX sessions_by_token ON sessions (token_name);
CREATE INDEX sessions_by_user ON sessions (user_id);
