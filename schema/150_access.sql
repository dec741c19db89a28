-- Access: privileges and row-level security. Generated once by hand from the table list and kept explicit,
-- so every policy is reviewable and diffable. Conventions (docs/schema-design.md, "Access"):
--   * tenant tables: RLS ENABLED and FORCED; one policy per command, each naming the roles it serves;
--     every predicate is `organization_id = current_tenant()`, which is false when no tenant is set.
--   * app_viewer reads; app_analyst reads, inserts and updates; app_admin also deletes; app_system bypasses RLS.
--   * global catalogs (roles, permissions, role_permissions, notification_templates)
--     are readable by every application role and written only by app_system; they hold no tenant data.
--   * credentials and security logs (sessions, password_resets, email_verifications, mfa_factors, login_attempts) are
--     reachable only by app_system: RLS is on with no policy, so any other role sees nothing.

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION erase_user(uuid) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION create_events_partitions(date, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION erase_user(uuid) TO app_system;
GRANT EXECUTE ON FUNCTION create_events_partitions(date, integer) TO app_system;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO app_system;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO app_system;
-- Not even system jobs write the audit trail directly: rows come from the trigger, redaction from a function.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log FROM app_system;
REVOKE EXECUTE ON FUNCTION redact_audit_personal_data(uuid) FROM PUBLIC;
-- Re-encryption reaches every tenant's rows: a system job.
REVOKE EXECUTE ON FUNCTION reencrypt_sensitive_batch(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reencrypt_sensitive_batch(text, integer) TO app_system;
REVOKE EXECUTE ON FUNCTION encrypted_values_by_key() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION encrypted_values_by_key() TO app_system;
GRANT EXECUTE ON FUNCTION redact_audit_personal_data(uuid) TO app_system;

-- Global catalogs.
GRANT SELECT ON roles, permissions, role_permissions, notification_templates
  TO app_admin, app_analyst, app_viewer;

-- Credentials and security logs: no policy, so only app_system (BYPASSRLS) reaches them.
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
ALTER TABLE password_resets ENABLE ROW LEVEL SECURITY;
ALTER TABLE password_resets FORCE ROW LEVEL SECURITY;
ALTER TABLE email_verifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE email_verifications FORCE ROW LEVEL SECURITY;
ALTER TABLE mfa_factors ENABLE ROW LEVEL SECURITY;
ALTER TABLE mfa_factors FORCE ROW LEVEL SECURITY;
ALTER TABLE login_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE login_attempts FORCE ROW LEVEL SECURITY;

-- organizations: a tenant sees only itself; admins may edit it; creating tenants is a system job.
GRANT SELECT ON organizations TO app_admin, app_analyst, app_viewer;
GRANT UPDATE ON organizations TO app_admin;
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
CREATE POLICY organizations_tenant_select ON organizations FOR SELECT TO app_admin, app_analyst, app_viewer
  USING (id = current_tenant());
CREATE POLICY organizations_tenant_update ON organizations FOR UPDATE TO app_admin
  USING (id = current_tenant()) WITH CHECK (id = current_tenant());

-- users: global rows; visible when they are a member of the current tenant, or the acting user themself.
GRANT SELECT ON users TO app_admin, app_analyst, app_viewer;
GRANT UPDATE (display_name, phone, timezone, locale) ON users TO app_admin, app_analyst, app_viewer;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_tenant_select ON users FOR SELECT TO app_admin, app_analyst, app_viewer
  USING (id = current_app_user()
         OR EXISTS (SELECT 1 FROM organization_members m
                     WHERE m.user_id = users.id AND m.organization_id = current_tenant()));
CREATE POLICY users_self_update ON users FOR UPDATE TO app_admin, app_analyst, app_viewer
  USING (id = current_app_user()) WITH CHECK (id = current_app_user());

-- audit_log: admins read their tenant's trail; rows are inserted only by audit_row_change(), which runs
-- as app_owner; nobody else may write.
GRANT SELECT ON audit_log TO app_admin;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_log_tenant_select ON audit_log FOR SELECT TO app_admin
  USING (organization_id = current_tenant());
CREATE POLICY audit_log_owner_insert ON audit_log FOR INSERT TO app_owner
  WITH CHECK (true);
-- redact_audit_personal_data() runs as app_owner: it must find and update the rows it redacts.
CREATE POLICY audit_log_owner_select ON audit_log FOR SELECT TO app_owner
  USING (true);
CREATE POLICY audit_log_owner_redact ON audit_log FOR UPDATE TO app_owner
  USING (true) WITH CHECK (true);

-- organization_members
GRANT SELECT ON organization_members TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE, DELETE ON organization_members TO app_admin;
ALTER TABLE organization_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE organization_members FORCE ROW LEVEL SECURITY;
CREATE POLICY organization_members_tenant_select ON organization_members FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY organization_members_tenant_insert ON organization_members FOR INSERT TO app_admin WITH CHECK (organization_id = current_tenant());
CREATE POLICY organization_members_tenant_update ON organization_members FOR UPDATE TO app_admin USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY organization_members_tenant_delete ON organization_members FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- user_roles
GRANT SELECT ON user_roles TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE, DELETE ON user_roles TO app_admin;
ALTER TABLE user_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_roles FORCE ROW LEVEL SECURITY;
CREATE POLICY user_roles_tenant_select ON user_roles FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY user_roles_tenant_insert ON user_roles FOR INSERT TO app_admin WITH CHECK (organization_id = current_tenant());
CREATE POLICY user_roles_tenant_update ON user_roles FOR UPDATE TO app_admin USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY user_roles_tenant_delete ON user_roles FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- projects
GRANT SELECT ON projects TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON projects TO app_admin, app_analyst;
GRANT DELETE ON projects TO app_admin;
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY projects_tenant_select ON projects FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY projects_tenant_insert ON projects FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY projects_tenant_update ON projects FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY projects_tenant_delete ON projects FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- requirements
GRANT SELECT ON requirements TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON requirements TO app_admin, app_analyst;
GRANT DELETE ON requirements TO app_admin;
ALTER TABLE requirements ENABLE ROW LEVEL SECURITY;
ALTER TABLE requirements FORCE ROW LEVEL SECURITY;
CREATE POLICY requirements_tenant_select ON requirements FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY requirements_tenant_insert ON requirements FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY requirements_tenant_update ON requirements FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY requirements_tenant_delete ON requirements FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- architectural_components
GRANT SELECT ON architectural_components TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON architectural_components TO app_admin, app_analyst;
GRANT DELETE ON architectural_components TO app_admin;
ALTER TABLE architectural_components ENABLE ROW LEVEL SECURITY;
ALTER TABLE architectural_components FORCE ROW LEVEL SECURITY;
CREATE POLICY architectural_components_tenant_select ON architectural_components FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY architectural_components_tenant_insert ON architectural_components FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY architectural_components_tenant_update ON architectural_components FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY architectural_components_tenant_delete ON architectural_components FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- component_dependencies
GRANT SELECT ON component_dependencies TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON component_dependencies TO app_admin, app_analyst;
GRANT DELETE ON component_dependencies TO app_admin;
ALTER TABLE component_dependencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE component_dependencies FORCE ROW LEVEL SECURITY;
CREATE POLICY component_dependencies_tenant_select ON component_dependencies FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY component_dependencies_tenant_insert ON component_dependencies FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY component_dependencies_tenant_update ON component_dependencies FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY component_dependencies_tenant_delete ON component_dependencies FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- analyses
GRANT SELECT ON analyses TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON analyses TO app_admin, app_analyst;
GRANT DELETE ON analyses TO app_admin;
ALTER TABLE analyses ENABLE ROW LEVEL SECURITY;
ALTER TABLE analyses FORCE ROW LEVEL SECURITY;
CREATE POLICY analyses_tenant_select ON analyses FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY analyses_tenant_insert ON analyses FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY analyses_tenant_update ON analyses FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY analyses_tenant_delete ON analyses FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- tasks
GRANT SELECT ON tasks TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON tasks TO app_admin, app_analyst;
GRANT DELETE ON tasks TO app_admin;
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
CREATE POLICY tasks_tenant_select ON tasks FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY tasks_tenant_insert ON tasks FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY tasks_tenant_update ON tasks FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY tasks_tenant_delete ON tasks FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- task_dependencies
GRANT SELECT ON task_dependencies TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON task_dependencies TO app_admin, app_analyst;
GRANT DELETE ON task_dependencies TO app_admin;
ALTER TABLE task_dependencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_dependencies FORCE ROW LEVEL SECURITY;
CREATE POLICY task_dependencies_tenant_select ON task_dependencies FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY task_dependencies_tenant_insert ON task_dependencies FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY task_dependencies_tenant_update ON task_dependencies FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY task_dependencies_tenant_delete ON task_dependencies FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- collaboration_sessions
GRANT SELECT ON collaboration_sessions TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON collaboration_sessions TO app_admin, app_analyst;
GRANT DELETE ON collaboration_sessions TO app_admin;
ALTER TABLE collaboration_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE collaboration_sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY collaboration_sessions_tenant_select ON collaboration_sessions FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY collaboration_sessions_tenant_insert ON collaboration_sessions FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY collaboration_sessions_tenant_update ON collaboration_sessions FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY collaboration_sessions_tenant_delete ON collaboration_sessions FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- session_participants
GRANT SELECT ON session_participants TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON session_participants TO app_admin, app_analyst;
GRANT DELETE ON session_participants TO app_admin;
ALTER TABLE session_participants ENABLE ROW LEVEL SECURITY;
ALTER TABLE session_participants FORCE ROW LEVEL SECURITY;
CREATE POLICY session_participants_tenant_select ON session_participants FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY session_participants_tenant_insert ON session_participants FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY session_participants_tenant_update ON session_participants FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY session_participants_tenant_delete ON session_participants FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- approvals
GRANT SELECT ON approvals TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON approvals TO app_admin, app_analyst;
GRANT DELETE ON approvals TO app_admin;
ALTER TABLE approvals ENABLE ROW LEVEL SECURITY;
ALTER TABLE approvals FORCE ROW LEVEL SECURITY;
CREATE POLICY approvals_tenant_select ON approvals FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY approvals_tenant_insert ON approvals FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY approvals_tenant_update ON approvals FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY approvals_tenant_delete ON approvals FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- approval_participants
GRANT SELECT ON approval_participants TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON approval_participants TO app_admin, app_analyst;
GRANT DELETE ON approval_participants TO app_admin;
ALTER TABLE approval_participants ENABLE ROW LEVEL SECURITY;
ALTER TABLE approval_participants FORCE ROW LEVEL SECURITY;
CREATE POLICY approval_participants_tenant_select ON approval_participants FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY approval_participants_tenant_insert ON approval_participants FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY approval_participants_tenant_update ON approval_participants FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY approval_participants_tenant_delete ON approval_participants FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- comments
GRANT SELECT ON comments TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON comments TO app_admin, app_analyst;
GRANT DELETE ON comments TO app_admin;
ALTER TABLE comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE comments FORCE ROW LEVEL SECURITY;
CREATE POLICY comments_tenant_select ON comments FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY comments_tenant_insert ON comments FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY comments_tenant_update ON comments FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY comments_tenant_delete ON comments FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- notifications
GRANT SELECT ON notifications TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON notifications TO app_admin, app_analyst;
GRANT DELETE ON notifications TO app_admin;
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY notifications_tenant_select ON notifications FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY notifications_tenant_insert ON notifications FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY notifications_tenant_update ON notifications FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY notifications_tenant_delete ON notifications FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- notification_preferences
GRANT SELECT ON notification_preferences TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON notification_preferences TO app_admin, app_analyst;
GRANT DELETE ON notification_preferences TO app_admin;
ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_preferences FORCE ROW LEVEL SECURITY;
CREATE POLICY notification_preferences_tenant_select ON notification_preferences FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY notification_preferences_tenant_insert ON notification_preferences FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY notification_preferences_tenant_update ON notification_preferences FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY notification_preferences_tenant_delete ON notification_preferences FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- documents
GRANT SELECT ON documents TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON documents TO app_admin, app_analyst;
GRANT DELETE ON documents TO app_admin;
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
CREATE POLICY documents_tenant_select ON documents FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY documents_tenant_insert ON documents FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY documents_tenant_update ON documents FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY documents_tenant_delete ON documents FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- document_links
GRANT SELECT ON document_links TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON document_links TO app_admin, app_analyst;
GRANT DELETE ON document_links TO app_admin;
ALTER TABLE document_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE document_links FORCE ROW LEVEL SECURITY;
CREATE POLICY document_links_tenant_select ON document_links FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY document_links_tenant_insert ON document_links FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY document_links_tenant_update ON document_links FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY document_links_tenant_delete ON document_links FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- chunk_meta
GRANT SELECT ON chunk_meta TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON chunk_meta TO app_admin, app_analyst;
GRANT DELETE ON chunk_meta TO app_admin;
ALTER TABLE chunk_meta ENABLE ROW LEVEL SECURITY;
ALTER TABLE chunk_meta FORCE ROW LEVEL SECURITY;
CREATE POLICY chunk_meta_tenant_select ON chunk_meta FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY chunk_meta_tenant_insert ON chunk_meta FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY chunk_meta_tenant_update ON chunk_meta FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY chunk_meta_tenant_delete ON chunk_meta FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- feedback
GRANT SELECT ON feedback TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON feedback TO app_admin, app_analyst;
GRANT DELETE ON feedback TO app_admin;
ALTER TABLE feedback ENABLE ROW LEVEL SECURITY;
ALTER TABLE feedback FORCE ROW LEVEL SECURITY;
CREATE POLICY feedback_tenant_select ON feedback FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY feedback_tenant_insert ON feedback FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY feedback_tenant_update ON feedback FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY feedback_tenant_delete ON feedback FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- files
GRANT SELECT ON files TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON files TO app_admin, app_analyst;
GRANT DELETE ON files TO app_admin;
ALTER TABLE files ENABLE ROW LEVEL SECURITY;
ALTER TABLE files FORCE ROW LEVEL SECURITY;
CREATE POLICY files_tenant_select ON files FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY files_tenant_insert ON files FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY files_tenant_update ON files FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY files_tenant_delete ON files FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- file_processing_jobs
GRANT SELECT ON file_processing_jobs TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON file_processing_jobs TO app_admin, app_analyst;
GRANT DELETE ON file_processing_jobs TO app_admin;
ALTER TABLE file_processing_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE file_processing_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY file_processing_jobs_tenant_select ON file_processing_jobs FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY file_processing_jobs_tenant_insert ON file_processing_jobs FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY file_processing_jobs_tenant_update ON file_processing_jobs FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY file_processing_jobs_tenant_delete ON file_processing_jobs FOR DELETE TO app_admin USING (organization_id = current_tenant());

-- events
GRANT SELECT ON events TO app_admin, app_analyst, app_viewer;
GRANT INSERT, UPDATE ON events TO app_admin, app_analyst;
GRANT DELETE ON events TO app_admin;
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
CREATE POLICY events_tenant_select ON events FOR SELECT TO app_admin, app_analyst, app_viewer USING (organization_id = current_tenant());
CREATE POLICY events_tenant_insert ON events FOR INSERT TO app_admin, app_analyst WITH CHECK (organization_id = current_tenant());
CREATE POLICY events_tenant_update ON events FOR UPDATE TO app_admin, app_analyst USING (organization_id = current_tenant()) WITH CHECK (organization_id = current_tenant());
CREATE POLICY events_tenant_delete ON events FOR DELETE TO app_admin USING (organization_id = current_tenant());
-- create_events_partitions() runs as app_owner and re-inserts rows it moves out of the default partition.
CREATE POLICY events_owner_insert ON events FOR INSERT TO app_owner
  WITH CHECK (true);
