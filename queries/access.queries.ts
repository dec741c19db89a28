/** Types generated for queries found in "queries/access.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type audit_operation = 'DELETE' | 'INSERT' | 'UPDATE';

export type user_status = 'active' | 'erased' | 'suspended';

export type DateOrString = Date | string;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type NumberOrString = number | string;

export type stringArray = (string)[];

/** 'CheckPermission' parameters type */
export interface ICheckPermissionParams {
  action: string;
  resource: string;
  userId: string;
}

/** 'CheckPermission' return type */
export interface ICheckPermissionResult {
  allowed: boolean | null;
}

/** 'CheckPermission' query type */
export interface ICheckPermissionQuery {
  params: ICheckPermissionParams;
  result: ICheckPermissionResult;
}

const checkPermissionIR: any = {"usedParamSet":{"userId":true,"resource":true,"action":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":122,"b":129}]},{"name":"resource","required":true,"transform":{"type":"scalar"},"locs":[{"a":150,"b":159}]},{"name":"action","required":true,"transform":{"type":"scalar"},"locs":[{"a":162,"b":169}]}],"statement":"-- Whether a member may perform action on resource in the current tenant (role hierarchy included).\nSELECT has_permission(:userId!, current_tenant(), :resource!, :action!) AS allowed"};

/**
 * Query generated from SQL:
 * ```
 * -- Whether a member may perform action on resource in the current tenant (role hierarchy included).
 * SELECT has_permission(:userId!, current_tenant(), :resource!, :action!) AS allowed
 * ```
 */
export const checkPermission = new PreparedQuery<ICheckPermissionParams,ICheckPermissionResult>(checkPermissionIR);


/** 'MemberRoles' parameters type */
export interface IMemberRolesParams {
  userId: string;
}

/** 'MemberRoles' return type */
export interface IMemberRolesResult {
  /** Grant ends at this time; NULL = no expiry. */
  expiresAt: Date | null;
  /** Stable machine name, e.g. project_manager. */
  key: string;
  /** Display name. */
  name: string;
}

/** 'MemberRoles' query type */
export interface IMemberRolesQuery {
  params: IMemberRolesParams;
  result: IMemberRolesResult;
}

const memberRolesIR: any = {"usedParamSet":{"userId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":190,"b":197}]}],"statement":"-- A member's unexpired roles in the current tenant. Index: user_roles_pkey.\nSELECT r.key, r.name, ur.expires_at\n  FROM user_roles ur\n  JOIN roles r ON r.id = ur.role_id\n WHERE ur.user_id = :userId!\n   AND (ur.expires_at IS NULL OR ur.expires_at > now())\n ORDER BY r.key"};

/**
 * Query generated from SQL:
 * ```
 * -- A member's unexpired roles in the current tenant. Index: user_roles_pkey.
 * SELECT r.key, r.name, ur.expires_at
 *   FROM user_roles ur
 *   JOIN roles r ON r.id = ur.role_id
 *  WHERE ur.user_id = :userId!
 *    AND (ur.expires_at IS NULL OR ur.expires_at > now())
 *  ORDER BY r.key
 * ```
 */
export const memberRoles = new PreparedQuery<IMemberRolesParams,IMemberRolesResult>(memberRolesIR);


/** 'SessionByTokenHash' parameters type */
export interface ISessionByTokenHashParams {
  tokenHash: Buffer;
}

/** 'SessionByTokenHash' return type */
export interface ISessionByTokenHashResult {
  /** Name shown to other members. */
  displayName: string;
  /** Sign-in address, case-insensitive and unique; replaced by a placeholder on erasure. */
  email: string;
  /** Absolute expiry. */
  expiresAt: Date;
  /** Surrogate key. */
  id: string;
  /** Account lifecycle state. */
  status: user_status;
  /** Signed-in user. */
  userId: string;
}

/** 'SessionByTokenHash' query type */
export interface ISessionByTokenHashQuery {
  params: ISessionByTokenHashParams;
  result: ISessionByTokenHashResult;
}

const sessionByTokenHashIR: any = {"usedParamSet":{"tokenHash":true},"params":[{"name":"tokenHash","required":true,"transform":{"type":"scalar"},"locs":[{"a":328,"b":338}]}],"statement":"-- Auth service (app_system): the live session for a presented token, by its SHA-256 digest.\n-- Index: sessions_token_hash_key.\n-- @uses sessions_token_hash_key\n-- @role app_system\nSELECT s.id, s.user_id, u.email, u.display_name, u.status, s.expires_at\n  FROM sessions s\n  JOIN users u ON u.id = s.user_id\n WHERE s.token_hash = :tokenHash!\n   AND s.revoked_at IS NULL\n   AND s.expires_at > now()"};

