-- Key rotation (docs/operations.md, "Key management and rotation"): values under a retiring key are
-- re-encrypted under the transaction's app.encryption_key_id, one small batch per call, so each batch
-- is a short transaction and readers (holding both keys meanwhile) never wait long or fail.
-- Every encrypted_text column of the schema is listed here; test/schema/encryption.test.ts checks
-- that none is missing.

CREATE FUNCTION reencrypt_sensitive_batch(p_from_key_id text, p_limit integer DEFAULT 500) RETURNS integer
  LANGUAGE plpgsql VOLATILE
  SET search_path = public, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION reencrypt_sensitive_batch(text, integer) IS 'Key rotation: re-encrypts up to p_limit values under key p_from_key_id with the transaction''s app.encryption_key_id and returns how many; call it in its own short transaction until it returns 0. Needs both keys in app.encryption_keys. A system job (app_system).';

CREATE FUNCTION encrypted_values_by_key() RETURNS TABLE (table_name text, column_name text, key_id text, n bigint)
  LANGUAGE sql STABLE
  SET search_path = public, pg_temp
AS $$
  SELECT 'users', 'phone', encryption_key_id(phone), count(*) FROM users WHERE phone IS NOT NULL GROUP BY 3
  UNION ALL
  SELECT 'mfa_factors', 'secret', encryption_key_id(secret), count(*) FROM mfa_factors GROUP BY 3
$$;
COMMENT ON FUNCTION encrypted_values_by_key() IS 'How many stored values each key id protects, per encrypted column: a key may be retired when it no longer appears. Needs no key.';
