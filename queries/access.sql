/* @name CheckPermission */
-- Whether a member may perform action on resource in the current tenant (role hierarchy included).
SELECT has_permission(:userId!, current_tenant(), :resource!, :action!) AS allowed;

/* @name MemberRoles */
-- A member's unexpired roles in the current tenant. Index: user_roles_pkey.
SELECT r.key, r.name, ur.expires_at
  FROM user_roles ur
  JOIN roles r ON r.id = ur.role_id
 WHERE ur.user_id = :userId!
   AND (ur.expires_at IS NULL OR ur.expires_at > now())
 ORDER BY r.key;

/* @name SessionByTokenHash */
-- Auth service (app_system): the live session for a presented token, by its SHA-256 digest.
-- Index: sessions_token_hash_key.
-- @uses sessions_token_hash_key
-- @role app_system
SELECT s.id, s.user_id, u.email, u.display_name, u.status, s.expires_at
  FROM sessions s
  JOIN users u ON u.id = s.user_id
 WHERE s.token_hash = :tokenHash!
   AND s.revoked_at IS NULL
   AND s.expires_at > now();

/* @name RecentFailedLogins */
-- Throttling (app_system): failed attempts for an address since a time.
-- Index: idx_login_attempts_email_attempted_at.
-- @uses idx_login_attempts_email_attempted_at
-- @role app_system
SELECT count(*) AS failures
  FROM login_attempts
 WHERE email = :email! AND attempted_at > :since! AND NOT succeeded;

/* @name AuditTrail */
-- The change history of one record, newest first. Index: idx_audit_log_table_name_record_id.
SELECT id, operation, actor_id, db_role, changed_fields, old_row, new_row, transaction_id, occurred_at
  FROM audit_log
 WHERE table_name = :tableName! AND record_id = :recordId!
 ORDER BY id DESC
 LIMIT :limit!;

/* @name ConfirmedMfaSecrets */
-- Auth service (app_system): a user's confirmed TOTP secrets, decrypted with the transaction's keys
-- (fails closed without them). A handful of rows per user, behind mfa_factors_user_id_label_key.
-- @role app_system
SELECT id, label, decrypt_sensitive(secret) AS secret
  FROM mfa_factors
 WHERE user_id = :userId! AND confirmed_at IS NOT NULL
 ORDER BY label;

/* @name EnrolMfaFactor */
-- Auth service (app_system): store a new, unconfirmed TOTP secret, encrypted under the transaction's
-- write key.
-- @role app_system
INSERT INTO mfa_factors (user_id, label, secret)
VALUES (:userId!, :label!, encrypt_sensitive(:secret!))
RETURNING id, encryption_key_id(secret) AS key_id;
