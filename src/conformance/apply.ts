/**
 * Run a script on one connection, statement by statement in autocommit, the way
 * psql does: statements that refuse a transaction block (CREATE INDEX
 * CONCURRENTLY, ALTER TYPE ... ADD VALUE followed by its use) behave as in
 * production, and SET lines carry over to later statements.
 */
import { connect, sql } from '../db/connect.js';
import { splitStatements } from './sql.js';

export type ApplyResult = { ok: true; statements: number } | { ok: false; error: string; statement: string };

export interface ApplyOptions {
  /** Per-statement limit, so a hung statement fails the case instead of the run. */
  statementTimeoutMs: number;
}

export async function applyScript(url: string, scripts: string[], opts: ApplyOptions): Promise<ApplyResult> {
  const pool = connect(url, { poolSize: 1 });
  let count = 0;
  try {
    return await pool.task(async (conn) => {
      await conn.query(sql.__dangerous__rawValue(`SET statement_timeout = ${Math.max(1, Math.floor(opts.statementTimeoutMs))}`));
      for (const script of scripts) {
        const split = splitStatements(script);
        // When libpg-query cannot parse the text, the server gets it whole and its
        // own message becomes the reason.
        const statements = split.ok ? split.statements : [script];
        for (const stmt of statements) {
          try {
            // The array form skips @databases' own statement splitter, which cuts
            // BEGIN ATOMIC bodies at their inner semicolons.
            await conn.query([sql.__dangerous__rawValue(stmt)]);
            count++;
          } catch (e) {
            return { ok: false as const, error: errorLine(e), statement: firstLine(stmt) };
          }
        }
      }
      return { ok: true as const, statements: count };
    });
  } finally {
    await pool.dispose();
  }
}

/** First line of an error with its SQLSTATE, e.g. `type "vector" does not exist [42704]`. */
export function errorLine(e: unknown): string {
  const err = e as { message?: string; code?: string };
  const msg = firstLine(String(err.message ?? e));
  return err.code && /^[0-9A-Z]{5}$/.test(err.code) ? `${msg} [${err.code}]` : msg;
}

export function firstLine(text: string, max = 160): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() && !l.trim().startsWith('--')) ?? '';
  const t = line.trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}
