/**
 * Conversion hints for column type changes PostgreSQL cannot cast (bigint to
 * timestamp, say). A declarative file cannot say how old values become new ones,
 * so a comment on the column's definition line does:
 *
 *   CREATE TABLE events (
 *     at timestamptz NOT NULL, -- @using to_timestamp(at) @using-down extract(epoch FROM at)::bigint
 *   );
 *
 * `@using <expression>` is the up conversion (`ALTER COLUMN … TYPE … USING <expression>`),
 * `@using-down <expression>` the reverse for the down migration. The comment is found with
 * the real scanner and tied to the column by the parser's location, as rename hints are.
 */
import * as pgQuery from 'libpg-query';
import type { UsingHint } from '../core/model/index.js';
import { lineColumn } from '../core/location.js';
import type { SourceFile } from './index.js';

interface ColumnDefNode {
  ColumnDef?: { colname?: string; location?: number };
}
interface CreateStmtNode {
  CreateStmt?: { relation?: { schemaname?: string; relname?: string }; tableElts?: ColumnDefNode[] };
}

/** Every column definition of the CREATE TABLEs in `file`, with where it is (file:line:column). */
async function columnSites(file: SourceFile): Promise<{ schema: string; table: string; column: string; line: number; col: number }[]> {
  await pgQuery.loadModule();
  const bytes = Buffer.from(file.text, 'utf8');
  const out = [];
  for (const s of pgQuery.parseSync(file.text).stmts ?? []) {
    const create = (s.stmt as CreateStmtNode | undefined)?.CreateStmt;
    if (!create?.relation?.relname) continue;
    for (const el of create.tableElts ?? []) {
      const c = el.ColumnDef;
      if (!c?.colname || c.location === undefined) continue;
      // The parser's locations are byte offsets.
      const { line, column } = lineColumn(file.text, bytes.subarray(0, c.location).toString('utf8').length);
      out.push({ schema: create.relation.schemaname ?? 'public', table: create.relation.relname, column: c.colname, line, col: column });
    }
  }
  return out;
}

/** `@using` / `@using-down` hints in `files`; files are already known to parse. */
export async function usingHints(files: readonly SourceFile[]): Promise<UsingHint[]> {
  const out: UsingHint[] = [];
  for (const f of files) {
    if (!f.text.includes('@using')) continue;
    await pgQuery.loadModule();
    const bytes = Buffer.from(f.text, 'utf8');
    const byLine = new Map<number, string>();
    for (const t of pgQuery.scanSync(f.text).tokens) {
      if ((t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT') || !t.text.includes('@using')) continue;
      const line = lineColumn(f.text, bytes.subarray(0, t.start).toString('utf8').length).line;
      const body = t.tokenName === 'SQL_COMMENT' ? t.text.replace(/^--/, '') : t.text.replace(/^\/\*|\*\/$/g, '');
      byLine.set(line, `${byLine.get(line) ?? ''} ${body}`);
    }
    for (const site of await columnSites(f)) {
      const text = byLine.get(site.line);
      if (text === undefined) continue;
      const hint: UsingHint = { schema: site.schema, table: site.table, column: site.column, location: { file: f.path, line: site.line, column: site.col } };
      const up = clause(text, '@using');
      const down = clause(text, '@using-down');
      if (up) hint.up = up;
      if (down) hint.down = down;
      if (up || down) out.push(hint);
    }
  }
  return out;
}

/** The expression after `key` (up to the other key or the end of the comment). */
function clause(text: string, key: '@using' | '@using-down'): string | undefined {
  const re = key === '@using' ? /@using(?!-down)\s+/ : /@using-down\s+/;
  const m = re.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m.index + m[0].length);
  const end = rest.search(/@using(-down)?\s/);
  const expr = (end < 0 ? rest : rest.slice(0, end)).trim();
  return expr || undefined;
}

/** Where `schema.table.column` is defined in `files`, for pointing an error at it. */
export async function locateColumn(files: readonly SourceFile[], schema: string, table: string, column: string): Promise<{ file: string; line: number; column: number } | undefined> {
  for (const f of files) {
    if (!f.text.includes(table)) continue;
    const site = (await columnSites(f)).find((s) => s.schema === schema && s.table === table && s.column === column);
    if (site) return { file: f.path, line: site.line, column: site.col };
  }
  return undefined;
}