/**
 * Query generated from SQL:
 * ```
 * -- Auth service (app_system): the live session for a presented token, by its SHA-256 digest.
 * -- Index: sessions_token_hash_key.
 * -- @uses sessions_token_hash_key
 * -- @role app_system
 * SELECT s.id, s.user_id, u.email, u.display_name, u.status, s.expires_at
 *   FROM sessions s
 *   JOIN users u ON u.id = s.user_id
 *  WHERE s.token_hash = :tokenHash!
 *    AND s.revoked_at IS NULL
 *    AND s.expires_at > now()
 * ```
 */
export const sessionByTokenHash = new PreparedQuery<ISessionByTokenHashParams,ISessionByTokenHashResult>(sessionByTokenHashIR);


/** 'RecentFailedLogins' parameters type */
export interface IRecentFailedLoginsParams {
  email: string;
  since: DateOrString;
}

/** 'RecentFailedLogins' return type */
export interface IRecentFailedLoginsResult {
  failures: string | null;
}

/** 'RecentFailedLogins' query type */
export interface IRecentFailedLoginsQuery {
  params: IRecentFailedLoginsParams;
  result: IRecentFailedLoginsResult;
}

const recentFailedLoginsIR: any = {"usedParamSet":{"email":true,"since":true},"params":[{"name":"email","required":true,"transform":{"type":"scalar"},"locs":[{"a":254,"b":260}]},{"name":"since","required":true,"transform":{"type":"scalar"},"locs":[{"a":281,"b":287}]}],"statement":"-- Throttling (app_system): failed attempts for an address since a time.\n-- Index: idx_login_attempts_email_attempted_at.\n-- @uses idx_login_attempts_email_attempted_at\n-- @role app_system\nSELECT count(*) AS failures\n  FROM login_attempts\n WHERE email = :email! AND attempted_at > :since! AND NOT succeeded"};

/**
 * Query generated from SQL:
 * ```
 * -- Throttling (app_system): failed attempts for an address since a time.
 * -- Index: idx_login_attempts_email_attempted_at.
 * -- @uses idx_login_attempts_email_attempted_at
 * -- @role app_system
 * SELECT count(*) AS failures
 *   FROM login_attempts
 *  WHERE email = :email! AND attempted_at > :since! AND NOT succeeded
 * ```
 */
export const recentFailedLogins = new PreparedQuery<IRecentFailedLoginsParams,IRecentFailedLoginsResult>(recentFailedLoginsIR);


/** 'AuditTrail' parameters type */
export interface IAuditTrailParams {
  limit: NumberOrString;
  recordId: string;
  tableName: string;
}

/** 'AuditTrail' return type */
export interface IAuditTrailResult {
  /** Application user from the app.user_id setting; NULL for system changes. */
  actorId: string | null;
  /** Columns whose value changed (UPDATE). */
  changedFields: stringArray | null;
  /** Database role that made the change (app_admin, app_system, ...). */
  dbRole: string;
  /** Sequential key; orders entries of one transaction. */
  id: string;
  /** Row after the change (INSERT, UPDATE). */
  newRow: Json | null;
  /** When the change was made. */
  occurredAt: Date;
  /** Row before the change (UPDATE, DELETE). */
  oldRow: Json | null;
  /** INSERT, UPDATE or DELETE. */
  operation: audit_operation;
  /** Transaction id (pg_current_xact_id), groups changes made together. */
  transactionId: string;
}

/** 'AuditTrail' query type */
export interface IAuditTrailQuery {
  params: IAuditTrailParams;
  result: IAuditTrailResult;
}

