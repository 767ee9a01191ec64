-- The contact part of a search document keeps the words of an email's local part and the phone's
-- digits, and no longer the whole address as one lexeme ('burdette.kilback0@example.com').
--
-- No query can ask for the whole address: ParsedSearch keeps the local part of a typed address
-- and splits it into words, and a term that prefix-matches an address (it can only cover the
-- address's first word) also matches that word's own lexeme. So no search finds anything less. But
-- every address was a distinct entry of the GIN index, right beside the names: a prefix lookup read
-- one entry per address starting with it ('burdett' read 1,943 addresses and one word; 2 of the
-- email fragment's 3 ms per type on the largest studio). docs/search.md, "The contact words".
--
-- New and changed rows get the new document from their trigger at once; 0026a recomputes the
-- documents of the rows that exist.
SET lock_timeout = '5s';
BEGIN;

CREATE OR REPLACE FUNCTION search_contact_vector(email text, phone text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('public.tally_simple',
    regexp_replace(split_part(coalesce(email, ''), '@', 1), '[^[:alnum:]]+', ' ', 'g')
    || ' ' || public.search_phone_lexemes(phone))
$$;

COMMIT;
