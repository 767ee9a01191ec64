-- The seal, about twice as fast, with the same chain (docs/audit.md "What sealing costs", decision 0018).
--
-- 1. audit.row_content and audit.row_hash lose their SET search_path: a function with a SET clause
--    is never inlined, and every call paid a GUC save/restore around a SQL-function call. Their
--    bodies are unchanged and only name pg_catalog functions and the qualified public.digest, and
--    their callers (seal, verify: SECURITY DEFINER with search_path = pg_catalog, pg_temp) fix the
--    path they are inlined under. Same content, same hash; verify runs in about half the time.
-- 2. audit.seal hashes the rows in its loop into arrays and writes them with ONE set-based UPDATE
--    per call instead of one UPDATE per row. Same order (entry_no), same seq numbering, same head
--    lock (chain_heads FOR UPDATE for the whole call), same signature and grants.
-- 3. audit.ensure_partitions_since(from): the monthly partitions of past months, for data loaded
--    with old instants (the large seed's trail); one partition-making function for both.
SET lock_timeout = '5s';
BEGIN;

ALTER FUNCTION audit.row_content(public.audit_log) RESET search_path;
ALTER FUNCTION audit.row_hash(bytea, text) RESET search_path;

-- No hash or merge join: the UPDATE must find each row through its partition's primary key (a
-- nested loop, run-time pruned to one partition per row). Without statistics (rows just loaded) the
-- planner costs that loop as probing every partition and picked a merge join that sorts every row
-- of the studio in every partition, on each call.
CREATE OR REPLACE FUNCTION audit.seal(p_studio uuid, max_rows int DEFAULT 10000) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
  head_seq bigint;
  head_hash bytea;
  r public.audit_log;
  entries bigint[] := '{}';
  instants timestamptz[] := '{}';
  hashes bytea[] := '{}';
  sealed int := 0;
  updated bigint;
BEGIN
  INSERT INTO audit.chain_heads (studio_id) VALUES (p_studio) ON CONFLICT (studio_id) DO NOTHING;
  SELECT h.seq, h.hash INTO head_seq, head_hash FROM audit.chain_heads h WHERE h.studio_id = p_studio FOR UPDATE;
  FOR r IN
    SELECT * FROM public.audit_log a WHERE a.studio_id = p_studio AND a.seq IS NULL ORDER BY a.entry_no LIMIT max_rows
  LOOP
    sealed := sealed + 1;
    r.seq := head_seq + sealed;
    head_hash := audit.row_hash(head_hash, audit.row_content(r));
    entries[sealed] := r.entry_no;
    instants[sealed] := r.occurred_at;
    hashes[sealed] := head_hash;
  END LOOP;
  IF sealed > 0 THEN
    -- The whole key (studio, entry_no, occurred_at): each row found through the primary key of its
    -- own partition.
    UPDATE public.audit_log a SET seq = head_seq + u.n, hash = u.hash, sealed_at = now()
      FROM unnest(entries, instants, hashes) WITH ORDINALITY AS u(entry_no, occurred_at, hash, n)
      WHERE a.studio_id = p_studio AND a.entry_no = u.entry_no AND a.occurred_at = u.occurred_at;
    GET DIAGNOSTICS updated = ROW_COUNT;
    IF updated <> sealed THEN
      RAISE EXCEPTION 'audit.seal: % rows hashed but % written', sealed, updated;
    END IF;
    UPDATE audit.chain_heads h SET seq = head_seq + sealed, hash = head_hash, sealed_at = now() WHERE h.studio_id = p_studio;
  END IF;
  RETURN sealed;
END;
$$;
REVOKE EXECUTE ON FUNCTION audit.seal(uuid, int) FROM PUBLIC;

-- One month's partition (UTC month of p_month), with the parent's policies; false when it exists.
CREATE FUNCTION audit.create_month_partition(p_month date) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  m date := date_trunc('month', p_month)::date;
  name text := format('audit_log_y%sm%s', to_char(m, 'YYYY'), to_char(m, 'MM'));
BEGIN
  IF to_regclass('audit.' || name) IS NOT NULL THEN
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE audit.%I PARTITION OF public.audit_log FOR VALUES FROM (%L) TO (%L)',
                 name, m::timestamp AT TIME ZONE 'UTC', (m + interval '1 month')::timestamp AT TIME ZONE 'UTC');
  EXECUTE format('ALTER TABLE audit.%I ENABLE ROW LEVEL SECURITY', name);
  EXECUTE format('ALTER TABLE audit.%I FORCE ROW LEVEL SECURITY', name);
  EXECUTE format('CREATE POLICY %I ON audit.%I AS RESTRICTIVE FOR ALL TO tally_app '
                 'USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()))',
                 name || '_tenant', name);
  EXECUTE format('CREATE POLICY %I ON audit.%I FOR SELECT TO tally_app USING ((select auth.is_admin()))',
                 name || '_admin_read', name);
  RETURN true;
END;
$$;
REVOKE EXECUTE ON FUNCTION audit.create_month_partition(date) FROM PUBLIC;

CREATE OR REPLACE FUNCTION audit.ensure_partitions(months_ahead int) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  created int := 0;
BEGIN
  FOR i IN 0 .. greatest(months_ahead, 0) LOOP
    IF audit.create_month_partition((date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => i))::date) THEN
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END;
$$;

-- Past months, for loads of old rows (the large seed): from p_from's month to this month. Owner
-- only: the app never writes into the past. A month whose rows already sit in the default
-- partition cannot be created (move them out first).
CREATE FUNCTION audit.ensure_partitions_since(p_from timestamptz) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  m date := date_trunc('month', p_from AT TIME ZONE 'UTC')::date;
  created int := 0;
BEGIN
  WHILE m <= (now() AT TIME ZONE 'UTC')::date LOOP
    IF audit.create_month_partition(m) THEN
      created := created + 1;
    END IF;
    m := (m + interval '1 month')::date;
  END LOOP;
  RETURN created;
END;
$$;
COMMENT ON FUNCTION audit.ensure_partitions_since(timestamptz) IS 'Creates the audit_log partitions from the month of p_from up to this month (UTC); returns how many were new.';
REVOKE EXECUTE ON FUNCTION audit.ensure_partitions_since(timestamptz) FROM PUBLIC;

COMMIT;