const auditTrailIR: any = {"usedParamSet":{"tableName":true,"recordId":true,"limit":true},"params":[{"name":"tableName","required":true,"transform":{"type":"scalar"},"locs":[{"a":234,"b":244}]},{"name":"recordId","required":true,"transform":{"type":"scalar"},"locs":[{"a":262,"b":271}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":298,"b":304}]}],"statement":"-- The change history of one record, newest first. Index: idx_audit_log_table_name_record_id.\nSELECT id, operation, actor_id, db_role, changed_fields, old_row, new_row, transaction_id, occurred_at\n  FROM audit_log\n WHERE table_name = :tableName! AND record_id = :recordId!\n ORDER BY id DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- The change history of one record, newest first. Index: idx_audit_log_table_name_record_id.
 * SELECT id, operation, actor_id, db_role, changed_fields, old_row, new_row, transaction_id, occurred_at
 *   FROM audit_log
 *  WHERE table_name = :tableName! AND record_id = :recordId!
 *  ORDER BY id DESC
 *  LIMIT :limit!
 * ```
 */
export const auditTrail = new PreparedQuery<IAuditTrailParams,IAuditTrailResult>(auditTrailIR);


/** 'ConfirmedMfaSecrets' parameters type */
export interface IConfirmedMfaSecretsParams {
  userId: string;
}

/** 'ConfirmedMfaSecrets' return type */
export interface IConfirmedMfaSecretsResult {
  /** Surrogate key. */
  id: string;
  /** Name the user gave the device, unique per user. */
  label: string;
  secret: string | null;
}

/** 'ConfirmedMfaSecrets' query type */
export interface IConfirmedMfaSecretsQuery {
  params: IConfirmedMfaSecretsParams;
  result: IConfirmedMfaSecretsResult;
}

const confirmedMfaSecretsIR: any = {"usedParamSet":{"userId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":309,"b":316}]}],"statement":"-- Auth service (app_system): a user's confirmed TOTP secrets, decrypted with the transaction's keys\n-- (fails closed without them). A handful of rows per user, behind mfa_factors_user_id_label_key.\n-- @role app_system\nSELECT id, label, decrypt_sensitive(secret) AS secret\n  FROM mfa_factors\n WHERE user_id = :userId! AND confirmed_at IS NOT NULL\n ORDER BY label"};

/**
 * Query generated from SQL:
 * ```
 * -- Auth service (app_system): a user's confirmed TOTP secrets, decrypted with the transaction's keys
 * -- (fails closed without them). A handful of rows per user, behind mfa_factors_user_id_label_key.
 * -- @role app_system
 * SELECT id, label, decrypt_sensitive(secret) AS secret
 *   FROM mfa_factors
 *  WHERE user_id = :userId! AND confirmed_at IS NOT NULL
 *  ORDER BY label
 * ```
 */
export const confirmedMfaSecrets = new PreparedQuery<IConfirmedMfaSecretsParams,IConfirmedMfaSecretsResult>(confirmedMfaSecretsIR);


/** 'EnrolMfaFactor' parameters type */
export interface IEnrolMfaFactorParams {
  label: string;
  secret: string;
  userId: string;
}

/** 'EnrolMfaFactor' return type */
export interface IEnrolMfaFactorResult {
  /** Surrogate key. */
  id: string;
  keyId: string | null;
}

/** 'EnrolMfaFactor' query type */
export interface IEnrolMfaFactorQuery {
  params: IEnrolMfaFactorParams;
  result: IEnrolMfaFactorResult;
}

const enrolMfaFactorIR: any = {"usedParamSet":{"userId":true,"label":true,"secret":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":193,"b":200}]},{"name":"label","required":true,"transform":{"type":"scalar"},"locs":[{"a":203,"b":209}]},{"name":"secret","required":true,"transform":{"type":"scalar"},"locs":[{"a":230,"b":237}]}],"statement":"-- Auth service (app_system): store a new, unconfirmed TOTP secret, encrypted under the transaction's\n-- write key.\n-- @role app_system\nINSERT INTO mfa_factors (user_id, label, secret)\nVALUES (:userId!, :label!, encrypt_sensitive(:secret!))\nRETURNING id, encryption_key_id(secret) AS key_id"};

/**
 * Query generated from SQL:
 * ```
 * -- Auth service (app_system): store a new, unconfirmed TOTP secret, encrypted under the transaction's
 * -- write key.
 * -- @role app_system
 * INSERT INTO mfa_factors (user_id, label, secret)
 * VALUES (:userId!, :label!, encrypt_sensitive(:secret!))
 * RETURNING id, encryption_key_id(secret) AS key_id
 * ```
 */
export const enrolMfaFactor = new PreparedQuery<IEnrolMfaFactorParams,IEnrolMfaFactorResult>(enrolMfaFactorIR);


