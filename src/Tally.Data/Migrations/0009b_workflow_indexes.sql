-- The pipeline board counts a studio's leads per stage (one GROUP BY) and lists the newest leads
-- of each stage (docs/workflow.md).
SET lock_timeout = '5s';

DROP INDEX CONCURRENTLY IF EXISTS leads_workflow_stage_idx;
CREATE INDEX CONCURRENTLY leads_workflow_stage_idx ON leads (studio_id, workflow_stage, created_at DESC);
