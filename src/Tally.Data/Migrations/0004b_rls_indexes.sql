-- Indexes for the policies of 0004_row_level_security.sql. Every column a policy filters on already
-- has an index after studio_id (0002): ids through the primary keys (studio_id, id); client_id of
-- sessions, quotes, contracts, payments, documents, galleries and gallery_access_log;
-- converted_client_id and assigned_to of leads; assigned_to of sessions; lead_id, session_id and
-- gallery_id of the child tables. One was not good enough:
--
-- A staff member's lead list is "my leads, newest first": studio_id = … AND assigned_to = …
-- ORDER BY created_at DESC LIMIT n. With only (studio_id, assigned_to) PostgreSQL reads and sorts
-- every lead of that person; with created_at in the key it reads the first n entries. The new index
-- also covers the foreign key (studio_id, assigned_to), so the old one goes.
--
-- Concurrent builds cannot run in a transaction block, so this script has no BEGIN/COMMIT. Each
-- step is safe to repeat: a failed concurrent build leaves an INVALID index, which the DROP removes.
SET lock_timeout = '5s';

DROP INDEX CONCURRENTLY IF EXISTS leads_assigned_to_created_at_idx;
CREATE INDEX CONCURRENTLY leads_assigned_to_created_at_idx
  ON leads (studio_id, assigned_to, created_at DESC) WHERE assigned_to IS NOT NULL;
DROP INDEX CONCURRENTLY IF EXISTS leads_assigned_to_idx;
