/**
 * Split a migration file into statements with the source stage's splitter
 * (PostgreSQL's own parser), so dollar quotes, BEGIN ATOMIC bodies, comments and
 * `;` inside strings are handled exactly as the server would. The runner sends
 * statements one by one so an error maps to the file's own line and column.
 */
import { StrataError } from '../core/diagnostic.js';
import { splitStatements as splitSource } from '../source/index.js';

export interface SplitStatement {
  sql: string;
  /** 1-based line and column of the statement's first character. */
  line: number;
  column: number;
  /** Parse node type, e.g. `CreateStmt`, `TransactionStmt`. */
  kind: string;
}

export async function splitStatements(text: string, file: string): Promise<SplitStatement[]> {
  try {
    return (await splitSource({ path: file, text })).map((s) => ({ sql: s.sql, line: s.line, column: s.column, kind: s.nodeType }));
  } catch (e) {
    if (!(e instanceof StrataError)) throw e;
    throw new StrataError({ ...e.diagnostic, code: 'migrations.syntax', subject: file });
  }
}
