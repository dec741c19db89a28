COMMENT ON FUNCTION public.audit_log_guard() IS 'Refuses UPDATE, DELETE and TRUNCATE on audit_log, except the UPDATEs of redact_audit_personal_data(), which sets app.audit_redaction transaction-locally.';
CREATE OR REPLACE FUNCTION public.erase_user(p_user_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  placeholder text := 'erased+' || p_user_id::text || '@invalid.example';
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users WHERE id = p_user_id) THEN
    RAISE EXCEPTION 'user % does not exist', p_user_id USING ERRCODE = 'no_data_found';
  END IF;
  UPDATE users
     SET email = placeholder, display_name = 'Erased user', password_hash = NULL,
         email_verified_at = NULL, last_login_at = NULL, status = 'erased', erased_at = now()
   WHERE id = p_user_id;

  DELETE FROM sessions WHERE user_id = p_user_id;
  DELETE FROM password_resets WHERE user_id = p_user_id;
  DELETE FROM email_verifications WHERE user_id = p_user_id;
  UPDATE login_attempts SET email = placeholder, ip_address = NULL, user_agent = NULL, user_id = NULL
   WHERE user_id = p_user_id;

  -- Memberships are ended, not deleted: tasks, comments and approvals keep pointing at them.
  UPDATE organization_members SET left_at = greatest(joined_at, now()) WHERE user_id = p_user_id AND left_at IS NULL;
  DELETE FROM user_roles WHERE user_id = p_user_id;
  DELETE FROM notifications WHERE user_id = p_user_id;
  DELETE FROM notification_preferences WHERE user_id = p_user_id;
  UPDATE session_participants SET left_at = greatest(joined_at, now()) WHERE user_id = p_user_id AND left_at IS NULL;
  UPDATE tasks SET assignee_id = NULL WHERE assignee_id = p_user_id AND status NOT IN ('done', 'cancelled');
  -- Free text written by the person may name them; the content is replaced, the thread structure kept.
  UPDATE comments SET body = '[removed on request of the author]', edited_at = now() WHERE author_id = p_user_id;
  UPDATE feedback SET comment = NULL, query_text = NULL WHERE user_id = p_user_id;

  UPDATE events SET user_id = NULL, ip_address = NULL, user_agent = NULL WHERE user_id = p_user_id;

  -- Audit entries keep the fact of each change but lose the personal values of the erased account.
  PERFORM redact_audit_personal_data(p_user_id);
END
$function$;
CREATE OR REPLACE FUNCTION public.redact_audit_personal_data(p_user_id uuid)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION public.redact_audit_personal_data(p_user_id uuid) IS 'GDPR: removes the personal values of one person from audit entries (their account and their comments), keeping the entries. The only way to change audit_log: runs as the owner; EXECUTE is granted to app_system, which holds no write privilege on audit_log itself.';
CREATE POLICY audit_log_owner_redact ON public.audit_log AS PERMISSIVE FOR UPDATE TO app_owner USING (true) WITH CHECK (true);
CREATE POLICY audit_log_owner_select ON public.audit_log AS PERMISSIVE FOR SELECT TO app_owner USING (true);
ALTER FUNCTION public.redact_audit_personal_data(p_user_id uuid) OWNER TO app_owner;
REVOKE DELETE, INSERT, UPDATE ON TABLE public.audit_log FROM app_system;
REVOKE EXECUTE ON FUNCTION public.redact_audit_personal_data(p_user_id uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.redact_audit_personal_data(p_user_id uuid) TO app_system;
