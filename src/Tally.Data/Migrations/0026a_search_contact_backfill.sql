-- Recomputes the search documents of the rows that existed before 0026 (the whole email address
-- leaves them): leads and clients with an email, and every session (its document holds its
-- client's email). 2,000 rows per transaction in primary-key order, each batch committed on its
-- own: no statement holds row locks for long, no table rewrite, a failure keeps the work done so
-- far, and rerunning recomputes the same documents. Naming search_vector in SET fires the document
-- triggers; tally.search_backfill keeps updated_at for leads and clients (update_search_vector,
-- 0007), and the sessions' trigger keeps it by itself (0020). The audit trigger ignores a change
-- of the document alone (0008). No BEGIN/COMMIT: a DO block may commit only outside a transaction
-- block (as 0007a).
SET lock_timeout = '5s';

DO $$
DECLARE
  tbl text;
  last_studio uuid;
  last_id uuid;
  touched bigint;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['leads', 'clients', 'sessions'] LOOP
    last_studio := '00000000-0000-0000-0000-000000000000';
    last_id := '00000000-0000-0000-0000-000000000000';
    LOOP
      PERFORM set_config('tally.search_backfill', 'on', true);
      EXECUTE format(
        'WITH batch AS ('
        '  SELECT studio_id, id FROM %I WHERE (studio_id, id) > ($1, $2) ORDER BY studio_id, id LIMIT 2000'
        '), done AS ('
        '  UPDATE %I t SET search_vector = NULL FROM batch b'
        '  WHERE t.studio_id = b.studio_id AND t.id = b.id AND %s'
        ') '
        'SELECT count(*), (array_agg(studio_id ORDER BY studio_id DESC, id DESC))[1],'
        '       (array_agg(id ORDER BY studio_id DESC, id DESC))[1] '
        'FROM batch', tbl, tbl, CASE WHEN tbl = 'sessions' THEN 'true' ELSE 't.email IS NOT NULL' END)
        INTO touched, last_studio, last_id
        USING last_studio, last_id;
      COMMIT;
      EXIT WHEN touched < 2000;
    END LOOP;
  END LOOP;
END;
$$;
