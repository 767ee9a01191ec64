-- Team sign-in: account lockout and session revalidation on admin_users, password reset tokens,
-- and the SECURITY DEFINER functions of the flows that run before anyone is signed in (sign-in,
-- password reset, accepting an invitation) or before the request's claims are known (the cookie
-- check of every request). Row-level security hides admin_users from a request without claims, so
-- these functions, owned by the owner (BYPASSRLS), do exactly those lookups and return only what
-- the flow needs. See docs/decisions/0007-sign-in-and-sessions.md.
SET lock_timeout = '5s';
BEGIN;

-- ---------------------------------------------------------------------------------------------
-- admin_users: lockout and the security stamp
-- ---------------------------------------------------------------------------------------------
-- Constant defaults: PostgreSQL stores them once, no table rewrite.
ALTER TABLE admin_users ADD COLUMN failed_sign_in_count integer NOT NULL DEFAULT 0;
ALTER TABLE admin_users ADD COLUMN locked_until timestamptz;
-- A random value carried in the cookie; changing it (password reset, deactivation) ends every
-- session of the member at their next request. NULL on rows older than this column means "no
-- stamp yet": the next sign-in gives them one. New rows get one at once.
ALTER TABLE admin_users ADD COLUMN security_stamp uuid;
ALTER TABLE admin_users ALTER COLUMN security_stamp SET DEFAULT gen_random_uuid();
COMMENT ON COLUMN admin_users.failed_sign_in_count IS 'Wrong passwords since the last successful sign-in or lockout.';
COMMENT ON COLUMN admin_users.locked_until IS 'Sign-in is refused until then, whatever the password (repeated failures).';
COMMENT ON COLUMN admin_users.security_stamp IS 'Changes when every session of the member must end (password reset, deactivation).';

-- ---------------------------------------------------------------------------------------------
-- password_reset_tokens: one-time links, valid one hour; only a SHA-256 of the token is stored
-- ---------------------------------------------------------------------------------------------
CREATE TABLE password_reset_tokens (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  admin_user_id uuid NOT NULL,
  token_hash text COLLATE "C" NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  CONSTRAINT password_reset_tokens_token_hash_key UNIQUE (token_hash),
  FOREIGN KEY (studio_id, admin_user_id) REFERENCES admin_users (studio_id, id) ON DELETE CASCADE,
  CONSTRAINT password_reset_tokens_token_hash_format CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT password_reset_tokens_lifetime CHECK (expires_at > created_at AND expires_at <= created_at + interval '1 hour')
);
COMMENT ON TABLE password_reset_tokens IS 'One-time password reset links of team members, valid one hour. Only a SHA-256 of the token is stored.';
CREATE INDEX password_reset_tokens_admin_user_idx ON password_reset_tokens (studio_id, admin_user_id);
CREATE TRIGGER password_reset_tokens_set_updated_at BEFORE UPDATE ON password_reset_tokens FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Studio isolation as on every table; beyond it only the system identity (a cleanup job of one
-- studio) reaches rows directly. Tokens are made and used only through the functions below.
ALTER TABLE password_reset_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE password_reset_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY password_reset_tokens_tenant ON password_reset_tokens AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY password_reset_tokens_system ON password_reset_tokens FOR ALL TO tally_app
  USING ((select auth.is_system())) WITH CHECK ((select auth.is_system()));

-- ---------------------------------------------------------------------------------------------
-- Sign-in
-- ---------------------------------------------------------------------------------------------

