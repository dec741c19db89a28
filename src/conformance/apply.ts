/**
 * Run a script on one connection, statement by statement in autocommit, the way
 * psql does: statements that refuse a transaction block (CREATE INDEX
 * CONCURRENTLY, ALTER TYPE ... ADD VALUE followed by its use) behave as in
 * production, and SET lines carry over to later statements.
 */
import pg from 'pg';
import { splitStatements } from './sql.js';

export type ApplyResult =
  | { ok: true; statements: number; notes: string[] }
  | { ok: false; error: string; statement: string };

export interface ApplyOptions {
  /** Per-statement limit, so a hung statement fails the case instead of the run. */
  statementTimeoutMs: number;
  /**
   * Building a case's state, not testing a migration: desired-state files in the
   * corpus are declarative (sqldef and pgschema order them themselves), and
   * sqldef's harness provides some schemas up front. So a statement that fails
   * on an object created further down is retried after the rest, and a missing
   * schema is created. Never used for the engine's up/down scripts.
   */
  lenient?: boolean;
}

/** undefined_table, undefined_function, undefined_object (types), invalid_schema_name. */
const FORWARD_REFERENCE = new Set(['42P01', '42883', '42704', '3F000']);

export async function applyScript(url: string, scripts: string[], opts: ApplyOptions): Promise<ApplyResult> {
  // A plain pg client: one connection, no statement splitting of its own, and no
  // pool start-up delay (a case opens several of these).
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  const notes = new Set<string>();
  let count = 0;
  try {
    await client.query(`SET statement_timeout = ${Math.max(1, Math.floor(opts.statementTimeoutMs))}`);
    let pending: string[] = [];
    for (const script of scripts) {
      const split = splitStatements(script);
      // When libpg-query cannot parse the text, the server gets it whole and its
      // own message becomes the reason.
      pending.push(...(split.ok ? split.statements : [script]));
    }
    let firstError: { error: string; statement: string } | undefined;
    for (;;) {
      const deferred: string[] = [];
      firstError = undefined;
      for (const stmt of pending) {
        const err = await run(client, stmt, opts.lenient ? notes : undefined);
        if (!err) {
          count++;
          continue;
        }
        if (!opts.lenient) return { ok: false, error: errorLine(err), statement: firstLine(stmt) };
        firstError ??= { error: errorLine(err), statement: firstLine(stmt) };
        if (!FORWARD_REFERENCE.has(sqlstate(err) ?? '')) return { ok: false, ...firstError };
        deferred.push(stmt);
      }
      if (deferred.length === 0) break;
      if (deferred.length === pending.length) return { ok: false, ...firstError! };
      notes.add('statements deferred past forward references');
      pending = deferred;
    }
    return { ok: true, statements: count, notes: [...notes].sort() };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function run(client: pg.Client, stmt: string, notes: Set<string> | undefined): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.query(stmt);
      return undefined;
    } catch (e) {
      const schema = /^schema "((?:[^"]|"")+)" does not exist$/.exec((e as Error).message ?? '')?.[1];
      if (!notes || sqlstate(e) !== '3F000' || !schema || attempt > 3) return e;
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
      notes.add(`created schema ${schema}`);
    }
  }
}

function sqlstate(e: unknown): string | undefined {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** First line of an error with its SQLSTATE, e.g. `type "vector" does not exist [42704]`. */
export function errorLine(e: unknown): string {
  const msg = firstLine(String((e as { message?: unknown }).message ?? e));
  const code = sqlstate(e);
  return code ? `${msg} [${code}]` : msg;
}

export function firstLine(text: string, max = 160): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() && !l.trim().startsWith('--')) ?? '';
  const t = line.trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}
