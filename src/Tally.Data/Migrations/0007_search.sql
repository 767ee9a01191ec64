-- Search (docs/search.md): a weighted, accent-insensitive search document on leads, clients and
-- sessions kept by the database itself, a per-studio vocabulary for the typo fallback, saved
-- searches and the results cache. The backfill of existing rows is 0007a, the concurrent index
-- builds 0007b.
SET lock_timeout = '5s';
BEGIN;

-- ---------------------------------------------------------------------------------------------
-- Text search configurations: 'simple' keeps names, emails and phones exact (no stemming, no stop
-- words: "Will" and "May" are names); 'english' stems free text ("weddings" finds "wedding").
-- Both fold accents first, so "zoe" finds "Zoë" and back, and ts_headline can highlight the
-- original, accented text.
-- ---------------------------------------------------------------------------------------------
CREATE TEXT SEARCH CONFIGURATION tally_simple (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION tally_simple
  ALTER MAPPING FOR word, hword, hword_part WITH public.unaccent, pg_catalog.simple;
CREATE TEXT SEARCH CONFIGURATION tally_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION tally_english
  ALTER MAPPING FOR word, hword, hword_part WITH public.unaccent, pg_catalog.english_stem;

-- unaccent(text) is only STABLE (it looks the dictionary up through search_path), so index
-- expressions cannot use it. Naming the dictionary makes the result depend on its input alone.
CREATE FUNCTION search_unaccent(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT public.unaccent('public.unaccent'::regdictionary, value)
$$;
COMMENT ON FUNCTION search_unaccent(text) IS 'unaccent with its dictionary named: immutable, so usable in indexes.';

-- The folded form of a word or name as the vocabulary and the short-prefix indexes store it.
CREATE FUNCTION search_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT lower(public.search_unaccent(value))
$$;

-- A phone number as lexemes: its digits (extension dropped) and every suffix of three digits or
-- more, so a prefix query on digits finds any run of them whatever the formatting:
-- "(556) 979-1375" is found by 5569791375, 979 1375, 1375, 91375…
CREATE FUNCTION search_phone_lexemes(phone text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(substr(p.digits, i), ' '), '')
  FROM (SELECT regexp_replace(regexp_replace(coalesce(phone, ''), '\s*(x|ext\.?)\s*\d+\s*$', '', 'i'), '\D', '', 'g') AS digits) p,
       generate_series(1, length(p.digits) - 2) i
$$;

CREATE FUNCTION search_name_vector(name text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('public.tally_simple', coalesce(name, ''))
$$;

-- The parser keeps an email whole (one lexeme, found by a prefix of the address); the words of
-- its local part are added so that "kilback" or "burdette.kil" find burdette.kilback0@example.com.
-- The domain is not split into words: "example" and "com" would sit in nearly every row, and a
-- prefix query on such a word makes the GIN index collect every row of every studio.
CREATE FUNCTION search_contact_vector(email text, phone text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('public.tally_simple',
    coalesce(email, '') || ' ' || regexp_replace(split_part(coalesce(email, ''), '@', 1), '[^[:alnum:]]+', ' ', 'g')
    || ' ' || public.search_phone_lexemes(phone))
$$;

-- Free text in both configurations: exact words for as-you-type prefixes ("weddi" is a prefix of
-- "wedding" but not of its stem "wed"), stems for the other forms of a word.
CREATE FUNCTION search_text_vector(body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('public.tally_simple', coalesce(body, '')) || to_tsvector('public.tally_english', coalesce(body, ''))
$$;

-- One query term as a tsquery, in both configurations (the word as typed, and its stem), as a
-- prefix when asked. The term goes in as one quoted lexeme, so nothing in it is tsquery syntax.
CREATE FUNCTION search_term_query(term text, prefix boolean) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT CASE WHEN q.exact = q.stem THEN q.exact ELSE q.exact || q.stem END
  FROM (SELECT to_tsquery('public.tally_simple', t.quoted) AS exact, to_tsquery('public.tally_english', t.quoted) AS stem
        FROM (SELECT '''' || replace(replace(term, '\', '\\'), '''', '''''') || ''''
                     || CASE WHEN prefix THEN ':*' ELSE '' END AS quoted) t) q
$$;

-- The query of a search, built from the tokens the app parsed (never from raw user text): every
-- term a prefix, every phrase exact and in order, every excluded word absent. match_all = false
-- ORs the terms and phrases instead (highlighting, matched fields). NULL when nothing positive
-- remains: a query of exclusions alone would match nearly every row.
CREATE FUNCTION search_query(terms text[], phrases text[], excluded text[], match_all boolean DEFAULT true) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  q tsquery;
  part tsquery;
  t text;
BEGIN
  FOREACH t IN ARRAY coalesce(terms, '{}') LOOP
    part := public.search_term_query(t, true);
    CONTINUE WHEN part IS NULL OR numnode(part) = 0;
    q := CASE WHEN q IS NULL THEN part WHEN match_all THEN q && part ELSE q || part END;
  END LOOP;
  FOREACH t IN ARRAY coalesce(phrases, '{}') LOOP
    part := phraseto_tsquery('public.tally_simple', t);
    CONTINUE WHEN part IS NULL OR numnode(part) = 0;
    q := CASE WHEN q IS NULL THEN part WHEN match_all THEN q && part ELSE q || part END;
  END LOOP;
  IF q IS NULL THEN
    RETURN NULL;
  END IF;
  IF match_all THEN
    FOREACH t IN ARRAY coalesce(excluded, '{}') LOOP
      part := public.search_term_query(t, false);
      CONTINUE WHEN part IS NULL OR numnode(part) = 0;
      q := q && !!part;
    END LOOP;
  END IF;
  RETURN q;
END;
$$;

-- ---------------------------------------------------------------------------------------------
-- search_vector: nullable without a default (no table rewrite); filled by the trigger below for
-- new and changed rows and by 0007a for existing ones.
-- Weights: A names (sessions: the title), B email and phone, C event, venue, location, address and
-- notes, D the lead's message.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE leads ADD COLUMN search_vector tsvector;
ALTER TABLE clients ADD COLUMN search_vector tsvector;
ALTER TABLE sessions ADD COLUMN search_vector tsvector;
COMMENT ON COLUMN leads.search_vector IS 'Search document, kept by the leads_update_search_vector trigger. See docs/search.md.';
COMMENT ON COLUMN clients.search_vector IS 'Search document, kept by the clients_update_search_vector trigger. See docs/search.md.';
COMMENT ON COLUMN sessions.search_vector IS 'Search document, kept by the sessions_update_search_vector trigger. See docs/search.md.';

CREATE FUNCTION search_document(l leads) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(public.search_name_vector(concat_ws(' ', l.first_name, l.last_name, l.partner_name)), 'A')
      || setweight(public.search_contact_vector(l.email::text, l.phone), 'B')
      || setweight(public.search_text_vector(concat_ws(' ', l.event_type, l.venue)), 'C')
      || setweight(public.search_text_vector(l.message), 'D')
$$;

CREATE FUNCTION search_document(c clients) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(public.search_name_vector(concat_ws(' ', c.first_name, c.last_name, c.partner_name)), 'A')
      || setweight(public.search_contact_vector(c.email::text, c.phone), 'B')
      || setweight(public.search_text_vector(concat_ws(' ', c.address_line1, c.address_line2, c.city, c.region, c.postal_code, c.notes)), 'C')
$$;

CREATE FUNCTION search_document(s sessions) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(public.search_name_vector(s.title), 'A')
      || setweight(public.search_text_vector(concat_ws(' ', s.session_type, s.location_name, s.address, s.package_name, s.notes)), 'C')
$$;

-- BEFORE INSERT OR UPDATE row trigger. It is named <table>_update_search_vector so that it runs
-- after <table>_set_updated_at (same timing, name order): while 0007a's one-time backfill runs
-- (tally.search_backfill = on, set by the migrating owner) it keeps updated_at as it was, because
-- recomputing a search document is not a change anyone made to the record.
CREATE FUNCTION update_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := public.search_document(NEW);
  IF TG_OP = 'UPDATE' AND current_setting('tally.search_backfill', true) = 'on' AND current_user <> 'tally_app' THEN
    NEW.updated_at := OLD.updated_at;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER leads_update_search_vector BEFORE INSERT OR UPDATE OF
  first_name, last_name, partner_name, email, phone, event_type, venue, message, search_vector
  ON leads FOR EACH ROW EXECUTE FUNCTION update_search_vector();
CREATE TRIGGER clients_update_search_vector BEFORE INSERT OR UPDATE OF
  first_name, last_name, partner_name, email, phone, address_line1, address_line2, city, region, postal_code, notes, search_vector
  ON clients FOR EACH ROW EXECUTE FUNCTION update_search_vector();
CREATE TRIGGER sessions_update_search_vector BEFORE INSERT OR UPDATE OF
  title, session_type, location_name, address, package_name, notes, search_vector
  ON sessions FOR EACH ROW EXECUTE FUNCTION update_search_vector();

-- ---------------------------------------------------------------------------------------------
-- search_words: each studio's vocabulary of names and email words, for the typo fallback. A
-- misspelled term is matched by trigram distance against this small list (a few thousand words
-- per studio rather than every row), then the corrected query runs through the full-text index:
-- bounded to one studio by the leading studio_id of the GiST index (btree_gist).
-- Words are only added (a word whose records are gone suggests nothing: the corrected query then
-- finds nothing and no suggestion is shown). Written by the SECURITY DEFINER trigger below only.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE search_words (
  studio_id uuid NOT NULL REFERENCES studios (id),
  word text COLLATE "C" NOT NULL,
  PRIMARY KEY (studio_id, word),
  CONSTRAINT search_words_word_format CHECK (char_length(word) BETWEEN 3 AND 40)
);
COMMENT ON TABLE search_words IS 'Per-studio vocabulary (names, email words, session titles) for the trigram typo fallback of search.';
CREATE INDEX search_words_trgm_idx ON search_words USING gist (studio_id, word gist_trgm_ops);

ALTER TABLE search_words ENABLE ROW LEVEL SECURITY;
ALTER TABLE search_words FORCE ROW LEVEL SECURITY;
CREATE POLICY search_words_tenant ON search_words AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY search_words_team_read ON search_words FOR SELECT TO tally_app
  USING ((select auth.is_team()) OR (select auth.is_system()));

-- The words of a name or an email worth correcting: folded, letters only, 3 to 40 characters.
CREATE FUNCTION search_words_of(value text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT DISTINCT w FROM regexp_split_to_table(public.search_fold(coalesce(value, '')), '[^[:alpha:]]+') w
  WHERE char_length(w) BETWEEN 3 AND 40
$$;

-- A word's letters in order: "jonh" and "john", "smtih" and "smith" share it. Trigram similarity
-- is weak on swapped letters (0.25 for jonh/john), the commonest typo when typing fast.
CREATE FUNCTION search_letters(word text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT string_agg(c, '' ORDER BY c COLLATE "C") FROM regexp_split_to_table(word, '') c
$$;

-- ---------------------------------------------------------------------------------------------
-- search_results_cache: ranked results of a search, kept for paging through a broad result
-- (docs/search.md says when it pays). One set per (member, search): the hash covers the member,
-- their role, the normalised query and the types, because what a search returns depends on who
-- asks (row-level security). Emptied of expired rows by the app's SearchCacheCleanup job.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE search_results_cache (
  studio_id uuid NOT NULL REFERENCES studios (id),
  admin_user_id uuid NOT NULL,
  search_hash text COLLATE "C" NOT NULL,
  entity_type text NOT NULL,
  entity_id uuid NOT NULL,
  relevance numeric(10,6) NOT NULL,
  matched_fields text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL DEFAULT (now() + interval '1 hour'),
  PRIMARY KEY (studio_id, admin_user_id, search_hash, entity_type, entity_id),
  FOREIGN KEY (studio_id, admin_user_id) REFERENCES admin_users (studio_id, id) ON DELETE CASCADE,
  CONSTRAINT search_results_cache_entity_type_check CHECK (entity_type IN ('lead', 'client', 'session')),
  CONSTRAINT search_results_cache_search_hash_format CHECK (search_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT search_results_cache_expiry CHECK (expires_at > created_at)
);
COMMENT ON TABLE search_results_cache IS 'Ranked results of a search for paging, per member; expires after an hour and whenever the studio''s leads, clients or sessions change.';
CREATE INDEX search_results_cache_expires_at_idx ON search_results_cache (expires_at);

ALTER TABLE search_results_cache ENABLE ROW LEVEL SECURITY;
ALTER TABLE search_results_cache FORCE ROW LEVEL SECURITY;
CREATE POLICY search_results_cache_tenant ON search_results_cache AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY search_results_cache_own ON search_results_cache FOR ALL TO tally_app
  USING ((select auth.is_team()) AND admin_user_id = (select auth.uid()))
  WITH CHECK ((select auth.is_team()) AND admin_user_id = (select auth.uid()));

-- Expired rows of every studio, for the cleanup job: one statement rather than a transaction per
-- studio. SECURITY DEFINER because no single request identity sees all studios; it can only ever
-- delete rows that have expired, so any caller may run it.
CREATE FUNCTION auth.purge_expired_search_cache() RETURNS bigint
LANGUAGE sql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
  WITH gone AS (DELETE FROM public.search_results_cache WHERE expires_at <= now() RETURNING 1)
  SELECT count(*) FROM gone
$$;
REVOKE EXECUTE ON FUNCTION auth.purge_expired_search_cache() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.purge_expired_search_cache() TO tally_app;

-- Candidate rows of a search in one table of the caller's studio: ids and rank, at most max_rows.
--
-- Why SECURITY DEFINER: under row-level security PostgreSQL evaluates the policies before any
-- condition that is not LEAKPROOF, and neither @@ nor the folding functions are, so a query by the
-- app could never use the GIN or prefix indexes (it would scan the studio's rows). This function
-- runs as the owner, filters to the caller's studio and mirrors the SELECT policies of
-- 0004_row_level_security.sql for the caller's role, so it returns only ids the caller may see;
-- the app then reads the rows themselves under row-level security, which stays the authority.
--
-- EXECUTE … USING plans each call with the actual query, so the planner can weigh the statistics
-- of search_vector: the GIN index for rare words, the studio's primary key with the match as a
-- filter for words in most rows (stopping at max_rows). Ranking happens here on that capped set.
-- prefix (one or two letters): names starting with it, in name order, from the btree prefix indexes.
CREATE FUNCTION auth.search_candidates(entity text, q tsquery, prefix text, max_rows integer)
RETURNS TABLE (id uuid, rank real)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  studio uuid := auth.studio_id();
  visible text;
  lo text;
  hi text;
  plan json;
  found_rows bigint;
BEGIN
  IF studio IS NULL OR max_rows IS NULL OR max_rows < 1 OR (q IS NULL AND prefix IS NULL) THEN
    RETURN;
  END IF;
  -- The rows of the studio this role may read: the permissive SELECT policies of 0004, one by one.
  visible := CASE
    WHEN auth.is_admin() OR auth.is_system() THEN 'true'
    WHEN entity = 'leads' AND auth.role() = 'staff' THEN 't.assigned_to = $3'
    WHEN entity = 'leads' AND auth.is_client() THEN 't.converted_client_id = $4'
    WHEN entity = 'clients' AND auth.is_team() THEN 'true'
    WHEN entity = 'clients' AND auth.is_client() THEN 't.id = $4'
    WHEN entity = 'sessions' AND auth.role() = 'staff' THEN 'true'
    WHEN entity = 'sessions' AND auth.is_client() THEN 't.client_id = $4'
  END;
  IF visible IS NULL OR entity NOT IN ('leads', 'clients', 'sessions') THEN
    RETURN;
  END IF;

  IF q IS NOT NULL THEN
    -- Words in many rows (the planner's estimate over all studios, over 20,000): the studio's
    -- newest rows, newest first through its primary key, stopping at max_rows matches and after
    -- 20,000 rows at most. A GIN bitmap would first collect every match of every studio, then
    -- read other studios' rows in heap order. The estimate is global, not the studio's: see
    -- docs/search.md for where this guess is wrong and what it costs.
    EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM public.%I WHERE search_vector @@ $1', entity)
      INTO plan USING q;
    IF (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric > 20000 THEN
      RETURN QUERY EXECUTE format(
        'SELECT c.id, ts_rank(c.search_vector, $2) FROM ('
        '  SELECT t.id, t.search_vector FROM public.%I t'
        '  WHERE t.studio_id = $1 AND %s ORDER BY t.studio_id DESC, t.id DESC LIMIT 20000) c '
        'WHERE c.search_vector @@ $2 LIMIT $5',
        entity, visible)
        USING studio, q, auth.uid(), auth.client_id(), max_rows;
      GET DIAGNOSTICS found_rows = ROW_COUNT;
      IF found_rows >= max_rows THEN
        RETURN;
      END IF;
    END IF;
    -- Rarer words: the GIN index, the studio checked on the heap rows it returns. The studio is
    -- compared as text on purpose: as uuid the planner ANDs in a bitmap of all the studio's rows
    -- (200,000 entries for the largest), which costs more than the whole search.
    RETURN QUERY EXECUTE format(
      'SELECT c.id, ts_rank(c.search_vector, $2) FROM ('
      '  SELECT t.id, t.search_vector FROM public.%I t'
      '  WHERE t.studio_id::text = $1::text AND t.search_vector @@ $2 AND %s LIMIT $5) c',
      entity, visible)
      USING studio, q, auth.uid(), auth.client_id(), max_rows;
    RETURN;
  END IF;

  -- ~>=~ and ~<~ compare bytes, the order of text_pattern_ops: every string that starts with lo
  -- sorts between lo and lo followed by the highest code point.
  lo := public.search_fold(prefix);
  hi := lo || U&'\+10FFFF';
  IF entity = 'sessions' THEN
    RETURN QUERY EXECUTE format(
      'SELECT t.id, 1::real FROM public.sessions t'
      ' WHERE t.studio_id = $1 AND public.search_fold(t.title) ~>=~ $6 AND public.search_fold(t.title) ~<~ $7 AND %s'
      ' ORDER BY public.search_fold(t.title) USING ~<~ LIMIT $5', visible)
      USING studio, q, auth.uid(), auth.client_id(), max_rows, lo, hi;
    RETURN;
  END IF;
  RETURN QUERY EXECUTE format(
    'SELECT u.id, max(u.rank) FROM ('
    '  (SELECT t.id, 1::real AS rank FROM public.%1$I t'
    '   WHERE t.studio_id = $1 AND public.search_fold(t.first_name) ~>=~ $6 AND public.search_fold(t.first_name) ~<~ $7 AND %2$s'
    '   ORDER BY public.search_fold(t.first_name) USING ~<~ LIMIT $5)'
    '  UNION ALL'
    '  (SELECT t.id, 0.9::real FROM public.%1$I t'
    '   WHERE t.studio_id = $1 AND t.last_name IS NOT NULL'
    '     AND public.search_fold(t.last_name) ~>=~ $6 AND public.search_fold(t.last_name) ~<~ $7 AND %2$s'
    '   ORDER BY public.search_fold(t.last_name) USING ~<~ LIMIT $5)) u '
    'GROUP BY u.id LIMIT $5', entity, visible)
    USING studio, q, auth.uid(), auth.client_id(), max_rows, lo, hi;
END;
$$;

-- For each term, the closest word of the caller's studio vocabulary (the typo fallback): among the
-- 50 nearest by trigram distance, a word with the same letters and first letter (swapped letters),
-- else the nearest if at least min_similarity alike. No word when nothing is close, nor when some
-- word starts with the term: then it is no typo (it is a word, or the start of one, that the other
-- words of the search ruled out).
-- SECURITY DEFINER for the same reason as auth.search_candidates: under row-level security the
-- trigram distance (not LEAKPROOF) could not drive the GiST index, and every word of the studio
-- would be read and compared. The words are shown to the caller only when the corrected search
-- finds records they may see (SearchService). PL/pgSQL so that the plan is cached per connection:
-- planning this query costs more than running it over a studio's few thousand words.
CREATE FUNCTION auth.search_closest_words(terms text[], min_similarity real)
RETURNS TABLE (term text, word text, similarity real)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NOT (auth.is_team() OR auth.is_system()) OR auth.studio_id() IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY
  SELECT t.term, best.word, best.similarity
  FROM unnest(terms) WITH ORDINALITY AS t(term, n)
  CROSS JOIN LATERAL (SELECT public.search_fold(t.term) AS folded) f
  LEFT JOIN LATERAL (
    SELECT near.word, near.similarity
    FROM (
      SELECT sw.word, public.similarity(sw.word, f.folded) AS similarity, sw.word OPERATOR(public.<->) f.folded AS distance,
             -- Swapped letters: same first letter, same length, same letters.
             CASE WHEN left(sw.word, 1) = left(f.folded, 1) AND length(sw.word) = length(f.folded)
                  THEN public.search_letters(sw.word) = public.search_letters(f.folded) ELSE false END AS swapped
      FROM public.search_words sw
      WHERE sw.studio_id = auth.studio_id()
      ORDER BY sw.word OPERATOR(public.<->) f.folded
      LIMIT 50
    ) near
    WHERE (near.swapped OR near.similarity >= min_similarity)
      AND NOT EXISTS (
        SELECT 1 FROM public.search_words known
        WHERE known.studio_id = auth.studio_id()
          AND known.word >= f.folded COLLATE "C" AND known.word < (f.folded || U&'\+10FFFF') COLLATE "C")
    ORDER BY near.swapped DESC, near.distance, near.word
    LIMIT 1
  ) best ON true
  ORDER BY t.n;
END;
$$;

-- AFTER … FOR EACH STATEMENT on leads, clients and sessions: add the new words of the changed rows
-- to the vocabulary and drop the cached results of their studios (their ranking may be stale now).
-- Set-based, so a COPY or a bulk update costs one statement here, not one per row. SECURITY
-- DEFINER: the vocabulary is not writable by the app; the rows it reads passed row-level security.
CREATE FUNCTION search_after_write() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF TG_TABLE_NAME = 'sessions' THEN
      INSERT INTO public.search_words (studio_id, word)
      SELECT DISTINCT n.studio_id, w FROM changed_rows n, public.search_words_of(n.title) w
      ON CONFLICT DO NOTHING;
    ELSE
      INSERT INTO public.search_words (studio_id, word)
      SELECT DISTINCT n.studio_id, w
      FROM changed_rows n, public.search_words_of(concat_ws(' ', n.first_name, n.last_name, n.partner_name, split_part(n.email::text, '@', 1))) w
      ON CONFLICT DO NOTHING;
    END IF;
  END IF;
  DELETE FROM public.search_results_cache c WHERE c.studio_id IN (SELECT DISTINCT studio_id FROM changed_rows);
  RETURN NULL;
END;
$$;
REVOKE EXECUTE ON FUNCTION search_after_write() FROM PUBLIC;

-- Transition tables need one trigger per event.
CREATE TRIGGER leads_search_after_insert AFTER INSERT ON leads
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_after_write();
CREATE TRIGGER leads_search_after_update AFTER UPDATE ON leads
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_after_write();
CREATE TRIGGER leads_search_after_delete AFTER DELETE ON leads
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_after_write();
CREATE TRIGGER clients_search_after_insert AFTER INSERT ON clients
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_after_write();
CREATE TRIGGER clients_search_after_update AFTER UPDATE ON clients
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_after_write();
CREATE TRIGGER clients_search_after_delete AFTER DELETE ON clients
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_after_write();
CREATE TRIGGER sessions_search_after_insert AFTER INSERT ON sessions
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_after_write();
CREATE TRIGGER sessions_search_after_update AFTER UPDATE ON sessions
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_after_write();
CREATE TRIGGER sessions_search_after_delete AFTER DELETE ON sessions
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_after_write();

-- ---------------------------------------------------------------------------------------------
-- saved_searches: a team member's named searches, at most one default per entity type.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE saved_searches (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  admin_user_id uuid NOT NULL,
  name text NOT NULL,
  entity_type text NOT NULL,
  criteria jsonb NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  -- A saved search is its author's alone: it goes when they go.
  FOREIGN KEY (studio_id, admin_user_id) REFERENCES admin_users (studio_id, id) ON DELETE CASCADE,
  CONSTRAINT saved_searches_name_length CHECK (btrim(name) <> '' AND char_length(name) <= 100),
  CONSTRAINT saved_searches_entity_type_check CHECK (entity_type IN ('all', 'leads', 'clients', 'sessions')),
  CONSTRAINT saved_searches_criteria_object CHECK (jsonb_typeof(criteria) = 'object' AND pg_column_size(criteria) <= 8192)
);
COMMENT ON TABLE saved_searches IS 'Named searches of a team member (criteria: {"q": …, "types": […]}); at most one default per entity type.';
CREATE UNIQUE INDEX saved_searches_name_key ON saved_searches (studio_id, admin_user_id, lower(name));
CREATE UNIQUE INDEX saved_searches_default_key ON saved_searches (studio_id, admin_user_id, entity_type) WHERE is_default;
CREATE TRIGGER saved_searches_set_updated_at BEFORE UPDATE ON saved_searches FOR EACH ROW EXECUTE FUNCTION set_updated_at();

ALTER TABLE saved_searches ENABLE ROW LEVEL SECURITY;
ALTER TABLE saved_searches FORCE ROW LEVEL SECURITY;
CREATE POLICY saved_searches_tenant ON saved_searches AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY saved_searches_own ON saved_searches FOR ALL TO tally_app
  USING ((select auth.is_team()) AND admin_user_id = (select auth.uid()))
  WITH CHECK ((select auth.is_team()) AND admin_user_id = (select auth.uid()));

COMMIT;
