-- Encrypted personal values: phone numbers (every other person) and authenticator-app secrets (every
-- third person), written under a PUBLIC development key set for the seed's transaction only. That key
-- protects nothing; it exists so dev and test databases hold real ciphertext, and tests decrypt seeded
-- values with it (test/schema/fixture.ts DEV_KEYS). Production keys never appear in a file or a
-- statement: the application binds them (docs/operations.md, "Key management and rotation").
DO $$
BEGIN
  -- A state from before the encrypt_sensitive_fields migration has nothing to fill: strata diff and the
  -- rollback suite seed older states to prove each migration on real rows.
  IF to_regtype('encrypted_text') IS NULL THEN
    RETURN;
  END IF;
  PERFORM set_encryption_keys('{"dev-1": "strata-dev-key-PUBLIC-never-use-in-production"}', 'dev-1');

  UPDATE users u SET phone = encrypt_sensitive('+4930' || lpad(g::text, 7, '0'))
    FROM seed_params s, generate_series(1, s.tenants * s.users_per_tenant) AS g
   WHERE u.id = pg_temp.sid('user', g) AND g % 2 = 1;

  -- TOTP secrets are base32: md5's hex digits with 0, 1, 8, 9 mapped into the base32 alphabet.
  INSERT INTO mfa_factors (id, user_id, label, secret, confirmed_at, last_used_at, created_at)
  SELECT pg_temp.sid('mfa', g), pg_temp.sid('user', g), 'Authenticator',
         encrypt_sensitive(translate(upper(md5('totp:' || g)), '0189', 'WXYZ')),
         s.base - interval '50 days', CASE WHEN g % 2 = 0 THEN s.base - interval '1 day' END, s.base - interval '50 days'
    FROM seed_params s, generate_series(1, s.tenants * s.users_per_tenant) AS g
   WHERE g % 3 = 0;
END
$$;
