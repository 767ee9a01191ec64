-- Access without a password: personal access tokens for integrators (api_tokens) and one-time
-- sign-in links for the client portal (client_sign_in_links).
--
-- Secrets are never stored: only the SHA-256 (hex) of the whole token, made by
-- Tally.Data.Security.AccessTokens / SignInSecrets. Finding a row by its hash happens before
-- anyone is signed in, so the app cannot see it through row-level security; the SECURITY DEFINER
-- functions at the end do exactly those lookups and return only what the flow needs.
SET lock_timeout = '5s';
BEGIN;

-- True when someone holding role `holder` may hand out `granted`: nobody grants more than they
-- hold, and staff and bookkeepers cannot grant each other's role (payments vs assigned work).
CREATE FUNCTION auth.role_grants(holder text, granted text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT holder = granted
      OR (holder = 'owner' AND granted IN ('admin', 'staff', 'bookkeeper'))
      OR (holder = 'admin' AND granted IN ('staff', 'bookkeeper'))
$$;
COMMENT ON FUNCTION auth.role_grants(text, text) IS
  'Whether a team member of role holder may create a token (or grant) of role granted.';

-- ---------------------------------------------------------------------------------------------
-- api_tokens: personal access tokens, `Authorization: Bearer tly_…`
-- ---------------------------------------------------------------------------------------------
CREATE TABLE api_tokens (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  admin_user_id uuid NOT NULL,
  name text NOT NULL,
  token_prefix text COLLATE "C" NOT NULL,
  token_hash text COLLATE "C" NOT NULL,
  role text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid,
  PRIMARY KEY (studio_id, id),
  CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash),
  -- A token acts for its person: it goes when they go.
  FOREIGN KEY (studio_id, admin_user_id) REFERENCES admin_users (studio_id, id) ON DELETE CASCADE,
  FOREIGN KEY (studio_id, revoked_by) REFERENCES admin_users (studio_id, id) ON DELETE SET NULL (revoked_by),
  CONSTRAINT api_tokens_role_check CHECK (role IN ('owner', 'admin', 'staff', 'bookkeeper')),
  CONSTRAINT api_tokens_name_length CHECK (btrim(name) <> '' AND char_length(name) <= 100),
  CONSTRAINT api_tokens_token_prefix_format CHECK (token_prefix ~ '^tly_[A-Za-z0-9_-]{4,12}$'),
  CONSTRAINT api_tokens_token_hash_format CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT api_tokens_expiry CHECK (expires_at > created_at),
  CONSTRAINT api_tokens_revoked_by_needs_revoked_at CHECK (revoked_by IS NULL OR revoked_at IS NOT NULL)
);
COMMENT ON TABLE api_tokens IS 'Personal access tokens of team members for the REST API. Only a SHA-256 of the token is stored; token_prefix is for recognising it in lists.';
COMMENT ON COLUMN api_tokens.role IS 'The role the token acts with: at most its creator''s (auth.role_grants), checked again at every use.';
COMMENT ON COLUMN api_tokens.last_used_at IS 'Updated at most once a minute, so busy integrations do not write on every request.';
CREATE INDEX api_tokens_admin_user_idx ON api_tokens (studio_id, admin_user_id, created_at DESC);
CREATE INDEX api_tokens_revoked_by_idx ON api_tokens (studio_id, revoked_by) WHERE revoked_by IS NOT NULL;
CREATE TRIGGER api_tokens_set_updated_at BEFORE UPDATE ON api_tokens FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- A token is immutable once made: it may only be revoked (once) and have its last use recorded.
-- Policies decide who may update a row; this decides what an update may change.
CREATE FUNCTION api_tokens_guard_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.studio_id, NEW.id, NEW.admin_user_id, NEW.name, NEW.token_prefix, NEW.token_hash, NEW.role, NEW.created_at, NEW.expires_at)
     IS DISTINCT FROM
     (OLD.studio_id, OLD.id, OLD.admin_user_id, OLD.name, OLD.token_prefix, OLD.token_hash, OLD.role, OLD.created_at, OLD.expires_at)
  THEN
    RAISE EXCEPTION 'an API token cannot be changed, only revoked' USING ERRCODE = 'check_violation';
  END IF;
  -- revoked_by may still go NULL: ON DELETE SET NULL when the revoking member's row is deleted.
  IF OLD.revoked_at IS NOT NULL
     AND (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at OR (NEW.revoked_by IS NOT NULL AND NEW.revoked_by IS DISTINCT FROM OLD.revoked_by)) THEN
    RAISE EXCEPTION 'a revoked API token stays revoked' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER api_tokens_guard_update BEFORE UPDATE ON api_tokens FOR EACH ROW EXECUTE FUNCTION api_tokens_guard_update();

ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_tokens FORCE ROW LEVEL SECURITY;

