/** What the constraints suite and the row synthesis share: rows as JSON, checks evaluated on them, candidate values, errors, partition routing. */
import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { ColumnObject } from '../../core/model/index.js';
import { isPgError } from '../../db/errors.js';
import type { ConstraintFacts } from '../catalog.js';
import type { TableInfo } from '../tables.js';

/** A table row by column name, as to_jsonb gives it and jsonb_populate_record takes it. */
export type Row = Record<string, unknown>;

/** Each CHECK's value on `row` (true, false or null); undefined when the row does not even cast to the table's type. */
export async function evaluateChecks(c: pg.Client, t: TableInfo, checks: ConstraintFacts[], row: Row): Promise<Map<string, boolean | null> | undefined> {
  if (!checks.length) {
    try {
      await c.query(`SELECT 1 FROM jsonb_populate_record(NULL::${t.qname}, $1)`, [JSON.stringify(row)]);
      return new Map();
    } catch {
      return undefined;
    }
  }
  const exprs = checks.map((k, i) => `(${k.expression}) AS c${i}`).join(', ');
  try {
    const r = await c.query<Record<string, boolean | null>>(`SELECT ${exprs} FROM jsonb_populate_record(NULL::${t.qname}, $1)`, [JSON.stringify(row)]);
    return new Map(checks.map((k, i) => [k.name, r.rows[0]![`c${i}`] ?? null]));
  } catch {
    return undefined;
  }
}

/** Candidate values for a column when looking for a CHECK violation. */
export function candidates(col: ColumnObject, row: Row, t: TableInfo, enums: Map<string, string[]>): unknown[] {
  const type = baseType(col.type);
  const out: unknown[] = [];
  const same = t.columns.filter((x) => x.name !== col.name && x.type === type).map((x) => row[x.name]).filter((v) => v !== null && v !== undefined);
  if (!col.notNull) out.push(null);
  if (type.endsWith('[]')) out.push([], [''], Array.from({ length: 300 }, (_, i) => `x${i}`));
  else if (/^(smallint|integer|bigint|numeric|real|double precision)/.test(type)) {
    out.push(-1, 0, 1, -1000000, 1000000, 101, 11, 6, 32767);
    for (const v of same) out.push(Number(v) - 1, Number(v), Number(v) + 1);
  } else if (/^(text|character varying|character|citext|varchar)/.test(type)) {
    out.push('', ' ', 'x'.repeat(10001), 'x', 'X', 'not valid!', 'ABC', 'abc', '0', '@', 'a b');
    out.push(...same);
  } else if (type === 'boolean') out.push(true, false);
  else if (/^(timestamp|date)/.test(type)) {
    out.push('1900-01-01T00:00:00Z', '2999-01-01T00:00:00Z');
    for (const v of same) {
      const d = new Date(String(v));
      if (!Number.isNaN(d.getTime())) out.push(String(v), new Date(d.getTime() - 86_400_000).toISOString(), new Date(d.getTime() + 86_400_000).toISOString());
    }
  } else if (type === 'uuid') out.push(...same, randomUUID());
  else if (type === 'jsonb' || type === 'json') out.push([], 'x', 1, {}, { x: 1 });
  else if (type === 'bytea') out.push('\\x', '\\x00', '\\x' + '00'.repeat(20000));
  else if (type === 'interval') out.push('-1 day', '0', '100 years');
  const values = enums.get(col.type) ?? enums.get(type);
  if (values) out.push(...values);
  return out.filter((v) => JSON.stringify(v) !== JSON.stringify(row[col.name]));
}

/** The type name without its schema (`public.citext` → `citext`); enums are looked up by the full name first. */
export function baseType(type: string): string {
  const dot = type.lastIndexOf('.');
  return dot >= 0 && !type.includes('"') ? type.slice(dot + 1) : type;
}


/** A database error as the suites report it: SQLSTATE, constraint and message. */
export function errText(e: unknown): string {
  if (!isPgError(e)) return String((e as Error)?.message ?? e);
  return `SQLSTATE ${e.code}${e.constraint ? ` (${e.constraint})` : ''}: ${e.message}`;
}

export interface Partitioning {
  /** pg_get_partkeydef text (`RANGE (logdate)`). */
  key: string;
  /** The key's plain columns (an expression in the key adds none). */
  columns: string[];
  /** pg_get_expr of each partition's bound. */
  bounds: string[];
  /** A row with a NULL key has a partition to go to (a DEFAULT one, or a list naming NULL). */
  takesNull: boolean;
}

/** How a partitioned table routes rows; undefined for a table that is not partitioned. */
export async function partitioning(c: pg.Client, t: TableInfo): Promise<Partitioning | undefined> {
  const key = t.table.partitionKey;
  if (!key) return undefined;
  const bounds = (
    await c.query<{ bound: string }>(
      `SELECT pg_get_expr(p.relpartbound, p.oid) AS bound FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid WHERE i.inhparent = $1::regclass ORDER BY p.relname`,
      [t.qname],
    )
  ).rows.map((r) => r.bound);
  const inner = /^\w+ \((.*)\)$/.exec(key)?.[1] ?? '';
  const columns = inner.split(',').map((x) => /^\s*("?)([^"(),\s]+)\1\s*$/.exec(x)?.[2]).filter((x): x is string => !!x);
  const takesNull = bounds.some((b) => b === 'DEFAULT' || (b.startsWith('FOR VALUES IN') && /\bNULL\b/.test(b)));
  return { key, columns, bounds, takesNull };
}
