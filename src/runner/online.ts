/**
 * What the runner does for migrations that run while the database is in use: retry
 * a statement (or a whole transactional file) that gave up waiting for a lock, and
 * clear the INVALID index a failed CREATE INDEX CONCURRENTLY leaves behind, so that
 * running the statement again builds the index instead of skipping it.
 */
import * as pgQuery from 'libpg-query';
import type { Connection } from '@databases/pg';
import { StrataError } from '../core/diagnostic.js';
import { sql } from '../db/connect.js';

/** SQLSTATE lock_not_available: lock_timeout (or NOWAIT) gave up. */
export const LOCK_NOT_AVAILABLE = '55P03';

export interface LockRetry {
  /** Retries after the first attempt (0: none). */
  retries: number;
  /** Wait before the first retry; doubled each time, with jitter, capped at 30 s. */
  delayMs: number;
}

export function isLockTimeout(e: unknown): boolean {
  if (e instanceof StrataError) return e.diagnostic.sqlstate === LOCK_NOT_AVAILABLE;
  return (e as { code?: unknown } | null)?.code === LOCK_NOT_AVAILABLE;
}

/**
 * Run `attempt` until it does not fail with lock_not_available, at most `retries`
 * more times; `onRetry` hears of each wait. The last error is thrown with the count.
 */
export async function withLockRetry<T>(policy: LockRetry | undefined, attempt: () => Promise<T>, onRetry: (n: number, delayMs: number) => void): Promise<T> {
  const retries = policy?.retries ?? 0;
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (!isLockTimeout(e) || n >= retries) {
        if (n > 0 && e instanceof StrataError) {
          throw new StrataError({ ...e.diagnostic, message: `${e.diagnostic.message} [SQLSTATE ${LOCK_NOT_AVAILABLE}; gave up after ${n} retr${n === 1 ? 'y' : 'ies'}]` });
        }
        throw e;
      }
      const base = Math.min((policy?.delayMs ?? 200) * 2 ** n, 30_000);
      const delayMs = Math.round(base / 2 + Math.random() * (base / 2));
      onRetry(n + 1, delayMs);
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}

interface IndexTarget {
  name: string;
  schema?: string;
  table: string;
}

/** The index a CREATE INDEX CONCURRENTLY statement names (undefined for anything else, or an unnamed index). */
export function concurrentIndexTarget(statement: string): IndexTarget | undefined {
  const tree = pgQuery.parseSync(statement) as { stmts?: { stmt?: { IndexStmt?: { idxname?: string; concurrent?: boolean; relation?: { schemaname?: string; relname?: string } } } }[] };
  const ix = tree.stmts?.[0]?.stmt?.IndexStmt;
  if (!ix?.concurrent || !ix.idxname || !ix.relation?.relname) return undefined;
  return { name: ix.idxname, schema: ix.relation.schemaname, table: ix.relation.relname };
}

/**
 * Drop an INVALID index of the name a CREATE INDEX CONCURRENTLY is about to build
 * (the leftover of an earlier failed build); returns its name when there was one.
 */
export async function dropInvalidIndex(db: Connection, target: IndexTarget): Promise<string | undefined> {
  const [row] = await db.query(sql`
    SELECT format('%I.%I', n.nspname, c.relname) AS name
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT i.indisvalid AND c.relname = ${target.name}
       AND i.indrelid = to_regclass(${target.schema ? `${quote(target.schema)}.${quote(target.table)}` : quote(target.table)})`);
  if (!row) return undefined;
  await db.query([sql.__dangerous__rawValue(`DROP INDEX CONCURRENTLY IF EXISTS ${row.name}`)]);
  return row.name as string;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Index of the COMMIT (or END) closing a BEGIN at `i`; `i` itself when the statement is not a BEGIN or the block is not closed. */
export function blockEnd(statements: readonly { sql: string; kind: string }[], i: number): number {
  if (transactionKind(statements[i]!) !== 'begin') return i;
  for (let j = i + 1; j < statements.length; j++) {
    const k = transactionKind(statements[j]!);
    if (k === 'commit') return j;
    if (k) return i;
  }
  return i;
}

function transactionKind(s: { sql: string; kind: string }): 'begin' | 'commit' | 'other' | undefined {
  if (s.kind !== 'TransactionStmt') return undefined;
  const tree = pgQuery.parseSync(s.sql) as { stmts?: { stmt?: { TransactionStmt?: { kind?: string } } }[] };
  const k = tree.stmts?.[0]?.stmt?.TransactionStmt?.kind;
  return k === 'TRANS_STMT_BEGIN' || k === 'TRANS_STMT_START' ? 'begin' : k === 'TRANS_STMT_COMMIT' ? 'commit' : 'other';
}
