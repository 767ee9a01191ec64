-- The indexes of search (docs/search.md), built without blocking writes. No BEGIN/COMMIT: concurrent
-- builds cannot run in a transaction block. Each step is safe to repeat: a failed concurrent build
-- leaves an INVALID index behind, which the DROP before it removes.
SET lock_timeout = '5s';

-- Full-text: the search documents. There is no btree_gin to lead with studio_id; the planner keeps
-- a search inside one studio by choosing, from the statistics of search_vector, between this index
-- (rare words) and the studio's primary key with the match as a filter (words in most rows), and
-- the candidate set is capped before ranking either way (SearchQueries).
DROP INDEX CONCURRENTLY IF EXISTS leads_search_idx;
CREATE INDEX CONCURRENTLY leads_search_idx ON leads USING gin (search_vector);
DROP INDEX CONCURRENTLY IF EXISTS clients_search_idx;
CREATE INDEX CONCURRENTLY clients_search_idx ON clients USING gin (search_vector);
DROP INDEX CONCURRENTLY IF EXISTS sessions_search_idx;
CREATE INDEX CONCURRENTLY sessions_search_idx ON sessions USING gin (search_vector);

-- One or two letters match a large share of any index of words; the search box then lists names
-- that start with them, in name order, straight from a btree range inside the studio.
DROP INDEX CONCURRENTLY IF EXISTS leads_first_name_prefix_idx;
CREATE INDEX CONCURRENTLY leads_first_name_prefix_idx ON leads (studio_id, search_fold(first_name) text_pattern_ops);
DROP INDEX CONCURRENTLY IF EXISTS leads_last_name_prefix_idx;
CREATE INDEX CONCURRENTLY leads_last_name_prefix_idx ON leads (studio_id, search_fold(last_name) text_pattern_ops)
  WHERE last_name IS NOT NULL;
DROP INDEX CONCURRENTLY IF EXISTS clients_first_name_prefix_idx;
CREATE INDEX CONCURRENTLY clients_first_name_prefix_idx ON clients (studio_id, search_fold(first_name) text_pattern_ops);
DROP INDEX CONCURRENTLY IF EXISTS clients_last_name_prefix_idx;
CREATE INDEX CONCURRENTLY clients_last_name_prefix_idx ON clients (studio_id, search_fold(last_name) text_pattern_ops)
  WHERE last_name IS NOT NULL;
DROP INDEX CONCURRENTLY IF EXISTS sessions_title_prefix_idx;
CREATE INDEX CONCURRENTLY sessions_title_prefix_idx ON sessions (studio_id, search_fold(title) text_pattern_ops);

-- The planner's choice above needs the element statistics of the new column.
ANALYZE leads, clients, sessions;
