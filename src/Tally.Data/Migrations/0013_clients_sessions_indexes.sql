-- Clients and sessions in the admin app and the API (docs/clients-and-sessions.md, decision 0012).
-- Built without blocking writes: no BEGIN/COMMIT, concurrent builds cannot run in a transaction
-- block; each build is dropped first so that a failed (INVALID) one is replaced when re-run.
SET lock_timeout = '5s';

-- The clients list searches by the start of a name or of an email. The names have their prefix
-- indexes (0007b); the email's unique index is on citext, which a LIKE 'abc%' cannot use.
DROP INDEX CONCURRENTLY IF EXISTS clients_email_prefix_idx;
CREATE INDEX CONCURRENTLY clients_email_prefix_idx ON clients (studio_id, search_fold(email::text) text_pattern_ops);

-- Overlap detection when a session is booked or moved: the sessions of a studio whose time range
-- meets another's, among those that hold a photographer's time (not cancelled). A btree on
-- starts_at cannot bound "ends after my start"; a GiST range index can. btree_gist (0001) lets
-- studio_id lead it. This is also the index an exclusion constraint would use, should one come.
DROP INDEX CONCURRENTLY IF EXISTS sessions_time_range_idx;
CREATE INDEX CONCURRENTLY sessions_time_range_idx ON sessions USING gist (studio_id, tstzrange(starts_at, ends_at, '[)'))
  WHERE starts_at IS NOT NULL AND status <> 'cancelled';
