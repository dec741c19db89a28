/**
 * Tenant context for a unit of work. The role and the settings are set
 * transaction-locally (`set_config(..., true)`, the function form of
 * `SET LOCAL`), so they vanish at COMMIT/ROLLBACK and never leak to the next
 * user of a pooled connection — safe behind a transaction-mode pooler such as
 * PgBouncer. Called inside an existing transaction, the work runs in a
 * savepoint and the previous role and settings are restored afterwards.
 *
 * Which roles a unit of work may run as and which settings hold the context
 * belong to the application: they come from the project config's `tenancy`
 * section (`tenantRuntime((await loadConfig(root)).tenancy)`).
 */
import { isTransaction, sql } from '@databases/pg';
import type { Transaction } from '@databases/pg';
import { usageError } from '../core/diagnostic.js';
import type { TenancyConfig } from '../config/index.js';
import type { AnyQueryable } from './pgtyped.js';
import { checkKeyRing, encryptionRuntime, type EncryptionConfig, type KeyRing } from './encryption.js';

export interface TenantContext {
  tenantId: string;
  /** The acting application user (the `tenancy.settings.user` setting). */
  userId?: string | null;
  /** One of the configured `tenancy.roles`. */
  role: string;
  /** Encryption keys for this unit of work (the `encryption` settings of the config). */
  keys?: KeyRing;
}

export type WithTenant = <T>(db: AnyQueryable, ctx: TenantContext, fn: (tx: Transaction) => Promise<T>) => Promise<T>;

export interface TenantRuntime {
  /** Run `fn` in a transaction as `ctx.role` with the tenant (and user) settings set locally. */
  withTenant: WithTenant;
  /** The roles `withTenant` accepts. */
  roles: readonly string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `withTenant` for one application's tenancy (roles and setting names from its config); with the
 * config's `encryption` section (`encryptionConfig(config)`) a context may also carry a key ring.
 */
export function tenantRuntime(tenancy: TenancyConfig | undefined, encryption?: EncryptionConfig): TenantRuntime {
  if (!tenancy) throw usageError('withTenant: the project config has no "tenancy" section (column, roles, settings)');
  if (!tenancy.roles.length) throw usageError('withTenant: "tenancy.roles" is empty');
  const roles = Object.freeze([...tenancy.roles]);
  const tenantSetting = tenancy.settings.tenant;
  // Without a configured user setting there is nowhere to put a user id, so one is refused, not dropped.
  const userSetting = tenancy.settings.user;
  const keyRuntime = encryption ? encryptionRuntime(encryption) : undefined;

  const apply = async (tx: Transaction, role: string, tenant: string, user: string): Promise<void> => {
    await tx.query(sql`SELECT set_config('role', ${role}, true), set_config(${tenantSetting}, ${tenant}, true)`);
    if (userSetting) await tx.query(sql`SELECT set_config(${userSetting}, ${user}, true)`);
  };

  const withTenant: WithTenant = async (db, ctx, fn) => {
    // The role is an identifier: only the configured tenant roles are accepted, never caller text.
    if (!roles.includes(ctx.role)) throw usageError(`withTenant: role must be one of ${roles.join(', ')}`);
    if (!UUID.test(ctx.tenantId)) throw usageError('withTenant: tenantId must be a UUID');
    if (ctx.userId != null && !UUID.test(ctx.userId)) throw usageError('withTenant: userId must be a UUID');
    if (ctx.userId != null && !userSetting) throw usageError('withTenant: userId given, but the config has no "tenancy.settings.user"');
    if (ctx.keys && !keyRuntime) throw usageError('withTenant: keys given, but the runtime has no "encryption" config (tenantRuntime(tenancy, encryptionConfig(config)))');
    if (ctx.keys) checkKeyRing(ctx.keys);

    if (!isTransaction(db)) {
      return db.tx(async (tx) => {
        await apply(tx, ctx.role, ctx.tenantId, ctx.userId ?? '');
        if (ctx.keys) await keyRuntime!.setKeys(tx, ctx.keys);
        return fn(tx);
      });
    }
    return db.tx(async (tx) => {
      const [prev] = (await tx.query(sql`
        SELECT current_setting('role') AS role,
               coalesce(current_setting(${tenantSetting}, true), '') AS tenant,
               coalesce(current_setting(${userSetting ?? tenantSetting}, true), '') AS "user"`)) as { role: string; tenant: string; user: string }[];
      await apply(tx, ctx.role, ctx.tenantId, ctx.userId ?? '');
      // Keys given to a nested unit of work are set, and the outer ones restored, by withKeys.
      const result = ctx.keys ? await keyRuntime!.withKeys(tx, ctx.keys, fn) : await fn(tx);
      // A released savepoint keeps SET LOCAL values: put the outer transaction's context back.
      await apply(tx, prev!.role, prev!.tenant, prev!.user);
      return result;
    });
  };

  return { withTenant, roles };
}
