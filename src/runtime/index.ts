/**
 * The application runtime for the reference schema: pgtyped queries on
 * @databases/pg pools, connections and transactions, and `withTenant`.
 */
export { pgtypedConnection, runQuery, camelCaseRow, type AnyQueryable } from './pgtyped.js';
export { withTenant, TENANT_ROLES, type TenantContext, type TenantRole } from './withTenant.js';
