/**
 * Acting as an application role inside a test, and asserting rejections.
 *
 * The role and the tenant/user settings are set transaction-locally
 * (`set_config(..., true)`), exactly as an application request sets them, and the
 * transaction is rolled back afterwards so tests never see each other's writes.
 */
import type pg from 'pg';
import type { IDatabaseConnection, PreparedQuery } from '@pgtyped/runtime';
import type { TenancyConfig } from '../config/index.js';
import { isPgError } from '../db/errors.js';
import { camelCaseRow } from '../runtime/pgtyped.js';

export interface RoleContext {
  /** Tenant setting value (raw text, so a test can pass empty or malformed values); null/undefined: not set. */
  tenant?: string | null;
  /** Acting-user setting value. */
  user?: string | null;
}

export interface AsRoleOptions {
  /** Setting names; without tenancy config, `app.tenant_id` / `app.user_id`. */
  tenancy?: Pick<TenancyConfig, 'settings'>;
  /** Commit instead of rolling back. */
  commit?: boolean;
}

/** Run `fn` in a transaction as `role` with the given context, then roll back (or commit). */
export async function asRole<T>(c: pg.Client, role: string, ctx: RoleContext, fn: () => Promise<T>, opts: AsRoleOptions = {}): Promise<T> {
  const settings = opts.tenancy?.settings ?? { tenant: 'app.tenant_id', user: 'app.user_id' };
  await c.query('BEGIN');
  let ok = false;
  try {
    await setContext(c, role, ctx, settings);
    const out = await fn();
    ok = true;
    return out;
  } finally {
    await c.query(ok && opts.commit ? 'COMMIT' : 'ROLLBACK');
  }
}

/** Set role and context settings in the current transaction. */
export async function setContext(c: pg.Client, role: string, ctx: RoleContext, settings: { tenant: string; user?: string }): Promise<void> {
  await c.query(`SELECT set_config('role', $1, true)`, [role]);
  if (ctx.tenant != null) await c.query(`SELECT set_config($1, $2, true)`, [settings.tenant, ctx.tenant]);
  if (ctx.user != null && settings.user) await c.query(`SELECT set_config($1, $2, true)`, [settings.user, ctx.user]);
}

export interface Rejection {
  sqlstate: string;
  constraint?: string;
  message: string;
  detail?: string;
}

export class ExpectationError extends Error {
  constructor(message: string, readonly statement: string) {
    super(message);
    this.name = 'ExpectationError';
  }
}

/**
 * Run `statement` and require it to fail with `sqlstate` (and `constraint`, when
 * given). Inside a transaction it runs in a savepoint, so the transaction stays
 * usable. Returns the server's error; throws ExpectationError naming the statement otherwise.
 */
export async function expectRejected(
  c: pg.Client,
  statement: string,
  expected: { sqlstate?: string; constraint?: string; params?: unknown[] } = {},
): Promise<Rejection> {
  const inTx = await savepoint(c);
  let err: unknown;
  try {
    await c.query(statement, expected.params);
  } catch (e) {
    err = e;
  }
  if (inTx) await c.query(err ? 'ROLLBACK TO SAVEPOINT strata_expect' : 'RELEASE SAVEPOINT strata_expect');
  if (err === undefined) throw new ExpectationError(`expected the statement to be rejected${describe(expected)}, but it succeeded`, statement);
  if (!isPgError(err)) throw err;
  const got: Rejection = { sqlstate: err.code, constraint: err.constraint, message: err.message, detail: err.detail };
  if ((expected.sqlstate && got.sqlstate !== expected.sqlstate) || (expected.constraint && got.constraint !== expected.constraint)) {
    throw new ExpectationError(
      `expected rejection${describe(expected)}, got SQLSTATE ${got.sqlstate}${got.constraint ? ` (${got.constraint})` : ''}: ${got.message}`,
      statement,
    );
  }
  return got;
}

function describe(e: { sqlstate?: string; constraint?: string }): string {
  return e.sqlstate || e.constraint ? ` with${e.sqlstate ? ` SQLSTATE ${e.sqlstate}` : ''}${e.constraint ? ` by ${e.constraint}` : ''}` : '';
}

/** SAVEPOINT when inside a transaction block; false when there is none (25P01). */
async function savepoint(c: pg.Client): Promise<boolean> {
  try {
    await c.query('SAVEPOINT strata_expect');
    return true;
  } catch (e) {
    if (isPgError(e) && e.code === '25P01') return false;
    throw e;
  }
}

/** A pgtyped connection on a plain pg client, rows renamed to camelCase like the runtime's. */
export function typedConnection(c: pg.Client, opts: { camelCase?: boolean } = {}): IDatabaseConnection {
  const camel = opts.camelCase ?? true;
  return {
    async query(text: string, bindings: unknown[]) {
      const r = await c.query<Record<string, unknown>>(text, bindings);
      return { rows: camel ? r.rows.map(camelCaseRow) : r.rows, rowCount: r.rowCount ?? 0 };
    },
  };
}

/** Run a generated (pgtyped) query on a test client: `await run(c, listProjectsByStatus, { status: 'active', limit: 20 })`. */
export function run<P, R>(c: pg.Client, query: PreparedQuery<P, R>, params: P): Promise<R[]> {
  return query.run(params, typedConnection(c));
}
