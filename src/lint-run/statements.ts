/**
 * A SQL file → located statements with what their parse trees name (relations,
 * indexes, columns, constraints, functions, settings) and the `-- strata:ignore`
 * comments that belong to them. Statements come from the migrations splitter
 * (libpg-query), names from the parse tree, comments from libpg-query's scanner:
 * no SQL text is matched by hand.
 */
import * as pgQuery from 'libpg-query';
import { idPart, makeId } from '../core/ids.js';
import { splitStatements } from '../migrations/index.js';
import { grantKey, relationKey } from '../lint/locate.js';
import type { StatementInfo, Suppression } from '../lint/types.js';

export const IGNORE_DIRECTIVE = 'strata:ignore';

let loaded: Promise<void> | undefined;
const ready = () => (loaded ??= pgQuery.loadModule());

type Node = Record<string, unknown>;
interface RangeVar {
  schemaname?: string;
  relname: string;
}

export async function statementInfos(text: string, file: string): Promise<StatementInfo[]> {
  await ready();
  const split = await splitStatements(text, file);
  const infos: (StatementInfo & { endLine: number })[] = split.map((s) => {
    const tree = pgQuery.parseSync(s.sql).stmts?.[0]?.stmt as Node | undefined;
    const names = tree ? namesOf(s.kind, tree[s.kind] as Node) : { relations: [], objects: [], concurrent: false, sets: [], renames: [], typeChanges: [] };
    return { file, line: s.line, kind: s.kind, ...names, suppressions: [], endLine: s.line + s.sql.split('\n').length - 1 };
  });
  for (const c of comments(text)) {
    const directive = parseDirective(c.text, file, c.line);
    if (!directive) continue;
    // The statement the comment sits in (a trailing comment), else the next one.
    const owner = infos.find((s) => s.line <= c.line && c.line <= s.endLine) ?? infos.find((s) => s.line > c.line);
    owner?.suppressions.push(directive);
  }
  return infos.map(({ endLine: _, ...s }) => s);
}

/** `-- strata:ignore RULE reason words` → a suppression; null for any other comment. */
export function parseDirective(comment: string, file: string, line: number): Suppression | null {
  const body = comment.startsWith('--') ? comment.slice(2) : comment.startsWith('/*') ? comment.slice(2, -2) : comment;
  const words = body.trim().split(/\s+/);
  if (words[0] !== IGNORE_DIRECTIVE) return null;
  return { rule: words[1] ?? '', reason: words.slice(2).join(' '), file, line };
}

