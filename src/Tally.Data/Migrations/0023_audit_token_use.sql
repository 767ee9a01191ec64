-- Token use as an audit event of its own (issue 5: sign-ins, token use and exports are recorded).
-- Written when the token's last_used_at moves, that is at most once a minute per token: a busy
-- integration is recorded as in use without writing an audit row for every request it makes.
SET lock_timeout = '5s';
BEGIN;

CREATE OR REPLACE FUNCTION auth.authenticate_api_token(p_token_hash text)
RETURNS TABLE (token_id uuid, studio_id uuid, user_id uuid, email text, role text,
               can_view_analytics boolean, can_manage_payments boolean, can_manage_team boolean)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH found AS (
    SELECT t.studio_id, t.id, t.name, t.token_prefix, t.admin_user_id, u.email::text AS email, t.role, t.role = u.role AS own_role,
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
  ), recorded AS (
    -- No claims are set yet (this is the authentication): the studio is passed, and the email
    -- comes from the metadata.
    SELECT count(audit.record_event('token_used',
             jsonb_build_object('token_id', f.id, 'token_name', f.name, 'token_prefix', f.token_prefix, 'role', f.role,
                                'user_id', f.admin_user_id, 'email', f.email),
             f.studio_id)) AS n
    FROM found f JOIN touched x ON x.id = f.id
  )
  SELECT f.id, f.studio_id, f.admin_user_id, f.email, f.role,
         f.own_role AND f.can_view_analytics, f.own_role AND f.can_manage_payments, f.own_role AND f.can_manage_team
  FROM found f, recorded
$$;
COMMENT ON FUNCTION auth.authenticate_api_token(text) IS
  'Bearer authentication: the token''s identity by the SHA-256 of the token, or no row. Records last use and a token_used audit event (at most once a minute).';

COMMIT;
