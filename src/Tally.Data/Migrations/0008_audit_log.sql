-- The audit trail (docs/audit.md): every change to every table of public, written by one trigger
-- function, sealed into a per-studio hash chain a few seconds later (decision 0009).
--
-- Not audited, on purpose (the same list is AuditTables.Exceptions, checked by AuditCoverageTests):
--   audit_log            the trail itself
--   gallery_access_log   append-only access log: its rows are themselves the record
--   search_results_cache a cache of search results, rebuilt at will
--   search_words         a vocabulary derived from leads, clients and sessions (no id of its own)
--   schema_migrations    the migration journal, written by the migrator only
SET lock_timeout = '5s';
BEGIN;

CREATE SCHEMA audit;
GRANT USAGE ON SCHEMA audit TO tally_app;

-- entry_no: the order rows were written in; the seal chains unsealed rows in entry_no order.
-- seq/hash/sealed_at stay null until audit.seal() chains the row. The foreign key to studios means a studio with a
-- trail cannot be deleted: erasing a studio is a separate, deliberate procedure, not a DELETE.
CREATE TABLE audit_log (
  studio_id uuid NOT NULL REFERENCES studios (id),
  entry_no bigint GENERATED ALWAYS AS IDENTITY,
  occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  table_name text,
  record_id uuid,
  action text NOT NULL,
  old_values jsonb,
  new_values jsonb,
  changed_fields text[],
  user_id uuid,
  user_role text,
  user_email citext,
  user_ip inet,
  user_agent text,
  session_id text,
  request_id text,
  metadata jsonb,
  seq bigint,
  hash bytea,
  sealed_at timestamptz,
  PRIMARY KEY (studio_id, entry_no, occurred_at),
  CONSTRAINT audit_log_action_format CHECK (action ~ '^[a-z][a-z_.]{1,40}$'),
  CONSTRAINT audit_log_sealed CHECK ((seq IS NULL) = (hash IS NULL))
) PARTITION BY RANGE (occurred_at);
COMMENT ON TABLE audit_log IS 'Every change (insert/update/delete) and security event, per studio; append-only, hash-chained by audit.seal().';
COMMENT ON COLUMN audit_log.old_values IS 'update: the whole row before; delete: the whole row. Secrets (*_hash) redacted.';
COMMENT ON COLUMN audit_log.new_values IS 'insert: the whole row; update: only the changed columns, new values.';
CREATE INDEX audit_log_occurred_at_brin ON audit_log USING brin (occurred_at);
CREATE INDEX audit_log_record_idx ON audit_log (studio_id, table_name, record_id);
CREATE INDEX audit_log_seq_idx ON audit_log (studio_id, seq);
CREATE INDEX audit_log_unsealed_idx ON audit_log (studio_id, entry_no) WHERE seq IS NULL;

-- Append-only for the app: it reads (admins, through RLS) and writes only through the definer
-- trigger and audit.record_event. No INSERT, UPDATE, DELETE, TRUNCATE.
REVOKE ALL ON audit_log FROM tally_app;
GRANT SELECT ON audit_log TO tally_app;

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_log_tenant ON audit_log AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY audit_log_admin_read ON audit_log FOR SELECT TO tally_app
  USING ((select auth.is_admin()));

-- Rows whose month has no partition yet land here instead of failing the write they audit.
CREATE TABLE audit.audit_log_default PARTITION OF audit_log DEFAULT;
ALTER TABLE audit.audit_log_default ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit.audit_log_default FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_log_default_tenant ON audit.audit_log_default AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY audit_log_default_admin_read ON audit.audit_log_default FOR SELECT TO tally_app
  USING ((select auth.is_admin()));

-- Monthly partitions in schema audit (no default privileges there, so the app gets nothing on
-- them); each carries the parent's policies, for anyone who names a partition directly.
CREATE FUNCTION audit.ensure_partitions(months_ahead int) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  m date;
  name text;
  created int := 0;
BEGIN
  FOR i IN 0 .. greatest(months_ahead, 0) LOOP
    m := (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => i))::date;
    name := format('audit_log_y%sm%s', to_char(m, 'YYYY'), to_char(m, 'MM'));
    CONTINUE WHEN to_regclass('audit.' || name) IS NOT NULL;
    EXECUTE format('CREATE TABLE audit.%I PARTITION OF public.audit_log FOR VALUES FROM (%L) TO (%L)',
                   name, m::timestamp AT TIME ZONE 'UTC', (m + interval '1 month')::timestamp AT TIME ZONE 'UTC');
    EXECUTE format('ALTER TABLE audit.%I ENABLE ROW LEVEL SECURITY', name);
    EXECUTE format('ALTER TABLE audit.%I FORCE ROW LEVEL SECURITY', name);
    EXECUTE format('CREATE POLICY %I ON audit.%I AS RESTRICTIVE FOR ALL TO tally_app '
                   'USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()))',
                   name || '_tenant', name);
    EXECUTE format('CREATE POLICY %I ON audit.%I FOR SELECT TO tally_app USING ((select auth.is_admin()))',
                   name || '_admin_read', name);
    created := created + 1;
  END LOOP;
  RETURN created;
