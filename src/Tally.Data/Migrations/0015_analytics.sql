-- Analytics (docs/analytics.md, decision 0014): three rollup tables kept current from the base
-- tables. Statement-level triggers with transition tables append the keys a change touched (a
-- studio's local day, month or client) to analytics.changes in the transaction of the change; a job
-- a few seconds behind (analytics.apply_changes) recomputes exactly those keys from the base tables.
-- The triggers never touch a rollup row, so no two writers of a studio queue behind one hot row.
-- The rollups are derived data, rebuilt at will (./tally analytics backfill): they live in their own
-- schema, outside the audit trail, and only team members with can_view_analytics read them.
SET lock_timeout = '5s';
BEGIN;

CREATE SCHEMA analytics;
GRANT USAGE ON SCHEMA analytics TO tally_app;

-- Client lifecycle thresholds, per studio: a client with no activity (contact, session, payment)
-- for client_dormant_after_days is dormant, for client_churned_after_days churned.
ALTER TABLE studios ADD COLUMN client_dormant_after_days integer NOT NULL DEFAULT 180;
ALTER TABLE studios ADD COLUMN client_churned_after_days integer NOT NULL DEFAULT 540;
ALTER TABLE studios ADD CONSTRAINT studios_client_lifecycle_thresholds
  CHECK (client_dormant_after_days BETWEEN 1 AND 3650 AND client_churned_after_days BETWEEN client_dormant_after_days + 1 AND 7300) NOT VALID;
-- lint:allow constraint-not-valid studios holds one row per tenant, a few thousand at most
ALTER TABLE studios VALIDATE CONSTRAINT studios_client_lifecycle_thresholds;
COMMENT ON COLUMN studios.client_dormant_after_days IS 'Days without activity after which a client counts as dormant (analytics).';
COMMENT ON COLUMN studios.client_churned_after_days IS 'Days without activity after which a client counts as churned (analytics).';

-- ---------------------------------------------------------------------------------------------
-- The rollups. Money is a jsonb object {currency: amount}: one key per currency, never summed
-- across currencies; a key is present only when its amount is not zero.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE analytics.daily_business_metrics (
  studio_id uuid NOT NULL REFERENCES studios (id),
  metric_date date NOT NULL,
  total_leads integer NOT NULL DEFAULT 0,
  new_leads integer NOT NULL DEFAULT 0,
  converted_leads integer NOT NULL DEFAULT 0,
  leads_by_stage jsonb NOT NULL DEFAULT '{}',
  total_revenue jsonb NOT NULL DEFAULT '{}',
  pending_revenue jsonb NOT NULL DEFAULT '{}',
  revenue_by_session_type jsonb NOT NULL DEFAULT '{}',
  session_count integer NOT NULL DEFAULT 0,
  gallery_views integer NOT NULL DEFAULT 0,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, metric_date)
);
COMMENT ON TABLE analytics.daily_business_metrics IS 'One row per studio and local day with any activity (docs/analytics.md).';
COMMENT ON COLUMN analytics.daily_business_metrics.total_leads IS 'Leads received up to the end of the day (running total).';
COMMENT ON COLUMN analytics.daily_business_metrics.new_leads IS 'Leads received that day.';
COMMENT ON COLUMN analytics.daily_business_metrics.converted_leads IS 'Of the leads received that day, those converted (booked) since.';
COMMENT ON COLUMN analytics.daily_business_metrics.leads_by_stage IS 'Of the leads received that day, how many are in each stage now: {stage: count} (analytics.lead_stage).';
COMMENT ON COLUMN analytics.daily_business_metrics.total_revenue IS 'Collected that day, net of refunds made that day, per currency.';
COMMENT ON COLUMN analytics.daily_business_metrics.pending_revenue IS 'Unpaid payments falling due that day, per currency (pending only once the day has come).';
COMMENT ON COLUMN analytics.daily_business_metrics.revenue_by_session_type IS 'total_revenue split by session type: {type: {currency: amount}}.';

CREATE TABLE analytics.lead_source_analytics (
  studio_id uuid NOT NULL REFERENCES studios (id),
  period_start date NOT NULL,
  source text NOT NULL,
  period_end date NOT NULL,
  lead_count integer NOT NULL DEFAULT 0,
  conversion_count integer NOT NULL DEFAULT 0,
  total_revenue jsonb NOT NULL DEFAULT '{}',
  avg_deal_size jsonb NOT NULL DEFAULT '{}',
  conversion_rate numeric(5,2) NOT NULL DEFAULT 0,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, period_start, source)
);
COMMENT ON TABLE analytics.lead_source_analytics IS 'Per studio, local calendar month and lead source: the leads received, converted, and the revenue their clients paid.';

CREATE TABLE analytics.client_lifecycle_metrics (
  studio_id uuid NOT NULL REFERENCES studios (id),
  client_id uuid NOT NULL,
  first_contact_date date NOT NULL,
  first_session_date date,
  last_session_date date,
  total_sessions integer NOT NULL DEFAULT 0,
  total_spent jsonb NOT NULL DEFAULT '{}',
  avg_session_value jsonb NOT NULL DEFAULT '{}',
  client_lifetime_days integer NOT NULL DEFAULT 0,
  last_activity_date date NOT NULL,
  status text NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, client_id),
  FOREIGN KEY (studio_id, client_id) REFERENCES clients (studio_id, id) ON DELETE CASCADE,
  CONSTRAINT client_lifecycle_metrics_status_check CHECK (status IN ('active', 'dormant', 'churned'))
);
COMMENT ON TABLE analytics.client_lifecycle_metrics IS 'One row per client: first contact, sessions, money spent and the lifecycle status.';
CREATE INDEX client_lifecycle_metrics_status_idx ON analytics.client_lifecycle_metrics (studio_id, status, last_activity_date);

