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
// @ts-expect-error pg-cursor ships no type declarations (the shape used is PgCursor below)
import Cursor from 'pg-cursor';
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

/** The pg client under a @databases/pg transaction, when it exposes one (it keeps it in its driver). */
type CursorClient = { query(c: unknown): unknown };
function clientOf(db: unknown): CursorClient | undefined {
  const client = (db as { _driver?: { client?: unknown } })._driver?.client;
  return client instanceof pg.Client ? client : undefined;
}

/** pg-cursor's read() as a promise (the package ships no types). */
interface PgCursor {
  read(n: number, cb: (err: Error | undefined, rows: unknown[]) => void): void;
  close(cb: () => void): void;
}
const PgCursorClass = Cursor as unknown as new (text: string) => PgCursor;
const readPage = (c: PgCursor, n: number) =>
  new Promise<unknown[]>((resolve, reject) => c.read(n, (err, rows) => (err ? reject(err) : resolve(rows))));

async function* batchesOf<Row>(db: Required<Streamable>, text: string, size: number): AsyncIterable<Row[]> {
  const client = clientOf(db);
  if (client) {
    // Whole pages straight from the cursor, the next one already asked for: @databases' queryStream
    // hands them over row by row through an async generator, ~10^5 awaits per snapshot.
    const cursor = new PgCursorClass(text);
    client.query(cursor);
    try {
      let next = readPage(cursor, size);
      for (;;) {
        const page = await next;
        if (!page.length) return;
        next = readPage(cursor, size);
        next.catch(() => undefined);
        yield page as Row[];
      }
    } finally {
      await new Promise<void>((resolve) => cursor.close(() => resolve()));
    }
  }
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