function comments(text: string): { text: string; line: number }[] {
  let tokens: { start: number; text: string; tokenName: string }[];
  try {
    tokens = pgQuery.scanSync(text).tokens;
  } catch {
    return [];
  }
  const bytes = Buffer.from(text, 'utf8');
  const out: { text: string; line: number }[] = [];
  let line = 1;
  let pos = 0;
  for (const t of tokens) {
    if (t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT') continue;
    for (; pos < t.start; pos++) if (bytes[pos] === 10) line++;
    out.push({ text: t.text, line });
  }
  return out;
}

function rel(r: RangeVar | undefined): string[] {
  return r?.relname ? [relationKey(r.schemaname ?? 'public', r.relname)] : [];
}

/** A qualified name list (`[String{sval}]`) → [schema, name] (public when unqualified). */
function qualified(items: unknown): [string, string] | undefined {
  const parts = ((items as { String?: { sval: string } }[]) ?? []).map((i) => i.String?.sval).filter((x): x is string => x !== undefined);
  if (!parts.length) return undefined;
  return parts.length === 1 ? ['public', parts[0]!] : [parts[parts.length - 2]!, parts[parts.length - 1]!];
}

const RELATION_OBJECTS = new Set(['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_FOREIGN_TABLE']);

function namesOf(kind: string, n: Node): Pick<StatementInfo, 'relations' | 'objects' | 'concurrent' | 'sets' | 'renames' | 'typeChanges'> {
  const renames: [string, string][] = [];
  const typeChanges: StatementInfo['typeChanges'] = [];
  const relations: string[] = [];
  const objects: string[] = [];
  let concurrent = false;
  const sets: string[] = [];
  const r = n as Record<string, unknown>;
  switch (kind) {
    case 'CreateStmt':
    case 'CreateTrigStmt':
      relations.push(...rel(r.relation as RangeVar));
      break;
    case 'RenameStmt': {
      const table = r.relation as RangeVar | undefined;
      relations.push(...rel(table));
      if (!table?.relname || !r.newname) break;
      const schema = table.schemaname ?? 'public';
      if (r.renameType === 'OBJECT_COLUMN' && r.subname) {
        const from = makeId('column', schema, table.relname, String(r.subname));
        const to = makeId('column', schema, table.relname, String(r.newname));
        objects.push(from, to);
        renames.push([from, to]);
      } else if (r.renameType === 'OBJECT_TABLE') {
        renames.push([makeId('table', schema, table.relname), makeId('table', schema, String(r.newname))]);
      }
      break;
    }
    case 'AlterTableStmt': {
      const table = r.relation as RangeVar;
      relations.push(...rel(table));
      const schema = table.schemaname ?? 'public';
      for (const c of (r.cmds as { AlterTableCmd: Node }[]) ?? []) {
        const cmd = c.AlterTableCmd as { subtype?: string; name?: string; def?: Node };
        const col = cmd.name ?? (cmd.def?.ColumnDef as { colname?: string } | undefined)?.colname;
        if (col) objects.push(makeId('column', schema, table.relname, col));
        if (cmd.subtype === 'AT_AlterColumnType' && cmd.name) {
          // ALTER COLUMN … TYPE … USING <expr>: the parser keeps the expression as the ColumnDef's raw_default.
          const using = (cmd.def?.ColumnDef as { raw_default?: Node } | undefined)?.raw_default;
          typeChanges.push({ column: makeId('column', schema, table.relname, cmd.name), conversion: using ? (castOf(using, cmd.name) ? 'cast' : 'expression') : 'none' });
        }
        const con = (cmd.def?.Constraint as { conname?: string } | undefined)?.conname;
        if (con) objects.push(makeId('constraint', schema, table.relname, con));
      }
      break;
    }
    case 'IndexStmt': {
      const table = r.relation as RangeVar;
      relations.push(...rel(table));
      if (r.idxname) objects.push(makeId('index', table.schemaname ?? 'public', String(r.idxname)));
      concurrent = r.concurrent === true;
      break;
    }
    case 'DropStmt': {
      concurrent = r.concurrent === true;
      for (const o of (r.objects as Node[]) ?? []) {
        const q = o.List ? qualified((o.List as { items: unknown }).items) : undefined;
        if (r.removeType === 'OBJECT_SCHEMA') {
          const s = (o.String as { sval?: string } | undefined)?.sval;
          if (s) objects.push(makeId('schema', s));
        } else if (q && RELATION_OBJECTS.has(String(r.removeType))) relations.push(relationKey(...q));
        else if (q && r.removeType === 'OBJECT_INDEX') objects.push(makeId('index', ...q));
      }
      break;
    }
    case 'GrantStmt': {
      const privs = ((r.privileges as { AccessPriv?: { priv_name?: string } }[] | undefined) ?? []).map((p) => (p.AccessPriv?.priv_name ?? '').toUpperCase());
      const grantees = ((r.grantees as { RoleSpec?: { roletype?: string; rolename?: string } }[]) ?? []).map((g) =>
        // Quoted as the snapshot quotes grantees, so the keys compare.
        g.RoleSpec?.roletype === 'ROLESPEC_PUBLIC' ? 'PUBLIC' : idPart(g.RoleSpec?.rolename ?? ''),
      );
      for (const o of (r.objects as Node[]) ?? []) {
        const t = o.RangeVar as RangeVar | undefined;
        relations.push(...rel(t));
        if (!t?.relname) continue;
        for (const g of grantees) for (const p of privs.length ? privs : ['ALL']) objects.push(grantKey(t.schemaname ?? 'public', t.relname, g, p));
      }
      break;
    }
    case 'CreatePolicyStmt':
    case 'AlterPolicyStmt':
      relations.push(...rel(r.table as RangeVar));
      break;
    case 'ViewStmt':
      relations.push(...rel(r.view as RangeVar));
      break;
    case 'CreateTableAsStmt':
      relations.push(...rel((r.into as { rel?: RangeVar } | undefined)?.rel));
      break;
    case 'CommentStmt': {
      const obj = r.object as Node | undefined;
      const items = (obj?.List as { items?: unknown } | undefined)?.items;
      const parts = ((items as { String?: { sval: string } }[]) ?? []).map((i) => i.String?.sval ?? '');
      if (RELATION_OBJECTS.has(String(r.objtype))) {
        const q = qualified(items);
        if (q) relations.push(relationKey(...q));
      } else if (r.objtype === 'OBJECT_COLUMN' && parts.length >= 2) {
        const [schema, table] = parts.length === 2 ? ['public', parts[0]!] : [parts[parts.length - 3]!, parts[parts.length - 2]!];
        relations.push(relationKey(schema, table));
        objects.push(makeId('column', schema, table, parts[parts.length - 1]!));
      }
      break;
    }
    case 'CreateFunctionStmt': {
      const q = qualified(r.funcname);
      if (q) objects.push(makeId('function', ...q));
      break;
    }
    case 'CreateSchemaStmt':
      if (r.schemaname) objects.push(makeId('schema', String(r.schemaname)));
      break;
    case 'VariableSetStmt':
      if (r.name) sets.push(String(r.name));
      break;
    case 'TruncateStmt':
      for (const o of (r.relations as Node[]) ?? []) relations.push(...rel(o.RangeVar as RangeVar));
      break;
  }
  return { relations, objects, concurrent, sets, renames, typeChanges };
}

/** True when `e` is the column itself under one or more casts (`c::text::t`): a cast, not a conversion. */
function castOf(e: Node, column: string): boolean {
  let n = e;
  while (n.TypeCast) n = (n.TypeCast as { arg: Node }).arg;
  const fields = (n.ColumnRef as { fields?: { String?: { sval: string } }[] } | undefined)?.fields;
  return fields?.length === 1 && fields[0]!.String?.sval === column;
}