-- The queue of keys to recompute, written by the triggers only. kind: d = a local day,
-- m = the local month of day, c = a client, s = the whole studio.
CREATE TABLE analytics.changes (
  studio_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  kind char(1) NOT NULL,
  day date,
  client_id uuid,
  PRIMARY KEY (studio_id, id),
  CONSTRAINT changes_kind_check CHECK (kind IN ('d', 'm', 'c', 's'))
);
CREATE INDEX changes_id_idx ON analytics.changes (id);
COMMENT ON TABLE analytics.changes IS 'Keys whose rollups must be recomputed; appended by the triggers, drained by analytics.apply_changes().';

-- Row-level security: the rollups are read by team members holding can_view_analytics; nobody
-- but the owner (the definer functions below) writes them. The queue is the owner's alone.
ALTER TABLE analytics.daily_business_metrics ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics.daily_business_metrics FORCE ROW LEVEL SECURITY;
ALTER TABLE analytics.lead_source_analytics ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics.lead_source_analytics FORCE ROW LEVEL SECURITY;
ALTER TABLE analytics.client_lifecycle_metrics ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics.client_lifecycle_metrics FORCE ROW LEVEL SECURITY;
ALTER TABLE analytics.changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics.changes FORCE ROW LEVEL SECURITY;

CREATE POLICY daily_business_metrics_tenant ON analytics.daily_business_metrics AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY daily_business_metrics_analytics_read ON analytics.daily_business_metrics FOR SELECT TO tally_app
  USING ((select auth.is_team()) AND (select auth.has_permission('can_view_analytics')));
CREATE POLICY lead_source_analytics_tenant ON analytics.lead_source_analytics AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY lead_source_analytics_analytics_read ON analytics.lead_source_analytics FOR SELECT TO tally_app
  USING ((select auth.is_team()) AND (select auth.has_permission('can_view_analytics')));
CREATE POLICY client_lifecycle_metrics_tenant ON analytics.client_lifecycle_metrics AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY client_lifecycle_metrics_analytics_read ON analytics.client_lifecycle_metrics FOR SELECT TO tally_app
  USING ((select auth.is_team()) AND (select auth.has_permission('can_view_analytics')));
CREATE POLICY changes_tenant ON analytics.changes AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY changes_nobody ON analytics.changes AS RESTRICTIVE FOR ALL TO PUBLIC USING (false) WITH CHECK (false);

GRANT SELECT ON analytics.daily_business_metrics, analytics.lead_source_analytics, analytics.client_lifecycle_metrics TO tally_app;

-- ---------------------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------------------
-- {currency: amount} of the rows given, without zero amounts.
CREATE FUNCTION analytics.money(currencies text[], amounts numeric[]) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(jsonb_object_agg(c, s), '{}')
  FROM (SELECT c, sum(a) AS s FROM unnest(currencies, amounts) AS u(c, a) GROUP BY c) t
  WHERE s <> 0
$$;

