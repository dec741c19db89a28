/**
 * A valid row for every table the seed leaves empty, so the constraints suite tests a project
 * that has no seed at all. Parents come before children: a foreign key takes its values from a
 * row of the referenced table (seeded or synthesised). A column with a default gets the default's
 * value, every other column a plain value of its type; CHECK constraints are then satisfied by
 * trying the literals the expression names and the suite's candidate values, one failing check at
 * a time, judged by evaluating the checks on the row. The row must then insert with triggers firing (in a
 * rolled-back transaction); it is kept with session_replication_role = replica, so no trigger
 * writes elsewhere, and removed again by `drop()`.
 */
import type pg from 'pg';
import type { ColumnObject } from '../../core/model/index.js';
import type { ConstraintFacts } from '../catalog.js';
import type { TableInfo } from '../tables.js';
import { baseType, candidates, errText, evaluateChecks, partitioning, type Row } from './rows.js';

export interface Synthesised {
  /** Why a table still has no row to start from (tables the seed filled are absent). */
  reasons: Map<string, string>;
  /** Remove the synthesised rows, children first. */
  drop(): Promise<void>;
}

/**
 * `copies` rows per empty table: the row-level security matrix needs a second tenant, so its second
 * rows reference the second row of each parent where there is one. Only the first row's failure is a
 * reason; a second that does not fit (a unique enum column) is left out.
 */
export async function synthesiseRows(c: pg.Client, tables: TableInfo[], enums: Map<string, string[]>, copies = 1): Promise<Synthesised> {
  const reasons = new Map<string, string>();
  const kept: { qname: string; tableoid: string; ctid: string }[] = [];
  let serial = 0;
  for (const t of parentsFirst(tables)) {
    if (await hasRow(c, t)) continue;
    for (let copy = 0; copy < copies; copy++) {
      const row = await synthesise(c, t, enums, () => ++serial, copy);
      const inserted = typeof row === 'string' ? row : await insertKept(c, t, row);
      if (typeof inserted !== 'string') kept.push({ qname: t.qname, ...inserted });
      else if (copy === 0) {
        reasons.set(t.qname, inserted);
        break;
      }
    }
  }
  return {
    reasons,
    async drop() {
      await c.query('BEGIN');
      try {
        await c.query('SET LOCAL session_replication_role = replica');
        for (const k of kept.reverse()) await c.query(`DELETE FROM ${k.qname} WHERE tableoid = $1::oid AND ctid = $2::tid`, [k.tableoid, k.ctid]);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK');
        throw e;
      }
    },
  };
}

/** Referenced tables before the tables that reference them; a cycle keeps the given order. */
function parentsFirst(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.qname, t]));
  const out: TableInfo[] = [];
  // Marked on entry, so a cycle of foreign keys ends the walk instead of recursing.
  const seen = new Set<string>();
  const visit = (t: TableInfo) => {
    if (seen.has(t.qname)) return;
    seen.add(t.qname);
    for (const k of t.constraints) {
      const parent = k.contype === 'f' && k.refTable ? byName.get(k.refTable) : undefined;
      if (parent && parent !== t) visit(parent);
    }
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}

async function hasRow(c: pg.Client, t: TableInfo): Promise<boolean> {
  return (await c.query(`SELECT 1 FROM ${t.qname} LIMIT 1`)).rows.length > 0;
}

async function synthesise(c: pg.Client, t: TableInfo, enums: Map<string, string[]>, next: () => number, copy: number): Promise<Row | string> {
  const row: Row = {};
  const fkColumns = new Set<string>();
  for (const k of t.constraints.filter((x) => x.contype === 'f' && x.refTable)) {
    const columns = k.columns.map((n) => t.columns.find((x) => x.name === n));
    if (k.refTable === t.qname) {
      // A row cannot reference itself before it exists: a nullable self-reference stays NULL.
      if (columns.some((col) => col?.notNull)) return `${k.name} references ${t.qname} itself through a NOT NULL column`;
      for (const n of k.columns) fkColumns.add(n);
      continue;
    }
    const parent = (copy > 0 ? await parentValues(c, k, row, copy) : undefined) ?? (await parentValues(c, k, row, 0));
    if (!parent) {
      if (columns.every((col) => col && !col.notNull)) {
        for (const n of k.columns) fkColumns.add(n);
        continue;
      }
      return `no row of ${k.refTable} for ${k.name} to reference${k.columns.some((n) => n in row) ? ` with ${k.columns.filter((n) => n in row).join(', ')} as already chosen` : ''}`;
    }
    Object.assign(row, parent);
    for (const n of k.columns) fkColumns.add(n);
  }
  for (const col of t.columns) {
    if (col.generated || col.identity || fkColumns.has(col.name)) continue;
    // A default's value is what the INSERT would store, so the CHECKs are judged on it (expires_at > created_at).
    const v = col.default !== null ? await defaultValue(c, col) : plainValue(col, enums, next);
    if (v !== undefined) row[col.name] = v;
  }
  const routed = await partitionValue(c, t);
  if (typeof routed === 'string') return routed;
  Object.assign(row, routed);
  return satisfyChecks(c, t, row, new Set([...fkColumns, ...Object.keys(routed)]), enums);
}

