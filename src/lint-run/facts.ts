/**
 * Catalog facts lint needs beyond the snapshot model: key columns in order
 * (foreign keys, indexes), SECURITY DEFINER and proconfig, volatile defaults,
 * the columns a policy reads, and table sizes of a live database. Read from the
 * catalog of a database the state builder made (or the target), never from SQL text.
 */
import * as pgQuery from 'libpg-query';
import { makeId } from '../core/ids.js';
import { queryOnce } from '../db/connect.js';
import type { CatalogFacts, TableSize } from '../lint/types.js';
import { BOOKKEEPING_SCHEMAS } from '../state/index.js';

const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'
  AND n.nspname <> ALL($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_depend dx WHERE dx.objid = c.oid AND dx.deptype = 'e')`;

export async function catalogFacts(url: string): Promise<CatalogFacts> {
  const skip = [...BOOKKEEPING_SCHEMAS];
  const fks = await queryOnce<{ schema: string; table: string; name: string; columns: string[]; ref_schema: string; ref_table: string; ref_columns: string[] }>(
    url,
    `SELECT n.nspname AS schema, c.relname AS table, con.conname AS name,
            array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            rn.nspname AS ref_schema, rc.relname AS ref_table,
            array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE con.contype = 'f' AND ${USER_NS}`,
    [skip],
  );
  const keys = await queryOnce<{ schema: string; table: string; name: string; type: 'p' | 'u' | 'x'; columns: (string | null)[]; operators: string[] | null; index_schema: string | null; index: string | null }>(
    url,
    `SELECT n.nspname AS schema, c.relname AS table, con.conname AS name, con.contype AS type,
            array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                  LEFT JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            CASE WHEN con.contype = 'x' THEN array(SELECT o.oprname::text FROM unnest(con.conexclop) WITH ORDINALITY k(op, ord)
                  JOIN pg_operator o ON o.oid = k.op ORDER BY k.ord) END AS operators,
            ixn.nspname AS index_schema, ix.relname AS index
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_class ix ON ix.oid = con.conindid LEFT JOIN pg_namespace ixn ON ixn.oid = ix.relnamespace
      WHERE con.contype IN ('p', 'u', 'x') AND ${USER_NS}`,
    [skip],
  );
  const idx = await queryOnce<{ schema: string; table: string; name: string; columns: (string | null)[]; method: string; unique: boolean; partial: boolean; primary: boolean }>(
    url,
    `SELECT n.nspname AS schema, c.relname AS table, ic.relname AS name,
            array(SELECT a.attname::text FROM unnest(i.indkey[0:i.indnkeyatts - 1]) WITH ORDINALITY k(attnum, ord)
                  LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0 ORDER BY k.ord) AS columns,
            am.amname AS method, i.indisunique AS unique, i.indpred IS NOT NULL AS partial, i.indisprimary AS primary
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = ic.relam
      WHERE ${USER_NS}`,
    [skip],
  );
  const fns = await queryOnce<{ schema: string; name: string; args: string; secdef: boolean; fixed: boolean; lang: string }>(
    url,
    `SELECT n.nspname AS schema, c.proname AS name, oidvectortypes(c.proargtypes) AS args, c.prosecdef AS secdef,
            EXISTS (SELECT 1 FROM unnest(c.proconfig) cfg WHERE cfg LIKE 'search_path=%') AS fixed, l.lanname AS lang
       FROM pg_proc c JOIN pg_namespace n ON n.oid = c.pronamespace JOIN pg_language l ON l.oid = c.prolang
      WHERE ${USER_NS}`,
    [skip],
  );
  const volatileDefaults = await volatileDefaultColumns(url, skip);
  const pol = await queryOnce<{ schema: string; table: string; name: string; columns: string[] }>(
    url,
    `SELECT n.nspname AS schema, c.relname AS table, pol.polname AS name,
            array(SELECT DISTINCT a.attname::text FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                   WHERE d.classid = 'pg_policy'::regclass AND d.objid = pol.oid AND d.refobjsubid > 0 AND d.refobjid = pol.polrelid) AS columns
       FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${USER_NS}`,
    [skip],
  );
  // oidvectortypes: the argument list exactly as the snapshot's function ids carry it.
  return {
    foreignKeys: fks.map((r) => ({
      id: makeId('constraint', r.schema, r.table, r.name),
      table: makeId('table', r.schema, r.table),
      name: r.name,
      columns: r.columns,
      references: { table: makeId('table', r.ref_schema, r.ref_table), columns: r.ref_columns },
    })),
    keys: keys.map((r) => ({
      id: makeId('constraint', r.schema, r.table, r.name),
      table: makeId('table', r.schema, r.table),
      name: r.name,
      type: KEY_TYPES[r.type],
      columns: r.columns,
      operators: r.operators,
      index: r.index && r.index_schema ? makeId('index', r.index_schema, r.index) : null,
    })),
    indexes: idx.map((r) => ({ id: makeId('index', r.schema, r.name), table: makeId('table', r.schema, r.table), name: r.name, columns: r.columns, method: r.method, unique: r.unique, partial: r.partial, primary: r.primary })),
    functions: fns.map((r) => ({ id: `${makeId('function', r.schema, r.name)}(${r.args})`, name: r.name, securityDefiner: r.secdef, fixedSearchPath: r.fixed, language: r.lang })),
    volatileDefaults,
    policyColumns: Object.fromEntries(pol.map((r) => [makeId('policy', r.schema, r.table, r.name), r.columns])),
  };
}

const KEY_TYPES = { p: 'primary key', u: 'unique', x: 'exclude' } as const;

/** Rows (the planner's estimate, null before the first ANALYZE) and total bytes of the tables given by id, on a live database. */
export async function tableSizes(url: string, tables: { id: string; qname: string }[]): Promise<Record<string, TableSize>> {
  if (!tables.length) return {};
  const rows = await queryOnce<{ q: string; rows: string | null; bytes: string }>(
    url,
    `SELECT t.q, CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint::text END AS rows, pg_total_relation_size(c.oid)::text AS bytes
       FROM unnest($1::text[]) t(q) JOIN pg_class c ON c.oid = to_regclass(t.q)`,
    [tables.map((t) => t.qname)],
  );
  const byName = new Map(rows.map((r) => [r.q, r]));
  const out: Record<string, TableSize> = {};
  for (const t of tables) {
    const r = byName.get(t.qname);
    if (r) out[t.id] = { rows: r.rows === null ? null : Number(r.rows), bytes: Number(r.bytes) };
  }
  return out;
}

/** plpgsql_check over every plpgsql function, or null when the server does not have the extension. */
export async function plpgsqlCheck(url: string): Promise<{ function: string; message: string; level: string }[] | null> {
  const [avail] = await queryOnce<{ ok: boolean }>(url, `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'plpgsql_check') AS ok`);
  if (!avail?.ok) return null;
  await queryOnce(url, 'CREATE EXTENSION IF NOT EXISTS plpgsql_check');
  const rows = await queryOnce<{ schema: string; name: string; args: string; level: string; message: string }>(
    url,
    `SELECT n.nspname AS schema, p.proname AS name, oidvectortypes(p.proargtypes) AS args, r.level, r.message
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
       CROSS JOIN LATERAL plpgsql_check_function_tb(p.oid) r
      WHERE l.lanname = 'plpgsql' AND p.prorettype <> 'trigger'::regtype AND n.nspname NOT IN ('pg_catalog', 'information_schema')`,
  );
  return rows.map((r) => ({ function: `${makeId('function', r.schema, r.name)}(${r.args})`, message: r.message, level: r.level }));
}

/**
 * Columns whose default calls a volatile function. Built-in functions are pinned (no pg_depend rows), so the
 * default's text (pg_get_expr) is parsed with libpg-query and the functions it calls are looked up in pg_proc
 * by name; any volatile overload counts (when unsure, assume the rewrite).
 */
async function volatileDefaultColumns(url: string, skip: string[]): Promise<string[]> {
  const defaults = await queryOnce<{ schema: string; table: string; column: string; expr: string }>(
    url,
    `SELECT n.nspname AS schema, c.relname AS table, a.attname AS column, pg_get_expr(ad.adbin, ad.adrelid) AS expr
       FROM pg_attrdef ad JOIN pg_class c ON c.oid = ad.adrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
      WHERE a.attgenerated = '' AND ${USER_NS}`,
    [skip],
  );
  if (!defaults.length) return [];
  await pgQuery.loadModule();
  const calls = defaults.map((d) => {
    const names = new Set<string>();
    try {
      collectCalls(pgQuery.parseSync(`SELECT ${d.expr}`), names);
    } catch {
      names.add('?');
    }
    return { id: makeId('column', d.schema, d.table, d.column), names };
  });
  const all = [...new Set(calls.flatMap((c) => [...c.names]))];
  const volatile = new Set(
    (await queryOnce<{ name: string }>(url, `SELECT DISTINCT proname AS name FROM pg_proc WHERE provolatile = 'v' AND proname = ANY($1::text[])`, [all])).map((r) => r.name),
  );
  return calls.filter((c) => c.names.has('?') || [...c.names].some((n) => volatile.has(n))).map((c) => c.id);
}

/** Function names (unqualified) of every FuncCall in a parse tree. */
function collectCalls(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) collectCalls(n, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const fc = (node as { FuncCall?: { funcname?: { String?: { sval: string } }[] } }).FuncCall;
  const last = fc?.funcname?.at(-1)?.String?.sval;
  if (last) out.add(last);
  for (const v of Object.values(node)) collectCalls(v, out);
}
