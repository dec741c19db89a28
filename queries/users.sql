/* @name MemberContact */
-- A member's contact details in the current tenant; the phone number is decrypted with the
-- transaction's keys (fails closed without them). Index: users_pkey.
SELECT id, display_name, email, decrypt_sensitive(phone) AS phone
  FROM users
 WHERE id = :userId!;

/* @name SetOwnPhone */
-- The acting user records or clears their phone number (E.164), encrypted under the transaction's
-- write key. RLS (users_self_update) limits it to the acting user's row; a malformed number updates
-- nothing (no row back).
UPDATE users
   SET phone = encrypt_sensitive(CAST(:phone AS text))
 WHERE id = current_app_user()
   AND (CAST(:phone AS text) IS NULL OR CAST(:phone AS text) ~ '^\+[1-9][0-9]{6,14}$')
RETURNING id, encryption_key_id(phone) AS key_id;
