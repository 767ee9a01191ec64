-- The studio as a term of the search document (docs/search.md, "The studio term"): a GIN index on
-- the document plus one lexeme 'studio_<uuid without dashes>', so that a search ANDs that lexeme
-- into its tsquery and the GIN lookup itself is bounded to the studio. An expression index: no
-- column is rewritten or backfilled, the triggers do not change. The candidate function starts
-- using it in 0010a, after these builds. No BEGIN/COMMIT: concurrent builds cannot run in a
-- transaction block; each step is safe to repeat (drop-then-create).
SET lock_timeout = '5s';

DROP INDEX CONCURRENTLY IF EXISTS leads_search_studio_idx;
CREATE INDEX CONCURRENTLY leads_search_studio_idx ON leads
  USING gin ((search_vector || ('studio_' || translate(studio_id::text, '-', ''))::tsvector));
DROP INDEX CONCURRENTLY IF EXISTS clients_search_studio_idx;
CREATE INDEX CONCURRENTLY clients_search_studio_idx ON clients
  USING gin ((search_vector || ('studio_' || translate(studio_id::text, '-', ''))::tsvector));
DROP INDEX CONCURRENTLY IF EXISTS sessions_search_studio_idx;
CREATE INDEX CONCURRENTLY sessions_search_studio_idx ON sessions
  USING gin ((search_vector || ('studio_' || translate(studio_id::text, '-', ''))::tsvector));

ANALYZE leads, clients, sessions;
