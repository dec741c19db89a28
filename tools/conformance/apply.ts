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
      const deferred: { stmt: string; err: unknown }[] = [];
      firstError = undefined;
      for (const stmt of pending) {
        const err = await run(client, stmt);
        if (!err) {
          count++;
          continue;
        }
        if (!opts.lenient) return { ok: false, error: errorLine(err), statement: firstLine(stmt) };
        firstError ??= { error: errorLine(err), statement: firstLine(stmt) };
        if (!FORWARD_REFERENCE.has(sqlstate(err) ?? '')) return { ok: false, ...firstError };
        deferred.push({ stmt, err });
      }
      if (deferred.length === 0) break;
      if (deferred.length === pending.length) {
        // No progress: what is still missing is not created further down. A missing
        // schema is the one thing the source project's harness provides; create it.
        const schema = deferred.map((d) => missingSchema(d.err)).find((x) => x !== undefined);
        const name = schema === '' ? await firstSearchPathSchema(client) : schema;
        if (!name) return { ok: false, ...firstError! };
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${name.replace(/"/g, '""')}"`);
        notes.add(`created schema ${name}`);
      } else {
        notes.add('statements deferred past forward references');
      }
      pending = deferred.map((d) => d.stmt);
    }
    return { ok: true, statements: count, notes: [...notes].sort() };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function run(client: pg.Client, stmt: string): Promise<unknown> {
  try {
    await client.query(stmt);
    return undefined;
  } catch (e) {
    return e;
  }
}

/** The schema a failure says is missing; '' when nothing on search_path exists to create in. */
function missingSchema(e: unknown): string | undefined {
  if (sqlstate(e) !== '3F000') return undefined;
  const msg = String((e as Error).message ?? '');
  if (msg.startsWith('no schema has been selected to create in')) return '';
  return /^schema "((?:[^"]|"")+)" does not exist/.exec(msg)?.[1]?.replace(/""/g, '"');
}

async function firstSearchPathSchema(client: pg.Client): Promise<string | undefined> {
  const res = await client.query<{ search_path: string }>('SHOW search_path');
  const first = res.rows[0]?.search_path.split(',')[0]?.trim();
  if (!first || first === '"$user"' || first === '$user') return undefined;
  return first.startsWith('"') ? first.slice(1, -1).replace(/""/g, '"') : first;
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
