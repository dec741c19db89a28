-- Audit: one generic row trigger on every business table writes to audit_log, which is append-only for
-- every application role, app_system included (they hold no INSERT/UPDATE/DELETE/TRUNCATE), and a guard
-- trigger refuses UPDATE/DELETE/TRUNCATE to anyone except redact_audit_personal_data() (GDPR erasure).

CREATE TYPE audit_operation AS ENUM ('INSERT', 'UPDATE', 'DELETE');
COMMENT ON TYPE audit_operation IS 'Row operation recorded in the audit log.';

CREATE TABLE audit_log (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id uuid,
  table_name      text NOT NULL,
  record_id       text NOT NULL,
  operation       audit_operation NOT NULL,
  actor_id        uuid,
  db_role         text NOT NULL DEFAULT current_user,
  transaction_id  bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  old_row         jsonb,
  new_row         jsonb,
  changed_fields  text[],
  occurred_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT audit_log_rows_check CHECK (
    (operation = 'INSERT' AND old_row IS NULL AND new_row IS NOT NULL) OR
    (operation = 'UPDATE' AND old_row IS NOT NULL AND new_row IS NOT NULL) OR
    (operation = 'DELETE' AND old_row IS NOT NULL AND new_row IS NULL))
);
COMMENT ON TABLE audit_log IS 'Append-only change history written by audit_row_change(). No foreign keys: the trail must outlive the rows, tenants and users it mentions.';
COMMENT ON COLUMN audit_log.id IS 'Sequential key; orders entries of one transaction.';
COMMENT ON COLUMN audit_log.organization_id IS 'Tenant of the changed row (the organization itself for organizations); NULL for global tables (users, catalogs).';
COMMENT ON COLUMN audit_log.table_name IS 'Changed table.';
COMMENT ON COLUMN audit_log.record_id IS 'Primary key of the changed row as text (composite keys joined with "/").';
COMMENT ON COLUMN audit_log.operation IS 'INSERT, UPDATE or DELETE.';
COMMENT ON COLUMN audit_log.actor_id IS 'Application user from the app.user_id setting; NULL for system changes.';
COMMENT ON COLUMN audit_log.db_role IS 'Database role that made the change (app_admin, app_system, ...).';
COMMENT ON COLUMN audit_log.transaction_id IS 'Transaction id (pg_current_xact_id), groups changes made together.';
COMMENT ON COLUMN audit_log.old_row IS 'Row before the change (UPDATE, DELETE).';
COMMENT ON COLUMN audit_log.new_row IS 'Row after the change (INSERT, UPDATE).';
COMMENT ON COLUMN audit_log.changed_fields IS 'Columns whose value changed (UPDATE).';
COMMENT ON COLUMN audit_log.occurred_at IS 'When the change was made.';
CREATE INDEX idx_audit_log_table_name_record_id ON audit_log (table_name, record_id, id DESC);
CREATE INDEX idx_audit_log_occurred_at ON audit_log (organization_id, occurred_at DESC);
CREATE INDEX idx_audit_log_actor_id ON audit_log (actor_id) WHERE actor_id IS NOT NULL;

CREATE FUNCTION audit_row_change() RETURNS trigger
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  old_j jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_j jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  row_j jsonb := coalesce(new_j, old_j);
  key_text text;
  changed text[];
  -- Encrypted values stay out of the row images: a copy of the ciphertext here would outlive key
  -- retirement and erasure. changed_fields still names such a column when its value changed.
  hidden text[] := ARRAY['search_vector'] || ARRAY(
    SELECT a.attname::text FROM pg_attribute a
     WHERE a.attrelid = TG_RELID AND a.atttypid = 'encrypted_text'::regtype AND NOT a.attisdropped);
BEGIN
  -- Trigger arguments name the primary-key columns, so composite keys need no catalog lookup per row.
  SELECT string_agg(row_j ->> k, '/' ORDER BY ord) INTO key_text
    FROM unnest(TG_ARGV) WITH ORDINALITY AS a(k, ord);
  IF TG_OP = 'UPDATE' THEN
    SELECT array_agg(n.key ORDER BY n.key) INTO changed
      FROM jsonb_each(new_j) n
     WHERE n.value IS DISTINCT FROM old_j -> n.key;
    -- Generated search vectors and maintenance columns are noise in the trail.
    changed := array_remove(array_remove(array_remove(changed, 'updated_at'), 'version'), 'search_vector');
    IF coalesce(cardinality(changed), 0) = 0 THEN
      RETURN NULL;
    END IF;
  END IF;
  INSERT INTO audit_log (organization_id, table_name, record_id, operation, actor_id, db_role,
                         old_row, new_row, changed_fields)
  VALUES (CASE WHEN TG_TABLE_NAME = 'organizations' THEN safe_uuid(row_j ->> 'id') ELSE safe_uuid(row_j ->> 'organization_id') END,
          TG_TABLE_NAME, coalesce(key_text, ''), TG_OP::audit_operation,
          current_app_user(), coalesce(nullif(current_setting('role'), 'none'), session_user::text), old_j - hidden, new_j - hidden, changed);
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION audit_row_change() IS 'AFTER row trigger for every business table (arguments: primary-key column names). Records actor, operation, old/new row (without search vectors and encrypted values), changed fields and transaction id. SECURITY DEFINER so application roles need no INSERT on audit_log.';

