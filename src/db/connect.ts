/**
 * Connections on @databases/pg. bigint columns come back as strings so no
 * value is ever rounded.
 */
import pgModule from '@databases/pg';
import type { ConnectionPool, ConnectionPoolConfig } from '@databases/pg';
import type { Queryable } from '../core/queryable.js';

export const sql = pgModule.sql;
export type { ConnectionPool, Queryable };

const createPool = pgModule.default;

export function connect(url: string, options: Omit<ConnectionPoolConfig, "connectionString"> = {}): ConnectionPool {
  return createPool({
    connectionString: url,
    bigIntMode: 'string',
    poolSize: 2,
    ...options,
  });
}

/** Adapt a pool, connection or transaction to the narrow `Queryable` interface. */
export function queryable(db: { query(q: ReturnType<typeof sql>): Promise<unknown[]> }): Queryable {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const parts = text.split(/\$(\d+)/);
      let q = sql.__dangerous__rawValue(parts[0] ?? '');
      for (let i = 1; i < parts.length; i += 2) {
        const idx = Number(parts[i]) - 1;
        q = sql`${q}${params[idx]}${sql.__dangerous__rawValue(parts[i + 1] ?? '')}`;
      }
      return (await db.query(q)) as Row[];
    },
  };
}

/** Run raw SQL text (may hold several statements) on a fresh short-lived connection. */
export async function execOnce(url: string, text: string): Promise<void> {
  const pool = connect(url, { poolSize: 1 });
  try {
    await pool.query(sql.__dangerous__rawValue(text));
  } finally {
    await pool.dispose();
  }
}
