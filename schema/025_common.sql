-- Shared enum types and row-maintenance trigger functions used by every domain.

CREATE TYPE member_role AS ENUM ('owner', 'admin', 'contributor', 'viewer');
COMMENT ON TYPE member_role IS 'A person''s standing in an organization or a collaboration session.';

CREATE FUNCTION set_updated_at() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  -- clock_timestamp() rather than now(): two updates in one transaction still get distinct times.
  NEW.updated_at := clock_timestamp();
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION set_updated_at() IS 'BEFORE UPDATE trigger: maintains updated_at so callers cannot forget or forge it.';

CREATE FUNCTION bump_version() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  -- Optimistic locking: writers send `WHERE id = $1 AND version = $2`; the trigger owns the increment.
  NEW.version := OLD.version + 1;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION bump_version() IS 'BEFORE UPDATE trigger: increments version for optimistic locking.';
