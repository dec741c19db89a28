/**
 * pgtyped's runtime talks to a `{ query(text, values) → { rows, rowCount } }` client; @databases/pg
 * takes `SQLQuery` objects. This adapter bridges the two and renames result columns to camelCase,
 * because the generated types use `camelCaseColumnNames` and pgtyped leaves the renaming to the runtime.
 */
import type { IDatabaseConnection, PreparedQuery } from '@pgtyped/runtime';
import type { Connection, ConnectionPool, Transaction } from '@databases/pg';
import { queryable } from '../db/connect.js';

export type AnyQueryable = ConnectionPool | Connection | Transaction;

export function camelCaseRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = v;
  return out;
}

/** A pgtyped client running on a @databases/pg pool, connection or transaction. */
export function pgtypedConnection(db: AnyQueryable, opts: { camelCase?: boolean } = {}): IDatabaseConnection {
  const q = queryable(db);
  const camel = opts.camelCase ?? true;
  return {
    async query(text: string, bindings: unknown[]) {
      const rows = await q.query<Record<string, unknown>>(text, bindings);
      return { rows: camel ? rows.map(camelCaseRow) : rows, rowCount: rows.length };
    },
  };
}

/** Run a generated query: `runQuery(listProjectsByStatus, { status: 'active', limit: 20 }, tx)`. */
export function runQuery<Params, Result>(
  query: PreparedQuery<Params, Result>,
  params: Params,
  db: AnyQueryable,
): Promise<Result[]> {
  return query.run(params, pgtypedConnection(db));
}
