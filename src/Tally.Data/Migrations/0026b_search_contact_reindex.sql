-- Rebuilds the studio document indexes after 0026a. A GIN index never removes a key, only the rows
-- under it: the ~1.8M whole-address keys stayed in the entry tree with nothing under them, and a
-- prefix lookup still read every one in its range (the email fragment's lookup took as long as
-- before the backfill). REINDEX CONCURRENTLY builds each index anew beside the old one and swaps
-- them, reads and writes going on meanwhile (about a minute for leads on the large scale).
SET lock_timeout = '5s';

REINDEX INDEX CONCURRENTLY leads_search_studio_idx;
REINDEX INDEX CONCURRENTLY clients_search_studio_idx;
REINDEX INDEX CONCURRENTLY sessions_search_studio_idx;
