-- The contract step of the search changes, and a bound on what a lookup reads besides the index.
--
-- 1. The older auth.search_candidates overloads (4 arguments, 0007; 9 arguments, 0010) were kept
--    for app instances still running during a rolling deploy; no code calls them since 0017.
-- 2. The plain GIN indexes of 0007 on search_vector: the candidates read the studio's document
--    index (0010_search_studio_term) or the primary key since 0010, and nothing else uses them; each
--    write paid for them.
-- 3. Every GIN lookup also reads the index's pending list (the entries of recent writes not yet
--    merged into the tree). At the default limit of 4 MB that list had grown to ~500 pages after a
--    few thousand lead updates, and scanning it took 2 of a common name's 4 ms. At 256 kB a lookup
--    reads at most 32 pending pages; a write that fills the list merges it (a small merge, often),
--    as autovacuum does between. docs/search.md, "Bounded by design".
SET lock_timeout = '5s';
BEGIN;

DROP FUNCTION IF EXISTS auth.search_candidates(text, tsquery, text, integer);
DROP FUNCTION IF EXISTS auth.search_candidates(text, tsquery, text, integer, text[], text[], date, date, uuid);

ALTER INDEX leads_search_studio_idx SET (gin_pending_list_limit = 256);
ALTER INDEX clients_search_studio_idx SET (gin_pending_list_limit = 256);
ALTER INDEX sessions_search_studio_idx SET (gin_pending_list_limit = 256);

COMMIT;

DROP INDEX CONCURRENTLY IF EXISTS leads_search_idx;
DROP INDEX CONCURRENTLY IF EXISTS clients_search_idx;
DROP INDEX CONCURRENTLY IF EXISTS sessions_search_idx;
