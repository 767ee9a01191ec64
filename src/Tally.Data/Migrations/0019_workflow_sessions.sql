-- Session statuses as a declared state machine (docs/workflow.md, decision 0016), enforced the way
-- lead stages are (0009, 0011): a BEFORE UPDATE trigger on sessions refuses a move that
-- workflow.allowed_transitions() does not list and writes the workflow_transitions row of an
-- allowed one in the same transaction. Clients have no stage (decision 0016 says why).
--
-- The trigger fires on UPDATE only, like the lead's: a session is inserted in whatever status it
-- starts in (booked by a lead's conversion, loaded by the seeders' COPY or an import), and that is
-- its first status since created_at, not a transition.
SET lock_timeout = '5s';
BEGIN;

-- The lead rows are those of 0009, unchanged; the session rows are new.
CREATE OR REPLACE FUNCTION workflow.allowed_transitions()
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
    ('lead', 'lost', 'inquiry'),
    -- A session: asked about, booked (a date held), shot, delivered; cancelled before the shoot.
    ('session', 'inquiry', 'booked'),
    ('session', 'inquiry', 'cancelled'),
    ('session', 'booked', 'completed'),
    ('session', 'booked', 'cancelled'),
    ('session', 'booked', 'inquiry'),      -- postponed: the date is given up, the session stays open
    ('session', 'completed', 'delivered'),
    ('session', 'cancelled', 'inquiry')    -- reopened
$$;
COMMENT ON FUNCTION workflow.allowed_transitions() IS 'The state machines of workflow stages (leads) and statuses (sessions): every allowed (entity_type, from_stage, to_stage).';

-- The order the next stages are listed in: the lead pipeline's, with the session statuses that
-- leads do not have put where they belong (delivered after completed, cancelled before archived).
CREATE OR REPLACE FUNCTION workflow.next_stages(p_entity_type text, p_from text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(t.to_stage ORDER BY array_position(
           ARRAY['inquiry', 'contacted', 'consultation', 'proposal_sent', 'booked', 'completed', 'delivered', 'lost', 'cancelled', 'archived'],
           t.to_stage)), '{}')
  FROM workflow.allowed_transitions() t
  WHERE t.entity_type = p_entity_type AND t.from_stage = p_from
$$;

-- The status trigger of sessions. SECURITY DEFINER so the app needs no INSERT on
-- workflow_transitions; who comes from the transaction's claims (auth.email()), a person's reason
-- from the transaction-local setting workflow.reason, an automation's name from
-- workflow.automation, as for leads. sessions has no stage_entered_at column: the time spent in
-- the previous status is measured from the session's latest transition (index
-- workflow_transitions_entity_idx), or from created_at before the first.
CREATE FUNCTION workflow.session_status_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  automation text := nullif(current_setting('workflow.automation', true), '');
  entered timestamptz;
  moved_at timestamptz := clock_timestamp();
BEGIN
  IF NOT EXISTS (SELECT 1 FROM workflow.allowed_transitions() t
                 WHERE t.entity_type = 'session' AND t.from_stage = OLD.status AND t.to_stage = NEW.status) THEN
    RAISE EXCEPTION 'A session cannot move from % to %', OLD.status, NEW.status
      USING ERRCODE = 'WF409',
            HINT = 'Allowed next statuses: ' || coalesce(nullif(array_to_string(workflow.next_stages('session', OLD.status), ', '), ''), 'none');
  END IF;
  SELECT max(w.transitioned_at) INTO entered FROM public.workflow_transitions w
    WHERE w.studio_id = NEW.studio_id AND w.entity_type = 'session' AND w.entity_id = NEW.id;
  entered := coalesce(entered, OLD.created_at);
  INSERT INTO public.workflow_transitions (studio_id, id, entity_type, entity_id, from_stage, to_stage, transitioned_at,
                                           transitioned_by, transition_reason, automated, metadata)
  VALUES (NEW.studio_id, workflow.uuid_v7(), 'session', NEW.id, OLD.status, NEW.status, moved_at,
          (SELECT auth.email()),
          coalesce(automation, nullif(current_setting('workflow.reason', true), '')),
          automation IS NOT NULL,
          coalesce(nullif(current_setting('workflow.metadata', true), ''), '{}')::jsonb
            || jsonb_build_object('time_in_previous_stage_seconds', greatest(extract(epoch FROM moved_at - entered), 0)));
  RETURN NEW;
END;
$$;
COMMENT ON FUNCTION workflow.session_status_change() IS 'BEFORE UPDATE OF status on sessions: refuses a forbidden status change, records an allowed one.';
REVOKE EXECUTE ON FUNCTION workflow.session_status_change() FROM PUBLIC;

CREATE TRIGGER sessions_workflow_status BEFORE UPDATE OF status ON sessions
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION workflow.session_status_change();

COMMENT ON COLUMN sessions.status IS 'inquiry, booked, completed, delivered or cancelled; changed only along workflow.allowed_transitions() (trigger sessions_workflow_status).';

COMMIT;
