-- Foundation: extensions, privileges of the application role, shared helper functions.
-- Runs as tally_owner (owner of the database, not a superuser). Every extension below is
-- trusted, so the database owner may create it.
SET lock_timeout = '5s';
BEGIN;

CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- The application role reads and writes rows. It never owns objects and never runs DDL.
GRANT USAGE ON SCHEMA public TO tally_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tally_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO tally_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO tally_app;

-- Shared BEFORE UPDATE trigger: keeps updated_at honest whatever the caller sends.
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

COMMENT ON FUNCTION set_updated_at() IS
  'BEFORE UPDATE row trigger: sets updated_at to the transaction time.';

-- True when PostgreSQL knows the time zone name (IANA names such as Europe/Paris).
-- Declared IMMUTABLE so a CHECK constraint may use it: the time zone database only ever
-- adds names in practice, so a name accepted once stays accepted.
CREATE OR REPLACE FUNCTION is_valid_time_zone(tz text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  PERFORM now() AT TIME ZONE tz;
  RETURN true;
EXCEPTION WHEN invalid_parameter_value THEN
  RETURN false;
END;
$$;

COMMENT ON FUNCTION is_valid_time_zone(text) IS
  'True when the argument is a time zone name PostgreSQL recognises. Used by CHECK constraints.';

COMMIT;
