-- Row-level security on every table: the database, not the C# code, decides which rows a request
-- may see and write. See docs/security.md for the model and the table x role summary.
--
-- Shape of every table's policies:
--   * <table>_tenant: RESTRICTIVE, FOR ALL, studio_id = auth.studio_id() (studios: id = …). It is
--     ANDed with whatever the permissive policies allow, so no permissive policy, however wrong,
--     can reach another studio's rows. It binds every role, the system identity included.
--   * permissive policies per role and command (ORed together): admins and the system identity
--     manage, the team reads, staff work what is assigned to them, a client reads what is theirs.
--   * every policy is TO tally_app; the owner (tally_owner) has BYPASSRLS and is not bound, so
--     migrations, seeds and SECURITY DEFINER functions keep working. Any other role gets nothing.
--   * the auth functions are always wrapped as (select auth.…()): the planner turns them into
--     init plans evaluated once per statement instead of once per row.
-- The columns the policies filter on are indexed after studio_id (0002, plus 0004b_rls_indexes.sql).
SET lock_timeout = '5s';
BEGIN;

-- FORCE binds the table owner too unless it has BYPASSRLS. A migrating role without it would lock
-- itself out of the migration journal (and re-run every script), so refuse to go on.
DO $$
BEGIN
  IF NOT (SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    RAISE EXCEPTION 'role % runs migrations but lacks BYPASSRLS (see docs/operations.md)', current_user;
  END IF;
END;
$$;

CREATE FUNCTION auth.is_client() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT auth.role() = 'client' $$;
COMMENT ON FUNCTION auth.is_client() IS 'A client signed in to the portal (auth.client_id() says which).';

-- ---------------------------------------------------------------------------------------------
-- schema_migrations: the migration journal. Nobody but the owner (who bypasses RLS); tally_app
-- has no privilege on it either.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE schema_migrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE schema_migrations FORCE ROW LEVEL SECURITY;
CREATE POLICY schema_migrations_nobody ON schema_migrations AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (false) WITH CHECK (false);

-- ---------------------------------------------------------------------------------------------
-- studios: members of a studio read its row; owners and admins update it. Nobody inserts or
-- deletes a studio through the app. Public pages find a studio by slug with auth.studio_by_slug.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE studios ENABLE ROW LEVEL SECURITY;
ALTER TABLE studios FORCE ROW LEVEL SECURITY;
CREATE POLICY studios_tenant ON studios AS RESTRICTIVE FOR ALL TO tally_app
  USING (id = (select auth.studio_id())) WITH CHECK (id = (select auth.studio_id()));
CREATE POLICY studios_member_read ON studios FOR SELECT TO tally_app
  USING ((select auth.is_team()) OR (select auth.is_client()) OR (select auth.is_system()));
CREATE POLICY studios_admin_update ON studios FOR UPDATE TO tally_app
  USING ((select auth.is_admin())) WITH CHECK ((select auth.is_admin()));

-- The public face of a studio (inquiry form, portal sign-in), before anyone has signed in.
-- SECURITY DEFINER: runs as the owner, who bypasses RLS; returns only these four columns.
CREATE FUNCTION auth.studio_by_slug(slug text)
RETURNS TABLE (id uuid, slug text, name text, timezone text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT s.id, s.slug, s.name, s.timezone FROM public.studios s WHERE s.slug = $1
$$;
COMMENT ON FUNCTION auth.studio_by_slug(text) IS
  'The public face of a studio (id, slug, name, timezone) by slug, readable without claims.';
REVOKE EXECUTE ON FUNCTION auth.studio_by_slug(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.studio_by_slug(text) TO tally_app;

-- ---------------------------------------------------------------------------------------------
-- admin_users, admin_invitations: the team. Read by owners, admins, members holding
-- can_manage_team and the system identity; a member also reads their own admin_users row.
-- Writes: nobody may give or touch a role above their own: owners (and the system identity) any
-- role, admins any but owner, can_manage_team members only staff and bookkeeper.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE admin_users ENABLE ROW LEVEL SECURITY;
ALTER TABLE admin_users FORCE ROW LEVEL SECURITY;
CREATE POLICY admin_users_tenant ON admin_users AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY admin_users_team_managers_read ON admin_users FOR SELECT TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system())
         OR ((select auth.is_team()) AND (select auth.has_permission('can_manage_team'))));
CREATE POLICY admin_users_self_read ON admin_users FOR SELECT TO tally_app
  USING ((select auth.is_team()) AND id = (select auth.uid()));
CREATE POLICY admin_users_team_managers_write ON admin_users FOR ALL TO tally_app
  USING ((select auth.role()) IN ('owner', 'system')
         OR ((select auth.role()) = 'admin' AND role <> 'owner')
         OR ((select auth.is_team()) AND (select auth.has_permission('can_manage_team')) AND role IN ('staff', 'bookkeeper')))
  WITH CHECK ((select auth.role()) IN ('owner', 'system')
         OR ((select auth.role()) = 'admin' AND role <> 'owner')
         OR ((select auth.is_team()) AND (select auth.has_permission('can_manage_team')) AND role IN ('staff', 'bookkeeper')));

ALTER TABLE admin_invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE admin_invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY admin_invitations_tenant ON admin_invitations AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY admin_invitations_team_managers_read ON admin_invitations FOR SELECT TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system())
         OR ((select auth.is_team()) AND (select auth.has_permission('can_manage_team'))));
