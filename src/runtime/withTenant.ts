/**
 * Tenant context for a unit of work. The role and both settings are set
 * transaction-locally (`set_config(..., true)`, the function form of
 * `SET LOCAL`), so they vanish at COMMIT/ROLLBACK and never leak to the next
 * user of a pooled connection — safe behind a transaction-mode pooler such as
 * PgBouncer. Called inside an existing transaction, the work runs in a
 * savepoint and the previous role and settings are restored afterwards.
 */
import { isTransaction, sql } from '@databases/pg';
import type { Transaction } from '@databases/pg';
import { usageError } from '../core/diagnostic.js';
import type { AnyQueryable } from './pgtyped.js';

export const TENANT_ROLES = ['app_admin', 'app_analyst', 'app_viewer'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

export interface TenantContext {
  tenantId: string;
  /** The acting application user, recorded by the audit trigger. */
  userId?: string | null;
  role: TenantRole;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function withTenant<T>(db: AnyQueryable, ctx: TenantContext, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  // The role is an identifier: only the schema's tenant roles are accepted, never caller text.
  if (!TENANT_ROLES.includes(ctx.role)) throw usageError(`withTenant: role must be one of ${TENANT_ROLES.join(', ')}`);
  if (!UUID.test(ctx.tenantId)) throw usageError('withTenant: tenantId must be a UUID');
  if (ctx.userId != null && !UUID.test(ctx.userId)) throw usageError('withTenant: userId must be a UUID');

  if (!isTransaction(db)) {
    return db.tx(async (tx) => {
      await apply(tx, ctx.role, ctx.tenantId, ctx.userId ?? '');
      return fn(tx);
    });
  }
  return db.tx(async (tx) => {
    const [prev] = (await tx.query(sql`
      SELECT current_setting('role') AS role,
             coalesce(current_setting('app.tenant_id', true), '') AS tenant,
             coalesce(current_setting('app.user_id', true), '') AS "user"`)) as { role: string; tenant: string; user: string }[];
    await apply(tx, ctx.role, ctx.tenantId, ctx.userId ?? '');
    const result = await fn(tx);
    // A released savepoint keeps SET LOCAL values: put the outer transaction's context back.
    await apply(tx, prev!.role, prev!.tenant, prev!.user);
    return result;
  });
}

async function apply(tx: Transaction, role: string, tenant: string, user: string): Promise<void> {
  await tx.query(sql`
    SELECT set_config('role', ${role}, true),
           set_config('app.tenant_id', ${tenant}, true),
           set_config('app.user_id', ${user}, true)`);
}
