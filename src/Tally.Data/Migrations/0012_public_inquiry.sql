-- The public inquiry form (docs/inquiry.md, decision 0011). A visitor who is not signed in has no
-- studio claim, so row-level security lets them neither read a studio nor write a lead. Two
-- SECURITY DEFINER functions (owned by the owner role, who bypasses RLS; fixed search_path;
-- executable by tally_app only) are the whole of what the form may do:
--   auth.inquiry_studio(slug)  the studio's public face and the currency of its budgets
--   auth.submit_inquiry(...)   one inquiry: a new lead, or an interaction on the open lead of that email
SET lock_timeout = '5s';
BEGIN;

CREATE FUNCTION auth.inquiry_studio(p_slug text)
RETURNS TABLE (id uuid, slug text, name text, default_currency text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT s.id, s.slug::text, s.name, s.default_currency::text FROM public.studios s WHERE s.slug = p_slug
$$;
COMMENT ON FUNCTION auth.inquiry_studio(text) IS
  'The inquiry form''s view of a studio (id, slug, name, default currency) by slug, readable without claims.';
REVOKE EXECUTE ON FUNCTION auth.inquiry_studio(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.inquiry_studio(text) TO tally_app;

-- One inquiry, atomically. Returns ('created', lead id), ('attached', the open lead's id) or no row
-- for an unknown studio. The table's CHECK constraints are the validation of last resort: a value
-- the form let through but the table refuses fails the call (check_violation) and writes nothing.
-- A lead is open while neither its status (won, lost, archived) nor its workflow stage (completed,
-- lost, archived) closes it. The advisory lock serialises the inquiries of one address at one
-- studio, so two simultaneous repeats cannot both find no open lead and create two.
-- search_path has public after pg_catalog: citext's equality operator lives there, and without it
-- the email comparison would silently fall back to case-sensitive text equality.
CREATE FUNCTION auth.submit_inquiry(
  p_slug text, p_lead_id uuid, p_interaction_id uuid,
  p_first_name text, p_last_name text, p_partner_name text, p_email text, p_phone text,
  p_event_type text, p_event_date date, p_budget numeric, p_source text, p_message text)
RETURNS TABLE (outcome text, lead_id uuid)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_studio uuid;
  v_currency text;
  v_open uuid;
BEGIN
  IF p_email IS NULL OR btrim(p_email) = '' THEN
    RAISE EXCEPTION 'an inquiry needs an email address' USING ERRCODE = 'check_violation';
  END IF;
  SELECT s.id, s.default_currency INTO v_studio, v_currency FROM public.studios s WHERE s.slug = p_slug;
  IF v_studio IS NULL THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('inquiry:' || v_studio::text || ':' || lower(p_email), 0));

  SELECT l.id INTO v_open
  FROM public.leads l
  WHERE l.studio_id = v_studio AND l.email = p_email::public.citext
    AND l.status NOT IN ('won', 'lost', 'archived')
    AND l.workflow_stage NOT IN ('completed', 'lost', 'archived')
  ORDER BY l.created_at DESC, l.id DESC
  LIMIT 1;

  IF v_open IS NOT NULL THEN
    INSERT INTO public.lead_interactions (studio_id, id, lead_id, kind, direction, summary, body)
    VALUES (v_studio, p_interaction_id, v_open, 'inquiry', 'inbound',
            left('Repeat inquiry from ' || btrim(p_first_name || ' ' || coalesce(p_last_name, '')), 500),
            concat_ws(E'\n',
              'Name: ' || btrim(p_first_name || ' ' || coalesce(p_last_name, '')),
              'Partner: ' || p_partner_name,
              'Email: ' || p_email,
              'Phone: ' || p_phone,
              'Event type: ' || p_event_type,
              'Event date: ' || p_event_date::text,
              'Budget: ' || p_budget::text || ' ' || v_currency,
              'Heard of us via: ' || p_source,
              CASE WHEN p_message IS NOT NULL THEN E'\n' || p_message END));
    RETURN QUERY SELECT 'attached'::text, v_open;
    RETURN;
  END IF;

  INSERT INTO public.leads (studio_id, id, first_name, last_name, partner_name, email, phone, event_type, event_date,
                            budget, currency, source, message, status)
  VALUES (v_studio, p_lead_id, p_first_name, p_last_name, p_partner_name, p_email, p_phone, p_event_type, p_event_date,
          p_budget, CASE WHEN p_budget IS NOT NULL THEN v_currency END, coalesce(p_source, 'other'), p_message, 'new');
  RETURN QUERY SELECT 'created'::text, p_lead_id;
END;
$$;
COMMENT ON FUNCTION auth.submit_inquiry(text, uuid, uuid, text, text, text, text, text, text, date, numeric, text, text) IS
  'The public inquiry form: creates a lead, or attaches a repeat inquiry to the open lead of the same email (case-insensitive).';
REVOKE EXECUTE ON FUNCTION auth.submit_inquiry(text, uuid, uuid, text, text, text, text, text, text, date, numeric, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.submit_inquiry(text, uuid, uuid, text, text, text, text, text, text, date, numeric, text, text) TO tally_app;

COMMIT;