CREATE POLICY admin_invitations_team_managers_write ON admin_invitations FOR ALL TO tally_app
  USING ((select auth.role()) IN ('owner', 'system')
         OR ((select auth.role()) = 'admin' AND role <> 'owner')
         OR ((select auth.is_team()) AND (select auth.has_permission('can_manage_team')) AND role IN ('staff', 'bookkeeper')))
  WITH CHECK ((select auth.role()) IN ('owner', 'system')
         OR ((select auth.role()) = 'admin' AND role <> 'owner')
         OR ((select auth.is_team()) AND (select auth.has_permission('can_manage_team')) AND role IN ('staff', 'bookkeeper')));

-- ---------------------------------------------------------------------------------------------
-- clients: admins manage; the whole team reads (staff work with them, bookkeepers bill them);
-- a client reads their own row. client_invitations: admins only.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
ALTER TABLE clients FORCE ROW LEVEL SECURITY;
CREATE POLICY clients_tenant ON clients AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY clients_manage ON clients FOR ALL TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system()))
  WITH CHECK ((select auth.is_admin()) OR (select auth.is_system()));
CREATE POLICY clients_team_read ON clients FOR SELECT TO tally_app
  USING ((select auth.is_team()));
CREATE POLICY clients_client_read ON clients FOR SELECT TO tally_app
  USING ((select auth.is_client()) AND id = (select auth.client_id()));

ALTER TABLE client_invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE client_invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY client_invitations_tenant ON client_invitations AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY client_invitations_manage ON client_invitations FOR ALL TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system()))
  WITH CHECK ((select auth.is_admin()) OR (select auth.is_system()));

-- ---------------------------------------------------------------------------------------------
-- leads: admins manage; staff read and update the leads assigned to them (and may not hand them
-- to someone else); a client reads the leads converted into them. Bookkeepers and anonymous
-- visitors get nothing (the public inquiry form will write through a SECURITY DEFINER function).
-- lead_interactions, lead_documents: admins manage; staff read the ones of their leads and add
-- or edit their own (created_by/uploaded_by = themselves). Clients never see these internal notes.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE leads ENABLE ROW LEVEL SECURITY;
ALTER TABLE leads FORCE ROW LEVEL SECURITY;
CREATE POLICY leads_tenant ON leads AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY leads_manage ON leads FOR ALL TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system()))
  WITH CHECK ((select auth.is_admin()) OR (select auth.is_system()));
CREATE POLICY leads_staff_read ON leads FOR SELECT TO tally_app
  USING ((select auth.role()) = 'staff' AND assigned_to = (select auth.uid()));
CREATE POLICY leads_staff_update ON leads FOR UPDATE TO tally_app
  USING ((select auth.role()) = 'staff' AND assigned_to = (select auth.uid()))
  WITH CHECK ((select auth.role()) = 'staff' AND assigned_to = (select auth.uid()));
CREATE POLICY leads_client_read ON leads FOR SELECT TO tally_app
  USING ((select auth.is_client()) AND converted_client_id = (select auth.client_id()));

ALTER TABLE lead_interactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_interactions FORCE ROW LEVEL SECURITY;
CREATE POLICY lead_interactions_tenant ON lead_interactions AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY lead_interactions_manage ON lead_interactions FOR ALL TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system()))
  WITH CHECK ((select auth.is_admin()) OR (select auth.is_system()));