-- The accounts an address may sign in to: active team members with a password, first by studio
-- slug (the app signs in to the first whose password matches). The hash leaves the database
-- because the app verifies it (ASP.NET Core Identity's PasswordHasher).
CREATE FUNCTION auth.team_sign_in_candidates(p_email text)
RETURNS TABLE (studio_id uuid, user_id uuid, password_hash text, locked boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.studio_id, u.id, u.password_hash, coalesce(u.locked_until > now(), false)
  FROM admin_users u
  JOIN studios s ON s.id = u.studio_id
  WHERE u.email = p_email::citext AND u.is_active AND u.password_hash IS NOT NULL
  ORDER BY s.slug
$$;
COMMENT ON FUNCTION auth.team_sign_in_candidates(text) IS
  'Sign-in: the active accounts of an address with their password hash and whether they are locked, by studio slug.';

-- A wrong password for an address: counts a failure on each of its active, unlocked accounts and
-- locks those that reach p_max_failures for p_lockout. Failures during a lock are not counted, so
-- an attacker cannot keep an account locked longer than one lockout per p_max_failures tries.
CREATE FUNCTION auth.record_team_sign_in_failure(p_email text, p_max_failures integer, p_lockout interval)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE admin_users u SET
    failed_sign_in_count = CASE WHEN u.failed_sign_in_count + 1 >= p_max_failures THEN 0 ELSE u.failed_sign_in_count + 1 END,
    locked_until = CASE WHEN u.failed_sign_in_count + 1 >= p_max_failures THEN now() + p_lockout ELSE NULL END
  WHERE u.email = p_email::citext AND u.is_active AND (u.locked_until IS NULL OR u.locked_until <= now())
$$;
COMMENT ON FUNCTION auth.record_team_sign_in_failure(text, integer, interval) IS
  'Sign-in: counts a wrong password on the address''s accounts and locks those that reach the limit.';

-- The password matched: clears the failures, records the sign-in, stores a rehashed password when
-- the hasher asked for one, and returns who signed in. p_verified_hash must still be the stored
-- hash, so a password changed between the check and this call is not honoured; a deactivated or
-- locked account gets no row.
CREATE FUNCTION auth.complete_team_sign_in(p_studio_id uuid, p_user_id uuid, p_verified_hash text, p_rehashed text)
RETURNS TABLE (email text, full_name text, role text, can_view_analytics boolean, can_manage_payments boolean,
               can_manage_team boolean, security_stamp uuid)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE admin_users u SET
    failed_sign_in_count = 0,
    locked_until = NULL,
    last_sign_in_at = now(),
    password_hash = coalesce(p_rehashed, u.password_hash),
    security_stamp = coalesce(u.security_stamp, gen_random_uuid())
  WHERE u.studio_id = p_studio_id AND u.id = p_user_id AND u.password_hash = p_verified_hash
    AND u.is_active AND (u.locked_until IS NULL OR u.locked_until <= now())
  RETURNING u.email::text, u.full_name, u.role, u.can_view_analytics, u.can_manage_payments, u.can_manage_team, u.security_stamp
$$;
COMMENT ON FUNCTION auth.complete_team_sign_in(uuid, uuid, text, text) IS
  'Sign-in: after the password was verified, resets the failures and returns the member''s claims, or no row.';

-- Every request with a team cookie: the member's current claims, or no row when they were
-- deactivated or their security stamp changed. Needs the stamp from the cookie, so knowing a
-- member's ids is not enough to read their row.
CREATE FUNCTION auth.team_session(p_studio_id uuid, p_user_id uuid, p_security_stamp uuid)
RETURNS TABLE (email text, full_name text, role text, can_view_analytics boolean, can_manage_payments boolean,
               can_manage_team boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.email::text, u.full_name, u.role, u.can_view_analytics, u.can_manage_payments, u.can_manage_team
  FROM admin_users u
  WHERE u.studio_id = p_studio_id AND u.id = p_user_id AND u.is_active AND u.security_stamp = p_security_stamp
$$;
COMMENT ON FUNCTION auth.team_session(uuid, uuid, uuid) IS
  'Cookie revalidation: the member''s current claims while active and the stamp matches, or no row.';

-- ---------------------------------------------------------------------------------------------
-- Password reset
-- ---------------------------------------------------------------------------------------------

-- "Email me a reset link": makes a one-hour link for the active account of that address in
-- p_studio_id and returns whom to mail, replacing the account's earlier unused links. The caller
-- learns the accounts of an address from auth.password_reset_accounts and answers every address
-- alike, whether or not it found one.
CREATE FUNCTION auth.password_reset_accounts(p_email text)
RETURNS TABLE (studio_id uuid, user_id uuid, studio_name text, full_name text, email text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.studio_id, u.id, s.name, u.full_name, u.email::text
  FROM admin_users u
  JOIN studios s ON s.id = u.studio_id
  WHERE u.email = p_email::citext AND u.is_active
  ORDER BY s.slug
$$;
COMMENT ON FUNCTION auth.password_reset_accounts(text) IS
  'Password reset: the active accounts of an address (to mail a link to each), by studio slug.';

CREATE FUNCTION auth.issue_password_reset(p_studio_id uuid, p_user_id uuid, p_token_id uuid, p_token_hash text)
RETURNS timestamptz
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DELETE FROM password_reset_tokens t
  WHERE t.studio_id = p_studio_id AND t.admin_user_id = p_user_id AND t.used_at IS NULL;
  INSERT INTO password_reset_tokens (studio_id, id, admin_user_id, token_hash, expires_at)
  SELECT u.studio_id, p_token_id, u.id, p_token_hash, now() + interval '1 hour'
  FROM admin_users u
  WHERE u.studio_id = p_studio_id AND u.id = p_user_id AND u.is_active
  RETURNING expires_at;
$$;
COMMENT ON FUNCTION auth.issue_password_reset(uuid, uuid, uuid, text) IS
  'Password reset: a one-hour link for an active member, replacing their unused ones; returns its expiry, or NULL.';

-- Whether a reset link can still be used (the page asks before showing its form).
CREATE FUNCTION auth.password_reset_is_open(p_token_hash text)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM password_reset_tokens t
    JOIN admin_users u ON u.studio_id = t.studio_id AND u.id = t.admin_user_id
    WHERE t.token_hash = p_token_hash AND t.used_at IS NULL AND t.expires_at > now() AND u.is_active)
$$;
COMMENT ON FUNCTION auth.password_reset_is_open(text) IS
  'Password reset: true while the link is unused, unexpired and its member active.';

-- Uses a reset link, once: sets the new password, lifts a lockout, and changes the security stamp
-- (every existing session of the member ends). The member's other unused links go too. Returns the
-- member, or no row (unknown, used or expired link, deactivated member).
CREATE FUNCTION auth.reset_team_password(p_token_hash text, p_password_hash text)
RETURNS TABLE (studio_id uuid, user_id uuid, email text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH used AS (
    UPDATE password_reset_tokens t SET used_at = now()
    WHERE t.token_hash = p_token_hash AND t.used_at IS NULL AND t.expires_at > now()
    RETURNING t.studio_id, t.admin_user_id, t.id
  ), others AS (
    DELETE FROM password_reset_tokens t
    USING used
    WHERE t.studio_id = used.studio_id AND t.admin_user_id = used.admin_user_id AND t.id <> used.id AND t.used_at IS NULL
  ), member AS (
    UPDATE admin_users u SET
      password_hash = p_password_hash,
      failed_sign_in_count = 0,
      locked_until = NULL,
      security_stamp = gen_random_uuid()
    FROM used
    WHERE u.studio_id = used.studio_id AND u.id = used.admin_user_id AND u.is_active
    RETURNING u.studio_id, u.id, u.email::text AS email
  )
  SELECT m.studio_id, m.id, m.email FROM member m
$$;
COMMENT ON FUNCTION auth.reset_team_password(text, text) IS
  'Password reset: marks a valid link used and sets the member''s password; returns the member, or no row.';

-- ---------------------------------------------------------------------------------------------
-- Invitations
-- ---------------------------------------------------------------------------------------------

-- What the acceptance page shows: the open (not accepted, not revoked, unexpired) invitation.
CREATE FUNCTION auth.open_admin_invitation(p_token_hash text)
RETURNS TABLE (studio_name text, email text, role text, expires_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s.name, i.email::text, i.role, i.expires_at
  FROM admin_invitations i
  JOIN studios s ON s.id = i.studio_id
  WHERE i.token_hash = p_token_hash AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
$$;
COMMENT ON FUNCTION auth.open_admin_invitation(text) IS
  'Invitation: the studio, address and role of an open invitation, or no row.';

-- Accepts an invitation, once: the invitee becomes an active member of the studio with the
-- invitation's role, the role's default permissions and the password they chose. Re-inviting a
-- deactivated member brings their row back; an address that is an active member already gets no
-- row (its invitation stays unused). Returns the new member's claims, or no row.
CREATE FUNCTION auth.accept_admin_invitation(p_token_hash text, p_user_id uuid, p_full_name text, p_password_hash text)
RETURNS TABLE (studio_id uuid, user_id uuid, email text, full_name text, role text, can_view_analytics boolean,
               can_manage_payments boolean, can_manage_team boolean, security_stamp uuid)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  invitation admin_invitations%ROWTYPE;
BEGIN
  SELECT * INTO invitation FROM admin_invitations i
  WHERE i.token_hash = p_token_hash AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
  FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;

  RETURN QUERY
  INSERT INTO admin_users AS u (studio_id, id, email, full_name, role, is_active, can_view_analytics,
                                can_manage_payments, can_manage_team, password_hash, security_stamp, last_sign_in_at)
  VALUES (invitation.studio_id, p_user_id, invitation.email, p_full_name, invitation.role, true,
          invitation.role IN ('owner', 'admin', 'bookkeeper'), invitation.role IN ('owner', 'bookkeeper'),
          invitation.role IN ('owner', 'admin'), p_password_hash, gen_random_uuid(), now())
  ON CONFLICT ON CONSTRAINT admin_users_studio_id_email_key DO UPDATE SET
    full_name = EXCLUDED.full_name,
    role = EXCLUDED.role,
    is_active = true,
    can_view_analytics = EXCLUDED.can_view_analytics,
    can_manage_payments = EXCLUDED.can_manage_payments,
    can_manage_team = EXCLUDED.can_manage_team,
    password_hash = EXCLUDED.password_hash,
    failed_sign_in_count = 0,
    locked_until = NULL,
    security_stamp = EXCLUDED.security_stamp,
    last_sign_in_at = EXCLUDED.last_sign_in_at
  WHERE NOT u.is_active
  RETURNING u.studio_id, u.id, u.email::text, u.full_name, u.role, u.can_view_analytics, u.can_manage_payments,
            u.can_manage_team, u.security_stamp;

  IF FOUND THEN
    UPDATE admin_invitations i SET accepted_at = now() WHERE i.studio_id = invitation.studio_id AND i.id = invitation.id;
  END IF;
END;
$$;
COMMENT ON FUNCTION auth.accept_admin_invitation(text, uuid, text, text) IS
  'Invitation: makes the invitee an active member once; returns the member''s claims, or no row.';

REVOKE EXECUTE ON FUNCTION auth.team_sign_in_candidates(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION auth.record_team_sign_in_failure(text, integer, interval) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION auth.complete_team_sign_in(uuid, uuid, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION auth.team_session(uuid, uuid, uuid) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION auth.password_reset_accounts(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION auth.issue_password_reset(uuid, uuid, uuid, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION auth.password_reset_is_open(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION auth.reset_team_password(text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION auth.open_admin_invitation(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION auth.accept_admin_invitation(text, uuid, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.team_sign_in_candidates(text) TO tally_app;
GRANT EXECUTE ON FUNCTION auth.record_team_sign_in_failure(text, integer, interval) TO tally_app;
GRANT EXECUTE ON FUNCTION auth.complete_team_sign_in(uuid, uuid, text, text) TO tally_app;
GRANT EXECUTE ON FUNCTION auth.team_session(uuid, uuid, uuid) TO tally_app;
GRANT EXECUTE ON FUNCTION auth.password_reset_accounts(text) TO tally_app;
GRANT EXECUTE ON FUNCTION auth.issue_password_reset(uuid, uuid, uuid, text) TO tally_app;
GRANT EXECUTE ON FUNCTION auth.password_reset_is_open(text) TO tally_app;
GRANT EXECUTE ON FUNCTION auth.reset_team_password(text, text) TO tally_app;
GRANT EXECUTE ON FUNCTION auth.open_admin_invitation(text) TO tally_app;
GRANT EXECUTE ON FUNCTION auth.accept_admin_invitation(text, uuid, text, text) TO tally_app;

COMMIT;

