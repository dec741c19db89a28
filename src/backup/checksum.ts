/**
 * Per-table row counts and checksums, computed by the server in one streaming
 * pass per table: each row's text is hashed (md5) and the hashes are summed as
 * two 64-bit halves. The sum does not depend on row order (no sort, no primary
 * key needed) and holds constant memory, so a table of any size is checked
 * without building a string or moving rows to node. Any changed, missing or
 * extra row changes the sum (up to md5 collisions); duplicates count.
 *
 * Row text depends on output settings (time zone, date style, float digits):
 * they are fixed for the transaction so two servers agree.
 */
import type { Queryable } from '../core/queryable.js';
import type { Snapshot } from '../core/model/index.js';
import { BOOKKEEPING_SCHEMAS } from '../state/index.js';

export interface TableChecksum {
  /** Quoted qualified name, e.g. `public.task` or `"My"."t"`. */
  table: string;
  rows: number;
  checksum: string;
}

/** Session settings that make `row::text` the same on every server. */
export const STABLE_OUTPUT = [
  `SET LOCAL TimeZone = 'UTC'`,
  `SET LOCAL DateStyle = 'ISO, YMD'`,
  `SET LOCAL IntervalStyle = 'postgres'`,
  `SET LOCAL extra_float_digits = 1`,
  `SET LOCAL bytea_output = 'hex'`,
  // Fail rather than silently skip rows a policy hides from the backup role.
  `SET LOCAL row_security = off`,
];

/**
 * The relations whose rows a dump holds: tables (leaf partitions, not partitioned
 * parents, whose rows live in the partitions), populated materialized views, and
 * the migration bookkeeping tables a snapshot leaves out.
 */
export async function dataRelations(db: Queryable, snapshot: Snapshot): Promise<string[]> {
  const names = new Set<string>();
  for (const o of snapshot.objects) {
    if (o.kind === 'table' && o.partitionKey === null) names.add(o.qname);
    else if (o.kind === 'materialized_view' && o.populated) names.add(o.qname);
  }
  const bookkeeping = await db.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1::text[]) AND c.relkind = 'r'`,
    [BOOKKEEPING_SCHEMAS],
  );
  for (const r of bookkeeping) names.add(r.name);
  return [...names].sort();
}

/** Row count and checksum of one relation (its own rows only: `ONLY`, so inheritance parents do not count children). */
export async function tableChecksum(db: Queryable, table: string): Promise<TableChecksum> {
  const [r] = await db.query<{ rows: string; checksum: string }>(
    `SELECT count(*)::text AS rows,
            pg_catalog.md5(count(*)::text || ':' || coalesce(sum(a), 0)::text || ':' || coalesce(sum(b), 0)::text) AS checksum
       FROM (SELECT ('x' || substr(h, 1, 16))::bit(64)::bigint::numeric AS a,
                    ('x' || substr(h, 17, 16))::bit(64)::bigint::numeric AS b
               FROM (SELECT pg_catalog.md5(t::text) AS h FROM ONLY ${table} t) hashed) halves`,
  );
  return { table, rows: Number(r!.rows), checksum: r!.checksum };
}

/** Checksums of `tables` in order; `db` should be a repeatable-read transaction with STABLE_OUTPUT applied. */
export async function tableChecksums(
  db: Queryable,
  tables: readonly string[],
  onTable?: (t: TableChecksum, index: number, total: number) => void,
): Promise<TableChecksum[]> {
  const out: TableChecksum[] = [];
  for (const t of tables) {
    const c = await tableChecksum(db, t);
    out.push(c);
    onTable?.(c, out.length, tables.length);
  }
  return out;
}
