-- Search candidates choose their path by a probe of the studio's own rows instead of the planner's
-- estimate over all studios (docs/search.md, "Bounded by design"): the newest 200 visible rows are
-- read through the primary key; their matches are the answer when they suffice (or when the studio
-- has no more rows), a query matching 3% of them or more is walked on, a rarer one goes to the GIN
-- index. Same signature as 0017, so running app instances call the new body at once; the EXPLAIN
-- each call made is gone. And search_term_query: a term's stem prefix alone when it covers the
-- term (no range of the index scanned twice), and the start of an email address as one lexeme.
SET lock_timeout = '5s';
BEGIN;

CREATE OR REPLACE FUNCTION auth.search_candidates(entity text, q tsquery, prefix text, max_rows integer,
                                       statuses text[], sources text[], date_from date, date_to date, assigned uuid,
                                       stages text[], created_from date, created_to date)
RETURNS TABLE (id uuid, rank real)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  studio uuid := auth.studio_id();
  visible text;
  filter text := 'true';
  lo text;
  hi text;
  found_rows bigint;
  -- The probe: this many of the studio's newest rows; a query matching walk_from_hits of them (3%)
  -- is walked, a rarer one looked up in the index (docs/search.md, "Bounded by design").
  probe_rows constant integer := 200;
  walk_from_hits constant integer := 6;
  scanned bigint;
  last_id uuid;
  hits integer;
  hit_ids uuid[];
  hit_ranks real[];
  -- The studio's term of the document (0010_search_studio_term), ANDed into the GIN lookup.
  studio_term tsquery := ('studio_' || translate(auth.studio_id()::text, '-', ''))::tsquery;
  -- The studio's own day: a record created at 23:30 in Auckland belongs to that date there.
  zone text := (SELECT s.timezone FROM public.studios s WHERE s.id = auth.studio_id());
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

  -- The filters, as fixed fragments over parameters $8 to $12 (no value is ever part of the text).
  IF statuses IS NOT NULL THEN
    IF entity = 'clients' THEN RETURN; END IF;
    filter := filter || ' AND t.status = ANY ($8)';
  END IF;
  IF sources IS NOT NULL THEN
    IF entity <> 'leads' THEN RETURN; END IF;
    filter := filter || ' AND t.source = ANY ($9)';
  END IF;
  IF date_from IS NOT NULL THEN
    IF entity = 'clients' THEN RETURN; END IF;
    filter := filter || CASE WHEN entity = 'leads' THEN ' AND t.event_date >= $10'
                             ELSE ' AND t.starts_at >= $10::timestamp AT TIME ZONE ''UTC''' END;
  END IF;
  IF date_to IS NOT NULL THEN
    IF entity = 'clients' THEN RETURN; END IF;
    filter := filter || CASE WHEN entity = 'leads' THEN ' AND t.event_date <= $11'
                             ELSE ' AND t.starts_at < ($11 + 1)::timestamp AT TIME ZONE ''UTC''' END;
  END IF;
  IF assigned IS NOT NULL THEN
    IF entity <> 'leads' THEN RETURN; END IF;
    filter := filter || ' AND t.assigned_to = $12';
  END IF;
  IF stages IS NOT NULL THEN
    IF entity <> 'leads' THEN RETURN; END IF;
    filter := filter || ' AND t.workflow_stage = ANY ($14)';
  END IF;
  IF created_from IS NOT NULL THEN
    filter := filter || ' AND t.created_at >= $15::timestamp AT TIME ZONE $17';
  END IF;
  IF created_to IS NOT NULL THEN
    filter := filter || ' AND t.created_at < ($16 + 1)::timestamp AT TIME ZONE $17';
  END IF;
  visible := visible || ' AND ' || filter;

  IF q IS NOT NULL THEN
    -- Probe: the studio's newest visible rows (through the primary key), which of them match. The
    -- answer says how common the query is in this studio, where the planner's estimate could only
    -- say how common it is in all studios (a phrase common in one studio and rare elsewhere took
    -- the slow path). The probe's matches are kept: when they are enough, or the probe saw every
    -- row, they are the answer and nothing else is read.
    EXECUTE format(
      'SELECT count(*), (array_agg(c.id ORDER BY c.id))[1], array_agg(c.id) FILTER (WHERE c.hit), array_agg(c.rank) FILTER (WHERE c.hit) FROM ('
      '  SELECT t.id, t.search_vector @@ $2 AS hit,'
      '         CASE WHEN t.search_vector @@ $2 THEN ts_rank(t.search_vector, $2) END AS rank'
      '  FROM public.%I t WHERE t.studio_id = $1 AND %s ORDER BY t.studio_id DESC, t.id DESC LIMIT %s) c',
      entity, visible, probe_rows)
      INTO scanned, last_id, hit_ids, hit_ranks
      USING studio, q, auth.uid(), auth.client_id(), max_rows, NULL::text, NULL::text,
            statuses, sources, date_from, date_to, assigned, NULL::tsquery, stages, created_from, created_to, zone;
    hits := coalesce(cardinality(hit_ids), 0);
    IF hits >= max_rows OR scanned < probe_rows THEN
      RETURN QUERY SELECT h.id, h.rank FROM unnest(hit_ids, hit_ranks) AS h(id, rank) LIMIT max_rows;
      RETURN;
    END IF;
    -- Common here (walk_from_hits or more in the probe): walk on from where the probe stopped, newest
    -- first, until enough match. At that rate the walk reads a few hundred rows where the GIN
    -- bitmap would first gather every one of the studio's matches (15,000 for a phrase in 7% of the
    -- largest studio's leads: 7 ms against 0.8). Bounded at 20,000 rows; if it still falls short,
    -- the index answers instead, alone (no row twice).
    IF hits >= walk_from_hits THEN
      RETURN QUERY EXECUTE format(
        'WITH walked AS ('
        '  SELECT c.id, ts_rank(c.search_vector, $2) AS rank FROM ('
        '    SELECT t.id, t.search_vector FROM public.%I t'
        '    WHERE t.studio_id = $1 AND t.id < $18 AND %s ORDER BY t.studio_id DESC, t.id DESC LIMIT 20000) c '
        '  WHERE c.search_vector @@ $2 LIMIT $5 - $19) '
        'SELECT h.id, h.rank FROM unnest($20, $21) AS h(id, rank) WHERE (SELECT count(*) FROM walked) >= $5 - $19 '
        'UNION ALL SELECT w.id, w.rank FROM walked w WHERE (SELECT count(*) FROM walked) >= $5 - $19',
        entity, visible)
        USING studio, q, auth.uid(), auth.client_id(), max_rows, NULL::text, NULL::text,
              statuses, sources, date_from, date_to, assigned, NULL::tsquery, stages, created_from, created_to, zone,
              last_id, hits, hit_ids, hit_ranks;
      GET DIAGNOSTICS found_rows = ROW_COUNT;
      IF found_rows > 0 THEN
        RETURN;
      END IF;
    END IF;
    -- Rarer words: the GIN index of the document with the studio's term, the query ANDed with that
    -- term, so the index returns only the studio's matches (a phrase common in one large studio no
    -- longer reads other studios' rows). The expression is the index's, word for word. The studio
    -- is still checked on the heap rows (as text, see 0007), and the filters.
    RETURN QUERY EXECUTE format(
      'SELECT c.id, ts_rank(c.search_vector, $2) FROM ('
      '  SELECT t.id, t.search_vector FROM public.%I t'
      '  WHERE t.studio_id::text = $1::text'
      '    AND (t.search_vector || (''studio_'' || translate(t.studio_id::text, ''-'', ''''))::tsvector) @@ ($2 && $13)'
      '    AND %s LIMIT $5) c',
      entity, visible)
      USING studio, q, auth.uid(), auth.client_id(), max_rows, NULL::text, NULL::text,
            statuses, sources, date_from, date_to, assigned, studio_term, stages, created_from, created_to, zone;
    RETURN;
  END IF;

  lo := public.search_fold(prefix);
  hi := lo || U&'\+10FFFF';
  IF entity = 'sessions' THEN
    RETURN QUERY EXECUTE format(
      'SELECT t.id, 1::real FROM public.sessions t'
      ' WHERE t.studio_id = $1 AND public.search_fold(t.title) ~>=~ $6 AND public.search_fold(t.title) ~<~ $7 AND %s'
      ' ORDER BY public.search_fold(t.title) USING ~<~ LIMIT $5', visible)
      USING studio, q, auth.uid(), auth.client_id(), max_rows, lo, hi,
            statuses, sources, date_from, date_to, assigned, NULL::tsquery, stages, created_from, created_to, zone;
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
    USING studio, q, auth.uid(), auth.client_id(), max_rows, lo, hi,
          statuses, sources, date_from, date_to, assigned, NULL::tsquery, stages, created_from, created_to, zone;
END;
$$;

-- A term's query is its exact prefix OR its English stem's prefix ('mandy':* | 'mandi':*). Most
-- stems are a prefix of the word ('weddings' → 'wed', 'burdette' → 'burdett'): then the stem's
-- prefix already matches everything the exact one does, and the GIN lookup scanned that range of
-- the index twice. The stem alone then; the same rows match.
-- A term with '.', '_' or '+' is the start of an email address (ParsedSearch.AddressFragment:
-- ASCII letters and digits joined by them): one lexeme as typed, a prefix of the whole addresses
-- the documents hold (search_contact_vector), not parsed into words.
CREATE OR REPLACE FUNCTION search_term_query(term text, prefix boolean) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT CASE WHEN term ~ '[._+]' THEN q.quoted::tsquery
              WHEN q.exact = q.stem THEN q.exact
              WHEN prefix AND numnode(q.exact) = 1 AND numnode(q.stem) = 1
                   AND right(querytree(q.stem), 2) = ':*'
                   AND starts_with(querytree(q.exact), left(querytree(q.stem), -3)) THEN q.stem
              ELSE q.exact || q.stem END
  FROM (SELECT t.quoted, to_tsquery('public.tally_simple', t.quoted) AS exact, to_tsquery('public.tally_english', t.quoted) AS stem
        FROM (SELECT '''' || replace(replace(lower(term), '\', '\\'), '''', '''''') || ''''
                     || CASE WHEN prefix THEN ':*' ELSE '' END AS quoted) t) q
$$;

COMMIT;