/**
 * For a partitioned table keyed on one column, a key value some partition takes: the first literal of
 * a partition's bound (`FROM ('2005-02-01')`, `IN (3, 4)`); any value when a default or hash partition
 * takes every row. A table with no partition at all cannot hold a row.
 */
async function partitionValue(c: pg.Client, t: TableInfo): Promise<Row | string> {
  const parts = await partitioning(c, t);
  if (!parts) return {};
  const { key, columns, bounds } = parts;
  if (!bounds.length) return `${t.qname} is partitioned (${key}) and has no partition to hold a row`;
  if (bounds.some((b) => b === 'DEFAULT' || b.startsWith('FOR VALUES WITH')) || columns.length !== 1) return {};
  const literal = /'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)/.exec(bounds.find((b) => !/MINVALUE/.test(b)) ?? bounds[0]!);
  if (!literal) return {};
  return { [columns[0]!]: literal[1] !== undefined ? literal[1].replace(/''/g, "'") : Number(literal[2]) };
}

/** A referenced row's key as the referencing columns, agreeing with the columns already chosen (a shared tenant key). */
async function parentValues(c: pg.Client, k: ConstraintFacts, row: Row, offset: number): Promise<Row | undefined> {
  const quote = (n: string) => c.escapeIdentifier(n);
  const params: unknown[] = [];
  const where = k.refColumns.map((r) => `p.${quote(r)} IS NOT NULL`);
  k.columns.forEach((n, i) => {
    if (!(n in row)) return;
    params.push(String(row[n]));
    where.push(`p.${quote(k.refColumns[i]!)}::text = $${params.length}`);
  });
  const select = k.refColumns.map((r) => `to_jsonb(p.${quote(r)}) AS ${quote(r)}`).join(', ');
  const sql = `SELECT ${select} FROM ${k.refTable} AS p WHERE ${where.join(' AND ')} ORDER BY p.ctid LIMIT 1 OFFSET ${offset}`;
  const r = await c.query<Row>(sql, params);
  const found = r.rows[0];
  if (!found) return undefined;
  return Object.fromEntries(k.columns.map((n, i) => [n, found[k.refColumns[i]!]]));
}

/** The column default evaluated now, or undefined when it cannot be evaluated on its own (then the INSERT leaves it to the server). */
async function defaultValue(c: pg.Client, col: ColumnObject): Promise<unknown> {
  try {
    return (await c.query<{ v: unknown }>(`SELECT to_jsonb((${col.default})::${col.type}) AS v`)).rows[0]?.v ?? undefined;
  } catch {
    return undefined;
  }
}

/** A plain value of the column's type, or undefined when the type is not one strata knows how to fill. */
function plainValue(col: ColumnObject, enums: Map<string, string[]>, next: () => number): unknown {
  const values = enums.get(col.type) ?? enums.get(baseType(col.type));
  if (values?.length) return values[0];
  const type = baseType(col.type);
  const n = next();
  if (type.endsWith('[]')) return [];
  if (/^(smallint|integer|bigint|numeric|real|double precision)/.test(type)) return n;
  if (/^(text|character varying|varchar|citext|name)/.test(type)) return `synthetic ${n}`;
  if (/^(character|bpchar)/.test(type)) return 'a';
  if (type === 'boolean') return false;
  if (type === 'date') return '2000-01-01';
  if (/^timestamp/.test(type)) return '2000-01-01T00:00:00Z';
  if (/^time/.test(type)) return '12:00:00';
  if (type === 'uuid') return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  if (type === 'jsonb' || type === 'json') return {};
  if (type === 'bytea') return '\\x00';
  if (type === 'interval') return '1 day';
  if (type === 'inet' || type === 'cidr') return '127.0.0.1';
  if (type === 'tsvector') return '';
  if (type === 'int4range' || type === 'int8range' || type === 'numrange') return '[1,2)';
  if (type === 'daterange') return '[2000-01-01,2000-01-02)';
  if (type === 'tsrange' || type === 'tstzrange') return '[2000-01-01 00:00,2000-01-01 01:00)';
  return undefined;
}