END;
$$;
COMMENT ON FUNCTION audit.ensure_partitions(int) IS 'Creates the audit_log partitions of this month and the next months_ahead (UTC months); returns how many were new.';
REVOKE EXECUTE ON FUNCTION audit.ensure_partitions(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.ensure_partitions(int) TO tally_app;

SELECT audit.ensure_partitions(3);

-- A claim ip that is not an address must not fail the write it audits.
CREATE FUNCTION audit.inet_or_null(value text) RETURNS inet
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RETURN value::inet;
EXCEPTION WHEN others THEN
  RETURN NULL;
END;
$$;

-- The row trigger. SECURITY DEFINER (owner) so the app needs no INSERT on audit_log. One pass of
-- jsonb_each finds the changed columns; updated_at alone changing (set_updated_at on a no-op
-- update) is no change. Trigger arguments name columns to redact (password and token hashes).
CREATE FUNCTION audit.log_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  o jsonb;
  n jsonb;
  changed text[];
  claims jsonb;
  secret text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    n := to_jsonb(NEW) - 'search_vector';
  ELSIF TG_OP = 'DELETE' THEN
    o := to_jsonb(OLD) - 'search_vector';
  ELSE
    o := to_jsonb(OLD) - 'search_vector';
    SELECT array_agg(e.key ORDER BY e.key), jsonb_object_agg(e.key, e.value)
      INTO changed, n
      FROM jsonb_each(to_jsonb(NEW) - 'search_vector') e
      WHERE o -> e.key IS DISTINCT FROM e.value;
    -- updated_at is bookkeeping (set_updated_at moves it on every update): kept in new_values,
    -- but not a change of its own.
    changed := array_remove(changed, 'updated_at');
    IF changed IS NULL OR cardinality(changed) = 0 THEN
      RETURN NULL;
    END IF;
  END IF;
  FOR i IN 0 .. TG_NARGS - 1 LOOP
    secret := TG_ARGV[i];
    IF o ? secret THEN o := jsonb_set(o, ARRAY[secret], '"[redacted]"'); END IF;
    IF n ? secret THEN n := jsonb_set(n, ARRAY[secret], '"[redacted]"'); END IF;
  END LOOP;
  claims := coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb;
  INSERT INTO public.audit_log (studio_id, table_name, record_id, action, old_values, new_values, changed_fields,
                                user_id, user_role, user_email, user_ip, user_agent, session_id, request_id)
  VALUES (CASE WHEN TG_TABLE_NAME = 'studios' THEN coalesce(o, n) ->> 'id' ELSE coalesce(o, n) ->> 'studio_id' END::uuid,
          TG_TABLE_NAME, (coalesce(o, n) ->> 'id')::uuid, lower(TG_OP), o, n, changed,
          (claims ->> 'sub')::uuid, claims ->> 'role', claims ->> 'email',
          CASE WHEN claims ? 'ip' THEN audit.inet_or_null(claims ->> 'ip') END,
          claims ->> 'user_agent', claims ->> 'session_id', claims ->> 'request_id');
  RETURN NULL;
END;
$$;
COMMENT ON FUNCTION audit.log_change() IS 'AFTER row trigger of every audited table: one audit_log row per real change.';
REVOKE EXECUTE ON FUNCTION audit.log_change() FROM PUBLIC;

CREATE FUNCTION audit.refuse_truncate() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RAISE EXCEPTION 'TRUNCATE of % is not audited row by row and is refused; delete the rows instead', TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- A security event (sign-in, export …) of the request's studio (or p_studio when the request has
-- none yet, as at sign-in). Data-change actions are the trigger's alone, so they cannot be forged.
CREATE FUNCTION audit.record_event(action text, metadata jsonb, p_studio uuid DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  claims jsonb := coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb;
  studio uuid := coalesce((claims ->> 'studio_id')::uuid, p_studio);
BEGIN
  IF action IN ('insert', 'update', 'delete') THEN
    RAISE EXCEPTION 'audit event action % is reserved for data changes', action USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF studio IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO public.audit_log (studio_id, action, metadata, user_id, user_role, user_email, user_ip, user_agent, session_id, request_id)
  VALUES (studio, action, metadata, (claims ->> 'sub')::uuid, claims ->> 'role',
          coalesce(claims ->> 'email', metadata ->> 'email'),
          CASE WHEN claims ? 'ip' THEN audit.inet_or_null(claims ->> 'ip') END,
          claims ->> 'user_agent', claims ->> 'session_id', claims ->> 'request_id');
END;
$$;
COMMENT ON FUNCTION audit.record_event(text, jsonb, uuid) IS 'Records a security event (sign_in, sign_in_failed, export …) in audit_log.';
REVOKE EXECUTE ON FUNCTION audit.record_event(text, jsonb, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.record_event(text, jsonb, uuid) TO tally_app;

-- ---------------------------------------------------------------------------------------------
-- The hash chain (decision 0009). The one definition of a row's content and hash: the seal and
-- the verification both call these, so they cannot disagree.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE audit.chain_heads (
  studio_id uuid PRIMARY KEY,
  seq bigint NOT NULL DEFAULT 0,
  hash bytea NOT NULL DEFAULT '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea,
  sealed_at timestamptz,
  verified_at timestamptz,
  verified_ok boolean,
  verified_problem text
);
COMMENT ON TABLE audit.chain_heads IS 'Per studio: the last sealed seq and hash of its audit chain, and the last verification result.';
ALTER TABLE audit.chain_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit.chain_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY chain_heads_tenant ON audit.chain_heads AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY chain_heads_admin_read ON audit.chain_heads FOR SELECT TO tally_app
  USING ((select auth.is_admin()));
GRANT SELECT ON audit.chain_heads TO tally_app;

-- Canonical content: a jsonb array (jsonb prints keys sorted and whitespace fixed) of every column
-- but hash and sealed_at; the instant as epoch microseconds so the session time zone cannot matter.
CREATE FUNCTION audit.row_content(r public.audit_log) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT jsonb_build_array(r.seq, r.entry_no, r.studio_id, (extract(epoch FROM r.occurred_at) * 1000000)::bigint,
                           r.table_name, r.record_id, r.action, r.old_values, r.new_values, r.changed_fields,
                           r.user_id, r.user_role, r.user_email, r.user_ip::text, r.user_agent, r.session_id,
                           r.request_id, r.metadata)::text
$$;

CREATE FUNCTION audit.row_hash(prev bytea, content text) RETURNS bytea
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT public.digest(prev || convert_to(content, 'UTF8'), 'sha256')
$$;

-- Chains the studio's unsealed rows (in entry_no order) after its head. The head row, locked FOR UPDATE,
-- serialises sealers of one studio: no fork (two rows with one seq) and no gap.
CREATE FUNCTION audit.seal(p_studio uuid, max_rows int DEFAULT 10000) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  head_seq bigint;
  head_hash bytea;
  r public.audit_log;
  sealed int := 0;
BEGIN
  INSERT INTO audit.chain_heads (studio_id) VALUES (p_studio) ON CONFLICT (studio_id) DO NOTHING;
  SELECT h.seq, h.hash INTO head_seq, head_hash FROM audit.chain_heads h WHERE h.studio_id = p_studio FOR UPDATE;
  FOR r IN
    SELECT * FROM public.audit_log a WHERE a.studio_id = p_studio AND a.seq IS NULL ORDER BY a.entry_no LIMIT max_rows
  LOOP
    head_seq := head_seq + 1;
    r.seq := head_seq;
    head_hash := audit.row_hash(head_hash, audit.row_content(r));
    UPDATE public.audit_log a SET seq = head_seq, hash = head_hash, sealed_at = now()
      WHERE a.studio_id = p_studio AND a.entry_no = r.entry_no AND a.occurred_at = r.occurred_at;
    sealed := sealed + 1;
  END LOOP;
  IF sealed > 0 THEN
    UPDATE audit.chain_heads h SET seq = head_seq, hash = head_hash, sealed_at = now() WHERE h.studio_id = p_studio;
  END IF;
  RETURN sealed;
END;
$$;
REVOKE EXECUTE ON FUNCTION audit.seal(uuid, int) FROM PUBLIC;

-- Seals every studio with unsealed rows (the background job calls this; a few seconds behind).
CREATE FUNCTION audit.seal_pending(max_rows int DEFAULT 10000) RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT coalesce(sum(audit.seal(s.studio_id, max_rows)), 0)::bigint
  FROM (SELECT DISTINCT a.studio_id FROM public.audit_log a WHERE a.seq IS NULL) s
$$;
REVOKE EXECUTE ON FUNCTION audit.seal_pending(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.seal_pending(int) TO tally_app;

-- Recomputes a studio's chain from the stored rows: each row's seq follows the previous one and
-- its hash covers the previous hash and its own content; the last row matches the head. Reports
-- the first row that breaks the chain and records the result on the head.
CREATE FUNCTION audit.verify(p_studio uuid)
RETURNS TABLE (ok boolean, sealed bigint, unsealed bigint, broken_entry_no bigint, broken_seq bigint, problem text, head_seq bigint, head_hash text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  h audit.chain_heads;
  last_seq bigint;
  last_hash bytea;
BEGIN
  SELECT * INTO h FROM audit.chain_heads c WHERE c.studio_id = p_studio;
  head_seq := coalesce(h.seq, 0);
  head_hash := encode(coalesce(h.hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea), 'hex');
  SELECT count(*) FILTER (WHERE a.seq IS NOT NULL), count(*) FILTER (WHERE a.seq IS NULL)
    INTO sealed, unsealed FROM public.audit_log a WHERE a.studio_id = p_studio;
  SELECT c.entry_no, c.seq,
         CASE WHEN c.seq <> coalesce(c.prev_seq, 0) + 1
              THEN format('seq %s follows seq %s: a row is missing, added or out of order', c.seq, coalesce(c.prev_seq, 0))
              ELSE 'its hash does not match its content and the stored previous hash: this row, or the previous row''s hash, was altered' END
    INTO broken_entry_no, broken_seq, problem
    FROM (
      SELECT a.entry_no, a.seq, a.hash, audit.row_content(a) AS content,
             lag(a.seq) OVER w AS prev_seq, lag(a.hash) OVER w AS prev_hash
      FROM public.audit_log a WHERE a.studio_id = p_studio AND a.seq IS NOT NULL
      WINDOW w AS (ORDER BY a.seq, a.entry_no)
    ) c
    WHERE c.seq <> coalesce(c.prev_seq, 0) + 1
       OR c.hash IS DISTINCT FROM audit.row_hash(coalesce(c.prev_hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea), c.content)
    ORDER BY c.seq, c.entry_no LIMIT 1;
  IF problem IS NULL THEN
    SELECT a.seq, a.hash INTO last_seq, last_hash FROM public.audit_log a
      WHERE a.studio_id = p_studio AND a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1;
    IF coalesce(last_seq, 0) <> head_seq OR (last_hash IS NOT NULL AND last_hash <> h.hash) THEN
      problem := format('the last sealed row (seq %s) is not the chain head (seq %s): rows at the end were removed or altered',
                        coalesce(last_seq, 0), head_seq);
      broken_seq := coalesce(last_seq, 0);
    END IF;
  END IF;
  ok := problem IS NULL;
  UPDATE audit.chain_heads c SET verified_at = now(), verified_ok = ok, verified_problem = problem WHERE c.studio_id = p_studio;
  RETURN NEXT;
END;
$$;
REVOKE EXECUTE ON FUNCTION audit.verify(uuid) FROM PUBLIC;

-- The request's own studio, for its admins (the /audit page) and the system identity.
CREATE FUNCTION audit.verify_mine()
RETURNS TABLE (ok boolean, sealed bigint, unsealed bigint, broken_entry_no bigint, broken_seq bigint, problem text, head_seq bigint, head_hash text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT (auth.is_admin() OR auth.is_system()) OR auth.studio_id() IS NULL THEN
    RAISE EXCEPTION 'only a studio''s admins verify its audit chain' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY SELECT * FROM audit.verify(auth.studio_id());
END;
$$;
REVOKE EXECUTE ON FUNCTION audit.verify_mine() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.verify_mine() TO tally_app;

-- The daily check of the background job: every studio's chain, results recorded on the heads.
CREATE FUNCTION audit.verify_all() RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT count(*) FILTER (WHERE NOT v.ok) FROM audit.chain_heads h CROSS JOIN LATERAL audit.verify(h.studio_id) v
$$;
COMMENT ON FUNCTION audit.verify_all() IS 'Verifies every studio''s chain; returns how many are broken (see audit.chain_heads.verified_problem).';
REVOKE EXECUTE ON FUNCTION audit.verify_all() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.verify_all() TO tally_app;

-- ---------------------------------------------------------------------------------------------
-- The triggers: every table of public but the exceptions above.
-- ---------------------------------------------------------------------------------------------
CREATE TRIGGER studios_audit AFTER INSERT OR UPDATE OR DELETE ON studios FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER studios_audit_truncate BEFORE TRUNCATE ON studios FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER admin_users_audit AFTER INSERT OR UPDATE OR DELETE ON admin_users FOR EACH ROW EXECUTE FUNCTION audit.log_change('password_hash');
CREATE TRIGGER admin_users_audit_truncate BEFORE TRUNCATE ON admin_users FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER admin_invitations_audit AFTER INSERT OR UPDATE OR DELETE ON admin_invitations FOR EACH ROW EXECUTE FUNCTION audit.log_change('token_hash');
CREATE TRIGGER admin_invitations_audit_truncate BEFORE TRUNCATE ON admin_invitations FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER clients_audit AFTER INSERT OR UPDATE OR DELETE ON clients FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER clients_audit_truncate BEFORE TRUNCATE ON clients FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER leads_audit AFTER INSERT OR UPDATE OR DELETE ON leads FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER leads_audit_truncate BEFORE TRUNCATE ON leads FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER lead_interactions_audit AFTER INSERT OR UPDATE OR DELETE ON lead_interactions FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER lead_interactions_audit_truncate BEFORE TRUNCATE ON lead_interactions FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER lead_documents_audit AFTER INSERT OR UPDATE OR DELETE ON lead_documents FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER lead_documents_audit_truncate BEFORE TRUNCATE ON lead_documents FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER client_invitations_audit AFTER INSERT OR UPDATE OR DELETE ON client_invitations FOR EACH ROW EXECUTE FUNCTION audit.log_change('token_hash');
CREATE TRIGGER client_invitations_audit_truncate BEFORE TRUNCATE ON client_invitations FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER sessions_audit AFTER INSERT OR UPDATE OR DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER sessions_audit_truncate BEFORE TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER quotes_audit AFTER INSERT OR UPDATE OR DELETE ON quotes FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER quotes_audit_truncate BEFORE TRUNCATE ON quotes FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER contracts_audit AFTER INSERT OR UPDATE OR DELETE ON contracts FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER contracts_audit_truncate BEFORE TRUNCATE ON contracts FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER payments_audit AFTER INSERT OR UPDATE OR DELETE ON payments FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER payments_audit_truncate BEFORE TRUNCATE ON payments FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER documents_audit AFTER INSERT OR UPDATE OR DELETE ON documents FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER documents_audit_truncate BEFORE TRUNCATE ON documents FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER galleries_audit AFTER INSERT OR UPDATE OR DELETE ON galleries FOR EACH ROW EXECUTE FUNCTION audit.log_change('access_secret_hash');
CREATE TRIGGER galleries_audit_truncate BEFORE TRUNCATE ON galleries FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER gallery_images_audit AFTER INSERT OR UPDATE OR DELETE ON gallery_images FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER gallery_images_audit_truncate BEFORE TRUNCATE ON gallery_images FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER gallery_settings_audit AFTER INSERT OR UPDATE OR DELETE ON gallery_settings FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER gallery_settings_audit_truncate BEFORE TRUNCATE ON gallery_settings FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER timeline_templates_audit AFTER INSERT OR UPDATE OR DELETE ON timeline_templates FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER timeline_templates_audit_truncate BEFORE TRUNCATE ON timeline_templates FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER session_timelines_audit AFTER INSERT OR UPDATE OR DELETE ON session_timelines FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER session_timelines_audit_truncate BEFORE TRUNCATE ON session_timelines FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER password_reset_tokens_audit AFTER INSERT OR UPDATE OR DELETE ON password_reset_tokens FOR EACH ROW EXECUTE FUNCTION audit.log_change('token_hash');
CREATE TRIGGER password_reset_tokens_audit_truncate BEFORE TRUNCATE ON password_reset_tokens FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER api_tokens_audit AFTER INSERT OR UPDATE OR DELETE ON api_tokens FOR EACH ROW EXECUTE FUNCTION audit.log_change('token_hash');
CREATE TRIGGER api_tokens_audit_truncate BEFORE TRUNCATE ON api_tokens FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER client_sign_in_links_audit AFTER INSERT OR UPDATE OR DELETE ON client_sign_in_links FOR EACH ROW EXECUTE FUNCTION audit.log_change('token_hash');
CREATE TRIGGER client_sign_in_links_audit_truncate BEFORE TRUNCATE ON client_sign_in_links FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER saved_searches_audit AFTER INSERT OR UPDATE OR DELETE ON saved_searches FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER saved_searches_audit_truncate BEFORE TRUNCATE ON saved_searches FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

COMMIT;