CREATE POLICY lead_interactions_staff_read ON lead_interactions FOR SELECT TO tally_app
  USING ((select auth.role()) = 'staff' AND EXISTS (
    SELECT 1 FROM leads l
    WHERE l.studio_id = lead_interactions.studio_id AND l.id = lead_interactions.lead_id
      AND l.assigned_to = (select auth.uid())));
CREATE POLICY lead_interactions_staff_insert ON lead_interactions FOR INSERT TO tally_app
  WITH CHECK ((select auth.role()) = 'staff' AND created_by = (select auth.uid()) AND EXISTS (
    SELECT 1 FROM leads l
    WHERE l.studio_id = lead_interactions.studio_id AND l.id = lead_interactions.lead_id
      AND l.assigned_to = (select auth.uid())));
CREATE POLICY lead_interactions_staff_update ON lead_interactions FOR UPDATE TO tally_app
  USING ((select auth.role()) = 'staff' AND created_by = (select auth.uid()) AND EXISTS (
    SELECT 1 FROM leads l
    WHERE l.studio_id = lead_interactions.studio_id AND l.id = lead_interactions.lead_id
      AND l.assigned_to = (select auth.uid())))
  WITH CHECK ((select auth.role()) = 'staff' AND created_by = (select auth.uid()) AND EXISTS (
    SELECT 1 FROM leads l
    WHERE l.studio_id = lead_interactions.studio_id AND l.id = lead_interactions.lead_id
      AND l.assigned_to = (select auth.uid())));

ALTER TABLE lead_documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_documents FORCE ROW LEVEL SECURITY;
CREATE POLICY lead_documents_tenant ON lead_documents AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY lead_documents_manage ON lead_documents FOR ALL TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system()))
  WITH CHECK ((select auth.is_admin()) OR (select auth.is_system()));
CREATE POLICY lead_documents_staff_read ON lead_documents FOR SELECT TO tally_app
  USING ((select auth.role()) = 'staff' AND EXISTS (
    SELECT 1 FROM leads l
    WHERE l.studio_id = lead_documents.studio_id AND l.id = lead_documents.lead_id
      AND l.assigned_to = (select auth.uid())));
CREATE POLICY lead_documents_staff_insert ON lead_documents FOR INSERT TO tally_app
  WITH CHECK ((select auth.role()) = 'staff' AND uploaded_by = (select auth.uid()) AND EXISTS (
    SELECT 1 FROM leads l
    WHERE l.studio_id = lead_documents.studio_id AND l.id = lead_documents.lead_id
      AND l.assigned_to = (select auth.uid())));
CREATE POLICY lead_documents_staff_update ON lead_documents FOR UPDATE TO tally_app
  USING ((select auth.role()) = 'staff' AND uploaded_by = (select auth.uid()) AND EXISTS (
    SELECT 1 FROM leads l
    WHERE l.studio_id = lead_documents.studio_id AND l.id = lead_documents.lead_id
      AND l.assigned_to = (select auth.uid())))
  WITH CHECK ((select auth.role()) = 'staff' AND uploaded_by = (select auth.uid()) AND EXISTS (
    SELECT 1 FROM leads l
    WHERE l.studio_id = lead_documents.studio_id AND l.id = lead_documents.lead_id
      AND l.assigned_to = (select auth.uid())));

-- ---------------------------------------------------------------------------------------------
-- sessions, session_timelines: admins manage; staff read the studio's calendar and update the
-- sessions assigned to them (and their tasks); a client reads their own sessions and their tasks.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY sessions_tenant ON sessions AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY sessions_manage ON sessions FOR ALL TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system()))
  WITH CHECK ((select auth.is_admin()) OR (select auth.is_system()));
CREATE POLICY sessions_staff_read ON sessions FOR SELECT TO tally_app
  USING ((select auth.role()) = 'staff');
CREATE POLICY sessions_staff_update ON sessions FOR UPDATE TO tally_app
  USING ((select auth.role()) = 'staff' AND assigned_to = (select auth.uid()))
  WITH CHECK ((select auth.role()) = 'staff' AND assigned_to = (select auth.uid()));
CREATE POLICY sessions_client_read ON sessions FOR SELECT TO tally_app
  USING ((select auth.is_client()) AND client_id = (select auth.client_id()));

