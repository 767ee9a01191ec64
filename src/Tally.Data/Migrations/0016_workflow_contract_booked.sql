-- Automation "contract_signed_deposit_paid" (docs/workflow.md): a signed contract whose deposit is
-- paid moves its lead to booked, in the transaction that signed the contract or recorded the
-- payment, once per contract. The deposit of a contract is any payment of it (payments.contract_id
-- = the contract, or, for a payment that names no contract, payments.quote_id = the contract's
-- quote) whose status is 'paid': the first money received against the contract secures the date,
-- whatever the studio calls it (retainer, deposit, payment in full). A refunded, failed or
-- cancelled payment is not one.
SET lock_timeout = '5s';
BEGIN;

-- The rule's name joins the CHECK. Dropping the old CHECK and adding the new one NOT VALID takes a
-- brief lock without a scan; VALIDATE after COMMIT scans without blocking writes.
ALTER TABLE workflow_rules DROP CONSTRAINT workflow_rules_rule_name_check;
ALTER TABLE workflow_rules ADD CONSTRAINT workflow_rules_rule_name_check
  CHECK (rule_name IN ('quote_sent_to_proposal', 'stale_lead', 'contract_signed_deposit_paid')) NOT VALID;

-- Moves the lead(s) of one contract to booked when the contract is signed and its deposit is paid.
-- The lead: the one the contract's quote was sent to (quotes.lead_id) when there is one, otherwise
-- every lead converted to the contract's client (leads.converted_client_id). Only from a stage the
-- state machine lets go to booked (proposal_sent); once per contract (the transition's metadata
-- keeps contract_id, so a second payment, a retried transaction or a re-signed contract moves
-- nothing).
CREATE FUNCTION workflow.book_contract_leads(p_studio uuid, p_contract uuid) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_client uuid;
  v_quote uuid;
  v_quote_lead uuid;
  v_lead record;
  moved int := 0;
BEGIN
  IF EXISTS (SELECT 1 FROM public.workflow_rules r
             WHERE r.studio_id = p_studio AND r.rule_name = 'contract_signed_deposit_paid' AND NOT r.enabled) THEN
    RETURN 0;
  END IF;
  SELECT c.client_id, c.quote_id INTO v_client, v_quote FROM public.contracts c
    WHERE c.studio_id = p_studio AND c.id = p_contract AND c.status = 'signed';
  IF v_client IS NULL OR NOT EXISTS (
       SELECT 1 FROM public.payments p
       WHERE p.studio_id = p_studio AND p.status = 'paid'
         AND (p.contract_id = p_contract OR (p.contract_id IS NULL AND v_quote IS NOT NULL AND p.quote_id = v_quote))) THEN
    RETURN 0;
  END IF;
  IF v_quote IS NOT NULL THEN
    SELECT q.lead_id INTO v_quote_lead FROM public.quotes q WHERE q.studio_id = p_studio AND q.id = v_quote;
  END IF;
  FOR v_lead IN
    SELECT l.id, l.workflow_stage FROM public.leads l
    WHERE l.studio_id = p_studio
      AND CASE WHEN v_quote_lead IS NOT NULL THEN l.id = v_quote_lead ELSE l.converted_client_id = v_client END
    ORDER BY l.id
    FOR UPDATE
  LOOP
    CONTINUE WHEN v_lead.workflow_stage = 'booked'
      OR NOT EXISTS (SELECT 1 FROM workflow.allowed_transitions() t
                     WHERE t.entity_type = 'lead' AND t.from_stage = v_lead.workflow_stage AND t.to_stage = 'booked')
      OR EXISTS (SELECT 1 FROM public.workflow_transitions w
                 WHERE w.studio_id = p_studio AND w.entity_type = 'lead' AND w.entity_id = v_lead.id
                   AND w.automated AND w.metadata ->> 'contract_id' = p_contract::text);
    PERFORM set_config('workflow.automation', 'contract_signed_deposit_paid', true);
    PERFORM set_config('workflow.metadata', jsonb_build_object('contract_id', p_contract)::text, true);
    UPDATE public.leads SET workflow_stage = 'booked' WHERE studio_id = p_studio AND id = v_lead.id;
    PERFORM set_config('workflow.automation', '', true);
    PERFORM set_config('workflow.metadata', '', true);
    moved := moved + 1;
  END LOOP;
  RETURN moved;
END;
$$;
COMMENT ON FUNCTION workflow.book_contract_leads(uuid, uuid) IS 'Automation contract_signed_deposit_paid for one contract; returns how many leads it moved to booked.';
REVOKE EXECUTE ON FUNCTION workflow.book_contract_leads(uuid, uuid) FROM PUBLIC;

CREATE FUNCTION workflow.contract_signed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM workflow.book_contract_leads(NEW.studio_id, NEW.id);
  RETURN NULL;
END;
$$;
COMMENT ON FUNCTION workflow.contract_signed() IS 'AFTER trigger on contracts: automation contract_signed_deposit_paid.';
REVOKE EXECUTE ON FUNCTION workflow.contract_signed() FROM PUBLIC;

-- A payment paid counts for the contract it names, or for the signed contracts of its quote.
CREATE FUNCTION workflow.payment_paid() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_contract uuid;
BEGIN
  FOR v_contract IN
    SELECT c.id FROM public.contracts c
    WHERE c.studio_id = NEW.studio_id AND c.status = 'signed'
      AND (c.id = NEW.contract_id OR (NEW.contract_id IS NULL AND NEW.quote_id IS NOT NULL AND c.quote_id = NEW.quote_id))
    ORDER BY c.id
  LOOP
    PERFORM workflow.book_contract_leads(NEW.studio_id, v_contract);
  END LOOP;
  RETURN NULL;
END;
$$;
COMMENT ON FUNCTION workflow.payment_paid() IS 'AFTER trigger on payments: automation contract_signed_deposit_paid.';
REVOKE EXECUTE ON FUNCTION workflow.payment_paid() FROM PUBLIC;

-- On UPDATE only, like quotes_workflow_sent: a contract is sent and then signed, a payment is
-- scheduled and then paid; bulk loads (the seeders' COPY of contracts already signed and payments
-- already paid) leave their leads' stages alone.
CREATE TRIGGER contracts_workflow_signed AFTER UPDATE OF status ON contracts
  FOR EACH ROW WHEN (NEW.status = 'signed' AND OLD.status IS DISTINCT FROM 'signed')
  EXECUTE FUNCTION workflow.contract_signed();
CREATE TRIGGER payments_workflow_paid AFTER UPDATE OF status ON payments
  FOR EACH ROW WHEN (NEW.status = 'paid' AND OLD.status IS DISTINCT FROM 'paid')
  EXECUTE FUNCTION workflow.payment_paid();

COMMIT;

ALTER TABLE workflow_rules VALIDATE CONSTRAINT workflow_rules_rule_name_check;
