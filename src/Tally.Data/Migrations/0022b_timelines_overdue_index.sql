-- The dashboard's overdue timeline steps: newest due first, and their count (capped) read from the
-- index alone (session_id is included for the policies' check), without visiting the table.
SET lock_timeout = '5s';

DROP INDEX CONCURRENTLY IF EXISTS session_timelines_open_overdue_idx;
CREATE INDEX CONCURRENTLY session_timelines_open_overdue_idx ON session_timelines (studio_id, due_date DESC, id) INCLUDE (session_id) WHERE completed_at IS NULL;
