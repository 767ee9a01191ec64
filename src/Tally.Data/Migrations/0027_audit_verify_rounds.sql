-- The daily verification of the audit chains, one studio at a time, out of the seal round.
--
-- The web app's sealer ran audit.verify_all() inside its seal transaction. At the large scale
-- (10M rows) that takes minutes: the app's 30 s command timeout cancelled it, which rolled back the
-- round's seals too, and the next round (5 s later) started over. Nothing was sealed and a core
-- stayed busy for as long as the app ran. Now:
-- 1. audit.verify checks the chain up to the head it read first, so a seal committing while it
--    runs (it no longer holds the sealer's lock) cannot look like tampering; rows beyond the head
--    are checked against the head in one statement (one snapshot) at the end.
-- 2. audit.verify_next(older_than) verifies the one studio whose last verification is the oldest,
--    if older than that; the app calls it in its own short transactions (AuditVerifier). A restart
--    resumes where the last one stopped: the time is on the chain head.
-- verify_all stays for app instances still running during a rolling deploy; nothing new calls it.
SET lock_timeout = '5s';
BEGIN;

CREATE OR REPLACE FUNCTION audit.verify(p_studio uuid)
RETURNS TABLE (ok boolean, sealed bigint, unsealed bigint, broken_entry_no bigint, broken_seq bigint, problem text, head_seq bigint, head_hash text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  h audit.chain_heads;
  last_seq bigint;
  last_hash bytea;
  beyond bigint;
  beyond_head bigint;
BEGIN
  SELECT * INTO h FROM audit.chain_heads c WHERE c.studio_id = p_studio;
  head_seq := coalesce(h.seq, 0);
  head_hash := encode(coalesce(h.hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea), 'hex');
  -- Each statement below sees the rows committed when it starts: only rows up to the head read
  -- above are checked, so rows a concurrent seal adds (after the head) are left to the next check.
  SELECT count(*) FILTER (WHERE a.seq <= head_seq), count(*) FILTER (WHERE a.seq IS NULL)
    INTO sealed, unsealed FROM public.audit_log a WHERE a.studio_id = p_studio;
  SELECT c.entry_no, c.seq,
         CASE WHEN c.seq <> coalesce(c.prev_seq, 0) + 1
              THEN format('seq %s follows seq %s: a row is missing, added or out of order', c.seq, coalesce(c.prev_seq, 0))
              ELSE 'its hash does not match its content and the stored previous hash: this row, or the previous row''s hash, was altered' END
    INTO broken_entry_no, broken_seq, problem
    FROM (
      SELECT a.entry_no, a.seq, a.hash, audit.row_content(a) AS content,
             lag(a.seq) OVER w AS prev_seq, lag(a.hash) OVER w AS prev_hash
      FROM public.audit_log a WHERE a.studio_id = p_studio AND a.seq IS NOT NULL AND a.seq <= head_seq
      WINDOW w AS (ORDER BY a.seq, a.entry_no)
    ) c
    WHERE c.seq <> coalesce(c.prev_seq, 0) + 1
       OR c.hash IS DISTINCT FROM audit.row_hash(coalesce(c.prev_hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea), c.content)
    ORDER BY c.seq, c.entry_no LIMIT 1;
  IF problem IS NULL THEN
    SELECT a.seq, a.hash INTO last_seq, last_hash FROM public.audit_log a
      WHERE a.studio_id = p_studio AND a.seq IS NOT NULL AND a.seq <= head_seq ORDER BY a.seq DESC LIMIT 1;
    IF coalesce(last_seq, 0) <> head_seq OR (last_hash IS NOT NULL AND last_hash <> h.hash) THEN
      problem := format('the last sealed row (seq %s) is not the chain head (seq %s): rows at the end were removed or altered',
                        coalesce(last_seq, 0), head_seq);
      broken_seq := coalesce(last_seq, 0);
    END IF;
  END IF;
  IF problem IS NULL THEN
    -- Sealed rows beyond the head as it is now, both read in one statement: a seal commits its
    -- rows and the head together, so only a head moved back (or rows added past it) shows here.
    SELECT min(a.seq), max(c.seq) INTO beyond, beyond_head
      FROM (SELECT coalesce((SELECT x.seq FROM audit.chain_heads x WHERE x.studio_id = p_studio), 0) AS seq) c
      JOIN public.audit_log a ON a.studio_id = p_studio AND a.seq > c.seq;
    IF beyond IS NOT NULL THEN
      problem := format('seq %s lies beyond the chain head (seq %s): the head was moved back, or rows were added after it',
                        beyond, beyond_head);
      broken_seq := beyond;
    END IF;
  END IF;
  ok := problem IS NULL;
  UPDATE audit.chain_heads c SET verified_at = now(), verified_ok = ok, verified_problem = problem WHERE c.studio_id = p_studio;
  RETURN NEXT;
END;
$$;
REVOKE EXECUTE ON FUNCTION audit.verify(uuid) FROM PUBLIC;

-- The background verification's step: the studio verified longest ago (never first), if that was
-- more than older_than ago; nothing when every chain is recent enough.
CREATE OR REPLACE FUNCTION audit.verify_next(older_than interval)
RETURNS TABLE (studio_id uuid, ok boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  due uuid;
BEGIN
  SELECT h.studio_id INTO due FROM audit.chain_heads h
  WHERE h.verified_at IS NULL OR h.verified_at < now() - older_than
  ORDER BY h.verified_at NULLS FIRST, h.studio_id LIMIT 1;
  IF due IS NOT NULL THEN
    RETURN QUERY SELECT due, v.ok FROM audit.verify(due) v;
  END IF;
END;
$$;
COMMENT ON FUNCTION audit.verify_next(interval) IS 'Verifies the studio whose chain was verified longest ago, if longer than older_than; returns it and the result.';
REVOKE EXECUTE ON FUNCTION audit.verify_next(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.verify_next(interval) TO tally_app;

COMMIT;
