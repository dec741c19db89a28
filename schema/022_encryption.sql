-- Sensitive-field encryption (docs/schema-design.md, "Sensitive fields"). The database never stores a key:
-- the application supplies its keys per transaction in two transaction-local settings, like the tenant
-- context, always through set_config(name, $1, true) with a bound parameter, so no key is ever a
-- literal in a statement, a log line or pg_stat_statements:
--   app.encryption_keys    a JSON object {"<key id>": "<key>", ...}: every key this transaction may
--                          decrypt with (during a rotation: the old and the new one)
--   app.encryption_key_id  the key id new values are written under
-- A value is an envelope (domain encrypted_text): byte 0 is the format version (1), byte 1 the length n
-- of the key id, bytes 2..n+1 the key id, then the OpenPGP message of pgp_sym_encrypt (AES-256 with a
-- random session key, integrity-checked: a wrong key raises instead of returning garbage).
-- Reads go through decrypt_sensitive() and fail closed: without the value's key it raises (SQLSTATE
-- 28000); it never returns ciphertext, plaintext of another key, or a silent NULL.

CREATE FUNCTION encryption_key_id(p_value bytea) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN CASE
    WHEN octet_length(p_value) > 2 AND get_byte(p_value, 0) = 1 AND get_byte(p_value, 1) BETWEEN 1 AND 64
         AND octet_length(p_value) > 2 + get_byte(p_value, 1)
    THEN convert_from(substring(p_value FROM 3 FOR get_byte(p_value, 1)), 'UTF8')
  END;
COMMENT ON FUNCTION encryption_key_id(bytea) IS 'The key id recorded in an encrypted value''s envelope; NULL when the bytes are not an envelope.';

CREATE DOMAIN encrypted_text AS bytea
  CONSTRAINT encrypted_text_envelope_check CHECK (VALUE IS NULL OR encryption_key_id(VALUE) IS NOT NULL);
COMMENT ON DOMAIN encrypted_text IS 'A text value encrypted by encrypt_sensitive() under an application-held key; the envelope records the key id. Read with decrypt_sensitive().';

CREATE FUNCTION encryption_key(p_key_id text) RETURNS text
  LANGUAGE plpgsql STABLE
  SET search_path = public, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION encryption_key(text) IS 'The key of one key id from the transaction''s app.encryption_keys; raises (SQLSTATE 28000) when it is not supplied. Never logs the key.';

CREATE FUNCTION encrypt_sensitive(p_plaintext text) RETURNS encrypted_text
  LANGUAGE plpgsql VOLATILE
  SET search_path = public, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION encrypt_sensitive(text) IS 'Encrypts a value under the transaction''s app.encryption_key_id (its key taken from app.encryption_keys); raises when either is missing. NULL stays NULL.';

CREATE FUNCTION decrypt_sensitive(p_value encrypted_text) RETURNS text
  LANGUAGE plpgsql STABLE
  SET search_path = public, pg_temp
AS $$
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
$$;
COMMENT ON FUNCTION decrypt_sensitive(encrypted_text) IS 'Decrypts a value with the key its envelope names, from the transaction''s app.encryption_keys. Fails closed: raises (SQLSTATE 28000) without that key, and pgcrypto raises on a wrong key.';

CREATE FUNCTION set_encryption_keys(p_keys jsonb, p_key_id text) RETURNS void
  LANGUAGE sql VOLATILE
AS $$
  SELECT set_config('app.encryption_keys', coalesce(p_keys::text, ''), true);
  SELECT set_config('app.encryption_key_id', coalesce(p_key_id, ''), true);
$$;
COMMENT ON FUNCTION set_encryption_keys(jsonb, text) IS 'Supplies the keys for the current transaction only (is_local = true). Call it with bound parameters, never literals, so keys stay out of logs and pg_stat_statements.';