ALTER TABLE session_timelines ENABLE ROW LEVEL SECURITY;
ALTER TABLE session_timelines FORCE ROW LEVEL SECURITY;
CREATE POLICY session_timelines_tenant ON session_timelines AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY session_timelines_manage ON session_timelines FOR ALL TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system()))
  WITH CHECK ((select auth.is_admin()) OR (select auth.is_system()));
CREATE POLICY session_timelines_staff_read ON session_timelines FOR SELECT TO tally_app
  USING ((select auth.role()) = 'staff');
CREATE POLICY session_timelines_staff_update ON session_timelines FOR UPDATE TO tally_app
  USING ((select auth.role()) = 'staff' AND EXISTS (
    SELECT 1 FROM sessions s
    WHERE s.studio_id = session_timelines.studio_id AND s.id = session_timelines.session_id
      AND s.assigned_to = (select auth.uid())))
  WITH CHECK ((select auth.role()) = 'staff' AND EXISTS (
    SELECT 1 FROM sessions s
    WHERE s.studio_id = session_timelines.studio_id AND s.id = session_timelines.session_id
      AND s.assigned_to = (select auth.uid())));
CREATE POLICY session_timelines_client_read ON session_timelines FOR SELECT TO tally_app
  USING ((select auth.is_client()) AND EXISTS (
    SELECT 1 FROM sessions s
    WHERE s.studio_id = session_timelines.studio_id AND s.id = session_timelines.session_id
      AND s.client_id = (select auth.client_id())));

-- ---------------------------------------------------------------------------------------------
-- quotes, contracts: admins manage; the team reads (staff and bookkeepers); a client reads their
-- own once sent: a draft is the studio's work in progress. Signing and accepting will go through
-- SECURITY DEFINER functions that record the evidence.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE quotes ENABLE ROW LEVEL SECURITY;
ALTER TABLE quotes FORCE ROW LEVEL SECURITY;
CREATE POLICY quotes_tenant ON quotes AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY quotes_manage ON quotes FOR ALL TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system()))
  WITH CHECK ((select auth.is_admin()) OR (select auth.is_system()));
CREATE POLICY quotes_team_read ON quotes FOR SELECT TO tally_app
  USING ((select auth.is_team()));
CREATE POLICY quotes_client_read ON quotes FOR SELECT TO tally_app
  USING ((select auth.is_client()) AND client_id = (select auth.client_id()) AND status <> 'draft');

ALTER TABLE contracts ENABLE ROW LEVEL SECURITY;
ALTER TABLE contracts FORCE ROW LEVEL SECURITY;
CREATE POLICY contracts_tenant ON contracts AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY contracts_manage ON contracts FOR ALL TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system()))
  WITH CHECK ((select auth.is_admin()) OR (select auth.is_system()));
CREATE POLICY contracts_team_read ON contracts FOR SELECT TO tally_app
  USING ((select auth.is_team()));
CREATE POLICY contracts_client_read ON contracts FOR SELECT TO tally_app
  USING ((select auth.is_client()) AND client_id = (select auth.client_id()) AND status <> 'draft');

-- ---------------------------------------------------------------------------------------------
-- payments: owners, admins and bookkeepers read; writing money records takes can_manage_payments
-- (owners hold every permission), so an admin without it cannot mark a balance paid. Staff get
-- nothing. A client reads their own.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
ALTER TABLE payments FORCE ROW LEVEL SECURITY;
CREATE POLICY payments_tenant ON payments AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY payments_read ON payments FOR SELECT TO tally_app
  USING ((select auth.role()) IN ('owner', 'admin', 'bookkeeper', 'system'));
CREATE POLICY payments_manage ON payments FOR ALL TO tally_app
  USING ((select auth.is_system())
         OR ((select auth.role()) IN ('owner', 'admin', 'bookkeeper') AND (select auth.has_permission('can_manage_payments'))))
  WITH CHECK ((select auth.is_system())
         OR ((select auth.role()) IN ('owner', 'admin', 'bookkeeper') AND (select auth.has_permission('can_manage_payments'))));
CREATE POLICY payments_client_read ON payments FOR SELECT TO tally_app
  USING ((select auth.is_client()) AND client_id = (select auth.client_id()));

-- ---------------------------------------------------------------------------------------------
-- documents: admins manage; staff read; a client reads the documents filed under them.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
CREATE POLICY documents_tenant ON documents AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY documents_manage ON documents FOR ALL TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system()))
  WITH CHECK ((select auth.is_admin()) OR (select auth.is_system()));
