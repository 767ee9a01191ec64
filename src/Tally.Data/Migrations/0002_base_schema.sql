-- Base schema: the tenant (studios) and every table of the original system.
-- Conventions (see docs/schema.md):
--   * every table but studios starts with studio_id and has primary key (studio_id, id)
--   * ids are UUIDv7 made by the application, so no id column has a default
--   * every foreign key carries studio_id, so no row can point into another studio
--   * money is numeric(12,2) beside a currency char(3), instants are timestamptz, days are date
--   * emails are citext, statuses are text with a CHECK list, free text has a length limit
--   * machine identifiers (slugs, storage keys, token hashes, sha-256 hex, Stripe ids) are COLLATE "C":
--     byte order is their natural order and it compares far faster than a linguistic collation
-- All tables are created in this script, so their indexes and constraints are declared inline.
SET lock_timeout = '5s';
BEGIN;

-- DbUp creates its journal (schema_migrations) right after 0001 ran, so the default privileges of
-- 0001 reached it. The application role has no business rewriting migration history.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM tally_app;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM tally_app;

-- ---------------------------------------------------------------------------------------------
-- studios: the tenant
-- ---------------------------------------------------------------------------------------------
CREATE TABLE studios (
  id uuid PRIMARY KEY,
  slug text COLLATE "C" NOT NULL,
  name text NOT NULL,
  timezone text NOT NULL DEFAULT 'UTC',
  default_currency char(3) NOT NULL DEFAULT 'USD',
  contact_email citext,
  phone text,
  website_url text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT studios_slug_key UNIQUE (slug),
  CONSTRAINT studios_slug_format CHECK (char_length(slug) BETWEEN 2 AND 63 AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  CONSTRAINT studios_name_length CHECK (btrim(name) <> '' AND char_length(name) <= 200),
  CONSTRAINT studios_timezone_valid CHECK (char_length(timezone) <= 64 AND timezone ~ '^[A-Za-z][A-Za-z0-9_+/-]*$' AND is_valid_time_zone(timezone)),
  CONSTRAINT studios_default_currency_format CHECK (default_currency ~ '^[A-Z]{3}$'),
  CONSTRAINT studios_contact_email_format CHECK (char_length(contact_email) <= 254 AND contact_email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  CONSTRAINT studios_phone_length CHECK (btrim(phone) <> '' AND char_length(phone) <= 40),
  CONSTRAINT studios_website_url_format CHECK (char_length(website_url) <= 2000 AND website_url ~ '^https?://[^[:space:]]+$')
);
COMMENT ON TABLE studios IS 'The tenant: one photography business. Every other table hangs off a studio.';

-- ---------------------------------------------------------------------------------------------
-- admin_users: the studio team (owner, admins, staff, bookkeeper)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE admin_users (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  email citext NOT NULL,
  full_name text NOT NULL,
  role text NOT NULL DEFAULT 'staff',
  is_active boolean NOT NULL DEFAULT true,
  can_view_analytics boolean NOT NULL DEFAULT false,
  can_manage_payments boolean NOT NULL DEFAULT false,
  can_manage_team boolean NOT NULL DEFAULT false,
  phone text,
  password_hash text,
  last_sign_in_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  CONSTRAINT admin_users_studio_id_email_key UNIQUE (studio_id, email),
  CONSTRAINT admin_users_role_check CHECK (role IN ('owner', 'admin', 'staff', 'bookkeeper')),
  CONSTRAINT admin_users_email_format CHECK (char_length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  CONSTRAINT admin_users_full_name_length CHECK (btrim(full_name) <> '' AND char_length(full_name) <= 200),
  CONSTRAINT admin_users_phone_length CHECK (btrim(phone) <> '' AND char_length(phone) <= 40),
  CONSTRAINT admin_users_password_hash_length CHECK (char_length(password_hash) BETWEEN 20 AND 1000)
);
COMMENT ON TABLE admin_users IS 'Members of a studio team who sign in to the admin app. Unique per studio by email.';
COMMENT ON COLUMN admin_users.password_hash IS 'NULL until the identity work sets sign-in up.';

-- ---------------------------------------------------------------------------------------------
-- admin_invitations: invitations to join a studio team
-- ---------------------------------------------------------------------------------------------
CREATE TABLE admin_invitations (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  email citext NOT NULL,
  role text NOT NULL DEFAULT 'staff',
  token_hash text COLLATE "C" NOT NULL,
  invited_by uuid,
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  CONSTRAINT admin_invitations_token_hash_key UNIQUE (token_hash),
  FOREIGN KEY (studio_id, invited_by) REFERENCES admin_users (studio_id, id) ON DELETE SET NULL (invited_by),
  CONSTRAINT admin_invitations_role_check CHECK (role IN ('owner', 'admin', 'staff', 'bookkeeper')),
  CONSTRAINT admin_invitations_email_format CHECK (char_length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  CONSTRAINT admin_invitations_token_hash_length CHECK (char_length(token_hash) BETWEEN 32 AND 256),
  CONSTRAINT admin_invitations_expiry CHECK (expires_at > created_at),
  CONSTRAINT admin_invitations_accepted_or_revoked CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
COMMENT ON TABLE admin_invitations IS 'Invitations to join a studio team. Only a hash of the token is stored.';
-- At most one open invitation per address and studio.
CREATE UNIQUE INDEX admin_invitations_open_email_key ON admin_invitations (studio_id, email)
  WHERE accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX admin_invitations_invited_by_idx ON admin_invitations (studio_id, invited_by) WHERE invited_by IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- clients
-- ---------------------------------------------------------------------------------------------
CREATE TABLE clients (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  first_name text NOT NULL,
  last_name text,
  partner_name text,
  email citext NOT NULL,
  phone text,
  address_line1 text,
  address_line2 text,
  city text,
  region text,
  postal_code text,
  country char(2),
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  CONSTRAINT clients_studio_id_email_key UNIQUE (studio_id, email),
  CONSTRAINT clients_first_name_length CHECK (btrim(first_name) <> '' AND char_length(first_name) <= 100),
  CONSTRAINT clients_last_name_length CHECK (char_length(last_name) <= 100),
  CONSTRAINT clients_partner_name_length CHECK (char_length(partner_name) <= 200),
  CONSTRAINT clients_email_format CHECK (char_length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  CONSTRAINT clients_phone_length CHECK (btrim(phone) <> '' AND char_length(phone) <= 40),
  CONSTRAINT clients_address_length CHECK (
    char_length(address_line1) <= 200 AND char_length(address_line2) <= 200 AND char_length(city) <= 100
    AND char_length(region) <= 100 AND char_length(postal_code) <= 20),
  CONSTRAINT clients_country_format CHECK (country ~ '^[A-Z]{2}$'),
  CONSTRAINT clients_notes_length CHECK (char_length(notes) <= 10000)
);
COMMENT ON TABLE clients IS 'People (or couples) a studio works for. Unique per studio by email.';
COMMENT ON COLUMN clients.partner_name IS 'The second person of a couple (weddings, engagements), free text.';
COMMENT ON COLUMN clients.country IS 'ISO 3166-1 alpha-2 code.';
CREATE INDEX clients_created_at_idx ON clients (studio_id, created_at DESC);
CREATE INDEX clients_name_idx ON clients (studio_id, last_name, first_name);

-- ---------------------------------------------------------------------------------------------
-- leads: inquiries, the sales pipeline
-- ---------------------------------------------------------------------------------------------
CREATE TABLE leads (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  first_name text NOT NULL,
  last_name text,
  partner_name text,
  email citext,
  phone text,
  event_type text,
  event_date date,
  venue text,
  guest_count integer,
  budget numeric(12,2),
  currency char(3),
  source text NOT NULL DEFAULT 'other',
  message text,
  status text NOT NULL DEFAULT 'new',
  lost_reason text,
  assigned_to uuid,
  converted_client_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  FOREIGN KEY (studio_id, assigned_to) REFERENCES admin_users (studio_id, id) ON DELETE SET NULL (assigned_to),
  FOREIGN KEY (studio_id, converted_client_id) REFERENCES clients (studio_id, id) ON DELETE SET NULL (converted_client_id),
  CONSTRAINT leads_status_check CHECK (status IN ('new', 'contacted', 'qualified', 'proposal_sent', 'won', 'lost', 'archived')),
  CONSTRAINT leads_source_check CHECK (source IN ('instagram', 'google', 'referral', 'website', 'wedding_wire', 'the_knot', 'facebook', 'other')),
  CONSTRAINT leads_event_type_check CHECK (event_type IN ('wedding', 'engagement', 'portrait', 'family', 'newborn', 'boudoir', 'corporate', 'event', 'other')),
  CONSTRAINT leads_first_name_length CHECK (btrim(first_name) <> '' AND char_length(first_name) <= 100),
  CONSTRAINT leads_last_name_length CHECK (char_length(last_name) <= 100),
  CONSTRAINT leads_partner_name_length CHECK (char_length(partner_name) <= 200),
  CONSTRAINT leads_email_format CHECK (char_length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  CONSTRAINT leads_phone_length CHECK (btrim(phone) <> '' AND char_length(phone) <= 40),
  CONSTRAINT leads_contact_required CHECK (email IS NOT NULL OR phone IS NOT NULL),
  CONSTRAINT leads_event_date_range CHECK (event_date BETWEEN DATE '2000-01-01' AND DATE '2100-12-31'),
  CONSTRAINT leads_venue_length CHECK (char_length(venue) <= 200),
  CONSTRAINT leads_guest_count_range CHECK (guest_count BETWEEN 0 AND 100000),
  CONSTRAINT leads_budget_nonnegative CHECK (budget >= 0),
  CONSTRAINT leads_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT leads_budget_has_currency CHECK (budget IS NULL OR currency IS NOT NULL),
  CONSTRAINT leads_message_length CHECK (char_length(message) <= 10000),
  CONSTRAINT leads_lost_reason_length CHECK (char_length(lost_reason) <= 1000)
);
COMMENT ON TABLE leads IS 'Inquiries from prospects: the pipeline from new to won (converted to a client) or lost.';
CREATE INDEX leads_created_at_idx ON leads (studio_id, created_at DESC);
CREATE INDEX leads_status_idx ON leads (studio_id, status, created_at DESC);
CREATE INDEX leads_event_date_idx ON leads (studio_id, event_date) WHERE event_date IS NOT NULL;
CREATE INDEX leads_assigned_to_idx ON leads (studio_id, assigned_to) WHERE assigned_to IS NOT NULL;
CREATE INDEX leads_converted_client_id_idx ON leads (studio_id, converted_client_id) WHERE converted_client_id IS NOT NULL;
CREATE INDEX leads_email_idx ON leads (studio_id, email) WHERE email IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- lead_interactions: calls, emails, notes, meetings with a lead
-- ---------------------------------------------------------------------------------------------
CREATE TABLE lead_interactions (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  lead_id uuid NOT NULL,
  kind text NOT NULL,
  direction text,
  summary text NOT NULL,
  body text,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  FOREIGN KEY (studio_id, lead_id) REFERENCES leads (studio_id, id) ON DELETE CASCADE,
  FOREIGN KEY (studio_id, created_by) REFERENCES admin_users (studio_id, id) ON DELETE SET NULL (created_by),
  CONSTRAINT lead_interactions_kind_check CHECK (kind IN ('call', 'email', 'note', 'meeting', 'inquiry')),
  CONSTRAINT lead_interactions_direction_check CHECK (direction IN ('inbound', 'outbound')),
  CONSTRAINT lead_interactions_summary_length CHECK (btrim(summary) <> '' AND char_length(summary) <= 500),
  CONSTRAINT lead_interactions_body_length CHECK (char_length(body) <= 20000)
);
COMMENT ON TABLE lead_interactions IS 'The conversation with a lead: inquiry, calls, emails, meetings and internal notes.';
CREATE INDEX lead_interactions_lead_idx ON lead_interactions (studio_id, lead_id, occurred_at DESC);
CREATE INDEX lead_interactions_created_by_idx ON lead_interactions (studio_id, created_by) WHERE created_by IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- lead_documents: files attached to a lead
-- ---------------------------------------------------------------------------------------------
CREATE TABLE lead_documents (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  lead_id uuid NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL,
  byte_size bigint NOT NULL,
  storage_key text COLLATE "C" NOT NULL,
  sha256 text COLLATE "C",
  uploaded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  CONSTRAINT lead_documents_storage_key_key UNIQUE (studio_id, storage_key),
  FOREIGN KEY (studio_id, lead_id) REFERENCES leads (studio_id, id) ON DELETE CASCADE,
  FOREIGN KEY (studio_id, uploaded_by) REFERENCES admin_users (studio_id, id) ON DELETE SET NULL (uploaded_by),
  CONSTRAINT lead_documents_file_name_length CHECK (btrim(file_name) <> '' AND char_length(file_name) <= 255),
  CONSTRAINT lead_documents_content_type_format CHECK (char_length(content_type) <= 255 AND content_type ~ '^[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*$'),
  CONSTRAINT lead_documents_byte_size_range CHECK (byte_size BETWEEN 0 AND 10737418240),
  CONSTRAINT lead_documents_storage_key_length CHECK (btrim(storage_key) <> '' AND char_length(storage_key) <= 1024),
  CONSTRAINT lead_documents_sha256_format CHECK (sha256 ~ '^[0-9a-f]{64}$')
);
COMMENT ON TABLE lead_documents IS 'Files attached to a lead (mood boards, venue details). The bytes live in object storage under storage_key.';
CREATE INDEX lead_documents_lead_idx ON lead_documents (studio_id, lead_id, created_at DESC);
CREATE INDEX lead_documents_uploaded_by_idx ON lead_documents (studio_id, uploaded_by) WHERE uploaded_by IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- client_invitations: invitations to the client portal
-- ---------------------------------------------------------------------------------------------
CREATE TABLE client_invitations (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  client_id uuid NOT NULL,
  email citext NOT NULL,
  token_hash text COLLATE "C" NOT NULL,
  invited_by uuid,
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  CONSTRAINT client_invitations_token_hash_key UNIQUE (token_hash),
  FOREIGN KEY (studio_id, client_id) REFERENCES clients (studio_id, id) ON DELETE CASCADE,
  FOREIGN KEY (studio_id, invited_by) REFERENCES admin_users (studio_id, id) ON DELETE SET NULL (invited_by),
  CONSTRAINT client_invitations_email_format CHECK (char_length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  CONSTRAINT client_invitations_token_hash_length CHECK (char_length(token_hash) BETWEEN 32 AND 256),
  CONSTRAINT client_invitations_expiry CHECK (expires_at > created_at),
  CONSTRAINT client_invitations_accepted_or_revoked CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
COMMENT ON TABLE client_invitations IS 'Invitations to the client portal. Only a hash of the token is stored.';
CREATE INDEX client_invitations_client_idx ON client_invitations (studio_id, client_id);
-- At most one open invitation per client.
CREATE UNIQUE INDEX client_invitations_open_client_key ON client_invitations (studio_id, client_id)
  WHERE accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX client_invitations_invited_by_idx ON client_invitations (studio_id, invited_by) WHERE invited_by IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- sessions: shoots
-- ---------------------------------------------------------------------------------------------
CREATE TABLE sessions (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  client_id uuid NOT NULL,
  session_type text NOT NULL,
  title text NOT NULL,
  starts_at timestamptz,
  ends_at timestamptz,
  location_name text,
  address text,
  latitude numeric(9,6),
  longitude numeric(9,6),
  status text NOT NULL DEFAULT 'inquiry',
  package_name text,
  package_price numeric(12,2),
  currency char(3),
  assigned_to uuid,
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  FOREIGN KEY (studio_id, client_id) REFERENCES clients (studio_id, id),
  FOREIGN KEY (studio_id, assigned_to) REFERENCES admin_users (studio_id, id) ON DELETE SET NULL (assigned_to),
  CONSTRAINT sessions_session_type_check CHECK (session_type IN ('wedding', 'engagement', 'portrait', 'family', 'newborn', 'boudoir', 'corporate', 'event', 'other')),
  CONSTRAINT sessions_status_check CHECK (status IN ('inquiry', 'booked', 'completed', 'delivered', 'cancelled')),
  CONSTRAINT sessions_title_length CHECK (btrim(title) <> '' AND char_length(title) <= 200),
  CONSTRAINT sessions_times_together CHECK ((starts_at IS NULL) = (ends_at IS NULL)),
  CONSTRAINT sessions_ends_after_start CHECK (ends_at > starts_at),
  CONSTRAINT sessions_scheduled_when_booked CHECK (status IN ('inquiry', 'cancelled') OR starts_at IS NOT NULL),
  CONSTRAINT sessions_location_name_length CHECK (char_length(location_name) <= 200),
  CONSTRAINT sessions_address_length CHECK (char_length(address) <= 500),
  CONSTRAINT sessions_latitude_range CHECK (latitude BETWEEN -90 AND 90),
  CONSTRAINT sessions_longitude_range CHECK (longitude BETWEEN -180 AND 180),
  CONSTRAINT sessions_coordinates_together CHECK ((latitude IS NULL) = (longitude IS NULL)),
  CONSTRAINT sessions_package_name_length CHECK (char_length(package_name) <= 200),
  CONSTRAINT sessions_package_price_nonnegative CHECK (package_price >= 0),
  CONSTRAINT sessions_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT sessions_price_has_currency CHECK (package_price IS NULL OR currency IS NOT NULL),
  CONSTRAINT sessions_notes_length CHECK (char_length(notes) <= 10000)
);
COMMENT ON TABLE sessions IS 'Photography sessions (shoots) booked for a client: when, where, what package.';
CREATE INDEX sessions_starts_at_idx ON sessions (studio_id, starts_at);
CREATE INDEX sessions_status_idx ON sessions (studio_id, status, starts_at);
CREATE INDEX sessions_client_idx ON sessions (studio_id, client_id, starts_at);
CREATE INDEX sessions_assigned_to_idx ON sessions (studio_id, assigned_to, starts_at) WHERE assigned_to IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- quotes
-- ---------------------------------------------------------------------------------------------
CREATE TABLE quotes (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  client_id uuid,
  session_id uuid,
  lead_id uuid,
  title text NOT NULL,
  line_items jsonb NOT NULL DEFAULT '[]',
  subtotal numeric(12,2) NOT NULL DEFAULT 0,
  discount_amount numeric(12,2) NOT NULL DEFAULT 0,
  tax_rate numeric(5,4) NOT NULL DEFAULT 0,
  tax_amount numeric(12,2) NOT NULL DEFAULT 0,
  total numeric(12,2) NOT NULL DEFAULT 0,
  currency char(3) NOT NULL,
  status text NOT NULL DEFAULT 'draft',
  valid_until date,
  sent_at timestamptz,
  responded_at timestamptz,
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  FOREIGN KEY (studio_id, client_id) REFERENCES clients (studio_id, id),
  FOREIGN KEY (studio_id, session_id) REFERENCES sessions (studio_id, id),
  FOREIGN KEY (studio_id, lead_id) REFERENCES leads (studio_id, id),
  CONSTRAINT quotes_status_check CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'expired')),
  CONSTRAINT quotes_recipient_required CHECK (client_id IS NOT NULL OR lead_id IS NOT NULL),
  CONSTRAINT quotes_title_length CHECK (btrim(title) <> '' AND char_length(title) <= 200),
  CONSTRAINT quotes_line_items_array CHECK (jsonb_typeof(line_items) = 'array' AND jsonb_array_length(line_items) <= 200),
  CONSTRAINT quotes_amounts_nonnegative CHECK (subtotal >= 0 AND discount_amount >= 0 AND tax_amount >= 0 AND total >= 0),
  CONSTRAINT quotes_discount_within_subtotal CHECK (discount_amount <= subtotal),
  CONSTRAINT quotes_tax_rate_range CHECK (tax_rate BETWEEN 0 AND 1),
  CONSTRAINT quotes_total_consistent CHECK (total = subtotal - discount_amount + tax_amount),
  CONSTRAINT quotes_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT quotes_sent_when_not_draft CHECK (status = 'draft' OR sent_at IS NOT NULL),
  CONSTRAINT quotes_responded_when_answered CHECK (status NOT IN ('accepted', 'declined') OR responded_at IS NOT NULL),
  CONSTRAINT quotes_valid_until_range CHECK (valid_until BETWEEN DATE '2000-01-01' AND DATE '2100-12-31'),
  CONSTRAINT quotes_notes_length CHECK (char_length(notes) <= 10000)
);
COMMENT ON TABLE quotes IS 'Priced proposals sent to a client or a lead. line_items is a JSON array of {description, quantity, unit_price, amount}.';
CREATE INDEX quotes_created_at_idx ON quotes (studio_id, created_at DESC);
CREATE INDEX quotes_status_idx ON quotes (studio_id, status, created_at DESC);
CREATE INDEX quotes_client_idx ON quotes (studio_id, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX quotes_session_idx ON quotes (studio_id, session_id) WHERE session_id IS NOT NULL;
CREATE INDEX quotes_lead_idx ON quotes (studio_id, lead_id) WHERE lead_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- contracts
-- ---------------------------------------------------------------------------------------------
CREATE TABLE contracts (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  client_id uuid NOT NULL,
  quote_id uuid,
  session_id uuid,
  title text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'draft',
  sent_at timestamptz,
  signer_name text,
  signer_email citext,
  signed_at timestamptz,
  signer_ip inet,
  signer_user_agent text,
  document_hash text COLLATE "C",
  voided_at timestamptz,
  void_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  FOREIGN KEY (studio_id, client_id) REFERENCES clients (studio_id, id),
  FOREIGN KEY (studio_id, quote_id) REFERENCES quotes (studio_id, id),
  FOREIGN KEY (studio_id, session_id) REFERENCES sessions (studio_id, id),
  CONSTRAINT contracts_status_check CHECK (status IN ('draft', 'sent', 'signed', 'void')),
  CONSTRAINT contracts_title_length CHECK (btrim(title) <> '' AND char_length(title) <= 200),
  CONSTRAINT contracts_body_length CHECK (char_length(body) <= 200000),
  CONSTRAINT contracts_signer_name_length CHECK (btrim(signer_name) <> '' AND char_length(signer_name) <= 200),
  CONSTRAINT contracts_signer_email_format CHECK (char_length(signer_email) <= 254 AND signer_email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  CONSTRAINT contracts_signer_user_agent_length CHECK (char_length(signer_user_agent) <= 1000),
  CONSTRAINT contracts_document_hash_format CHECK (document_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT contracts_void_reason_length CHECK (char_length(void_reason) <= 1000),
  CONSTRAINT contracts_sent_when_sent CHECK (status <> 'sent' OR sent_at IS NOT NULL),
  -- A signature is evidence: who, when, and the hash of exactly what was signed.
  CONSTRAINT contracts_signature_complete CHECK (status <> 'signed' OR (signed_at IS NOT NULL AND signer_name IS NOT NULL AND document_hash IS NOT NULL)),
  CONSTRAINT contracts_signed_only_when_signed CHECK (signed_at IS NULL OR status IN ('signed', 'void')),
  CONSTRAINT contracts_voided_when_void CHECK ((status = 'void') = (voided_at IS NOT NULL))
);
COMMENT ON TABLE contracts IS 'Agreements a client signs electronically. document_hash is the sha-256 (hex) of the signed body.';
CREATE INDEX contracts_created_at_idx ON contracts (studio_id, created_at DESC);
CREATE INDEX contracts_status_idx ON contracts (studio_id, status, created_at DESC);
CREATE INDEX contracts_client_idx ON contracts (studio_id, client_id);
CREATE INDEX contracts_quote_idx ON contracts (studio_id, quote_id) WHERE quote_id IS NOT NULL;
CREATE INDEX contracts_session_idx ON contracts (studio_id, session_id) WHERE session_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- payments
-- ---------------------------------------------------------------------------------------------
CREATE TABLE payments (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  client_id uuid NOT NULL,
  quote_id uuid,
  contract_id uuid,
  description text,
  amount numeric(12,2) NOT NULL,
  currency char(3) NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  due_date date,
  paid_at timestamptz,
  refunded_at timestamptz,
  method text,
  stripe_payment_intent_id text COLLATE "C",
  stripe_charge_id text COLLATE "C",
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  FOREIGN KEY (studio_id, client_id) REFERENCES clients (studio_id, id),
  FOREIGN KEY (studio_id, quote_id) REFERENCES quotes (studio_id, id),
  FOREIGN KEY (studio_id, contract_id) REFERENCES contracts (studio_id, id),
  CONSTRAINT payments_status_check CHECK (status IN ('pending', 'due', 'paid', 'failed', 'refunded', 'cancelled')),
  CONSTRAINT payments_method_check CHECK (method IN ('card', 'bank_transfer', 'cash', 'check', 'other')),
  CONSTRAINT payments_amount_positive CHECK (amount > 0),
  CONSTRAINT payments_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT payments_description_length CHECK (char_length(description) <= 500),
  CONSTRAINT payments_due_date_range CHECK (due_date BETWEEN DATE '2000-01-01' AND DATE '2100-12-31'),
  CONSTRAINT payments_paid_at_when_paid CHECK ((status IN ('paid', 'refunded')) = (paid_at IS NOT NULL)),
  CONSTRAINT payments_method_when_paid CHECK (status NOT IN ('paid', 'refunded') OR method IS NOT NULL),
  CONSTRAINT payments_refunded_at_when_refunded CHECK ((status = 'refunded') = (refunded_at IS NOT NULL)),
  CONSTRAINT payments_stripe_payment_intent_id_format CHECK (char_length(stripe_payment_intent_id) <= 255 AND stripe_payment_intent_id ~ '^[A-Za-z0-9_]+$'),
  CONSTRAINT payments_stripe_charge_id_format CHECK (char_length(stripe_charge_id) <= 255 AND stripe_charge_id ~ '^[A-Za-z0-9_]+$')
);
COMMENT ON TABLE payments IS 'Scheduled and received payments (retainers, installments, balances), with their Stripe references.';
CREATE INDEX payments_client_idx ON payments (studio_id, client_id);
CREATE INDEX payments_quote_idx ON payments (studio_id, quote_id) WHERE quote_id IS NOT NULL;
CREATE INDEX payments_contract_idx ON payments (studio_id, contract_id) WHERE contract_id IS NOT NULL;
CREATE INDEX payments_status_due_idx ON payments (studio_id, status, due_date);
CREATE INDEX payments_paid_at_idx ON payments (studio_id, paid_at DESC) WHERE paid_at IS NOT NULL;
CREATE UNIQUE INDEX payments_stripe_payment_intent_id_key ON payments (studio_id, stripe_payment_intent_id) WHERE stripe_payment_intent_id IS NOT NULL;
CREATE UNIQUE INDEX payments_stripe_charge_id_key ON payments (studio_id, stripe_charge_id) WHERE stripe_charge_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- documents: files kept for a client or a session
-- ---------------------------------------------------------------------------------------------
CREATE TABLE documents (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  client_id uuid,
  session_id uuid,
  kind text NOT NULL DEFAULT 'other',
  file_name text NOT NULL,
  content_type text NOT NULL,
  byte_size bigint NOT NULL,
  storage_key text COLLATE "C" NOT NULL,
  sha256 text COLLATE "C",
  uploaded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  CONSTRAINT documents_storage_key_key UNIQUE (studio_id, storage_key),
  FOREIGN KEY (studio_id, client_id) REFERENCES clients (studio_id, id),
  FOREIGN KEY (studio_id, session_id) REFERENCES sessions (studio_id, id),
  FOREIGN KEY (studio_id, uploaded_by) REFERENCES admin_users (studio_id, id) ON DELETE SET NULL (uploaded_by),
  CONSTRAINT documents_owner_required CHECK (client_id IS NOT NULL OR session_id IS NOT NULL),
  CONSTRAINT documents_kind_check CHECK (kind IN ('contract', 'invoice', 'questionnaire', 'shot_list', 'model_release', 'moodboard', 'other')),
  CONSTRAINT documents_file_name_length CHECK (btrim(file_name) <> '' AND char_length(file_name) <= 255),
  CONSTRAINT documents_content_type_format CHECK (char_length(content_type) <= 255 AND content_type ~ '^[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*$'),
  CONSTRAINT documents_byte_size_range CHECK (byte_size BETWEEN 0 AND 10737418240),
  CONSTRAINT documents_storage_key_length CHECK (btrim(storage_key) <> '' AND char_length(storage_key) <= 1024),
  CONSTRAINT documents_sha256_format CHECK (sha256 ~ '^[0-9a-f]{64}$')
);
COMMENT ON TABLE documents IS 'Files kept for a client and/or a session (questionnaires, releases, invoices). The bytes live in object storage under storage_key.';
CREATE INDEX documents_client_idx ON documents (studio_id, client_id, created_at DESC) WHERE client_id IS NOT NULL;
CREATE INDEX documents_session_idx ON documents (studio_id, session_id, created_at DESC) WHERE session_id IS NOT NULL;
CREATE INDEX documents_uploaded_by_idx ON documents (studio_id, uploaded_by) WHERE uploaded_by IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- galleries, gallery_images, gallery_access_log, gallery_settings
-- ---------------------------------------------------------------------------------------------
CREATE TABLE galleries (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  session_id uuid NOT NULL,
  client_id uuid NOT NULL,
  title text NOT NULL,
  slug text COLLATE "C" NOT NULL,
  description text,
  access_secret_hash text,
  expires_at timestamptz,
  allow_downloads boolean NOT NULL DEFAULT true,
  download_resolution text NOT NULL DEFAULT 'web',
  status text NOT NULL DEFAULT 'draft',
  published_at timestamptz,
  cover_image_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  CONSTRAINT galleries_studio_id_slug_key UNIQUE (studio_id, slug),
  FOREIGN KEY (studio_id, session_id) REFERENCES sessions (studio_id, id),
  FOREIGN KEY (studio_id, client_id) REFERENCES clients (studio_id, id),
  CONSTRAINT galleries_status_check CHECK (status IN ('draft', 'published', 'archived')),
  CONSTRAINT galleries_download_resolution_check CHECK (download_resolution IN ('original', 'web')),
  CONSTRAINT galleries_title_length CHECK (btrim(title) <> '' AND char_length(title) <= 200),
  CONSTRAINT galleries_slug_format CHECK (char_length(slug) BETWEEN 2 AND 100 AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  CONSTRAINT galleries_description_length CHECK (char_length(description) <= 5000),
  CONSTRAINT galleries_access_secret_hash_length CHECK (char_length(access_secret_hash) BETWEEN 20 AND 1000),
  CONSTRAINT galleries_published_at_when_published CHECK (status <> 'published' OR published_at IS NOT NULL),
  CONSTRAINT galleries_expires_after_publish CHECK (expires_at > published_at)
);
COMMENT ON TABLE galleries IS 'Client galleries delivering the photographs of a session.';
COMMENT ON COLUMN galleries.access_secret_hash IS 'Hash of the optional gallery password. NULL: the signed-in client (or the link) is enough.';
CREATE INDEX galleries_created_at_idx ON galleries (studio_id, created_at DESC);
CREATE INDEX galleries_session_idx ON galleries (studio_id, session_id);
CREATE INDEX galleries_client_idx ON galleries (studio_id, client_id);

CREATE TABLE gallery_images (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  gallery_id uuid NOT NULL,
  file_name text NOT NULL,
  storage_key text COLLATE "C" NOT NULL,
  content_type text NOT NULL DEFAULT 'image/jpeg',
  width integer NOT NULL,
  height integer NOT NULL,
  byte_size bigint NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  taken_at timestamptz,
  is_favorite boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  -- Lets galleries.cover_image_id and gallery_access_log.image_id insist on an image of the same gallery.
  CONSTRAINT gallery_images_gallery_image_key UNIQUE (studio_id, gallery_id, id),
  CONSTRAINT gallery_images_storage_key_key UNIQUE (studio_id, storage_key),
  FOREIGN KEY (studio_id, gallery_id) REFERENCES galleries (studio_id, id) ON DELETE CASCADE,
  CONSTRAINT gallery_images_file_name_length CHECK (btrim(file_name) <> '' AND char_length(file_name) <= 255),
  CONSTRAINT gallery_images_storage_key_length CHECK (btrim(storage_key) <> '' AND char_length(storage_key) <= 1024),
  CONSTRAINT gallery_images_content_type_format CHECK (char_length(content_type) <= 255 AND content_type ~ '^image/[a-z0-9][a-z0-9.+-]*$'),
  CONSTRAINT gallery_images_dimensions_range CHECK (width BETWEEN 1 AND 100000 AND height BETWEEN 1 AND 100000),
  CONSTRAINT gallery_images_byte_size_range CHECK (byte_size BETWEEN 1 AND 10737418240)
);
COMMENT ON TABLE gallery_images IS 'The photographs of a gallery, in sort_order. The bytes live in object storage under storage_key.';
CREATE INDEX gallery_images_order_idx ON gallery_images (studio_id, gallery_id, sort_order);

-- The cover must be an image of the same gallery. Deleting that image clears the cover only.
-- DEFERRABLE so a gallery and its images, cover included, can be written in one transaction in
-- any order (SET CONSTRAINTS galleries_cover_image_fkey DEFERRED). Immediate by default.
ALTER TABLE galleries ADD CONSTRAINT galleries_cover_image_fkey
  FOREIGN KEY (studio_id, id, cover_image_id) REFERENCES gallery_images (studio_id, gallery_id, id)
  ON DELETE SET NULL (cover_image_id)
  DEFERRABLE INITIALLY IMMEDIATE;
-- No index of its own: (studio_id, id) is the primary key of galleries.

-- Append-only and high volume: no updated_at, no update trigger. accessed_at is the instant.
CREATE TABLE gallery_access_log (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  gallery_id uuid NOT NULL,
  client_id uuid,
  image_id uuid,
  action text NOT NULL,
  ip inet,
  user_agent text,
  accessed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  FOREIGN KEY (studio_id, gallery_id) REFERENCES galleries (studio_id, id) ON DELETE CASCADE,
  FOREIGN KEY (studio_id, client_id) REFERENCES clients (studio_id, id) ON DELETE SET NULL (client_id),
  FOREIGN KEY (studio_id, gallery_id, image_id) REFERENCES gallery_images (studio_id, gallery_id, id) ON DELETE SET NULL (image_id),
  CONSTRAINT gallery_access_log_action_check CHECK (action IN ('view', 'download', 'favorite', 'share')),
  CONSTRAINT gallery_access_log_user_agent_length CHECK (char_length(user_agent) <= 1000)
);
COMMENT ON TABLE gallery_access_log IS 'Append-only record of gallery views, downloads, favourites and shares. High volume.';
CREATE INDEX gallery_access_log_gallery_idx ON gallery_access_log (studio_id, gallery_id, accessed_at DESC);
CREATE INDEX gallery_access_log_client_idx ON gallery_access_log (studio_id, client_id, accessed_at DESC) WHERE client_id IS NOT NULL;
CREATE INDEX gallery_access_log_image_idx ON gallery_access_log (studio_id, gallery_id, image_id) WHERE image_id IS NOT NULL;

CREATE TABLE gallery_settings (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  session_type text NOT NULL,
  default_expiry_days integer,
  allow_downloads boolean NOT NULL DEFAULT true,
  download_resolution text NOT NULL DEFAULT 'web',
  require_password boolean NOT NULL DEFAULT false,
  watermark_enabled boolean NOT NULL DEFAULT false,
  watermark_text text,
  allow_favorites boolean NOT NULL DEFAULT true,
  notify_client_on_publish boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  CONSTRAINT gallery_settings_studio_id_session_type_key UNIQUE (studio_id, session_type),
  CONSTRAINT gallery_settings_session_type_check CHECK (session_type IN ('wedding', 'engagement', 'portrait', 'family', 'newborn', 'boudoir', 'corporate', 'event', 'other')),
  CONSTRAINT gallery_settings_download_resolution_check CHECK (download_resolution IN ('original', 'web')),
  CONSTRAINT gallery_settings_default_expiry_days_range CHECK (default_expiry_days BETWEEN 1 AND 3650),
  CONSTRAINT gallery_settings_watermark_text_length CHECK (btrim(watermark_text) <> '' AND char_length(watermark_text) <= 200)
);
COMMENT ON TABLE gallery_settings IS 'Gallery defaults per session type (expiry, downloads, watermark). NULL default_expiry_days: never expires.';

-- ---------------------------------------------------------------------------------------------
-- timeline_templates, session_timelines: the workflow of a shoot
-- ---------------------------------------------------------------------------------------------
CREATE TABLE timeline_templates (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  session_type text NOT NULL,
  name text NOT NULL,
  description text,
  steps jsonb NOT NULL DEFAULT '[]',
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  CONSTRAINT timeline_templates_name_key UNIQUE (studio_id, session_type, name),
  CONSTRAINT timeline_templates_session_type_check CHECK (session_type IN ('wedding', 'engagement', 'portrait', 'family', 'newborn', 'boudoir', 'corporate', 'event', 'other')),
  CONSTRAINT timeline_templates_name_length CHECK (btrim(name) <> '' AND char_length(name) <= 200),
  CONSTRAINT timeline_templates_description_length CHECK (char_length(description) <= 5000),
  -- steps: an array of at most 100 objects {"title": non-empty string, "offset_days": integer in -730..730}
  -- (days relative to the session date: negative before the shoot, positive after).
  CONSTRAINT timeline_templates_steps_shape CHECK (
    jsonb_typeof(steps) = 'array'
    AND jsonb_array_length(steps) <= 100
    AND NOT jsonb_path_exists(steps,
      'lax $[*] ? (@.type() != "object" || !(@.title.type() == "string") || !(@.offset_days.type() == "number"))')
    AND NOT jsonb_path_exists(steps,
      'lax $[*] ? (@.title == "" || @.offset_days < -730 || @.offset_days > 730 || @.offset_days != @.offset_days.floor())'))
);
COMMENT ON TABLE timeline_templates IS 'Reusable task lists per session type, e.g. questionnaire 30 days before, sneak peek 3 days after.';
-- At most one default template per session type.
CREATE UNIQUE INDEX timeline_templates_default_key ON timeline_templates (studio_id, session_type) WHERE is_default;

CREATE TABLE session_timelines (
  studio_id uuid NOT NULL REFERENCES studios (id),
  id uuid NOT NULL,
  session_id uuid NOT NULL,
  template_id uuid,
  title text NOT NULL,
  notes text,
  due_date date,
  sort_order integer NOT NULL DEFAULT 0,
  completed_at timestamptz,
  completed_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (studio_id, id),
  FOREIGN KEY (studio_id, session_id) REFERENCES sessions (studio_id, id) ON DELETE CASCADE,
  FOREIGN KEY (studio_id, template_id) REFERENCES timeline_templates (studio_id, id) ON DELETE SET NULL (template_id),
  FOREIGN KEY (studio_id, completed_by) REFERENCES admin_users (studio_id, id) ON DELETE SET NULL (completed_by),
  CONSTRAINT session_timelines_title_length CHECK (btrim(title) <> '' AND char_length(title) <= 200),
  CONSTRAINT session_timelines_notes_length CHECK (char_length(notes) <= 5000),
  CONSTRAINT session_timelines_due_date_range CHECK (due_date BETWEEN DATE '2000-01-01' AND DATE '2100-12-31'),
  CONSTRAINT session_timelines_completed_by_needs_completed_at CHECK (completed_by IS NULL OR completed_at IS NOT NULL)
);
COMMENT ON TABLE session_timelines IS 'The task list of one session (from a template or ad hoc): due dates and completion.';
CREATE INDEX session_timelines_session_idx ON session_timelines (studio_id, session_id, sort_order);
CREATE INDEX session_timelines_open_due_idx ON session_timelines (studio_id, due_date) WHERE completed_at IS NULL;
CREATE INDEX session_timelines_template_idx ON session_timelines (studio_id, template_id) WHERE template_id IS NOT NULL;
CREATE INDEX session_timelines_completed_by_idx ON session_timelines (studio_id, completed_by) WHERE completed_by IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- updated_at triggers (every table but the append-only gallery_access_log)
-- ---------------------------------------------------------------------------------------------
CREATE TRIGGER studios_set_updated_at BEFORE UPDATE ON studios FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER admin_users_set_updated_at BEFORE UPDATE ON admin_users FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER admin_invitations_set_updated_at BEFORE UPDATE ON admin_invitations FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER clients_set_updated_at BEFORE UPDATE ON clients FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER leads_set_updated_at BEFORE UPDATE ON leads FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER lead_interactions_set_updated_at BEFORE UPDATE ON lead_interactions FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER lead_documents_set_updated_at BEFORE UPDATE ON lead_documents FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER client_invitations_set_updated_at BEFORE UPDATE ON client_invitations FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER sessions_set_updated_at BEFORE UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER quotes_set_updated_at BEFORE UPDATE ON quotes FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER contracts_set_updated_at BEFORE UPDATE ON contracts FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER payments_set_updated_at BEFORE UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER documents_set_updated_at BEFORE UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER galleries_set_updated_at BEFORE UPDATE ON galleries FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER gallery_images_set_updated_at BEFORE UPDATE ON gallery_images FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER gallery_settings_set_updated_at BEFORE UPDATE ON gallery_settings FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER timeline_templates_set_updated_at BEFORE UPDATE ON timeline_templates FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER session_timelines_set_updated_at BEFORE UPDATE ON session_timelines FOR EACH ROW EXECUTE FUNCTION set_updated_at();

COMMIT;