-- The shape of 0004: a RESTRICTIVE tenant policy ANDed with permissive ones per role and command.
-- Admins see and revoke every token of their studio; a team member sees and revokes their own.
CREATE POLICY api_tokens_tenant ON api_tokens AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (SELECT auth.studio_id())) WITH CHECK (studio_id = (SELECT auth.studio_id()));
CREATE POLICY api_tokens_admin_read ON api_tokens FOR SELECT TO tally_app
  USING ((SELECT auth.is_admin()));
CREATE POLICY api_tokens_own_read ON api_tokens FOR SELECT TO tally_app
  USING ((SELECT auth.is_team()) AND admin_user_id = (SELECT auth.uid()));
-- Tokens are made only for oneself, never above the role one is acting with, and start unused.
CREATE POLICY api_tokens_own_insert ON api_tokens FOR INSERT TO tally_app
  WITH CHECK ((SELECT auth.is_team()) AND admin_user_id = (SELECT auth.uid())
              AND auth.role_grants((SELECT auth.role()), role)
              AND last_used_at IS NULL AND revoked_at IS NULL);
CREATE POLICY api_tokens_admin_revoke ON api_tokens FOR UPDATE TO tally_app
  USING ((SELECT auth.is_admin())) WITH CHECK ((SELECT auth.is_admin()));
CREATE POLICY api_tokens_own_revoke ON api_tokens FOR UPDATE TO tally_app
  USING ((SELECT auth.is_team()) AND admin_user_id = (SELECT auth.uid()))
  WITH CHECK ((SELECT auth.is_team()) AND admin_user_id = (SELECT auth.uid()));
-- No DELETE policy: revoked tokens stay, as the record of who could reach the API.

-- ---------------------------------------------------------------------------------------------
-- client_sign_in_links: one-time, 15-minute links that sign a client in to the portal
-- ---------------------------------------------------------------------------------------------
CREATE TABLE client_sign_in_links (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  client_id uuid NOT NULL,
  token_hash text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (studio_id, id),
  CONSTRAINT client_sign_in_links_token_hash_key UNIQUE (token_hash),
  FOREIGN KEY (studio_id, client_id) REFERENCES clients (studio_id, id) ON DELETE CASCADE,
  CONSTRAINT client_sign_in_links_token_hash_format CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT client_sign_in_links_lifetime CHECK (expires_at > created_at AND expires_at <= created_at + interval '15 minutes')
);
COMMENT ON TABLE client_sign_in_links IS 'One-time sign-in links of the client portal, valid 15 minutes. Only a SHA-256 of the token is stored.';
CREATE INDEX client_sign_in_links_client_idx ON client_sign_in_links (studio_id, client_id, created_at DESC);
CREATE TRIGGER client_sign_in_links_set_updated_at BEFORE UPDATE ON client_sign_in_links FOR EACH ROW EXECUTE FUNCTION set_updated_at();

ALTER TABLE client_sign_in_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE client_sign_in_links FORCE ROW LEVEL SECURITY;