CREATE POLICY documents_staff_read ON documents FOR SELECT TO tally_app
  USING ((select auth.role()) = 'staff');
CREATE POLICY documents_client_read ON documents FOR SELECT TO tally_app
  USING ((select auth.is_client()) AND client_id = (select auth.client_id()));

-- ---------------------------------------------------------------------------------------------
-- galleries, gallery_images: admins manage; staff read; the client a gallery belongs to reads it
-- and its images once it is no longer a draft. Images are reached through their gallery by its
-- primary key (studio_id, id).
-- ---------------------------------------------------------------------------------------------
ALTER TABLE galleries ENABLE ROW LEVEL SECURITY;
ALTER TABLE galleries FORCE ROW LEVEL SECURITY;
CREATE POLICY galleries_tenant ON galleries AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY galleries_manage ON galleries FOR ALL TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system()))
  WITH CHECK ((select auth.is_admin()) OR (select auth.is_system()));
CREATE POLICY galleries_staff_read ON galleries FOR SELECT TO tally_app
  USING ((select auth.role()) = 'staff');
CREATE POLICY galleries_client_read ON galleries FOR SELECT TO tally_app
  USING ((select auth.is_client()) AND client_id = (select auth.client_id()) AND status <> 'draft');

ALTER TABLE gallery_images ENABLE ROW LEVEL SECURITY;
ALTER TABLE gallery_images FORCE ROW LEVEL SECURITY;
CREATE POLICY gallery_images_tenant ON gallery_images AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY gallery_images_manage ON gallery_images FOR ALL TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system()))
  WITH CHECK ((select auth.is_admin()) OR (select auth.is_system()));
CREATE POLICY gallery_images_staff_read ON gallery_images FOR SELECT TO tally_app
  USING ((select auth.role()) = 'staff');
CREATE POLICY gallery_images_client_read ON gallery_images FOR SELECT TO tally_app
  USING ((select auth.is_client()) AND EXISTS (
    SELECT 1 FROM galleries g
    WHERE g.studio_id = gallery_images.studio_id AND g.id = gallery_images.gallery_id
      AND g.client_id = (select auth.client_id()) AND g.status <> 'draft'));

-- ---------------------------------------------------------------------------------------------
-- gallery_access_log: append-only evidence. A client records their own access to a gallery they
-- may see; the system identity records too; owners, admins and the system read. No policy allows
-- UPDATE or DELETE, so nobody changes or erases a row through the app.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE gallery_access_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE gallery_access_log FORCE ROW LEVEL SECURITY;
CREATE POLICY gallery_access_log_tenant ON gallery_access_log AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY gallery_access_log_admin_read ON gallery_access_log FOR SELECT TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system()));
CREATE POLICY gallery_access_log_client_insert ON gallery_access_log FOR INSERT TO tally_app
  WITH CHECK ((select auth.is_client()) AND client_id = (select auth.client_id()) AND EXISTS (
    SELECT 1 FROM galleries g
    WHERE g.studio_id = gallery_access_log.studio_id AND g.id = gallery_access_log.gallery_id
      AND g.client_id = (select auth.client_id()) AND g.status <> 'draft'));
CREATE POLICY gallery_access_log_system_insert ON gallery_access_log FOR INSERT TO tally_app
  WITH CHECK ((select auth.is_system()));

-- ---------------------------------------------------------------------------------------------
-- gallery_settings, timeline_templates: studio configuration. The team reads, admins write.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE gallery_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE gallery_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY gallery_settings_tenant ON gallery_settings AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY gallery_settings_manage ON gallery_settings FOR ALL TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system()))
  WITH CHECK ((select auth.is_admin()) OR (select auth.is_system()));
CREATE POLICY gallery_settings_team_read ON gallery_settings FOR SELECT TO tally_app
  USING ((select auth.is_team()));

ALTER TABLE timeline_templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE timeline_templates FORCE ROW LEVEL SECURITY;
CREATE POLICY timeline_templates_tenant ON timeline_templates AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY timeline_templates_manage ON timeline_templates FOR ALL TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system()))
  WITH CHECK ((select auth.is_admin()) OR (select auth.is_system()));
CREATE POLICY timeline_templates_team_read ON timeline_templates FOR SELECT TO tally_app
  USING ((select auth.is_team()));

COMMIT;
