-- Leads in the admin app and the API (docs/leads.md, ADR 0010).
--
-- 1. archived_at: archiving hides a lead from the working list and can be undone. It is not a
--    workflow stage: the stage "archived" is the end of the state machine (no way back), while
--    archiving is a filing decision the team can reverse.
-- 2. leads.status follows leads.workflow_stage: every stage change (the pipeline board, the API,
--    an automation, a conversion) sets the matching status in the same row, so the list, the
--    search filters and the export (which filter on status) agree with the pipeline.
-- 3. Converting a lead into a client books it: the stage trigger allows an open lead (inquiry,
--    contacted, consultation, proposal sent) to move to booked in the update that sets its
--    converted_client_id, and only then. Every other move follows workflow.allowed_transitions().
SET lock_timeout = '5s';
BEGIN;

ALTER TABLE leads ADD COLUMN archived_at timestamptz;
COMMENT ON COLUMN leads.archived_at IS 'When the lead was archived (hidden from the working list); null: not archived. Reversible, unlike the workflow stage archived.';

CREATE FUNCTION workflow.lead_status(p_stage text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE p_stage
    WHEN 'inquiry' THEN 'new'
    WHEN 'contacted' THEN 'contacted'
    WHEN 'consultation' THEN 'qualified'
    WHEN 'proposal_sent' THEN 'proposal_sent'
    WHEN 'booked' THEN 'won'
    WHEN 'completed' THEN 'won'
    WHEN 'lost' THEN 'lost'
    WHEN 'archived' THEN 'archived'
  END
$$;
COMMENT ON FUNCTION workflow.lead_status(text) IS 'The leads.status that goes with a workflow stage (set by the stage trigger on every stage change).';
GRANT EXECUTE ON FUNCTION workflow.lead_status(text) TO tally_app;

CREATE OR REPLACE FUNCTION workflow.lead_stage_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  automation text := nullif(current_setting('workflow.automation', true), '');
  entered timestamptz := coalesce(OLD.stage_entered_at, OLD.created_at);
  conversion boolean := NEW.workflow_stage = 'booked'
    AND OLD.converted_client_id IS NULL AND NEW.converted_client_id IS NOT NULL
    AND OLD.workflow_stage IN ('inquiry', 'contacted', 'consultation', 'proposal_sent');
BEGIN
  IF NOT conversion AND NOT EXISTS (SELECT 1 FROM workflow.allowed_transitions() t
                 WHERE t.entity_type = 'lead' AND t.from_stage = OLD.workflow_stage AND t.to_stage = NEW.workflow_stage) THEN
    RAISE EXCEPTION 'A lead cannot move from % to %', OLD.workflow_stage, NEW.workflow_stage
      USING ERRCODE = 'WF409', HINT = 'Allowed next stages: ' || array_to_string(workflow.next_stages('lead', OLD.workflow_stage), ', ');
  END IF;
  NEW.previous_stage := OLD.workflow_stage;
  NEW.stage_entered_at := clock_timestamp();
  NEW.stage_duration := NEW.stage_entered_at - entered;
  NEW.stale_since := NULL;
  NEW.status := workflow.lead_status(NEW.workflow_stage);
  INSERT INTO public.workflow_transitions (studio_id, id, entity_type, entity_id, from_stage, to_stage, transitioned_at,
                                           transitioned_by, transition_reason, automated, metadata)
  VALUES (NEW.studio_id, workflow.uuid_v7(), 'lead', NEW.id, OLD.workflow_stage, NEW.workflow_stage, NEW.stage_entered_at,
          (SELECT auth.email()),
          coalesce(automation, nullif(current_setting('workflow.reason', true), ''),
                   CASE WHEN conversion THEN 'converted to a client' END),
          automation IS NOT NULL,
          coalesce(nullif(current_setting('workflow.metadata', true), ''), '{}')::jsonb
            || jsonb_build_object('time_in_previous_stage_seconds', extract(epoch FROM NEW.stage_duration))
            || CASE WHEN conversion THEN jsonb_build_object('client_id', NEW.converted_client_id) ELSE '{}'::jsonb END);
  RETURN NEW;
END;
$$;
COMMENT ON FUNCTION workflow.lead_stage_change() IS 'BEFORE UPDATE OF workflow_stage on leads: refuses a forbidden change (a conversion may book an open lead), records an allowed one, sets the matching status.';
REVOKE EXECUTE ON FUNCTION workflow.lead_stage_change() FROM PUBLIC;

COMMIT;
