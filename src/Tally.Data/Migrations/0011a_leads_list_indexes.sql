-- Keyset paging of the leads list, the API and the export (docs/leads.md, ADR 0010). Every sort
-- ends with id, so a page continues from the last (key, id) it showed; each index below holds a
-- sort's whole key after studio_id (and the filter's column before it), so the next page of the
-- largest studio is an index range scan of one page of entries, however deep.
--
--   newest/oldest first          (studio_id, created_at, id)            read forwards or backwards
--   … with a status              (studio_id, status, created_at, id)
--   … with a source              (studio_id, source, created_at, id)
--   … unassigned                 (studio_id, created_at, id) WHERE assigned_to IS NULL
--   … assigned to someone        leads_assigned_to_created_at_idx (0004b)
--   event date, undated last     (studio_id, coalesce(event_date, 'infinity'), id)
--   name                         (studio_id, coalesce(last_name, ''), first_name, id)
--   archived                     (studio_id, created_at, id) WHERE archived_at IS NOT NULL
--
-- The old (studio_id, created_at) and (studio_id, status, created_at) are prefixes of the new
-- ones, so they go. Concurrent builds cannot run in a transaction block; each step can be repeated
-- (a failed build leaves an INVALID index, which the DROP removes).
SET lock_timeout = '5s';

DROP INDEX CONCURRENTLY IF EXISTS leads_list_created_idx;
CREATE INDEX CONCURRENTLY leads_list_created_idx ON leads (studio_id, created_at DESC, id DESC);
DROP INDEX CONCURRENTLY IF EXISTS leads_created_at_idx;

DROP INDEX CONCURRENTLY IF EXISTS leads_list_status_idx;
CREATE INDEX CONCURRENTLY leads_list_status_idx ON leads (studio_id, status, created_at DESC, id DESC);
DROP INDEX CONCURRENTLY IF EXISTS leads_status_idx;

DROP INDEX CONCURRENTLY IF EXISTS leads_list_source_idx;
CREATE INDEX CONCURRENTLY leads_list_source_idx ON leads (studio_id, source, created_at DESC, id DESC);

DROP INDEX CONCURRENTLY IF EXISTS leads_list_unassigned_idx;
CREATE INDEX CONCURRENTLY leads_list_unassigned_idx ON leads (studio_id, created_at DESC, id DESC) WHERE assigned_to IS NULL;

DROP INDEX CONCURRENTLY IF EXISTS leads_list_event_date_idx;
CREATE INDEX CONCURRENTLY leads_list_event_date_idx ON leads (studio_id, (coalesce(event_date, 'infinity'::date)), id);

DROP INDEX CONCURRENTLY IF EXISTS leads_list_name_idx;
CREATE INDEX CONCURRENTLY leads_list_name_idx ON leads (studio_id, (coalesce(last_name, '')), first_name, id);

DROP INDEX CONCURRENTLY IF EXISTS leads_list_archived_idx;
CREATE INDEX CONCURRENTLY leads_list_archived_idx ON leads (studio_id, created_at DESC, id DESC) WHERE archived_at IS NOT NULL;

ANALYZE leads;