-- The pipeline stage of a lead: its workflow stage, or, for a lead still at the first stage, the
-- stage its older status implies (leads from before the workflow stages, and imported ones).
CREATE FUNCTION analytics.lead_stage(workflow_stage text, status text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN workflow_stage <> 'inquiry' THEN workflow_stage
              ELSE CASE status WHEN 'contacted' THEN 'contacted' WHEN 'qualified' THEN 'consultation'
                               WHEN 'proposal_sent' THEN 'proposal_sent' WHEN 'won' THEN 'booked'
                               WHEN 'lost' THEN 'lost' WHEN 'archived' THEN 'archived' ELSE 'inquiry' END END
$$;

-- Serialises the recomputations of one studio, so a recomputation's snapshot always follows the
-- commit of the one before it.
CREATE FUNCTION analytics.lock_studio(p_studio uuid) RETURNS void
LANGUAGE sql VOLATILE AS $$ SELECT pg_advisory_xact_lock(hashtext('tally.analytics'), hashtext(p_studio::text)) $$;

-- ---------------------------------------------------------------------------------------------
-- Recomputation from the base tables
-- ---------------------------------------------------------------------------------------------
-- Days p_from..p_to of a studio (only the days in p_days when given). Writes only rows that
-- changed, deletes the rows of days that no longer have activity, and carries total_leads forward.
CREATE FUNCTION analytics.refresh_days(p_studio uuid, p_from date, p_to date, p_days date[] DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  tz text;
  t0 timestamptz;
  t1 timestamptz;
BEGIN
  PERFORM analytics.lock_studio(p_studio);
  SELECT s.timezone INTO tz FROM public.studios s WHERE s.id = p_studio;
  IF tz IS NULL OR p_from IS NULL OR p_to IS NULL THEN
    RETURN;
  END IF;
  t0 := p_from::timestamp AT TIME ZONE tz;
  t1 := (p_to + 1)::timestamp AT TIME ZONE tz;

  WITH
  l AS (
    SELECT (x.created_at AT TIME ZONE tz)::date AS day, count(*) AS new_leads,
           count(*) FILTER (WHERE x.converted_client_id IS NOT NULL OR x.status = 'won' OR x.workflow_stage IN ('booked', 'completed')) AS converted
    FROM public.leads x WHERE x.studio_id = p_studio AND x.created_at >= t0 AND x.created_at < t1 GROUP BY 1),
  ls AS (
    SELECT t.day, jsonb_object_agg(t.stage, t.n) AS stages
    FROM (SELECT (x.created_at AT TIME ZONE tz)::date AS day, analytics.lead_stage(x.workflow_stage, x.status) AS stage, count(*) AS n
          FROM public.leads x WHERE x.studio_id = p_studio AND x.created_at >= t0 AND x.created_at < t1 GROUP BY 1, 2) t
    GROUP BY t.day),
  money AS (
    SELECT (p.paid_at AT TIME ZONE tz)::date AS day, p.currency::text AS currency, p.amount AS collected, 0::numeric AS pending, p.id AS payment_id
    FROM public.payments p WHERE p.studio_id = p_studio AND p.status IN ('paid', 'refunded') AND p.paid_at >= t0 AND p.paid_at < t1
    UNION ALL
    SELECT (p.refunded_at AT TIME ZONE tz)::date, p.currency::text, -p.amount, 0, p.id
    FROM public.payments p WHERE p.studio_id = p_studio AND p.status = 'refunded' AND p.refunded_at >= t0 AND p.refunded_at < t1
    UNION ALL
    SELECT p.due_date, p.currency::text, 0, p.amount, p.id
    FROM public.payments p WHERE p.studio_id = p_studio AND p.status IN ('pending', 'due') AND p.due_date BETWEEN p_from AND p_to
    UNION ALL
    SELECT (p.created_at AT TIME ZONE tz)::date, p.currency::text, 0, p.amount, p.id
    FROM public.payments p WHERE p.studio_id = p_studio AND p.status IN ('pending', 'due') AND p.due_date IS NULL AND p.created_at >= t0 AND p.created_at < t1),
  typed AS (
    SELECT m.day, m.currency, m.collected, coalesce(se.session_type, 'none') AS session_type
    FROM money m
    JOIN public.payments p ON p.studio_id = p_studio AND p.id = m.payment_id
    LEFT JOIN public.contracts c ON c.studio_id = p_studio AND c.id = p.contract_id
    LEFT JOIN public.quotes q ON q.studio_id = p_studio AND q.id = coalesce(p.quote_id, c.quote_id)
    LEFT JOIN public.sessions se ON se.studio_id = p_studio AND se.id = coalesce(c.session_id, q.session_id)
    WHERE m.collected <> 0),
  rev AS (
    SELECT m.day, analytics.money(array_agg(m.currency), array_agg(m.collected)) AS collected,
           analytics.money(array_agg(m.currency), array_agg(m.pending)) AS pending
    FROM money m GROUP BY m.day),
  by_type AS (
    SELECT t.day, coalesce(jsonb_object_agg(t.session_type, t.amounts) FILTER (WHERE t.amounts <> '{}'), '{}') AS by_type
    FROM (SELECT day, session_type, analytics.money(array_agg(currency), array_agg(collected)) AS amounts FROM typed GROUP BY day, session_type) t
    GROUP BY t.day),
  s AS (
    SELECT (x.starts_at AT TIME ZONE tz)::date AS day, count(*) AS n
    FROM public.sessions x WHERE x.studio_id = p_studio AND x.status IN ('booked', 'completed', 'delivered') AND x.starts_at >= t0 AND x.starts_at < t1 GROUP BY 1),
  g AS (
    SELECT (x.accessed_at AT TIME ZONE tz)::date AS day, count(*) AS n
    FROM public.gallery_access_log x WHERE x.studio_id = p_studio AND x.action = 'view' AND x.accessed_at >= t0 AND x.accessed_at < t1 GROUP BY 1),
  days AS (SELECT day FROM l UNION SELECT day FROM rev UNION SELECT day FROM s UNION SELECT day FROM g),
  computed AS (
    SELECT d.day, coalesce(l.new_leads, 0)::int AS new_leads, coalesce(l.converted, 0)::int AS converted, coalesce(ls.stages, '{}') AS stages,
           coalesce(rev.collected, '{}') AS collected, coalesce(rev.pending, '{}') AS pending, coalesce(bt.by_type, '{}') AS by_type,
           coalesce(s.n, 0)::int AS sessions, coalesce(g.n, 0)::int AS views
    FROM days d
    LEFT JOIN l ON l.day = d.day LEFT JOIN ls ON ls.day = d.day LEFT JOIN rev ON rev.day = d.day LEFT JOIN by_type bt ON bt.day = d.day
    LEFT JOIN s ON s.day = d.day LEFT JOIN g ON g.day = d.day
    WHERE (p_days IS NULL OR d.day = ANY (p_days))),
  active AS (
    SELECT * FROM computed c
    WHERE c.new_leads <> 0 OR c.converted <> 0 OR c.collected <> '{}' OR c.pending <> '{}' OR c.sessions <> 0 OR c.views <> 0),
  removed AS (
    DELETE FROM analytics.daily_business_metrics m
    WHERE m.studio_id = p_studio AND m.metric_date BETWEEN p_from AND p_to AND (p_days IS NULL OR m.metric_date = ANY (p_days))
      AND NOT EXISTS (SELECT 1 FROM active a WHERE a.day = m.metric_date))
  INSERT INTO analytics.daily_business_metrics AS m (studio_id, metric_date, new_leads, converted_leads, leads_by_stage, total_revenue,
                                                     pending_revenue, revenue_by_session_type, session_count, gallery_views)
  SELECT p_studio, a.day, a.new_leads, a.converted, a.stages, a.collected, a.pending, a.by_type, a.sessions, a.views FROM active a
  ON CONFLICT (studio_id, metric_date) DO UPDATE SET
    new_leads = EXCLUDED.new_leads, converted_leads = EXCLUDED.converted_leads, leads_by_stage = EXCLUDED.leads_by_stage, total_revenue = EXCLUDED.total_revenue,
    pending_revenue = EXCLUDED.pending_revenue, revenue_by_session_type = EXCLUDED.revenue_by_session_type,
    session_count = EXCLUDED.session_count, gallery_views = EXCLUDED.gallery_views, computed_at = now()
  WHERE (m.new_leads, m.converted_leads, m.leads_by_stage, m.total_revenue, m.pending_revenue, m.revenue_by_session_type, m.session_count, m.gallery_views)
    IS DISTINCT FROM (EXCLUDED.new_leads, EXCLUDED.converted_leads, EXCLUDED.leads_by_stage, EXCLUDED.total_revenue, EXCLUDED.pending_revenue,
                      EXCLUDED.revenue_by_session_type, EXCLUDED.session_count, EXCLUDED.gallery_views);

  -- total_leads: the running total, from the last row before p_from (correct by induction).
  WITH base AS (
    SELECT coalesce((SELECT m.total_leads FROM analytics.daily_business_metrics m
                     WHERE m.studio_id = p_studio AND m.metric_date < p_from ORDER BY m.metric_date DESC LIMIT 1), 0) AS b),
  run AS (
    SELECT m.metric_date, ((SELECT b FROM base) + sum(m.new_leads) OVER (ORDER BY m.metric_date))::int AS total
    FROM analytics.daily_business_metrics m WHERE m.studio_id = p_studio AND m.metric_date >= p_from)
  UPDATE analytics.daily_business_metrics m SET total_leads = run.total
  FROM run WHERE m.studio_id = p_studio AND m.metric_date = run.metric_date AND m.total_leads IS DISTINCT FROM run.total;
END;
$$;
COMMENT ON FUNCTION analytics.refresh_days(uuid, date, date, date[]) IS 'Recomputes daily_business_metrics of a studio for local days p_from..p_to (or only p_days among them).';

-- Months (first days) p_from..p_to of a studio, or only p_months among them.
CREATE FUNCTION analytics.refresh_months(p_studio uuid, p_from date, p_to date, p_months date[] DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  tz text;
  t0 timestamptz;
  t1 timestamptz;
BEGIN
  PERFORM analytics.lock_studio(p_studio);
  SELECT s.timezone INTO tz FROM public.studios s WHERE s.id = p_studio;
  IF tz IS NULL OR p_from IS NULL OR p_to IS NULL THEN
    RETURN;
  END IF;
  p_from := date_trunc('month', p_from)::date;
  p_to := date_trunc('month', p_to)::date;
  t0 := p_from::timestamp AT TIME ZONE tz;
  t1 := (p_to + interval '1 month')::timestamp AT TIME ZONE tz;

  WITH
  lr AS (
    SELECT x.id, x.source, date_trunc('month', x.created_at AT TIME ZONE tz)::date AS period_start, x.converted_client_id,
           (x.converted_client_id IS NOT NULL OR x.status = 'won' OR x.workflow_stage IN ('booked', 'completed')) AS converted
    FROM public.leads x WHERE x.studio_id = p_studio AND x.created_at >= t0 AND x.created_at < t1),
  lm AS (SELECT * FROM lr WHERE p_months IS NULL OR lr.period_start = ANY (p_months)),
  -- A client's money is credited to the first lead (by creation) converted to that client.
  credited AS (
    SELECT c.client_id, f.id AS lead_id
    FROM (SELECT DISTINCT lm.converted_client_id AS client_id FROM lm WHERE lm.converted_client_id IS NOT NULL) c
    CROSS JOIN LATERAL (SELECT x.id FROM public.leads x WHERE x.studio_id = p_studio AND x.converted_client_id = c.client_id
                        ORDER BY x.created_at, x.id LIMIT 1) f),
  spent AS (
    SELECT cr.lead_id, p.currency::text AS currency, sum(p.amount) AS amount
    FROM credited cr JOIN public.payments p ON p.studio_id = p_studio AND p.client_id = cr.client_id AND p.status = 'paid'
    GROUP BY 1, 2),
  agg AS (
    SELECT lm.period_start, lm.source, count(*)::int AS leads, count(*) FILTER (WHERE lm.converted)::int AS conversions
    FROM lm GROUP BY 1, 2),
  money AS (
    SELECT lm.period_start, lm.source, analytics.money(array_agg(sp.currency), array_agg(sp.amount)) AS revenue
    FROM lm JOIN spent sp ON sp.lead_id = lm.id GROUP BY 1, 2),
  computed AS (
    SELECT a.period_start, a.source, a.leads, a.conversions, coalesce(m.revenue, '{}') AS revenue,
           CASE WHEN a.conversions = 0 THEN '{}'::jsonb ELSE
             (SELECT coalesce(jsonb_object_agg(k, round(v::numeric / a.conversions, 2)), '{}') FROM jsonb_each_text(coalesce(m.revenue, '{}')) AS e(k, v))
           END AS avg_deal,
           round(100.0 * a.conversions / a.leads, 2) AS rate
    FROM agg a LEFT JOIN money m ON m.period_start = a.period_start AND m.source = a.source),
  removed AS (
    DELETE FROM analytics.lead_source_analytics t
    WHERE t.studio_id = p_studio AND t.period_start BETWEEN p_from AND p_to AND (p_months IS NULL OR t.period_start = ANY (p_months))
      AND NOT EXISTS (SELECT 1 FROM computed c WHERE c.period_start = t.period_start AND c.source = t.source))
  INSERT INTO analytics.lead_source_analytics AS t (studio_id, period_start, source, period_end, lead_count, conversion_count,
                                                    total_revenue, avg_deal_size, conversion_rate)
  SELECT p_studio, c.period_start, c.source, (c.period_start + interval '1 month' - interval '1 day')::date, c.leads, c.conversions,
         c.revenue, c.avg_deal, c.rate
  FROM computed c
  ON CONFLICT (studio_id, period_start, source) DO UPDATE SET
    lead_count = EXCLUDED.lead_count, conversion_count = EXCLUDED.conversion_count, total_revenue = EXCLUDED.total_revenue,
    avg_deal_size = EXCLUDED.avg_deal_size, conversion_rate = EXCLUDED.conversion_rate, computed_at = now()
  WHERE (t.lead_count, t.conversion_count, t.total_revenue, t.avg_deal_size, t.conversion_rate)
    IS DISTINCT FROM (EXCLUDED.lead_count, EXCLUDED.conversion_count, EXCLUDED.total_revenue, EXCLUDED.avg_deal_size, EXCLUDED.conversion_rate);
END;
$$;
COMMENT ON FUNCTION analytics.refresh_months(uuid, date, date, date[]) IS 'Recomputes lead_source_analytics of a studio for local months p_from..p_to (or only p_months among them).';

-- The lifecycle status of a client from its last activity, today and the studio's thresholds.
CREATE FUNCTION analytics.lifecycle_status(last_activity date, today date, dormant_days int, churned_days int) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN today - last_activity < dormant_days THEN 'active'
              WHEN today - last_activity < churned_days THEN 'dormant'
              ELSE 'churned' END
$$;

-- The given clients of a studio, or all of them when p_clients is null.
CREATE FUNCTION analytics.refresh_clients(p_studio uuid, p_clients uuid[] DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  st record;
  today date;
BEGIN
  PERFORM analytics.lock_studio(p_studio);
  SELECT s.timezone, s.client_dormant_after_days AS dormant, s.client_churned_after_days AS churned INTO st
  FROM public.studios s WHERE s.id = p_studio;
  IF st.timezone IS NULL THEN
    RETURN;
  END IF;
  today := (now() AT TIME ZONE st.timezone)::date;

  WITH
  c AS (SELECT x.id, (x.created_at AT TIME ZONE st.timezone)::date AS created FROM public.clients x
        WHERE x.studio_id = p_studio AND (p_clients IS NULL OR x.id = ANY (p_clients))),
  fl AS (SELECT x.converted_client_id AS client_id, min((x.created_at AT TIME ZONE st.timezone)::date) AS first_lead
         FROM public.leads x WHERE x.studio_id = p_studio AND x.converted_client_id IN (SELECT id FROM c) GROUP BY 1),
  se AS (SELECT x.client_id, min((x.starts_at AT TIME ZONE st.timezone)::date) AS first_session,
                max((x.starts_at AT TIME ZONE st.timezone)::date) AS last_session, count(*)::int AS sessions
         FROM public.sessions x
         WHERE x.studio_id = p_studio AND x.client_id IN (SELECT id FROM c) AND x.status IN ('booked', 'completed', 'delivered') AND x.starts_at IS NOT NULL
         GROUP BY 1),
  pa AS (SELECT x.client_id, analytics.money(array_agg(x.currency::text), array_agg(x.amount)) AS spent,
                max((x.paid_at AT TIME ZONE st.timezone)::date) AS last_paid
         FROM public.payments x WHERE x.studio_id = p_studio AND x.client_id IN (SELECT id FROM c) AND x.status = 'paid'
         GROUP BY 1),
  computed AS (
    SELECT c.id AS client_id, least(c.created, fl.first_lead) AS first_contact, se.first_session, se.last_session,
           coalesce(se.sessions, 0) AS sessions, coalesce(pa.spent, '{}') AS spent,
           CASE WHEN coalesce(se.sessions, 0) = 0 THEN '{}'::jsonb ELSE
             (SELECT coalesce(jsonb_object_agg(k, round(v::numeric / se.sessions, 2)), '{}') FROM jsonb_each_text(coalesce(pa.spent, '{}')) AS e(k, v))
           END AS avg_value,
           greatest(least(c.created, fl.first_lead), se.last_session, pa.last_paid) AS last_activity
    FROM c LEFT JOIN fl ON fl.client_id = c.id LEFT JOIN se ON se.client_id = c.id LEFT JOIN pa ON pa.client_id = c.id),
  removed AS (
    DELETE FROM analytics.client_lifecycle_metrics t
    WHERE t.studio_id = p_studio AND (p_clients IS NULL OR t.client_id = ANY (p_clients))
      AND NOT EXISTS (SELECT 1 FROM computed c WHERE c.client_id = t.client_id))
  INSERT INTO analytics.client_lifecycle_metrics AS t (studio_id, client_id, first_contact_date, first_session_date, last_session_date,
                                                       total_sessions, total_spent, avg_session_value, client_lifetime_days,
                                                       last_activity_date, status)
  SELECT p_studio, c.client_id, c.first_contact, c.first_session, c.last_session, c.sessions, c.spent, c.avg_value,
         c.last_activity - c.first_contact, c.last_activity, analytics.lifecycle_status(c.last_activity, today, st.dormant, st.churned)
  FROM computed c
  ON CONFLICT (studio_id, client_id) DO UPDATE SET
    first_contact_date = EXCLUDED.first_contact_date, first_session_date = EXCLUDED.first_session_date,
    last_session_date = EXCLUDED.last_session_date, total_sessions = EXCLUDED.total_sessions, total_spent = EXCLUDED.total_spent,
    avg_session_value = EXCLUDED.avg_session_value, client_lifetime_days = EXCLUDED.client_lifetime_days,
    last_activity_date = EXCLUDED.last_activity_date, status = EXCLUDED.status, computed_at = now()
  WHERE (t.first_contact_date, t.first_session_date, t.last_session_date, t.total_sessions, t.total_spent, t.avg_session_value,
         t.client_lifetime_days, t.last_activity_date, t.status)
    IS DISTINCT FROM (EXCLUDED.first_contact_date, EXCLUDED.first_session_date, EXCLUDED.last_session_date, EXCLUDED.total_sessions,
                      EXCLUDED.total_spent, EXCLUDED.avg_session_value, EXCLUDED.client_lifetime_days, EXCLUDED.last_activity_date, EXCLUDED.status);
END;
$$;
COMMENT ON FUNCTION analytics.refresh_clients(uuid, uuid[]) IS 'Recomputes client_lifecycle_metrics of the given clients of a studio (all when null).';

-- Everything of a studio from local day p_from on.
CREATE FUNCTION analytics.backfill(p_studio uuid, p_from date) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM analytics.refresh_days(p_studio, p_from, DATE '2100-12-31');
  PERFORM analytics.refresh_months(p_studio, p_from, DATE '2100-12-01');
  PERFORM analytics.refresh_clients(p_studio);
END;
$$;
COMMENT ON FUNCTION analytics.backfill(uuid, date) IS 'Rebuilds every rollup of a studio from local day p_from on (./tally analytics backfill).';

-- The nightly round of one studio: the last p_lookback closed local days (and their months) are
-- recomputed, and the clients whose status the passing of time changed. Idempotent.
CREATE FUNCTION analytics.nightly(p_studio uuid, p_lookback int DEFAULT 7) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  st record;
  today date;
BEGIN
  SELECT s.timezone, s.client_dormant_after_days AS dormant, s.client_churned_after_days AS churned INTO st
  FROM public.studios s WHERE s.id = p_studio;
  IF st.timezone IS NULL THEN
    RETURN;
  END IF;
  today := (now() AT TIME ZONE st.timezone)::date;
  PERFORM analytics.refresh_days(p_studio, today - p_lookback, today - 1);
  PERFORM analytics.refresh_months(p_studio, today - p_lookback, today - 1);
  UPDATE analytics.client_lifecycle_metrics t
  SET status = analytics.lifecycle_status(t.last_activity_date, today, st.dormant, st.churned), computed_at = now()
  WHERE t.studio_id = p_studio AND t.status <> analytics.lifecycle_status(t.last_activity_date, today, st.dormant, st.churned);
END;
$$;
COMMENT ON FUNCTION analytics.nightly(uuid, int) IS 'Recomputes a studio''s last closed days, their months and time-driven client statuses; running it twice changes nothing.';

-- Drains the queue: recomputes the keys of up to p_max queued changes. Only one drainer at a time
-- (null when another holds the lock). Taking the rows and recomputing happen in one transaction:
-- a change committed after the DELETE's snapshot keeps its queue row for the next round.
CREATE FUNCTION analytics.apply_changes(p_max int DEFAULT 10000) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  work jsonb;
  r record;
  taken int;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('tally.analytics.apply')) THEN
    RETURN NULL;
  END IF;
  WITH t AS (
    DELETE FROM analytics.changes c WHERE c.id IN (SELECT x.id FROM analytics.changes x ORDER BY x.id LIMIT p_max)
    RETURNING c.studio_id, c.kind, c.day, c.client_id),
  g AS (
    SELECT t.studio_id, count(*) AS n, bool_or(t.kind = 's') AS whole,
           array_agg(DISTINCT t.day) FILTER (WHERE t.kind = 'd') AS days,
           array_agg(DISTINCT date_trunc('month', t.day)::date) FILTER (WHERE t.kind = 'm') AS months,
           array_agg(DISTINCT t.client_id) FILTER (WHERE t.kind = 'c') AS clients
    FROM t GROUP BY t.studio_id)
  SELECT coalesce(jsonb_agg(g), '[]'), coalesce(sum(g.n), 0) INTO work, taken FROM g;

  FOR r IN SELECT * FROM jsonb_to_recordset(work) AS x(studio_id uuid, whole boolean, days date[], months date[], clients uuid[]) LOOP
    IF r.whole THEN
      PERFORM analytics.backfill(r.studio_id, DATE '2000-01-01');
      CONTINUE;
    END IF;
    IF r.clients IS NOT NULL THEN
      -- A client's money also moves the months of the leads converted to it (lead source revenue).
      r.months := coalesce(r.months, '{}') || ARRAY(
        SELECT DISTINCT date_trunc('month', l.created_at AT TIME ZONE s.timezone)::date
        FROM public.leads l JOIN public.studios s ON s.id = l.studio_id
        WHERE l.studio_id = r.studio_id AND l.converted_client_id = ANY (r.clients));
      PERFORM analytics.refresh_clients(r.studio_id, r.clients);
    END IF;
    IF r.days IS NOT NULL THEN
      PERFORM analytics.refresh_days(r.studio_id, (SELECT min(d) FROM unnest(r.days) d), (SELECT max(d) FROM unnest(r.days) d), r.days);
    END IF;
    IF cardinality(r.months) > 0 THEN
      PERFORM analytics.refresh_months(r.studio_id, (SELECT min(d) FROM unnest(r.months) d), (SELECT max(d) FROM unnest(r.months) d), r.months);
    END IF;
  END LOOP;
  RETURN taken;
END;
$$;
COMMENT ON FUNCTION analytics.apply_changes(int) IS 'Recomputes the rollups of up to p_max queued changes; returns how many it took (null: another drainer is at work).';

-- Every studio, for the nightly job: returns how many studios it went through.
CREATE FUNCTION analytics.nightly_all(p_lookback int DEFAULT 7) RETURNS int
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT count(analytics.nightly(s.id, p_lookback))::int FROM public.studios s
$$;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA analytics FROM PUBLIC;
GRANT EXECUTE ON FUNCTION analytics.apply_changes(int), analytics.nightly_all(int), analytics.nightly(uuid, int) TO tally_app;
GRANT EXECUTE ON FUNCTION analytics.money(text[], numeric[]), analytics.lifecycle_status(date, date, int, int), analytics.lead_stage(text, text) TO tally_app;

-- ---------------------------------------------------------------------------------------------
-- The triggers: one statement trigger per table and event, appending the keys the change touched.
-- ---------------------------------------------------------------------------------------------
-- Appends the keys of the changed rows: element i is a studio, an instant or a local day (the day
-- wins), a client; p_months also queues the month of the day.
CREATE FUNCTION analytics.enqueue(p_studios uuid[], p_instants timestamptz[], p_days date[], p_clients uuid[], p_months boolean) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  INSERT INTO analytics.changes (studio_id, kind, day, client_id)
  SELECT DISTINCT k.studio_id, k.kind, k.day, k.client_id
  FROM unnest(p_studios, p_instants, p_days, p_clients) AS r(studio_id, at, day, client_id)
  JOIN public.studios s ON s.id = r.studio_id
  CROSS JOIN LATERAL (VALUES
    (r.studio_id, 'd', coalesce(r.day, (r.at AT TIME ZONE s.timezone)::date), NULL::uuid),
    (r.studio_id, 'm', CASE WHEN p_months THEN date_trunc('month', coalesce(r.day, (r.at AT TIME ZONE s.timezone)::date))::date END, NULL::uuid),
    (r.studio_id, 'c', NULL::date, r.client_id)) AS k(studio_id, kind, day, client_id)
  WHERE (k.kind IN ('d', 'm') AND k.day IS NOT NULL) OR (k.kind = 'c' AND k.client_id IS NOT NULL)
$$;

CREATE FUNCTION analytics.queue_leads() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM analytics.enqueue(array_agg(n.studio_id), array_agg(n.created_at), NULL, array_agg(n.converted_client_id), true) FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM analytics.enqueue(array_agg(o.studio_id), array_agg(o.created_at), NULL, array_agg(o.converted_client_id), true) FROM old_rows o;
  ELSE
    -- Only the columns the rollups read: an edit of a name or a stale flag queues nothing.
    PERFORM analytics.enqueue(array_agg(x.studio_id), array_agg(x.created_at), NULL, array_agg(x.client_id), true)
    FROM old_rows o JOIN new_rows n ON n.studio_id = o.studio_id AND n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.studio_id, o.created_at, o.converted_client_id), (n.studio_id, n.created_at, n.converted_client_id))
      AS x(studio_id, created_at, client_id)
    WHERE (o.created_at, o.status, o.workflow_stage, o.converted_client_id, o.source)
      IS DISTINCT FROM (n.created_at, n.status, n.workflow_stage, n.converted_client_id, n.source);
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION analytics.queue_payments() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  -- Each row touches the day it was paid, refunded, and falls due (or was made, without a due date).
  IF TG_OP = 'INSERT' THEN
    PERFORM analytics.enqueue(array_agg(x.studio_id), array_agg(x.at), array_agg(x.day), array_agg(x.client_id), false)
    FROM new_rows r CROSS JOIN LATERAL (VALUES (r.studio_id, r.paid_at, NULL::date, r.client_id), (r.studio_id, r.refunded_at, NULL, NULL),
                                               (r.studio_id, r.created_at, r.due_date, NULL)) AS x(studio_id, at, day, client_id);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM analytics.enqueue(array_agg(x.studio_id), array_agg(x.at), array_agg(x.day), array_agg(x.client_id), false)
    FROM old_rows r CROSS JOIN LATERAL (VALUES (r.studio_id, r.paid_at, NULL::date, r.client_id), (r.studio_id, r.refunded_at, NULL, NULL),
                                               (r.studio_id, r.created_at, r.due_date, NULL)) AS x(studio_id, at, day, client_id);
  ELSE
    PERFORM analytics.enqueue(array_agg(x.studio_id), array_agg(x.at), array_agg(x.day), array_agg(x.client_id), false)
    FROM (SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) r
    CROSS JOIN LATERAL (VALUES (r.studio_id, r.paid_at, NULL::date, r.client_id), (r.studio_id, r.refunded_at, NULL, NULL),
                               (r.studio_id, r.created_at, r.due_date, NULL)) AS x(studio_id, at, day, client_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION analytics.queue_sessions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM analytics.enqueue(array_agg(r.studio_id), array_agg(r.starts_at), NULL, array_agg(r.client_id), false) FROM new_rows r;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM analytics.enqueue(array_agg(r.studio_id), array_agg(r.starts_at), NULL, array_agg(r.client_id), false) FROM old_rows r;
  ELSE
    PERFORM analytics.enqueue(array_agg(x.studio_id), array_agg(x.starts_at), NULL, array_agg(x.client_id), false)
    FROM old_rows o JOIN new_rows n ON n.studio_id = o.studio_id AND n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.studio_id, o.starts_at, o.client_id), (n.studio_id, n.starts_at, n.client_id)) AS x(studio_id, starts_at, client_id)
    WHERE (o.starts_at, o.status, o.client_id, o.session_type) IS DISTINCT FROM (n.starts_at, n.status, n.client_id, n.session_type);
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION analytics.queue_gallery_views() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM analytics.enqueue(array_agg(r.studio_id), array_agg(r.accessed_at), NULL, NULL, false) FROM new_rows r WHERE r.action = 'view';
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM analytics.enqueue(array_agg(r.studio_id), array_agg(r.accessed_at), NULL, NULL, false) FROM old_rows r WHERE r.action = 'view';
  ELSE
    PERFORM analytics.enqueue(array_agg(r.studio_id), array_agg(r.accessed_at), NULL, NULL, false)
    FROM (SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) r;
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION analytics.queue_clients() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM analytics.enqueue(array_agg(r.studio_id), NULL, NULL, array_agg(r.id), false) FROM new_rows r;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM analytics.enqueue(array_agg(n.studio_id), NULL, NULL, array_agg(n.id), false)
    FROM old_rows o JOIN new_rows n ON n.studio_id = o.studio_id AND n.id = o.id WHERE o.created_at IS DISTINCT FROM n.created_at;
  END IF;
  RETURN NULL;
