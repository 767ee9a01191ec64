-- Bearer authentication, the same answer and the same once-a-minute touch and token_used event as
-- 0023, in PL/pgSQL. As a SQL function with data-modifying CTEs it could not be inlined and was
-- parsed and planned whole on every request (0.43 ms of each API call); PL/pgSQL keeps its
-- statements prepared on the connection, reads the token first and writes only when the last use
-- is over a minute old (0.24 ms). Same signature: running app instances use it at once.
SET lock_timeout = '5s';
BEGIN;

CREATE OR REPLACE FUNCTION auth.authenticate_api_token(p_token_hash text)
RETURNS TABLE (token_id uuid, studio_id uuid, user_id uuid, email text, role text,
               can_view_analytics boolean, can_manage_payments boolean, can_manage_team boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  f record;
BEGIN
  SELECT t.studio_id, t.id, t.name, t.token_prefix, t.admin_user_id, u.email::text AS email, t.role,
         t.role = u.role AS own_role, t.last_used_at,
         u.can_view_analytics, u.can_manage_payments, u.can_manage_team
    INTO f
    FROM api_tokens t
    JOIN admin_users u ON u.studio_id = t.studio_id AND u.id = t.admin_user_id
   WHERE t.token_hash = p_token_hash
     AND t.revoked_at IS NULL
     AND (t.expires_at IS NULL OR t.expires_at > now())
     AND u.is_active
     AND auth.role_grants(u.role, t.role);
  IF NOT FOUND THEN
    RETURN;
  END IF;
  -- Checked again by the UPDATE itself: of two requests at once, only the one that updates records.
  IF f.last_used_at IS NULL OR f.last_used_at < now() - interval '1 minute' THEN
    UPDATE api_tokens t SET last_used_at = now()
     WHERE t.studio_id = f.studio_id AND t.id = f.id
       AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute');
    IF FOUND THEN
      PERFORM audit.record_event('token_used',
        jsonb_build_object('token_id', f.id, 'token_name', f.name, 'token_prefix', f.token_prefix, 'role', f.role,
                           'user_id', f.admin_user_id, 'email', f.email),
        f.studio_id);
    END IF;
  END IF;
  RETURN QUERY SELECT f.id, f.studio_id, f.admin_user_id, f.email, f.role,
    f.own_role AND f.can_view_analytics, f.own_role AND f.can_manage_payments, f.own_role AND f.can_manage_team;
END;
$$;
COMMENT ON FUNCTION auth.authenticate_api_token(text) IS
  'Bearer authentication: the token''s identity by the SHA-256 of the token, or no row. Records last use and a token_used audit event (at most once a minute).';

COMMIT;
