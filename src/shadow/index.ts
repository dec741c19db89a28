/**
 * Run located statements on a scratch database. Each file goes in as one batch
 * (fast: one round trip); when a batch fails it has rolled back as a whole, and
 * the file is replayed statement by statement so the failure is pinned to
 * file:line with PostgreSQL's message and SQLSTATE.
 *
 * Roles live outside any database. Convention: `CREATE ROLE`/`CREATE USER` in
 * desired-state or migration files is run idempotently (skipped when the role
 * already exists), roles are never part of a snapshot, and diffs never create or
 * drop them. Other role statements (ALTER ROLE, GRANT role TO role, DROP ROLE)
 * run as written.
 */
import pg from 'pg';
import { statementDiagnostic } from '../db/errors.js';
import { guardedRole, idempotentRole, ROLE_NODES, roleName } from '../core/roles.js';
import { StrataError } from '../core/diagnostic.js';
import type { SourceStatement } from '../source/index.js';


/** Apply in order; returns the role names CREATE ROLE statements named (see the convention above). */
export async function applyStatements(
  url: string,
  statements: SourceStatement[],
): Promise<{ roles: string[]; roleDefinitions: Record<string, string> }> {
  const roles: string[] = [];
  const roleDefinitions: Record<string, string> = {};
  // A plain pg client sends each text with the simple-query protocol: the server splits it,
  // so a BEGIN ATOMIC body's inner semicolons stay inside their function (@databases/pg
  // splits client-side and would cut them), and a multi-statement text runs as one
  // implicit transaction that rolls back as a whole when any statement fails.
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const run = (text: string) => client.query(text);
    let batch: SourceStatement[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const stmts = batch;
      batch = [];
      try {
        await run(stmts.map((s) => s.sql).join(';\n') + ';');
      } catch {
        for (const s of stmts) await runOne(run, s);
      }
    };
    let file = '';
    for (const s of statements) {
      if (s.file !== file) {
        await flush();
        file = s.file;
      }
      // A migration's role guard (see src/core/roles.ts) counts as the CREATE ROLE it wraps.
      const created = ROLE_NODES.has(s.nodeType) ? s.sql : s.nodeType === 'DoStmt' ? guardedRole(s.sql) : undefined;
      if (created !== undefined) {
        await flush();
        const role = roleName(created);
        if (role !== undefined) {
          roles.push(role);
          roleDefinitions[role] ??= created;
        }
        await runOne(run, { ...s, sql: idempotentRole(created) }, s);
      } else batch.push(s);
    }
    await flush();
    return { roles: [...new Set(roles)].sort(), roleDefinitions };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function runOne(run: (t: string) => Promise<unknown>, s: SourceStatement, original: SourceStatement = s): Promise<void> {
  try {
    await run(s.sql);
  } catch (e) {
    throw applyError(original, e);
  }
}


/** A database error during apply → diagnostic at the statement (or the error position inside it). */
export function applyError(s: SourceStatement, e: unknown): StrataError {
  return new StrataError(statementDiagnostic(e, { text: s.sql, file: s.file, line: s.line, column: s.column }, { code: 'shadow.apply', subject: s.file }));
}