END;
$$;

-- A new time zone or new thresholds: the whole studio is recomputed.
CREATE FUNCTION analytics.queue_studios() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO analytics.changes (studio_id, kind)
  SELECT n.id, 's' FROM old_rows o JOIN new_rows n ON n.id = o.id
  WHERE (o.timezone, o.client_dormant_after_days, o.client_churned_after_days)
    IS DISTINCT FROM (n.timezone, n.client_dormant_after_days, n.client_churned_after_days);
  RETURN NULL;
END;
$$;

REVOKE EXECUTE ON FUNCTION analytics.enqueue(uuid[], timestamptz[], date[], uuid[], boolean), analytics.queue_leads(), analytics.queue_payments(),
  analytics.queue_sessions(), analytics.queue_gallery_views(), analytics.queue_clients(), analytics.queue_studios() FROM PUBLIC;

CREATE TRIGGER leads_analytics_insert AFTER INSERT ON leads REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.queue_leads();
CREATE TRIGGER leads_analytics_update AFTER UPDATE ON leads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.queue_leads();
CREATE TRIGGER leads_analytics_delete AFTER DELETE ON leads REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.queue_leads();
CREATE TRIGGER payments_analytics_insert AFTER INSERT ON payments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.queue_payments();
CREATE TRIGGER payments_analytics_update AFTER UPDATE ON payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.queue_payments();
CREATE TRIGGER payments_analytics_delete AFTER DELETE ON payments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.queue_payments();
CREATE TRIGGER sessions_analytics_insert AFTER INSERT ON sessions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.queue_sessions();
CREATE TRIGGER sessions_analytics_update AFTER UPDATE ON sessions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.queue_sessions();
CREATE TRIGGER sessions_analytics_delete AFTER DELETE ON sessions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.queue_sessions();
CREATE TRIGGER gallery_access_log_analytics_insert AFTER INSERT ON gallery_access_log REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.queue_gallery_views();
CREATE TRIGGER gallery_access_log_analytics_update AFTER UPDATE ON gallery_access_log REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.queue_gallery_views();
CREATE TRIGGER gallery_access_log_analytics_delete AFTER DELETE ON gallery_access_log REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.queue_gallery_views();
CREATE TRIGGER clients_analytics_insert AFTER INSERT ON clients REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.queue_clients();
CREATE TRIGGER clients_analytics_update AFTER UPDATE ON clients REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.queue_clients();
CREATE TRIGGER studios_analytics_update AFTER UPDATE ON studios REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.queue_studios();

COMMIT;
