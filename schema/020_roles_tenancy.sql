-- Roles and tenant context.
--
-- Roles are cluster-wide objects. strata's convention (src/core/roles.ts): a CREATE ROLE statement runs
-- only when the role is missing, here and in migrations; a migration that needs roles its previous state
-- lacked starts with their CREATE ROLE statements, so it applies on a fresh server; nothing ever drops a
-- role. Privileges and policies on them ARE part of the schema and are diffed.
--
--   app_owner   owns every object in the schema (NOLOGIN). RLS is FORCED, so even the owner sees only
--               what a policy allows.
--   app_admin   tenant administrator: read/write/delete inside the current tenant.
--   app_analyst tenant analyst: read/insert/update inside the current tenant, no delete.
--   app_viewer  read-only inside the current tenant.
--   app_system  BYPASSRLS: system jobs (partition maintenance, GDPR erasure, auth service lookups of
--               sessions by token hash). Never handed to end-user requests.
-- A deployment creates its own LOGIN role and grants it the three tenant roles; requests then run
-- `SET LOCAL ROLE app_admin|app_analyst|app_viewer` inside a transaction (see src/runtime/withTenant.ts).
CREATE ROLE app_owner NOLOGIN;
CREATE ROLE app_admin NOLOGIN;
CREATE ROLE app_analyst NOLOGIN;
CREATE ROLE app_viewer NOLOGIN;
CREATE ROLE app_system NOLOGIN BYPASSRLS;

GRANT USAGE ON SCHEMA public TO app_admin, app_analyst, app_viewer, app_system;
-- The owner creates monthly event partitions (create_events_partitions runs as the owner).
GRANT USAGE, CREATE ON SCHEMA public TO app_owner;

-- Tenant context lives in two transaction-local settings, written by set_tenant():
--   app.tenant_id  the organization whose rows are visible
--   app.user_id    the acting user (recorded by the audit trigger)
-- An absent, empty or malformed setting means "no tenant": current_tenant() returns NULL and every
-- policy `organization_id = current_tenant()` is false, so zero rows are visible (fail closed, no cast error).
CREATE FUNCTION safe_uuid(p_text text) RETURNS uuid
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE
    WHEN p_text ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN p_text::uuid
  END;
COMMENT ON FUNCTION safe_uuid(text) IS 'Parses a UUID, returning NULL (never an error) for NULL, empty or malformed text.';

CREATE FUNCTION current_tenant() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN safe_uuid(current_setting('app.tenant_id', true));
COMMENT ON FUNCTION current_tenant() IS 'The organization of the current transaction, or NULL when none is set (then RLS shows zero rows).';

CREATE FUNCTION current_app_user() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN safe_uuid(current_setting('app.user_id', true));
COMMENT ON FUNCTION current_app_user() IS 'The acting application user of the current transaction, or NULL.';

CREATE FUNCTION set_tenant(p_tenant_id uuid, p_user_id uuid DEFAULT NULL) RETURNS void
  LANGUAGE sql VOLATILE
AS $$
  SELECT set_config('app.tenant_id', coalesce(p_tenant_id::text, ''), true);
  SELECT set_config('app.user_id', coalesce(p_user_id::text, ''), true);
$$;
COMMENT ON FUNCTION set_tenant(uuid, uuid) IS 'Sets tenant and acting user for the current transaction only (is_local = true), safe behind a transaction-mode pooler.';
