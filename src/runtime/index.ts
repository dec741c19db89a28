/**
 * The application runtime: pgtyped queries on @databases/pg pools, connections
 * and transactions, and `tenantRuntime(config.tenancy).withTenant`.
 */
export { pgtypedConnection, runQuery, camelCaseRow, type AnyQueryable } from './pgtyped.js';
export { tenantRuntime, type TenantContext, type TenantRuntime, type WithTenant } from './withTenant.js';
export { encryptionConfig, encryptionRuntime, checkKeyRing, type EncryptionConfig, type EncryptionRuntime, type KeyRing } from './encryption.js';