/**
 * Candidate values from the literals a CHECK expression names: `'M'::bpchar` gives M; 18 gives 18, 17
 * and 19, and for a text or bytea column also a value of that length (`octet_length(token) = 32`).
 */
function literals(expression: string, col: ColumnObject): unknown[] {
  const out: unknown[] = [];
  const type = baseType(col.type);
  for (const m of expression.matchAll(/'((?:[^']|'')*)'/g)) out.push(m[1]!.replace(/''/g, "'"));
  for (const m of expression.replace(/'(?:[^']|'')*'/g, '').matchAll(/(?<![\w.])(-?\d+(?:\.\d+)?)(?![\w.])/g)) {
    const v = Number(m[1]);
    out.push(v, v + 1, v - 1);
    if (!Number.isInteger(v) || v <= 0 || v > 10_000) continue;
    if (type === 'bytea') out.push('\\x' + '61'.repeat(v), '\\x' + '61'.repeat(v + 1));
    else if (/^(text|character varying|varchar|citext)/.test(type)) out.push('a'.repeat(v), 'a'.repeat(v + 1));
  }
  // Shapes text CHECKs commonly ask for (a pattern rarely names a value that matches it).
  if (/^(text|character varying|varchar|citext)/.test(type)) out.push('user1@example.test', 'https://example.test/a', 'a1', 'en', 'EUR');
  return out;
}

async function satisfyChecks(c: pg.Client, t: TableInfo, start: Row, fixed: Set<string>, enums: Map<string, string[]>): Promise<Row | string> {
  const checks = t.constraints.filter((k) => k.contype === 'c');
  let row = start;
  const failing = (m: Map<string, boolean | null>) => checks.filter((k) => m.get(k.name) === false);
  for (let round = 0; round < checks.length + 1; round++) {
    const m = await evaluateChecks(c, t, checks, row);
    if (!m) return `a synthesised row does not fit the columns' types of ${t.qname}`;
    const bad = failing(m);
    if (!bad.length) return row;
    const k = bad[0]!;
    const fixedBefore = bad.length;
    let repaired: Row | undefined;
    for (const name of k.columns.filter((n) => !fixed.has(n))) {
      const col = t.columns.find((x) => x.name === name);
      if (!col || col.generated) continue;
      for (const v of [...literals(k.expression ?? '', col), ...candidates(col, row, t, enums)]) {
        const r = { ...row, [name]: v };
        const after = await evaluateChecks(c, t, checks, r);
        if (after && after.get(k.name) !== false && failing(after).length < fixedBefore) {
          repaired = r;
          break;
        }
      }
      if (repaired) break;
    }
    if (!repaired) return `no synthesised row satisfies ${k.name} (${k.expression})`;
    row = repaired;
  }
  return `no synthesised row satisfies every CHECK of ${t.qname}`;
}

/** Insert with triggers firing, rolled back (the row must be one the schema accepts); then keep it without them. */
async function insertKept(c: pg.Client, t: TableInfo, row: Row): Promise<{ tableoid: string; ctid: string } | string> {
  const cols = Object.keys(row).map((n) => t.columns.find((x) => x.name === n)!.qname);
  const returning = 'RETURNING tableoid::oid::text AS tableoid, ctid::text AS ctid';
  // Every column has a default (or the table has none): nothing to name.
  const sql = cols.length
    ? `INSERT INTO ${t.qname} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM jsonb_populate_record(NULL::${t.qname}, $1) ${returning}`
    : `INSERT INTO ${t.qname} DEFAULT VALUES ${returning}`;
  const params = cols.length ? [JSON.stringify(row)] : [];
  await c.query('BEGIN');
  try {
    await c.query(sql, params);
  } catch (e) {
    await c.query('ROLLBACK');
    return `a synthesised row was rejected: ${errText(e)}`;
  }
  await c.query('ROLLBACK');
  await c.query('BEGIN');
  try {
    await c.query('SET LOCAL session_replication_role = replica');
    const r = await c.query<{ tableoid: string; ctid: string }>(sql, params);
    await c.query('COMMIT');
    return r.rows[0]!;
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  }
}
