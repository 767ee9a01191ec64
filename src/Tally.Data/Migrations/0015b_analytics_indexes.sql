-- The rollups recompute a studio's day from the base tables (0015_analytics.sql): payments by the
-- instant they were paid or refunded, gallery views by the instant they happened.
SET lock_timeout = '5s';

DROP INDEX CONCURRENTLY IF EXISTS payments_paid_at_idx;
CREATE INDEX CONCURRENTLY payments_paid_at_idx ON payments (studio_id, paid_at) WHERE paid_at IS NOT NULL;
DROP INDEX CONCURRENTLY IF EXISTS payments_refunded_at_idx;
CREATE INDEX CONCURRENTLY payments_refunded_at_idx ON payments (studio_id, refunded_at) WHERE refunded_at IS NOT NULL;
DROP INDEX CONCURRENTLY IF EXISTS gallery_access_log_accessed_at_idx;
CREATE INDEX CONCURRENTLY gallery_access_log_accessed_at_idx ON gallery_access_log (studio_id, accessed_at);