-- Admins may see when their clients asked for links. Links are made and used only through the
-- functions below, so the application role gets no INSERT, UPDATE or DELETE policy.
CREATE POLICY client_sign_in_links_tenant ON client_sign_in_links AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (SELECT auth.studio_id())) WITH CHECK (studio_id = (SELECT auth.studio_id()));
CREATE POLICY client_sign_in_links_admin_read ON client_sign_in_links FOR SELECT TO tally_app
  USING ((SELECT auth.is_admin()));

-- ---------------------------------------------------------------------------------------------
-- Pre-authentication lookups (SECURITY DEFINER, owner's rights, fixed search_path)
-- ---------------------------------------------------------------------------------------------

-- The identity a bearer token acts as, or no row: unknown, revoked or expired tokens, tokens of a
-- deactivated team member, and tokens whose role their person no longer holds. The person's
-- permission flags come along only when the token has the person's own role: a token scoped down
-- to staff should not read analytics because its maker may. Records the use at most once a minute.
CREATE FUNCTION auth.authenticate_api_token(p_token_hash text)
RETURNS TABLE (token_id uuid, studio_id uuid, user_id uuid, email text, role text,
               can_view_analytics boolean, can_manage_payments boolean, can_manage_team boolean)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH found AS (
    SELECT t.studio_id, t.id, t.admin_user_id, u.email::text AS email, t.role, t.role = u.role AS own_role,
           u.can_view_analytics, u.can_manage_payments, u.can_manage_team
    FROM api_tokens t
    JOIN admin_users u ON u.studio_id = t.studio_id AND u.id = t.admin_user_id
    WHERE t.token_hash = p_token_hash
      AND t.revoked_at IS NULL
      AND (t.expires_at IS NULL OR t.expires_at > now())
      AND u.is_active
      AND auth.role_grants(u.role, t.role)
  ), touched AS (
    UPDATE api_tokens t SET last_used_at = now()
    FROM found f
    WHERE t.studio_id = f.studio_id AND t.id = f.id
      -- The row's own column, not the CTE's copy: a request that waited on a concurrent one's
      -- update re-checks the new value and skips, so a burst writes once.
      AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute')
    RETURNING t.id
  )
  SELECT f.id, f.studio_id, f.admin_user_id, f.email, f.role,
         f.own_role AND f.can_view_analytics, f.own_role AND f.can_manage_payments, f.own_role AND f.can_manage_team
  FROM found f
$$;
COMMENT ON FUNCTION auth.authenticate_api_token(text) IS
  'Bearer authentication: the token''s identity by the SHA-256 of the token, or no row. Records last use (at most once a minute).';

-- "Email me a sign-in link": makes a 15-minute link when the address is a client of that studio
-- who has been given portal access (an invitation that was not revoked), and returns whom to mail.
-- An unknown address, a client of another studio, a client without access, or a client who already
-- asked five times in fifteen minutes gets no row: the caller answers all of them alike.
CREATE FUNCTION auth.issue_client_sign_in_link(p_studio_slug text, p_email text, p_link_id uuid, p_token_hash text)
RETURNS TABLE (studio_id uuid, studio_slug text, studio_name text, client_id uuid, first_name text, email text, expires_at timestamptz)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH client AS (
    SELECT s.id AS studio_id, s.slug, s.name, c.id AS client_id, c.first_name, c.email::text AS email
    FROM studios s
    JOIN clients c ON c.studio_id = s.id AND c.email = p_email::citext
    WHERE s.slug = p_studio_slug
      AND EXISTS (SELECT 1 FROM client_invitations i
                  WHERE i.studio_id = c.studio_id AND i.client_id = c.id AND i.revoked_at IS NULL)
      AND (SELECT count(*) FROM client_sign_in_links l
           WHERE l.studio_id = c.studio_id AND l.client_id = c.id AND l.created_at > now() - interval '15 minutes') < 5
  ), issued AS (
    INSERT INTO client_sign_in_links (studio_id, id, client_id, token_hash, expires_at)
    SELECT client.studio_id, p_link_id, client.client_id, p_token_hash, now() + interval '15 minutes'
    FROM client
    RETURNING client_sign_in_links.expires_at
  )
  SELECT c.studio_id, c.slug::text, c.name, c.client_id, c.first_name, c.email, i.expires_at
  FROM client c CROSS JOIN issued i
$$;
COMMENT ON FUNCTION auth.issue_client_sign_in_link(text, text, uuid, text) IS
  'Portal sign-in: a one-time 15-minute link for a client with portal access of that studio, or no row.';

-- Uses a sign-in link: once, before it expires. Returns the client to sign in, or no row.
CREATE FUNCTION auth.redeem_client_sign_in_link(p_token_hash text)
RETURNS TABLE (studio_id uuid, studio_slug text, client_id uuid, email text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH used AS (
    UPDATE client_sign_in_links l SET used_at = now()
    WHERE l.token_hash = p_token_hash AND l.used_at IS NULL AND l.expires_at > now()
    RETURNING l.studio_id, l.client_id
  )
  SELECT u.studio_id, s.slug::text, u.client_id, c.email::text
  FROM used u
  JOIN studios s ON s.id = u.studio_id
  JOIN clients c ON c.studio_id = u.studio_id AND c.id = u.client_id
$$;
COMMENT ON FUNCTION auth.redeem_client_sign_in_link(text) IS
  'Portal sign-in: marks a valid link used and returns its client, or no row (unknown, used or expired).';

-- Accepts a portal invitation: once, before it expires, unless revoked. The invitation is the
-- client's first sign-in, so it returns the client to sign in, or no row.
CREATE FUNCTION auth.accept_client_invitation(p_token_hash text)
RETURNS TABLE (studio_id uuid, studio_slug text, client_id uuid, email text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH accepted AS (
    UPDATE client_invitations i SET accepted_at = now()
    WHERE i.token_hash = p_token_hash AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
    RETURNING i.studio_id, i.client_id
  )
  SELECT a.studio_id, s.slug::text, a.client_id, c.email::text
  FROM accepted a
  JOIN studios s ON s.id = a.studio_id
  JOIN clients c ON c.studio_id = a.studio_id AND c.id = a.client_id
$$;
COMMENT ON FUNCTION auth.accept_client_invitation(text) IS
  'Portal invitation: marks an open, unexpired invitation accepted and returns its client, or no row.';

-- Every request with a client's cookie: true while the client exists and still has portal access
-- (an invitation that was not revoked). Otherwise the session ends at once, not in 12 hours.
CREATE FUNCTION auth.portal_session_is_valid(p_studio_id uuid, p_client_id uuid)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM client_invitations i
    WHERE i.studio_id = p_studio_id AND i.client_id = p_client_id AND i.revoked_at IS NULL)
$$;
COMMENT ON FUNCTION auth.portal_session_is_valid(uuid, uuid) IS
  'Cookie revalidation of a portal client: whether the client still has portal access.';

REVOKE EXECUTE ON FUNCTION auth.authenticate_api_token(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION auth.issue_client_sign_in_link(text, text, uuid, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION auth.redeem_client_sign_in_link(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION auth.accept_client_invitation(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION auth.portal_session_is_valid(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.authenticate_api_token(text) TO tally_app;
GRANT EXECUTE ON FUNCTION auth.issue_client_sign_in_link(text, text, uuid, text) TO tally_app;
GRANT EXECUTE ON FUNCTION auth.redeem_client_sign_in_link(text) TO tally_app;
GRANT EXECUTE ON FUNCTION auth.accept_client_invitation(text) TO tally_app;
GRANT EXECUTE ON FUNCTION auth.portal_session_is_valid(uuid, uuid) TO tally_app;

COMMIT;
