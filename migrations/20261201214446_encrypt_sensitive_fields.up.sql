-- strata:from-state sha256:fd5fe2fef9db21cc43c6ae41a777715c1aade4a814fec156be7aebff54754573
-- strata:to-state sha256:c2ca1e1c5c268285960d5173306c35d27eab8b3f85cd7682a0e28e9257ec328e
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
$function$;
COMMENT ON FUNCTION public.audit_row_change() IS 'AFTER row trigger for every business table (arguments: primary-key column names). Records actor, operation, old/new row (without search vectors and encrypted values), changed fields and transaction id. SECURITY DEFINER so application roles need no INSERT on audit_log.';
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
$function$;
CREATE OR REPLACE FUNCTION public.encryption_key(p_key_id text)
 RETURNS text
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  keys jsonb;
  k text;
BEGIN
  BEGIN
    keys := nullif(current_setting('app.encryption_keys', true), '')::jsonb;
  EXCEPTION WHEN invalid_text_representation THEN
    -- PostgreSQL's own message would quote the offending token, i.e. part of a key.
    RAISE EXCEPTION 'app.encryption_keys is not a JSON object of key ids to keys'
      USING ERRCODE = 'invalid_parameter_value';
  END;
  IF keys IS NULL THEN
    RAISE EXCEPTION 'no encryption keys supplied in this transaction'
      USING ERRCODE = 'invalid_authorization_specification',
            HINT = 'The application sets app.encryption_keys transaction-locally: set_config(''app.encryption_keys'', $1, true).';
  END IF;
  k := CASE WHEN jsonb_typeof(keys) = 'object' THEN keys ->> p_key_id END;
  IF k IS NULL OR length(k) < 16 THEN
    RAISE EXCEPTION 'encryption key "%" is not supplied in this transaction', p_key_id
      USING ERRCODE = 'invalid_authorization_specification',
            HINT = 'Add the key to app.encryption_keys; during a rotation supply the old and the new key.';
  END IF;
  RETURN k;