CREATE FUNCTION audit_log_guard() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('app.audit_redaction', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
COMMENT ON FUNCTION audit_log_guard() IS 'Refuses UPDATE, DELETE and TRUNCATE on audit_log, except the UPDATEs of redact_audit_personal_data(), which sets app.audit_redaction transaction-locally.';
CREATE TRIGGER trg_audit_log_guard BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
CREATE TRIGGER trg_audit_log_guard_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard();

CREATE FUNCTION redact_audit_personal_data(p_user_id uuid) RETURNS bigint
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  personal CONSTANT text[] := ARRAY['email', 'display_name', 'password_hash', 'ip_address', 'user_agent', 'body'];
  n bigint;
BEGIN
  -- The one UPDATE the guard lets through; the setting is transaction-local and reset below.
  PERFORM set_config('app.audit_redaction', 'on', true);
  UPDATE audit_log
     SET old_row = old_row - personal,
         new_row = new_row - personal
   WHERE (table_name = 'users' AND record_id = p_user_id::text)
      OR (table_name = 'comments' AND (new_row ->> 'author_id' = p_user_id::text OR old_row ->> 'author_id' = p_user_id::text));
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('app.audit_redaction', '', true);
  RETURN n;
END
$$;
COMMENT ON FUNCTION redact_audit_personal_data(uuid) IS 'GDPR: removes the personal values of one person from audit entries (their account and their comments), keeping the entries. The only way to change audit_log: runs as the owner; EXECUTE is granted to app_system, which holds no write privilege on audit_log itself.';

-- Not audited, on purpose: audit_log itself; events, login_attempts, sessions, password_resets,
-- email_verifications, mfa_factors (they are logs or credentials, not business state); notifications and chunk_meta
-- (high-volume derived data, regenerated rather than edited).
-- Attach the audit trigger to every business table. Listed explicitly (not discovered) so that adding a
-- table is a visible decision; test/schema checks that no table with organization_id is missing.
CREATE TRIGGER trg_organizations_audit AFTER INSERT OR UPDATE OR DELETE ON organizations FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_users_audit AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_organization_members_audit AFTER INSERT OR UPDATE OR DELETE ON organization_members FOR EACH ROW EXECUTE FUNCTION audit_row_change('organization_id', 'user_id');
CREATE TRIGGER trg_roles_audit AFTER INSERT OR UPDATE OR DELETE ON roles FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_role_permissions_audit AFTER INSERT OR UPDATE OR DELETE ON role_permissions FOR EACH ROW EXECUTE FUNCTION audit_row_change('role_id', 'permission_id');
CREATE TRIGGER trg_user_roles_audit AFTER INSERT OR UPDATE OR DELETE ON user_roles FOR EACH ROW EXECUTE FUNCTION audit_row_change('organization_id', 'user_id', 'role_id');
CREATE TRIGGER trg_projects_audit AFTER INSERT OR UPDATE OR DELETE ON projects FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_requirements_audit AFTER INSERT OR UPDATE OR DELETE ON requirements FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_architectural_components_audit AFTER INSERT OR UPDATE OR DELETE ON architectural_components FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_component_dependencies_audit AFTER INSERT OR UPDATE OR DELETE ON component_dependencies FOR EACH ROW EXECUTE FUNCTION audit_row_change('component_id', 'depends_on_component_id');
CREATE TRIGGER trg_analyses_audit AFTER INSERT OR UPDATE OR DELETE ON analyses FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_tasks_audit AFTER INSERT OR UPDATE OR DELETE ON tasks FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_task_dependencies_audit AFTER INSERT OR UPDATE OR DELETE ON task_dependencies FOR EACH ROW EXECUTE FUNCTION audit_row_change('task_id', 'depends_on_task_id');
CREATE TRIGGER trg_collaboration_sessions_audit AFTER INSERT OR UPDATE OR DELETE ON collaboration_sessions FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_session_participants_audit AFTER INSERT OR UPDATE OR DELETE ON session_participants FOR EACH ROW EXECUTE FUNCTION audit_row_change('session_id', 'user_id');
CREATE TRIGGER trg_approvals_audit AFTER INSERT OR UPDATE OR DELETE ON approvals FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_approval_participants_audit AFTER INSERT OR UPDATE OR DELETE ON approval_participants FOR EACH ROW EXECUTE FUNCTION audit_row_change('approval_id', 'user_id');
CREATE TRIGGER trg_comments_audit AFTER INSERT OR UPDATE OR DELETE ON comments FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_notification_preferences_audit AFTER INSERT OR UPDATE OR DELETE ON notification_preferences FOR EACH ROW EXECUTE FUNCTION audit_row_change('user_id', 'template_id', 'channel');
CREATE TRIGGER trg_documents_audit AFTER INSERT OR UPDATE OR DELETE ON documents FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_document_links_audit AFTER INSERT OR UPDATE OR DELETE ON document_links FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_feedback_audit AFTER INSERT OR UPDATE OR DELETE ON feedback FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_files_audit AFTER INSERT OR UPDATE OR DELETE ON files FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_permissions_audit AFTER INSERT OR UPDATE OR DELETE ON permissions FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_notification_templates_audit AFTER INSERT OR UPDATE OR DELETE ON notification_templates FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER trg_file_processing_jobs_audit AFTER INSERT OR UPDATE OR DELETE ON file_processing_jobs FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
