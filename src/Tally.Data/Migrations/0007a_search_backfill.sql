-- Fills search_vector (and the vocabulary) for the rows that existed before 0007: 2,000 rows per
-- transaction in primary-key order, each batch committed on its own, so no statement holds row
-- locks for long and a failure keeps the work done so far (rerunning continues where it stopped:
-- only rows still without a document are touched). No BEGIN/COMMIT: a DO block may commit only
-- outside a transaction block. tally.search_backfill keeps updated_at as it was (see
-- update_search_vector in 0007).
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
      -- The trigger computes the document: naming the column in SET is what fires it.
      EXECUTE format(
        'WITH batch AS ('
        '  SELECT studio_id, id FROM %I WHERE (studio_id, id) > ($1, $2) ORDER BY studio_id, id LIMIT 2000'
        '), done AS ('
        '  UPDATE %I t SET search_vector = NULL FROM batch b'
        '  WHERE t.studio_id = b.studio_id AND t.id = b.id AND t.search_vector IS NULL'
        ') '
        'SELECT count(*), (array_agg(studio_id ORDER BY studio_id DESC, id DESC))[1],'
        '       (array_agg(id ORDER BY studio_id DESC, id DESC))[1] '
        'FROM batch', tbl, tbl)
        INTO touched, last_studio, last_id
        USING last_studio, last_id;
      COMMIT;
      EXIT WHEN touched < 2000;
    END LOOP;
  END LOOP;
END;
$$;
