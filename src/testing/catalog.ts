/**
 * Catalog facts the generated suites need and the Snapshot does not carry: the
 * column lists of constraints and index keys, a CHECK's bare expression, and
 * whether a foreign key is deferrable. The Snapshot keeps constraints and
 * indexes as deparsed definitions (what the differ compares); taking column
 * lists out of that text would mean parsing SQL, so the numbers come from
 * pg_constraint / pg_index directly, keyed by the Snapshot's own names.
 */
import type pg from 'pg';

export interface ConstraintFacts {
  /** Quoted qualified table, as the Snapshot's `table` field. */
  table: string;
  name: string;
  /** p u f c x n */
  contype: string;
  columns: string[];
  /** Foreign key: referenced table (quoted qualified) and its columns. */
  refTable: string | null;
  refColumns: string[];
  /** CHECK: pg_get_expr of the expression, columns unqualified. */
  expression: string | null;
  deferrable: boolean;
  /** The same constraint on partitions (an error on a partitioned table names the partition's). */
  children: string[];
  /** Enforced through exclusion operators: EXCLUDE, and a PRIMARY KEY/UNIQUE with WITHOUT OVERLAPS (23P01, not 23505). */
  exclusion: boolean;
}

export interface IndexFacts {
  table: string;
  name: string;
  /** Key columns in order; null for an expression key. */
  keys: (string | null)[];
  partial: boolean;
  /** pg_get_expr of a partial index's predicate. */
  predicate: string | null;
}

export interface CatalogFacts {
  constraints: ConstraintFacts[];
  indexes: IndexFacts[];
}

const CONSTRAINTS = `
SELECT quote_ident(n.nspname) || '.' || quote_ident(cl.relname) AS table_q, c.conname AS name, c.contype::text AS contype,
       coalesce((SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n), '{}') AS columns,
       (SELECT quote_ident(rn.nspname) || '.' || quote_ident(r.relname) FROM pg_class r JOIN pg_namespace rn ON rn.oid = r.relnamespace WHERE r.oid = c.confrelid) AS ref_table,
       coalesce((SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(n, ord)
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n), '{}') AS ref_columns,
       CASE WHEN c.contype = 'c' THEN pg_get_expr(c.conbin, c.conrelid) END AS expression,
       c.condeferrable AS deferrable, c.conexclop IS NOT NULL AS exclusion,
       coalesce((WITH RECURSIVE k(oid, name) AS (SELECT x.oid, x.conname FROM pg_constraint x WHERE x.conparentid = c.oid
                  UNION ALL SELECT x.oid, x.conname FROM pg_constraint x JOIN k ON x.conparentid = k.oid)
                 SELECT array_agg(name::text ORDER BY name) FROM k), '{}') AS children
  FROM pg_constraint c
  JOIN pg_class cl ON cl.oid = c.conrelid
  JOIN pg_namespace n ON n.oid = cl.relnamespace
 WHERE c.conrelid <> 0 AND n.nspname = ANY($1)
 ORDER BY 1, 2`;

const INDEXES = `
SELECT quote_ident(n.nspname) || '.' || quote_ident(t.relname) AS table_q, ic.relname AS name, i.indpred IS NOT NULL AS partial, pg_get_expr(i.indpred, i.indrelid) AS predicate,
       (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(i.indkey[0:i.indnkeyatts - 1]) WITH ORDINALITY k(n, ord)
          LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n) AS keys
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_class t ON t.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE n.nspname = ANY($1)
 ORDER BY 1, 2, 3`;

/** Read the facts for the tables of `schemas` (unquoted schema names). */
export async function readCatalogFacts(c: pg.Client, schemas: string[]): Promise<CatalogFacts> {
  const cons = await c.query<{ table_q: string; name: string; contype: string; columns: string[]; ref_table: string | null; ref_columns: string[]; expression: string | null; deferrable: boolean; children: string[]; exclusion: boolean }>(CONSTRAINTS, [schemas]);
  const idx = await c.query<{ table_q: string; name: string; partial: boolean; predicate: string | null; keys: (string | null)[] }>(INDEXES, [schemas]);
  return {
    constraints: cons.rows.map((r) => ({
      table: r.table_q,
      name: r.name,
      contype: r.contype,
      columns: r.columns,
      refTable: r.ref_table,
      refColumns: r.ref_columns,
      expression: r.expression,
      deferrable: r.deferrable,
      children: r.children,
      exclusion: r.exclusion,
    })),
    indexes: idx.rows.map((r) => ({ table: r.table_q, name: r.name, partial: r.partial, predicate: r.predicate, keys: r.keys ?? [] })),
  };
}
