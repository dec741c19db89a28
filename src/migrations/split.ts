/**
 * Split a migration file into statements with the source stage's splitter
 * (PostgreSQL's own parser), so dollar quotes, BEGIN ATOMIC bodies, comments and
 * `;` inside strings are handled exactly as the server would. An error maps to the
 * file's own line and column through the statement it came from.
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

// The runner, its secrets check and the state builder's role scan each split the same files; parsing a
// 1,200-statement migration costs about a second, so the last few splits are kept (callers get copies).
const recent = new Map<string, Promise<readonly SplitStatement[]>>();
const RECENT = 32;

export async function splitStatements(text: string, file: string): Promise<SplitStatement[]> {
  const key = `${file}\0${text}`;
  let split = recent.get(key);
  if (!split) {
    split = parse(text, file);
    recent.set(key, split);
    split.catch(() => recent.delete(key));
    if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
  }
  return (await split).map((s) => ({ ...s }));
}

async function parse(text: string, file: string): Promise<readonly SplitStatement[]> {
  try {
    return (await splitSource({ path: file, text })).map((s) => ({ sql: s.sql, line: s.line, column: s.column, kind: s.nodeType }));
  } catch (e) {
    if (!(e instanceof StrataError)) throw e;
    throw new StrataError({ ...e.diagnostic, code: 'migrations.syntax', subject: file });
  }
}
