-- Recomputes the search document of the sessions that existed before 0020, so that they too hold
-- their client's name and email: 2,000 sessions per transaction in primary-key order, each batch
-- committed on its own (no statement holds row locks for long, no table rewrite, a failure keeps
-- the work done so far). Naming search_vector in SET fires sessions_update_search_vector, which
-- reads the client; an update that changes only the document keeps updated_at (0020). Rerunning it
-- is harmless: it recomputes the same documents. No BEGIN/COMMIT: a DO block may commit only
-- outside a transaction block (as 0007a).
SET lock_timeout = '5s';

DO $$
DECLARE
  last_studio uuid := '00000000-0000-0000-0000-000000000000';
  last_id uuid := '00000000-0000-0000-0000-000000000000';
  touched bigint;
BEGIN
  LOOP
    WITH batch AS (
      SELECT studio_id, id FROM sessions WHERE (studio_id, id) > (last_studio, last_id) ORDER BY studio_id, id LIMIT 2000
    ), done AS (
      UPDATE sessions t SET search_vector = NULL FROM batch b
      WHERE t.studio_id = b.studio_id AND t.id = b.id
    )
    SELECT count(*), (array_agg(studio_id ORDER BY studio_id DESC, id DESC))[1],
           (array_agg(id ORDER BY studio_id DESC, id DESC))[1]
    INTO touched, last_studio, last_id
    FROM batch;
    COMMIT;
    EXIT WHEN touched < 2000;
  END LOOP;
END;
$$;
