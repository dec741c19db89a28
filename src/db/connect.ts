/**
 * Connections on @databases/pg. bigint columns come back as strings so no
 * value is ever rounded.
 *
 * A new @databases/pg pool waits 100 ms before its first connection attempt, so
 * one-shot statements (`execOnce`, scratch database create/drop) use a plain
 * `pg` client instead: a connection costs a few milliseconds.
 */
import pgModule from '@databases/pg';
import pg from 'pg';
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

type Streamable = { queryStream?(q: ReturnType<typeof sql>, o: { batchSize: number }): AsyncIterable<unknown> };

/** Adapt a pool, connection or transaction to the narrow `Queryable` interface. */
export function queryable(db: { query(q: ReturnType<typeof sql>): Promise<unknown[]> } & Streamable): Queryable {
  return {
    ...(db.queryStream ? { batches: (text: string, size: number) => batchesOf(db as Required<Streamable>, text, size) } : {}),
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

async function* batchesOf<Row>(db: Required<Streamable>, text: string, size: number): AsyncIterable<Row[]> {
  let batch: Row[] = [];
  for await (const row of db.queryStream(sql.__dangerous__rawValue(text), { batchSize: size })) {
    batch.push(row as Row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Run raw SQL text (may hold several statements) on a fresh short-lived connection. */
export async function execOnce(url: string, text: string): Promise<void> {
  await queryOnce(url, text);
}

/**
 * Run one statement (with `$n` parameters) on a fresh short-lived connection and
 * return its rows. Values are pg's defaults (bigint as string).
 */
export async function queryOnce<Row = Record<string, unknown>>(
  url: string,
  text: string,
  params: readonly unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  // An unreachable server emits 'error' on the client as well as rejecting connect().
  client.on('error', () => undefined);
  await client.connect();
  try {
    const res = await client.query(text, params as unknown[]);
    // Several statements in one text give one result per statement.
    const last = Array.isArray(res) ? res[res.length - 1] : res;
    return (last?.rows ?? []) as Row[];
  } finally {
    await client.end().catch(() => undefined);
  }
}
