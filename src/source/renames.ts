/**
 * Rename hints. A declarative file cannot say that `user_name` used to be
 * `username`: without a hint the diff drops one column and adds the other, and
 * the data is gone. A line comment on the column's definition line says so, in
 * the spelling sqldef uses:
 *
 *   CREATE TABLE users (
 *     user_name text, -- @renamed from=username
 *   );
 *
 * The diff then renames the column when the current state has `username` and not
 * `user_name`; once renamed, the hint is inert and may stay or go. On the CREATE TABLE
 * line the hint renames the table (`CREATE TABLE people ( -- @renamed from=users`).
 */
import * as pgQuery from 'libpg-query';
import type { RenameHint } from '../core/model/index.js';
import type { SourceFile } from './index.js';

const HINT = /@renamed\s+from=("(?:[^"]|"")+"|[^\s,;]+)/;

interface ColumnDefNode {
  ColumnDef?: { colname?: string; location?: number };
}
interface CreateStmtNode {
  CreateStmt?: { relation?: { schemaname?: string; relname?: string; location?: number }; tableElts?: ColumnDefNode[] };
}

/** Hints in `files`; files are already known to parse (loadStatements ran first). */
export async function renameHints(files: readonly SourceFile[]): Promise<RenameHint[]> {
  const out: RenameHint[] = [];
  for (const f of files) {
    if (!f.text.includes('@renamed')) continue;
    await pgQuery.loadModule();
    const bytes = Buffer.from(f.text, 'utf8');
    const lineAt = (byte: number) => bytes.subarray(0, byte).toString('utf8').split('\n').length;
    const comments = pgQuery
      .scanSync(f.text)
      .tokens.filter((t) => t.tokenName === 'SQL_COMMENT' && HINT.test(t.text))
      .map((t) => ({ line: lineAt(t.start), from: unquote(HINT.exec(t.text)![1]!) }));
    if (!comments.length) continue;
    for (const s of pgQuery.parseSync(f.text).stmts ?? []) {
      const create = (s.stmt as CreateStmtNode | undefined)?.CreateStmt;
      if (!create?.relation?.relname) continue;
      const schema = create.relation.schemaname ?? 'public';
      // On the line naming the table, the hint is about the table.
      const tableLine = create.relation.location === undefined ? undefined : lineAt(create.relation.location);
      const tableHint = comments.find((c) => c.line === tableLine);
      if (tableHint) out.push({ kind: 'table', schema, table: create.relation.relname, from: tableHint.from, to: create.relation.relname });
      for (const el of create.tableElts ?? []) {
        const col = el.ColumnDef;
        if (!col?.colname || col.location === undefined) continue;
        const line = lineAt(col.location);
        if (line === tableLine) continue;
        const hint = comments.find((c) => c.line === line);
        if (hint) out.push({ schema, table: create.relation.relname, from: hint.from, to: col.colname });
      }
    }
  }
  return out;
}

function unquote(word: string): string {
  return word.startsWith('"') ? word.slice(1, -1).replace(/""/g, '"') : word.toLowerCase();
}
