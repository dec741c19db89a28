/**
 * Split a migration file into statements with PostgreSQL's own parser
 * (libpg-query), so dollar quotes, comments and `;` inside strings are handled
 * exactly as the server would. Used for files that run outside a transaction,
 * where each statement must be sent on its own.
 */
import { loadModule, parse } from 'libpg-query';
import { StrataError } from '../core/diagnostic.js';

export interface SplitStatement {
  sql: string;
  /** 1-based line of the statement's first character. */
  line: number;
  /** Parse node type, e.g. `CreateStmt`, `TransactionStmt`. */
  kind: string;
}

export async function splitStatements(text: string, file: string): Promise<SplitStatement[]> {
  await loadModule();
  let result: Awaited<ReturnType<typeof parse>>;
  try {
    result = await parse(text);
  } catch (e) {
    const cursor = (e as { sqlDetails?: { cursorPosition?: number } }).sqlDetails?.cursorPosition;
    const line = cursor === undefined ? 1 : lineAt(Buffer.from(text, 'utf8'), cursor);
    throw new StrataError({
      code: 'migrations.parse',
      severity: 'error',
      subject: file,
      message: (e as Error).message,
      location: { file, line, column: 1 },
    });
  }
  // Locations are byte offsets into the UTF-8 text.
  const bytes = Buffer.from(text, 'utf8');
  const out: SplitStatement[] = [];
  for (const s of result.stmts ?? []) {
    const start = s.stmt_location ?? 0;
    const end = s.stmt_len ? start + s.stmt_len : bytes.length;
    const chunk = bytes.subarray(start, end).toString('utf8');
    const sql = chunk.trim();
    if (!sql) continue;
    const lead = chunk.length - chunk.trimStart().length;
    const kind = Object.keys((s.stmt ?? {}) as object)[0] ?? 'unknown';
    out.push({ sql, line: lineAt(bytes, start + Buffer.byteLength(chunk.slice(0, lead))), kind });
  }
  return out;
}

function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 10) line++;
  return line;
}
