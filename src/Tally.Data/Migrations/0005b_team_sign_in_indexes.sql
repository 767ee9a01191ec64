-- Index for 0005_team_sign_in.sql: sign-in and password reset find a team member's accounts by
-- address across studios, which the (studio_id, email) key cannot serve.
--
-- Concurrent builds cannot run in a transaction block, so this script has no BEGIN/COMMIT. Each
-- step is safe to repeat: a failed concurrent build leaves an INVALID index, which the DROP removes.
SET lock_timeout = '5s';

DROP INDEX CONCURRENTLY IF EXISTS admin_users_email_idx;
CREATE INDEX CONCURRENTLY admin_users_email_idx ON admin_users (email);
