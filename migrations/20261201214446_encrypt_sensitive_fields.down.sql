-- strata:from-state sha256:c2ca1e1c5c268285960d5173306c35d27eab8b3f85cd7682a0e28e9257ec328e
-- strata:to-state sha256:fd5fe2fef9db21cc43c6ae41a777715c1aade4a814fec156be7aebff54754573
DROP FUNCTION public.decrypt_sensitive(p_value public.encrypted_text);
DROP FUNCTION public.encrypt_sensitive(p_plaintext text);
DROP FUNCTION public.encrypted_values_by_key();
DROP FUNCTION public.encryption_key(p_key_id text);
DROP FUNCTION public.reencrypt_sensitive_batch(p_from_key_id text, p_limit integer);
DROP FUNCTION public.set_encryption_keys(p_keys jsonb, p_key_id text);
DROP INDEX public.idx_users_phone_key_id;
ALTER TABLE public.users DROP COLUMN phone;
DROP TABLE public.mfa_factors;
DROP DOMAIN public.encrypted_text;
DROP FUNCTION public.encryption_key_id(p_value bytea);
CREATE OR REPLACE FUNCTION public.audit_row_change()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  old_j jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_j jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  row_j jsonb := coalesce(new_j, old_j);
  key_text text;
  changed text[];
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
          current_app_user(), coalesce(nullif(current_setting('role'), 'none'), session_user::text), old_j - 'search_vector', new_j - 'search_vector', changed);
  RETURN NULL;
END
$function$;
COMMENT ON FUNCTION public.audit_row_change() IS 'AFTER row trigger for every business table (arguments: primary-key column names). Records actor, operation, old/new row, changed fields and transaction id. SECURITY DEFINER so application roles need no INSERT on audit_log.';
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
