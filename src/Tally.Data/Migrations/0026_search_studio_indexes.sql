-- A large studio gets GIN indexes of its own (leads, clients, sessions), and search uses them.
--
-- The shared document index ANDs a query with the studio's term (0010_search_studio_term), whose
-- entry lists every row of the studio: fine for a studio of a few thousand rows, 1.4 to 2 ms a
-- lookup for the largest studio's 200,000 leads. A partial index per large studio holds only its
-- rows, so a name is one short entry list (docs/search.md, "A studio's own index").
--
-- Indexes are not created here: CREATE INDEX CONCURRENTLY cannot run in a transaction or a function.
-- search_studio_index_work lists the statements that bring the indexes in line with the studios'
-- sizes; `./tally search-indexes` (and migrate, up and the large seed after it) runs them one by one.
-- search_candidates keeps its signature; it reads a studio's index once it is valid.
SET lock_timeout = '5s';
BEGIN;

-- The name of a studio's own index of a table: '<table>_search_<studio's 32 hex digits>_idx'.
CREATE OR REPLACE FUNCTION public.search_studio_index_name(entity text, studio uuid) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT entity || '_search_' || translate(studio::text, '-', '') || '_idx'
$$;

-- What to run so that every studio with at least min_rows rows in a table has its own valid index
-- of that table, and no studio below half of that keeps one (the half: a studio hovering at the
-- threshold is not indexed and dropped by turns). An invalid index (a build that was interrupted)
-- is dropped and built again. Drops first, then builds, largest first. Owner only: the statements
-- are DDL and the counts span every studio.
CREATE OR REPLACE FUNCTION public.search_studio_index_work(min_rows integer)
RETURNS TABLE (statement text, index_name text, reason text)
LANGUAGE sql STABLE AS $$
  WITH sizes AS (
    SELECT 'leads' AS entity, l.studio_id, count(*) AS n FROM public.leads l GROUP BY l.studio_id
    UNION ALL
    SELECT 'clients', c.studio_id, count(*) FROM public.clients c GROUP BY c.studio_id
    UNION ALL
    SELECT 'sessions', s.studio_id, count(*) FROM public.sessions s GROUP BY s.studio_id),
  existing AS (
    SELECT t.relname::text AS entity, ix.relname::text AS name, i.indisvalid AND i.indisready AS valid,
           substring(ix.relname FROM '_search_([0-9a-f]{32})_idx$')::uuid AS studio_id
    FROM pg_catalog.pg_index i
    JOIN pg_catalog.pg_class ix ON ix.oid = i.indexrelid
    JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
    WHERE t.relnamespace = 'public'::regnamespace AND t.relname IN ('leads', 'clients', 'sessions')
      AND ix.relname ~ '_search_[0-9a-f]{32}_idx$'),
  work AS (
    SELECT 1 AS step, -coalesce(s.n, 0) AS n,
           format('DROP INDEX CONCURRENTLY IF EXISTS public.%I', e.name) AS statement, e.name AS index_name,
           CASE WHEN NOT e.valid THEN 'invalid (an interrupted build)'
                ELSE format('%s rows of %s (under %s)', coalesce(s.n, 0), e.entity, min_rows / 2) END AS reason
    FROM existing e LEFT JOIN sizes s ON s.entity = e.entity AND s.studio_id = e.studio_id
    WHERE NOT e.valid OR coalesce(s.n, 0) < min_rows / 2
    UNION ALL
    SELECT 2, -s.n,
           format('CREATE INDEX CONCURRENTLY IF NOT EXISTS %I ON public.%I USING gin (search_vector)'
                  ' WITH (gin_pending_list_limit = 256) WHERE studio_id = %L::uuid',
                  public.search_studio_index_name(s.entity, s.studio_id), s.entity, s.studio_id),
           public.search_studio_index_name(s.entity, s.studio_id),
           format('%s rows of %s', s.n, s.entity)
    FROM sizes s LEFT JOIN existing e ON e.entity = s.entity AND e.studio_id = s.studio_id
    WHERE s.n >= min_rows AND (e.name IS NULL OR NOT e.valid))
  SELECT w.statement, w.index_name, w.reason FROM work w ORDER BY w.step, w.n, w.statement
$$;
-- The app role gets EXECUTE on public's functions by default (0001): not on this one.
REVOKE ALL ON FUNCTION public.search_studio_index_work(integer) FROM PUBLIC, tally_app;

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
  -- The studio's own GIN index of this table, when the studio is large enough to have one.
  own_index boolean;
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
    -- Rarer words in a studio with its own index (search_studio_index_work): that index alone.
    -- The shared index below ANDs the query with the studio's term, whose entry lists every row of
    -- the studio: 200,000 for the largest studio's leads, read on every lookup (1.4 to 2 ms of a
    -- name's search). The studio is a literal, so the planner proves the partial index's predicate.
    own_index := EXISTS (SELECT FROM pg_catalog.pg_index i
                         WHERE i.indexrelid = pg_catalog.to_regclass('public.' || public.search_studio_index_name(entity, studio))
                           AND i.indisvalid AND i.indisready);
    IF own_index THEN
      RETURN QUERY EXECUTE format(
        'SELECT c.id, ts_rank(c.search_vector, $2) FROM ('
        '  SELECT t.id, t.search_vector FROM public.%I t'
        '  WHERE t.studio_id = %L::uuid AND t.search_vector @@ $2 AND %s LIMIT $5) c',
        entity, studio, visible)
        USING studio, q, auth.uid(), auth.client_id(), max_rows, NULL::text, NULL::text,
              statuses, sources, date_from, date_to, assigned, NULL::tsquery, stages, created_from, created_to, zone;
      RETURN;
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

COMMIT;
