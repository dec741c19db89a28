-- GDPR right to erasure. Rows that other rows depend on (users, memberships, authored content) are kept
-- and anonymised, so no foreign key breaks and history stays countable; purely personal rows (sessions,
-- tokens, MFA factors, notifications, preferences) are deleted. Encrypted values are removed like any other:
-- erasure needs no key.

CREATE FUNCTION erase_user(p_user_id uuid) RETURNS void
  LANGUAGE plpgsql
  SET search_path = public, pg_temp
AS $$
DECLARE
  placeholder text := 'erased+' || p_user_id::text || '@invalid.example';
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users WHERE id = p_user_id) THEN
    RAISE EXCEPTION 'user % does not exist', p_user_id USING ERRCODE = 'no_data_found';
  END IF;
  UPDATE users
     SET email = placeholder, display_name = 'Erased user', password_hash = NULL, phone = NULL,
         email_verified_at = NULL, last_login_at = NULL, status = 'erased', erased_at = now()
   WHERE id = p_user_id;

  DELETE FROM sessions WHERE user_id = p_user_id;
  DELETE FROM mfa_factors WHERE user_id = p_user_id;
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
$$;
COMMENT ON FUNCTION erase_user(uuid) IS 'Anonymises a person everywhere (account, credentials, memberships, authored text, events, audit values) while keeping every foreign key valid. A system job: EXECUTE is granted to app_system only, which bypasses RLS to reach all tenants.';
