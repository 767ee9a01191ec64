-- Sessions found by their client's name and email (docs/search.md, "The search document"): the
-- session's search document now holds its client's first, last and partner name (weight A, the
-- name weight, beside the title) and email (weight B, the contact weight), kept current by the
-- database from both sides:
--   * a session written (inserted, or its client_id or searched columns changed) reads its client;
--   * a client's name or email changed recomputes the documents of that client's sessions only,
--     in one set-based statement per write of clients.
-- Existing sessions get the client's name from 0020a (batched). The studio term of
-- 0010_search_studio_term is an index expression over search_vector, untouched here.
SET lock_timeout = '5s';
BEGIN;

-- The document of a session with its client. Two-argument overload: search_document(sessions) of
-- 0007 stays for any caller of it during a rolling deploy.
CREATE FUNCTION search_document(s sessions, c clients) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(public.search_name_vector(s.title), 'A')
      || setweight(public.search_name_vector(concat_ws(' ', c.first_name, c.last_name, c.partner_name)), 'A')
      || setweight(public.search_contact_vector(c.email::text, NULL), 'B')
      || setweight(public.search_text_vector(concat_ws(' ', s.session_type, s.location_name, s.address, s.package_name, s.notes)), 'C')
$$;

-- BEFORE INSERT OR UPDATE row trigger of sessions (replaces update_search_vector() there). The
-- client is read by primary key under the writer's row-level security: whoever may write a
-- session (admins, the system identity, staff on their own sessions) may read the studio's clients
-- (0004), and the clients cascade below runs as the owner.
-- An update that changes nothing but the document (the cascade, a backfill) keeps updated_at:
-- recomputing a search document is not a change anyone made to the session. This subsumes the
-- tally.search_backfill setting of 0007 for sessions, for any role.
CREATE FUNCTION update_session_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  c public.clients;
BEGIN
  -- ORDER BY … LIMIT 1 is the primary key's order: with the statistics of a table that was empty
  -- when last analyzed (a bulk load such as the large seed, one transaction), the planner rates any
  -- index leading with studio_id as cheap as the primary key, and the cached generic plan read a
  -- studio's clients for each session (675 µs per row in a trial, against 12 µs this way).
  SELECT * INTO c FROM public.clients WHERE studio_id = NEW.studio_id AND id = NEW.client_id
  ORDER BY studio_id, id LIMIT 1;
  NEW.search_vector := public.search_document(NEW, c);
  IF TG_OP = 'UPDATE'
     AND (to_jsonb(NEW) - 'search_vector' - 'updated_at') = (to_jsonb(OLD) - 'search_vector' - 'updated_at') THEN
    NEW.updated_at := OLD.updated_at;
  END IF;
  RETURN NEW;
END;
$$;

-- Same name (so still after sessions_set_updated_at), one more column: a session moved to another
-- client gets the other client's name.
CREATE OR REPLACE TRIGGER sessions_update_search_vector BEFORE INSERT OR UPDATE OF
  title, session_type, location_name, address, package_name, notes, client_id, search_vector
  ON sessions FOR EACH ROW EXECUTE FUNCTION update_session_search_vector();

-- AFTER UPDATE … FOR EACH STATEMENT on clients: the sessions of the clients whose name or email
-- changed get their documents recomputed (naming search_vector fires the row trigger above), in
-- one statement through sessions_client_idx (studio_id, client_id, …). A rename touches only that
-- client's sessions; a write that changes neither name nor email touches none. SECURITY DEFINER so
-- that every session of the client is recomputed whatever the writer may see of sessions; the
-- clients it starts from are the rows the writer's statement changed (they passed row-level
-- security). Transition tables cannot be combined with a column list, hence the comparison here.
CREATE FUNCTION search_client_sessions_after_update() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  UPDATE public.sessions s SET search_vector = NULL
  FROM old_rows o
  JOIN new_rows n ON n.studio_id = o.studio_id AND n.id = o.id
  WHERE (o.first_name, o.last_name, o.partner_name, o.email) IS DISTINCT FROM (n.first_name, n.last_name, n.partner_name, n.email)
    AND s.studio_id = n.studio_id AND s.client_id = n.id;
  RETURN NULL;
END;
$$;
REVOKE EXECUTE ON FUNCTION search_client_sessions_after_update() FROM PUBLIC;

CREATE TRIGGER clients_search_sessions_after_update AFTER UPDATE ON clients
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_client_sessions_after_update();

COMMENT ON COLUMN sessions.search_vector IS
  'Search document (title, the client''s name and email, details), kept by the sessions_update_search_vector trigger and, for client renames, clients_search_sessions_after_update. See docs/search.md.';

COMMIT;
