/**
 * Domains: which desired-state file (`schema/<file>.sql`) creates each table, view, type and
 * function. The catalog knows nothing of files, so this is the one thing the docs take from
 * the source folder, and only provenance: every fact shown is read from the catalog. Names
 * come from PostgreSQL's own parse tree of each CREATE statement (src/source splits and
 * classifies the statements; libpg-query gives the created object's name), never from text matching.
 */
import path from 'node:path';
import * as pgQuery from 'libpg-query';
import { listSqlFiles, loadStatements, readSources } from '../source/index.js';
import type { DomainMap } from './model.js';

type Names = { schema?: string; name: string };
type RangeVar = { schemaname?: string; relname: string };
type StringList = Array<{ String?: { sval?: string } }>;

/** Kind in the map's key space and the qualified name of what a CREATE statement creates; undefined for other statements. */
function created(node: Record<string, unknown>): { kind: string; names: Names } | undefined {
  const [type, body] = Object.entries(node)[0] ?? [];
  const b = body as Record<string, unknown> | undefined;
  if (!b) return undefined;
  const fromRange = (r: unknown): Names | undefined => {
    const v = r as RangeVar | undefined;
    return v?.relname ? { schema: v.schemaname, name: v.relname } : undefined;
  };
  const fromList = (l: unknown): Names | undefined => {
    const parts = ((l as StringList | undefined) ?? []).map((p) => p.String?.sval).filter((s): s is string => !!s);
    if (!parts.length) return undefined;
    return parts.length > 1 ? { schema: parts[parts.length - 2], name: parts[parts.length - 1]! } : { name: parts[0]! };
  };
  let kind: string | undefined;
  let names: Names | undefined;
  switch (type) {
    case 'CreateStmt':
      [kind, names] = ['table', fromRange(b.relation)];
      break;
    case 'ViewStmt':
      [kind, names] = ['view', fromRange(b.view)];
      break;
    case 'CreateTableAsStmt':
      [kind, names] = ['view', fromRange((b.into as { rel?: unknown } | undefined)?.rel)];
      break;
    case 'CreateEnumStmt':
      [kind, names] = ['type', fromList(b.typeName)];
      break;
    case 'CreateDomainStmt':
      [kind, names] = ['type', fromList(b.domainname)];
      break;
    case 'CompositeTypeStmt':
      [kind, names] = ['type', fromRange(b.typevar)];
      break;
    case 'CreateRangeStmt':
      [kind, names] = ['type', fromList(b.typeName)];
      break;
    case 'CreateFunctionStmt':
      [kind, names] = ['function', fromList(b.funcname)];
      break;
  }
  return kind && names ? { kind, names } : undefined;
}

/**
 * For every object a `schema/` file creates: `kind:schema.name` (kind table | view | type |
 * function; unqualified names are recorded under the schema `defaultSchema`) → the file,
 * relative to `root`. The first file that creates a name wins.
 */
export async function readDomains(schemaDir: string, root: string, defaultSchema = 'public'): Promise<DomainMap> {
  const files = await readSources(await listSqlFiles(schemaDir), root);
  const statements = await loadStatements(files);
  await pgQuery.loadModule();
  const map: DomainMap = {};
  for (const s of statements) {
    if (!['CreateStmt', 'ViewStmt', 'CreateTableAsStmt', 'CreateEnumStmt', 'CreateDomainStmt', 'CompositeTypeStmt', 'CreateRangeStmt', 'CreateFunctionStmt'].includes(s.nodeType)) continue;
    const tree = pgQuery.parseSync(s.sql).stmts?.[0]?.stmt as Record<string, unknown> | undefined;
    const c = tree && created(tree);
    if (!c) continue;
    const key = `${c.kind}:${c.names.schema ?? defaultSchema}.${c.names.name}`;
    map[key] ??= s.file.split(path.sep).join('/');
  }
  return map;
}
