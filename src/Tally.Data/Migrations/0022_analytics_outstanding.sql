-- The dashboard's "due and unpaid" total kept per studio (docs/analytics.md, "Outstanding").
-- Summing pending_revenue over every day of a studio's history on each dashboard request cost
-- 1.3-1.7 ms for the largest studio (768 days, a jsonb per day); the total through a recent day is
-- now kept beside the rollup, and a request adds only the few days after it.
SET lock_timeout = '5s';
BEGIN;

CREATE TABLE analytics.pending_totals (
  studio_id uuid PRIMARY KEY REFERENCES public.studios (id),
  as_of date NOT NULL,
  pending jsonb NOT NULL DEFAULT '{}',
  computed_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE analytics.pending_totals IS 'Per studio: pending_revenue of daily_business_metrics summed over the days up to as_of, per currency.';

ALTER TABLE analytics.pending_totals ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics.pending_totals FORCE ROW LEVEL SECURITY;
CREATE POLICY pending_totals_tenant ON analytics.pending_totals AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY pending_totals_analytics_read ON analytics.pending_totals FOR SELECT TO tally_app
  USING ((select auth.is_team()) AND (select auth.has_permission('can_view_analytics')));
GRANT SELECT ON analytics.pending_totals TO tally_app;

-- Recomputes a studio's total through its own today (its time zone).
CREATE FUNCTION analytics.refresh_pending_total(p_studio uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  today date;
BEGIN
  SELECT (now() AT TIME ZONE s.timezone)::date INTO today FROM public.studios s WHERE s.id = p_studio;
  IF today IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO analytics.pending_totals AS t (studio_id, as_of, pending)
  SELECT p_studio, today, coalesce(analytics.money(array_agg(x.currency), array_agg(x.amount)), '{}')
  FROM (SELECT e.key AS currency, sum(e.value::numeric) AS amount
        FROM analytics.daily_business_metrics m CROSS JOIN LATERAL jsonb_each_text(m.pending_revenue) AS e(key, value)
        WHERE m.studio_id = p_studio AND m.metric_date <= today AND m.pending_revenue <> '{}'
        GROUP BY e.key) x
  ON CONFLICT (studio_id) DO UPDATE SET as_of = EXCLUDED.as_of, pending = EXCLUDED.pending, computed_at = now();
END;
$$;

-- Any statement that writes daily rows (analytics.refresh_days alone does) recomputes the totals of
-- the studios it touched: at most a few per statement, and the recompute is one indexed range.
CREATE FUNCTION analytics.pending_rows_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- total_leads is rewritten by its own UPDATE: only a changed pending_revenue matters.
    PERFORM analytics.refresh_pending_total(x.studio_id)
    FROM (SELECT DISTINCT n.studio_id FROM new_rows n JOIN old_rows o USING (studio_id, metric_date)
          WHERE n.pending_revenue IS DISTINCT FROM o.pending_revenue) x;
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM analytics.refresh_pending_total(x.studio_id) FROM (SELECT DISTINCT n.studio_id FROM new_rows n WHERE n.pending_revenue <> '{}') x;
  ELSE
    PERFORM analytics.refresh_pending_total(x.studio_id) FROM (SELECT DISTINCT o.studio_id FROM old_rows o WHERE o.pending_revenue <> '{}') x;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER daily_business_metrics_pending_inserted AFTER INSERT ON analytics.daily_business_metrics
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.pending_rows_changed();
CREATE TRIGGER daily_business_metrics_pending_updated AFTER UPDATE ON analytics.daily_business_metrics
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.pending_rows_changed();
CREATE TRIGGER daily_business_metrics_pending_deleted AFTER DELETE ON analytics.daily_business_metrics
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics.pending_rows_changed();

-- Outstanding as of p_today: the kept total plus the days after it. Without a usable total (none
-- yet, or one ahead of p_today) every day is summed, so the answer never depends on the total being
-- there. SECURITY INVOKER: the caller's row-level security decides what it reads. No SET clause:
-- with one the planner cannot inline the body into the caller's query, and each call is parsed and
-- planned anew (0.6 ms instead of 0.2); every name in it is schema-qualified or pg_catalog's.
CREATE FUNCTION analytics.outstanding(p_studio uuid, p_today date) RETURNS TABLE (currency text, amount numeric)
LANGUAGE sql STABLE AS $$
  WITH t AS (
    SELECT k.as_of, k.pending FROM analytics.pending_totals k WHERE k.studio_id = p_studio AND k.as_of <= p_today),
  parts AS (
    SELECT e.key, e.value::numeric AS v FROM t CROSS JOIN LATERAL jsonb_each_text(t.pending) AS e(key, value)
    UNION ALL
    SELECT e.key, e.value::numeric
    FROM analytics.daily_business_metrics m CROSS JOIN LATERAL jsonb_each_text(m.pending_revenue) AS e(key, value)
    WHERE m.studio_id = p_studio AND m.pending_revenue <> '{}' AND m.metric_date <= p_today
      AND m.metric_date > coalesce((SELECT t.as_of FROM t), DATE '-infinity'))
  SELECT p.key, sum(p.v) FROM parts p GROUP BY p.key HAVING sum(p.v) <> 0 ORDER BY p.key
$$;
GRANT EXECUTE ON FUNCTION analytics.outstanding(uuid, date) TO tally_app;

-- The nightly round also moves every studio's total to its new day, so a quiet studio's dashboard
-- does not add up ever more days after a stale total.
CREATE OR REPLACE FUNCTION analytics.nightly_all(p_lookback int DEFAULT 7) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  studio uuid;
  done int := 0;
BEGIN
  FOR studio IN SELECT s.id FROM public.studios s LOOP
    PERFORM analytics.nightly(studio, p_lookback);
    PERFORM analytics.refresh_pending_total(studio);
    done := done + 1;
  END LOOP;
  RETURN done;
END;
$$;

-- Existing studios: their totals now.
SELECT count(analytics.refresh_pending_total(s.id)) FROM public.studios s;

COMMIT;
