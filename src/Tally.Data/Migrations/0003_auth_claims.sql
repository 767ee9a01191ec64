-- The request's identity inside the database, in the style of Supabase's auth schema.
-- The app opens one transaction per request and first runs
--   select set_config('request.jwt.claims', '<json>', true)
-- (transaction-local). Policies and triggers read the claims through these functions, wrapped as
-- (select auth.studio_id()) so the planner evaluates them once per statement, not once per row.
-- Claims: sub (user id), email, role (owner|admin|staff|bookkeeper|client|system|anon),
-- studio_id, client_id, perms {can_view_analytics, can_manage_payments, can_manage_team},
-- ip, user_agent, request_id.
SET lock_timeout = '5s';
BEGIN;

CREATE SCHEMA auth;
GRANT USAGE ON SCHEMA auth TO tally_app;

CREATE FUNCTION auth.jwt() RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb
$$;
COMMENT ON FUNCTION auth.jwt() IS 'The claims of the current transaction; {} when none were set (anonymous).';

CREATE FUNCTION auth.uid() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT (auth.jwt() ->> 'sub')::uuid $$;

CREATE FUNCTION auth.email() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT auth.jwt() ->> 'email' $$;

CREATE FUNCTION auth.role() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT coalesce(auth.jwt() ->> 'role', 'anon') $$;

CREATE FUNCTION auth.studio_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT (auth.jwt() ->> 'studio_id')::uuid $$;

CREATE FUNCTION auth.client_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT (auth.jwt() ->> 'client_id')::uuid $$;

-- Owners and admins run the studio.
CREATE FUNCTION auth.is_admin() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT auth.role() IN ('owner', 'admin') $$;

-- Anyone on the studio's team, whatever their role.
CREATE FUNCTION auth.is_team() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT auth.role() IN ('owner', 'admin', 'staff', 'bookkeeper') $$;

-- Background work, always for one studio at a time (studio_id is set with it).
CREATE FUNCTION auth.is_system() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT auth.role() = 'system' $$;

-- A permission flag of the signed-in team member; owners hold every permission.
CREATE FUNCTION auth.has_permission(permission text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT auth.role() = 'owner' OR coalesce((auth.jwt() -> 'perms' ->> permission)::boolean, false)
$$;

COMMIT;
