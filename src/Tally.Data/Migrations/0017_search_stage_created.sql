-- Search filters by workflow stage (leads) and by the date a record was created (all types, in
-- the studio's time zone): a new overload of auth.search_candidates with three more parameters,
-- otherwise the function of 0010a word for word. The nine-argument version stays for code still
-- calling it during a rolling deploy; a later contract migration drops it with the four-argument
-- one of 0007 (docs/search.md, "Filters").
SET lock_timeout = '5s';
BEGIN;

CREATE FUNCTION auth.search_candidates(entity text, q tsquery, prefix text, max_rows integer,
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
  plan json;
  found_rows bigint;
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
    -- Words in many rows: the studio's newest rows (as in 0007), filters applied before the cap.
    EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM public.%I WHERE search_vector @@ $1', entity)
      INTO plan USING q;
    IF (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric > 20000 THEN
      RETURN QUERY EXECUTE format(
        'SELECT c.id, ts_rank(c.search_vector, $2) FROM ('
        '  SELECT t.id, t.search_vector FROM public.%I t'
        '  WHERE t.studio_id = $1 AND %s ORDER BY t.studio_id DESC, t.id DESC LIMIT 20000) c '
        'WHERE c.search_vector @@ $2 LIMIT $5',
        entity, visible)
        USING studio, q, auth.uid(), auth.client_id(), max_rows, NULL::text, NULL::text,
              statuses, sources, date_from, date_to, assigned, NULL::tsquery, stages, created_from, created_to, zone;
      GET DIAGNOSTICS found_rows = ROW_COUNT;
      IF found_rows >= max_rows THEN
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

REVOKE ALL ON FUNCTION auth.search_candidates(text, tsquery, text, integer, text[], text[], date, date, uuid, text[], date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.search_candidates(text, tsquery, text, integer, text[], text[], date, date, uuid, text[], date, date) TO tally_app;

COMMIT;
