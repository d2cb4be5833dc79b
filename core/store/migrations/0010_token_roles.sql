-- Roles for named access tokens (issue #15): a token carries what its holder may do in serve mode. Tokens made before
-- roles could do everything, so they keep 'admin'; new tokens default to 'viewer' in `flowdeck tokens add`.
ALTER TABLE access_tokens ADD COLUMN role TEXT NOT NULL DEFAULT 'admin' CHECK (role IN ('viewer', 'operator', 'admin'));