END
$function$;
COMMENT ON FUNCTION public.encryption_key(p_key_id text) IS 'The key of one key id from the transaction''s app.encryption_keys; raises (SQLSTATE 28000) when it is not supplied. Never logs the key.';
CREATE OR REPLACE FUNCTION public.encryption_key_id(p_value bytea)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE STRICT
RETURN CASE WHEN ((octet_length(p_value) > 2) AND (get_byte(p_value, 0) = 1) AND ((get_byte(p_value, 1) >= 1) AND (get_byte(p_value, 1) <= 64)) AND (octet_length(p_value) > (2 + get_byte(p_value, 1)))) THEN convert_from(SUBSTRING(p_value FROM 3 FOR get_byte(p_value, 1)), 'UTF8'::name) ELSE NULL::text END;
COMMENT ON FUNCTION public.encryption_key_id(p_value bytea) IS 'The key id recorded in an encrypted value''s envelope; NULL when the bytes are not an envelope.';
CREATE DOMAIN public.encrypted_text AS bytea CONSTRAINT encrypted_text_envelope_check CHECK (((VALUE IS NULL) OR (public.encryption_key_id(VALUE) IS NOT NULL)));
COMMENT ON DOMAIN public.encrypted_text IS 'A text value encrypted by encrypt_sensitive() under an application-held key; the envelope records the key id. Read with decrypt_sensitive().';
CREATE TABLE public.mfa_factors (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    label text NOT NULL,
    secret public.encrypted_text NOT NULL,
    confirmed_at timestamp with time zone,
    last_used_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.mfa_factors IS 'Second factors (TOTP authenticator apps) of users; the shared secret is stored encrypted, never in clear.';
COMMENT ON COLUMN public.mfa_factors.id IS 'Surrogate key.';
COMMENT ON COLUMN public.mfa_factors.user_id IS 'User the factor belongs to.';
COMMENT ON COLUMN public.mfa_factors.label IS 'Name the user gave the device, unique per user.';
COMMENT ON COLUMN public.mfa_factors.secret IS 'TOTP shared secret (base32), encrypted under an application key (encrypted_text); read with decrypt_sensitive().';
COMMENT ON COLUMN public.mfa_factors.confirmed_at IS 'When the user proved the factor with a first code; NULL while enrolment is pending.';
COMMENT ON COLUMN public.mfa_factors.last_used_at IS 'Last successful verification.';
COMMENT ON COLUMN public.mfa_factors.created_at IS 'Enrolment time.';
ALTER TABLE public.users ADD COLUMN phone public.encrypted_text;
COMMENT ON COLUMN public.users.phone IS 'Contact phone number (E.164), encrypted under an application key (encrypted_text); read with decrypt_sensitive(), cleared on erasure.';
ALTER TABLE public.mfa_factors ADD CONSTRAINT mfa_factors_label_check CHECK (((length(label) >= 1) AND (length(label) <= 100)));
ALTER TABLE public.mfa_factors ADD CONSTRAINT mfa_factors_pkey PRIMARY KEY (id);
ALTER TABLE public.mfa_factors ADD CONSTRAINT mfa_factors_used_check CHECK (((last_used_at IS NULL) OR (confirmed_at IS NOT NULL)));
ALTER TABLE public.mfa_factors ADD CONSTRAINT mfa_factors_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
ALTER TABLE public.mfa_factors ADD CONSTRAINT mfa_factors_user_id_label_key UNIQUE (user_id, label);
CREATE INDEX idx_mfa_factors_secret_key_id ON public.mfa_factors USING btree (public.encryption_key_id((secret)::bytea));
CREATE INDEX idx_users_phone_key_id ON public.users USING btree (public.encryption_key_id((phone)::bytea)) WHERE (phone IS NOT NULL);
CREATE OR REPLACE FUNCTION public.decrypt_sensitive(p_value public.encrypted_text)
 RETURNS text
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  -- Fail closed for every row, NULL ones included: a read without keys is a bug, not an empty value.
  IF nullif(current_setting('app.encryption_keys', true), '') IS NULL THEN
    PERFORM encryption_key(NULL);
  END IF;
  IF p_value IS NULL THEN
    RETURN NULL;
  END IF;
  RETURN pgp_sym_decrypt(substring(p_value FROM 3 + get_byte(p_value, 1)), encryption_key(encryption_key_id(p_value)));
END
$function$;
COMMENT ON FUNCTION public.decrypt_sensitive(p_value public.encrypted_text) IS 'Decrypts a value with the key its envelope names, from the transaction''s app.encryption_keys. Fails closed: raises (SQLSTATE 28000) without that key, and pgcrypto raises on a wrong key.';
CREATE OR REPLACE FUNCTION public.encrypt_sensitive(p_plaintext text)
 RETURNS public.encrypted_text
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  key_id text := nullif(current_setting('app.encryption_key_id', true), '');
BEGIN
  IF key_id IS NULL THEN
    RAISE EXCEPTION 'no encryption key id set in this transaction (app.encryption_key_id)'
      USING ERRCODE = 'invalid_authorization_specification';
  END IF;
  IF key_id !~ '^[A-Za-z0-9_.-]{1,64}$' THEN
    RAISE EXCEPTION 'encryption key id must be 1-64 characters of A-Z a-z 0-9 _ . -' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_plaintext IS NULL THEN
    RETURN NULL;
  END IF;
  -- s2k-mode=1 (salted, not iterated): keys are random 256-bit secrets, not passwords, so key
  -- stretching would only cost time on every value.
  RETURN (set_byte('\x0100'::bytea, 1, octet_length(key_id)) || convert_to(key_id, 'UTF8')
          || pgp_sym_encrypt(p_plaintext, encryption_key(key_id), 'cipher-algo=aes256, s2k-mode=1'))::encrypted_text;
END
$function$;
COMMENT ON FUNCTION public.encrypt_sensitive(p_plaintext text) IS 'Encrypts a value under the transaction''s app.encryption_key_id (its key taken from app.encryption_keys); raises when either is missing. NULL stays NULL.';
CREATE OR REPLACE FUNCTION public.encrypted_values_by_key()
 RETURNS TABLE(table_name text, column_name text, key_id text, n bigint)
 LANGUAGE sql
 STABLE
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT 'users', 'phone', encryption_key_id(phone), count(*) FROM users WHERE phone IS NOT NULL GROUP BY 3
  UNION ALL
  SELECT 'mfa_factors', 'secret', encryption_key_id(secret), count(*) FROM mfa_factors GROUP BY 3
$function$;
COMMENT ON FUNCTION public.encrypted_values_by_key() IS 'How many stored values each key id protects, per encrypted column: a key may be retired when it no longer appears. Needs no key.';
CREATE OR REPLACE FUNCTION public.reencrypt_sensitive_batch(p_from_key_id text, p_limit integer DEFAULT 500)
 RETURNS integer
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  target text := nullif(current_setting('app.encryption_key_id', true), '');
  done integer := 0;
  n integer;
BEGIN
  IF target IS NULL OR target = p_from_key_id THEN
    RAISE EXCEPTION 'set app.encryption_key_id to the new key id (not %) before re-encrypting', coalesce(p_from_key_id, 'NULL')
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_limit IS NULL OR p_limit < 1 THEN
    RAISE EXCEPTION 'batch size must be at least 1' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  -- Both keys must be present before any row is touched.
  PERFORM encryption_key(p_from_key_id), encryption_key(target);

  -- SKIP LOCKED: a row an application transaction is writing right now is left to a later batch.
  WITH batch AS (
    SELECT id FROM users
     WHERE encryption_key_id(phone) = p_from_key_id AND phone IS NOT NULL
     ORDER BY id LIMIT p_limit FOR UPDATE SKIP LOCKED)
  UPDATE users u SET phone = encrypt_sensitive(decrypt_sensitive(u.phone)) FROM batch WHERE u.id = batch.id;
  GET DIAGNOSTICS n = ROW_COUNT;
  done := done + n;

  IF done < p_limit THEN
    WITH batch AS (
      SELECT id FROM mfa_factors
       WHERE encryption_key_id(secret) = p_from_key_id
       ORDER BY id LIMIT p_limit - done FOR UPDATE SKIP LOCKED)
    UPDATE mfa_factors f SET secret = encrypt_sensitive(decrypt_sensitive(f.secret)) FROM batch WHERE f.id = batch.id;
    GET DIAGNOSTICS n = ROW_COUNT;
    done := done + n;
  END IF;
  RETURN done;
END
$function$;
COMMENT ON FUNCTION public.reencrypt_sensitive_batch(p_from_key_id text, p_limit integer) IS 'Key rotation: re-encrypts up to p_limit values under key p_from_key_id with the transaction''s app.encryption_key_id and returns how many; call it in its own short transaction until it returns 0. Needs both keys in app.encryption_keys. A system job (app_system).';
CREATE OR REPLACE FUNCTION public.set_encryption_keys(p_keys jsonb, p_key_id text)
 RETURNS void
 LANGUAGE sql
AS $function$
  SELECT set_config('app.encryption_keys', coalesce(p_keys::text, ''), true);
  SELECT set_config('app.encryption_key_id', coalesce(p_key_id, ''), true);
$function$;
COMMENT ON FUNCTION public.set_encryption_keys(p_keys jsonb, p_key_id text) IS 'Supplies the keys for the current transaction only (is_local = true). Call it with bound parameters, never literals, so keys stay out of logs and pg_stat_statements.';
ALTER TABLE public.mfa_factors ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.mfa_factors FORCE ROW LEVEL SECURITY;
ALTER DOMAIN public.encrypted_text OWNER TO app_owner;
ALTER FUNCTION public.decrypt_sensitive(p_value public.encrypted_text) OWNER TO app_owner;
ALTER FUNCTION public.encrypt_sensitive(p_plaintext text) OWNER TO app_owner;
ALTER FUNCTION public.encrypted_values_by_key() OWNER TO app_owner;
ALTER FUNCTION public.encryption_key(p_key_id text) OWNER TO app_owner;
ALTER FUNCTION public.encryption_key_id(p_value bytea) OWNER TO app_owner;
ALTER FUNCTION public.reencrypt_sensitive_batch(p_from_key_id text, p_limit integer) OWNER TO app_owner;
ALTER FUNCTION public.set_encryption_keys(p_keys jsonb, p_key_id text) OWNER TO app_owner;
ALTER TABLE public.mfa_factors OWNER TO app_owner;
GRANT UPDATE (phone) ON TABLE public.users TO app_admin;
GRANT UPDATE (phone) ON TABLE public.users TO app_analyst;
GRANT UPDATE (phone) ON TABLE public.users TO app_viewer;
REVOKE EXECUTE ON FUNCTION public.encrypted_values_by_key() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.encrypted_values_by_key() TO app_system;
REVOKE EXECUTE ON FUNCTION public.reencrypt_sensitive_batch(p_from_key_id text, p_limit integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.reencrypt_sensitive_batch(p_from_key_id text, p_limit integer) TO app_system;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.mfa_factors TO app_system;
