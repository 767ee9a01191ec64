-- The rollup functions plan every statement for the studio at hand (docs/analytics.md, "Benchmark").
-- PL/pgSQL caches a statement's plan per session and after five runs may keep a generic one: the
-- backfill and the queue drainer reuse pooled sessions across studios, so the largest studio ran
-- with a plan chosen for small ones (measured: over 3 minutes for its backfill instead of 5 s).
SET lock_timeout = '5s';
BEGIN;

ALTER FUNCTION analytics.refresh_days(uuid, date, date, date[]) SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION analytics.refresh_months(uuid, date, date, date[]) SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION analytics.refresh_clients(uuid, uuid[]) SET plan_cache_mode = force_custom_plan;

COMMIT;
