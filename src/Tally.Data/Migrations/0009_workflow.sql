-- Workflow stages of leads (docs/workflow.md): the state machine, the transitions it records and
-- the automations that move leads by themselves. The state machine lives here, in the database:
-- a BEFORE UPDATE trigger on leads refuses a forbidden stage change and writes the
-- workflow_transitions row of an allowed one in the same transaction, so the two never disagree.
SET lock_timeout = '5s';
BEGIN;

CREATE SCHEMA workflow;
GRANT USAGE ON SCHEMA workflow TO tally_app;

-- The stages and the allowed transitions, declared once. ('lead', from, to).
CREATE FUNCTION workflow.allowed_transitions()
RETURNS TABLE (entity_type text, from_stage text, to_stage text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  VALUES
    ('lead', 'inquiry', 'contacted'),
    ('lead', 'inquiry', 'proposal_sent'),
    ('lead', 'contacted', 'consultation'),
    ('lead', 'contacted', 'proposal_sent'),
    ('lead', 'consultation', 'proposal_sent'),
    ('lead', 'proposal_sent', 'consultation'),
    ('lead', 'proposal_sent', 'booked'),
    ('lead', 'booked', 'completed'),
    ('lead', 'inquiry', 'lost'),
    ('lead', 'contacted', 'lost'),
    ('lead', 'consultation', 'lost'),
    ('lead', 'proposal_sent', 'lost'),
    ('lead', 'booked', 'lost'),
    ('lead', 'inquiry', 'archived'),
    ('lead', 'contacted', 'archived'),
    ('lead', 'consultation', 'archived'),
    ('lead', 'proposal_sent', 'archived'),
    ('lead', 'completed', 'archived'),
    ('lead', 'lost', 'archived'),
    ('lead', 'lost', 'inquiry')
$$;
COMMENT ON FUNCTION workflow.allowed_transitions() IS 'The state machine of workflow stages: every allowed (entity_type, from_stage, to_stage).';
GRANT EXECUTE ON FUNCTION workflow.allowed_transitions() TO tally_app;

CREATE FUNCTION workflow.next_stages(p_entity_type text, p_from text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(t.to_stage ORDER BY array_position(
           ARRAY['inquiry', 'contacted', 'consultation', 'proposal_sent', 'booked', 'completed', 'lost', 'archived'], t.to_stage)), '{}')
  FROM workflow.allowed_transitions() t
  WHERE t.entity_type = p_entity_type AND t.from_stage = p_from
$$;
GRANT EXECUTE ON FUNCTION workflow.next_stages(text, text) TO tally_app;

-- A UUIDv7 (time-ordered, as the app makes them) for the rows the triggers write.
CREATE FUNCTION workflow.uuid_v7() RETURNS uuid
LANGUAGE sql VOLATILE AS $$
  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
           PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
           FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$;

ALTER TABLE leads ADD COLUMN workflow_stage text NOT NULL DEFAULT 'inquiry';
ALTER TABLE leads ADD COLUMN stage_entered_at timestamptz;
ALTER TABLE leads ADD COLUMN previous_stage text;
ALTER TABLE leads ADD COLUMN stage_duration interval;
ALTER TABLE leads ADD COLUMN stale_since timestamptz;
ALTER TABLE leads ADD CONSTRAINT leads_workflow_stage_check
  CHECK (workflow_stage IN ('inquiry', 'contacted', 'consultation', 'proposal_sent', 'booked', 'completed', 'lost', 'archived')) NOT VALID;
COMMENT ON COLUMN leads.workflow_stage IS 'Stage of the lead in the studio''s pipeline; changed only along workflow.allowed_transitions().';
COMMENT ON COLUMN leads.stage_entered_at IS 'When the lead entered its current stage; null: since it was created (created_at).';
COMMENT ON COLUMN leads.previous_stage IS 'The stage before the current one.';
COMMENT ON COLUMN leads.stage_duration IS 'How long the lead spent in its previous stage.';
COMMENT ON COLUMN leads.stale_since IS 'Set by the stale_lead automation when an open lead had no activity for the rule''s days; cleared by a stage change.';

-- Every stage change, written by the stage trigger only.
CREATE TABLE workflow_transitions (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  entity_type text NOT NULL,
  entity_id uuid NOT NULL,
  from_stage text,
  to_stage text NOT NULL,
  transitioned_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  transitioned_by text,
  transition_reason text,
  automated boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (studio_id, id),
  CONSTRAINT workflow_transitions_entity_type_check CHECK (entity_type IN ('lead', 'client', 'session'))
);
COMMENT ON TABLE workflow_transitions IS 'Every workflow stage change, in the transaction of the change (trigger workflow.lead_stage_change).';
CREATE INDEX workflow_transitions_entity_idx ON workflow_transitions (studio_id, entity_type, entity_id, transitioned_at);
CREATE INDEX workflow_transitions_time_idx ON workflow_transitions (studio_id, entity_type, transitioned_at);

REVOKE ALL ON workflow_transitions FROM tally_app;
GRANT SELECT ON workflow_transitions TO tally_app;
ALTER TABLE workflow_transitions ENABLE ROW LEVEL SECURITY;
ALTER TABLE workflow_transitions FORCE ROW LEVEL SECURITY;
CREATE POLICY workflow_transitions_tenant ON workflow_transitions AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY workflow_transitions_team_read ON workflow_transitions FOR SELECT TO tally_app
  USING ((select auth.is_team()) OR (select auth.is_system()));

-- Automations, as data per studio. A rule without a row runs with its defaults (enabled).
CREATE TABLE workflow_rules (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  rule_name text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  parameters jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  CONSTRAINT workflow_rules_rule_name_unique UNIQUE (studio_id, rule_name),
  CONSTRAINT workflow_rules_rule_name_check CHECK (rule_name IN ('quote_sent_to_proposal', 'stale_lead'))
);
CREATE TRIGGER workflow_rules_set_updated_at BEFORE UPDATE ON workflow_rules FOR EACH ROW EXECUTE FUNCTION set_updated_at();
COMMENT ON TABLE workflow_rules IS 'Per-studio settings of the workflow automations (enabled, parameters).';

GRANT SELECT, INSERT, UPDATE, DELETE ON workflow_rules TO tally_app;
ALTER TABLE workflow_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE workflow_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY workflow_rules_tenant ON workflow_rules AS RESTRICTIVE FOR ALL TO tally_app
  USING (studio_id = (select auth.studio_id())) WITH CHECK (studio_id = (select auth.studio_id()));
CREATE POLICY workflow_rules_manage ON workflow_rules FOR ALL TO tally_app
  USING ((select auth.is_admin()) OR (select auth.is_system()))
  WITH CHECK ((select auth.is_admin()) OR (select auth.is_system()));
CREATE POLICY workflow_rules_team_read ON workflow_rules FOR SELECT TO tally_app
  USING ((select auth.is_team()));

-- The stage trigger. SECURITY DEFINER so the app needs no INSERT on workflow_transitions. An
-- automation names itself in the transaction-local setting workflow.automation (the rule's name);
-- workflow.reason carries a person's reason.
CREATE FUNCTION workflow.lead_stage_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  automation text := nullif(current_setting('workflow.automation', true), '');
  entered timestamptz := coalesce(OLD.stage_entered_at, OLD.created_at);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM workflow.allowed_transitions() t
                 WHERE t.entity_type = 'lead' AND t.from_stage = OLD.workflow_stage AND t.to_stage = NEW.workflow_stage) THEN
    RAISE EXCEPTION 'A lead cannot move from % to %', OLD.workflow_stage, NEW.workflow_stage
      USING ERRCODE = 'WF409', HINT = 'Allowed next stages: ' || array_to_string(workflow.next_stages('lead', OLD.workflow_stage), ', ');
  END IF;
  NEW.previous_stage := OLD.workflow_stage;
  NEW.stage_entered_at := clock_timestamp();
  NEW.stage_duration := NEW.stage_entered_at - entered;
  NEW.stale_since := NULL;
  INSERT INTO public.workflow_transitions (studio_id, id, entity_type, entity_id, from_stage, to_stage, transitioned_at,
                                           transitioned_by, transition_reason, automated, metadata)
  VALUES (NEW.studio_id, workflow.uuid_v7(), 'lead', NEW.id, OLD.workflow_stage, NEW.workflow_stage, NEW.stage_entered_at,
          (SELECT auth.email()),
          coalesce(automation, nullif(current_setting('workflow.reason', true), '')),
          automation IS NOT NULL,
          coalesce(nullif(current_setting('workflow.metadata', true), ''), '{}')::jsonb
            || jsonb_build_object('time_in_previous_stage_seconds', extract(epoch FROM NEW.stage_duration)));
  RETURN NEW;
END;
$$;
COMMENT ON FUNCTION workflow.lead_stage_change() IS 'BEFORE UPDATE OF workflow_stage on leads: refuses a forbidden change, records an allowed one.';
REVOKE EXECUTE ON FUNCTION workflow.lead_stage_change() FROM PUBLIC;

CREATE TRIGGER leads_workflow_stage BEFORE UPDATE OF workflow_stage ON leads
  FOR EACH ROW WHEN (OLD.workflow_stage IS DISTINCT FROM NEW.workflow_stage)
  EXECUTE FUNCTION workflow.lead_stage_change();

-- Automation "quote_sent_to_proposal": a quote of a lead becoming 'sent' moves the lead to
-- proposal_sent, once per quote (a quote sent again, or a retried transaction, moves nothing).
CREATE FUNCTION workflow.quote_sent() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  stage text;
BEGIN
  IF EXISTS (SELECT 1 FROM public.workflow_rules r
             WHERE r.studio_id = NEW.studio_id AND r.rule_name = 'quote_sent_to_proposal' AND NOT r.enabled) THEN
    RETURN NULL;
  END IF;
  SELECT l.workflow_stage INTO stage FROM public.leads l
    WHERE l.studio_id = NEW.studio_id AND l.id = NEW.lead_id FOR UPDATE;
  IF stage IS NULL OR stage = 'proposal_sent'
     OR NOT EXISTS (SELECT 1 FROM workflow.allowed_transitions() t
                    WHERE t.entity_type = 'lead' AND t.from_stage = stage AND t.to_stage = 'proposal_sent')
     OR EXISTS (SELECT 1 FROM public.workflow_transitions w
                WHERE w.studio_id = NEW.studio_id AND w.entity_type = 'lead' AND w.entity_id = NEW.lead_id
                  AND w.automated AND w.metadata ->> 'quote_id' = NEW.id::text) THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('workflow.automation', 'quote_sent_to_proposal', true);
  PERFORM set_config('workflow.metadata', jsonb_build_object('quote_id', NEW.id)::text, true);
  UPDATE public.leads SET workflow_stage = 'proposal_sent' WHERE studio_id = NEW.studio_id AND id = NEW.lead_id;
  PERFORM set_config('workflow.automation', '', true);
  PERFORM set_config('workflow.metadata', '', true);
  RETURN NULL;
END;
$$;
COMMENT ON FUNCTION workflow.quote_sent() IS 'AFTER trigger on quotes: automation quote_sent_to_proposal.';
REVOKE EXECUTE ON FUNCTION workflow.quote_sent() FROM PUBLIC;

-- On UPDATE only: a quote is written as a draft and then sent; bulk loads (the seeders' COPY of
-- quotes already sent) leave their leads' stages alone.
CREATE TRIGGER quotes_workflow_sent AFTER UPDATE OF status ON quotes
  FOR EACH ROW WHEN (NEW.status = 'sent' AND NEW.lead_id IS NOT NULL)
  EXECUTE FUNCTION workflow.quote_sent();

-- Automation "stale_lead": an open lead with no activity (no stage change, no interaction) for
-- parameters.days days (default 14) gets stale_since. Run by the app's job per studio under an
-- advisory lock; idempotent (flagged leads are skipped), so a retried round flags nothing twice.
CREATE FUNCTION workflow.flag_stale_leads(p_studio uuid) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  days int := 14;
  flagged int;
BEGIN
  IF EXISTS (SELECT 1 FROM public.workflow_rules r WHERE r.studio_id = p_studio AND r.rule_name = 'stale_lead' AND NOT r.enabled) THEN
    RETURN 0;
  END IF;
  SELECT coalesce((r.parameters ->> 'days')::int, 14) INTO days
    FROM public.workflow_rules r WHERE r.studio_id = p_studio AND r.rule_name = 'stale_lead';
  days := coalesce(days, 14);
  UPDATE public.leads l SET stale_since = clock_timestamp()
  WHERE l.studio_id = p_studio AND l.stale_since IS NULL
    AND l.workflow_stage IN ('inquiry', 'contacted', 'consultation', 'proposal_sent')
    AND coalesce(l.stage_entered_at, l.created_at) <= clock_timestamp() - make_interval(days => days)
    AND NOT EXISTS (SELECT 1 FROM public.lead_interactions i
                    WHERE i.studio_id = l.studio_id AND i.lead_id = l.id
                      AND i.occurred_at > clock_timestamp() - make_interval(days => days));
  GET DIAGNOSTICS flagged = ROW_COUNT;
  RETURN flagged;
END;
$$;
COMMENT ON FUNCTION workflow.flag_stale_leads(uuid) IS 'Automation stale_lead for one studio; returns how many leads it flagged.';
REVOKE EXECUTE ON FUNCTION workflow.flag_stale_leads(uuid) FROM PUBLIC;

-- Every studio, each by its own rule: what the app's job calls (like audit.seal_pending, it can only
-- apply the studios' own settings, so the app may run it).
CREATE FUNCTION workflow.flag_stale_leads_all() RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT coalesce(sum(workflow.flag_stale_leads(s.id)), 0)::bigint FROM public.studios s
$$;
REVOKE EXECUTE ON FUNCTION workflow.flag_stale_leads_all() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION workflow.flag_stale_leads_all() TO tally_app;

CREATE TRIGGER workflow_transitions_audit AFTER INSERT OR UPDATE OR DELETE ON workflow_transitions FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER workflow_transitions_audit_truncate BEFORE TRUNCATE ON workflow_transitions FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
CREATE TRIGGER workflow_rules_audit AFTER INSERT OR UPDATE OR DELETE ON workflow_rules FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER workflow_rules_audit_truncate BEFORE TRUNCATE ON workflow_rules FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();

COMMIT;

ALTER TABLE leads VALIDATE CONSTRAINT leads_workflow_stage_check;
