/**
 * Constraints suite: for every table, a valid row is accepted, and for every CHECK,
 * FOREIGN KEY, UNIQUE/PRIMARY KEY, EXCLUDE and NOT NULL a row breaking just that
 * one is rejected with the expected SQLSTATE and constraint name.
 *
 * The valid row is a seeded row of the table, or one synthesised where the seed leaves the table
 * empty (./synthesise.ts): it is taken out (with
 * session_replication_role = replica, so no cascade or trigger fires) and
 * inserted again. Violating rows change that row's columns; a candidate is kept
 * only when evaluating every CHECK expression of the table on it shows that just
 * the constraint under test fails. Where no such row exists (none seeded or
 * synthesised, or every duplicate of a key also repeats a narrower one) the case
 * is "not generated", with the reason.
 *
 * Unique and exclusion tests keep the original row and insert a near-copy. FK
 * checks run at the end of the statement, after the unique indexes, so a copy
 * given a fresh value in another key column reports the unique violation.
 */
import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { ColumnObject } from '../../core/model/index.js';
import { isPgError } from '../../db/errors.js';
import type { ConstraintFacts } from '../catalog.js';
import type { CaseResult } from '../report.js';
import type { TableInfo } from '../tables.js';
import { baseType, candidates, errText, evaluateChecks, partitioning, type Row } from './rows.js';
import { synthesiseRows } from './synthesise.js';

interface Base {
  row: Row;
  ctid: string;
  tableoid: string;
}

const SQLSTATE: Record<string, string> = { c: '23514', f: '23503', u: '23505', p: '23505', x: '23P01', n: '23502' };
const KIND: Record<string, string> = { c: 'CHECK', f: 'FOREIGN KEY', u: 'UNIQUE', p: 'PRIMARY KEY', x: 'EXCLUDE', n: 'NOT NULL' };

export interface ConstraintsOptions {
  enums: Map<string, string[]>;
}

export async function constraintsSuite(c: pg.Client, tables: TableInfo[], opts: ConstraintsOptions): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  const synthesised = await synthesiseRows(c, tables, opts.enums);
  try {
    for (const t of tables) out.push(...(await tableCases(c, t, opts, synthesised.reasons.get(t.qname))));
  } finally {
    await synthesised.drop();
  }
  return out;
}

async function tableCases(c: pg.Client, t: TableInfo, opts: ConstraintsOptions, noRow: string | undefined): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  const cons = t.constraints.filter((k) => k.contype in KIND);
  const notNulls = t.columns.filter((col) => !col.generated && col.notNull);
  const label = (k: { name: string; contype: string }) => `${t.qname} ${KIND[k.contype]} ${k.name}`;
  const base = await baseRow(c, t, []);
  if (!base) {
    const reason = `no row of ${t.qname} in the seed to build a valid row from, and none synthesised: ${noRow ?? 'no reason recorded'}`;
    out.push({ suite: 'constraints', name: `${t.qname} accepts a valid row`, status: 'not generated', reason });
    for (const k of cons.filter((k) => k.contype !== 'n')) out.push({ suite: 'constraints', name: label(k), status: 'not generated', reason });
    for (const col of notNulls) out.push({ suite: 'constraints', name: `${t.qname} NOT NULL ${col.name}`, status: 'not generated', reason });
    return out;
  }
  const checks = cons.filter((k) => k.contype === 'c');
  const evalChecks = (row: Row) => evaluateChecks(c, t, checks, row);

  // The valid row.
  out.push(await runCase(c, t, base, base.row, undefined, `${t.qname} accepts a valid row`, true));

  for (const k of cons) {
    const name = label(k);
    if (k.contype === 'n') continue; // NOT NULL constraints are tested per column below
    if (k.contype === 'c') {
      const v = await checkViolation(c, t, base.row, k, checks, evalChecks, opts);
      if (typeof v === 'string') out.push({ suite: 'constraints', name, status: 'not generated', reason: v });
      else out.push(await runCase(c, t, base, v, k, name, true));
    } else if (k.contype === 'f') {
      const v = await fkViolation(t, base.row, k, evalChecks);
      if (typeof v === 'string') out.push({ suite: 'constraints', name, status: 'not generated', reason: v });
      else out.push(await runCase(c, t, base, v, k, name, true));
    } else {
      const keyed = await baseRow(c, t, k.columns);
      if (!keyed) {
        out.push({ suite: 'constraints', name, status: 'not generated', reason: `no seeded row of ${t.qname} has ${k.columns.join(', ')} all set` });
        continue;
      }
      const v = await duplicate(t, keyed.row, k, cons, evalChecks);
      // A key WITHOUT OVERLAPS is enforced by exclusion: its duplicate is refused with 23P01, as an EXCLUDE is.
      const expected = k.exclusion ? { ...k, contype: 'x' } : k;
      if (typeof v === 'string') out.push({ suite: 'constraints', name, status: 'not generated', reason: v });
      else out.push(await runCase(c, t, keyed, v, expected, name, false));
    }
  }
  // Through a partitioned table a row is routed before NOT NULL is checked: where no partition takes a NULL key, routing refuses it first.
  const parts = await partitioning(c, t);
  for (const col of notNulls) {
    const name = `${t.qname} NOT NULL ${col.name}`;
    if (parts && parts.columns.includes(col.name) && !parts.takesNull) {
      out.push({ suite: 'constraints', name, status: 'not generated', reason: `${col.name} is in the partition key of ${t.qname}: a NULL there is refused by routing (no partition takes it) before NOT NULL is checked` });
      continue;
    }
    const named = cons.find((k) => k.contype === 'n' && k.columns.length === 1 && k.columns[0] === col.name);
    const k = { name: named?.name ?? `${col.name} NOT NULL`, contype: 'n', column: col.name };
    out.push(await runCase(c, t, base, { ...base.row, [col.name]: null }, k, name, true));
  }
  return out;
}

/** A seeded row (with `nonNull` columns set), read as the connecting (superuser) role. */
async function baseRow(c: pg.Client, t: TableInfo, nonNull: string[]): Promise<Base | undefined> {
  const qcols = nonNull.map((n) => t.columns.find((x) => x.name === n)?.qname ?? n);
  const where = qcols.length ? `WHERE ${qcols.map((q) => `${q} IS NOT NULL`).join(' AND ')}` : '';
  const r = await c.query<{ row: Row; ctid: string; tableoid: string }>(
    `SELECT to_jsonb(strata_row.*) AS row, strata_row.ctid::text AS ctid, strata_row.tableoid::oid::text AS tableoid FROM ${t.qname} AS strata_row ${where} ORDER BY strata_row.ctid LIMIT 1`,
  );
  return r.rows[0];
}

/** Every stored column, identity columns included (OVERRIDING SYSTEM VALUE), so a copy can repeat an identity key. */
function insertSql(c: pg.Client, t: TableInfo, row: Row): string {
  const cols = t.columns.filter((x) => !x.generated).map((x) => x.qname).join(', ');
  // A table without stored columns (CREATE TABLE t ()) still holds rows.
  if (!cols) return `INSERT INTO ${t.qname} DEFAULT VALUES`;
  const override = t.columns.some((x) => x.identity?.generation === 'always') ? ' OVERRIDING SYSTEM VALUE' : '';
  return `INSERT INTO ${t.qname} (${cols})${override} SELECT ${cols} FROM jsonb_populate_record(NULL::${t.qname}, ${c.escapeLiteral(JSON.stringify(row))})`;
}

/**
 * In one rolled-back transaction: take the base row out when `remove` (no trigger or cascade firing),
 * insert `row`, and compare the outcome with `expect` (undefined: accepted).
 */
async function runCase(
  c: pg.Client,
  t: TableInfo,
  base: Base,
  row: Row,
  expect: { name: string; contype: string; column?: string; children?: string[] } | undefined,
  name: string,
  remove: boolean,
): Promise<CaseResult> {
  const statement = insertSql(c, t, row);
  let err: unknown;
  await c.query('BEGIN');
  try {
    if (remove) {
      await c.query('SET LOCAL session_replication_role = replica');
      await c.query(`DELETE FROM ${t.qname} WHERE tableoid = $1::oid AND ctid = $2::tid`, [base.tableoid, base.ctid]);
      await c.query('SET LOCAL session_replication_role = origin');
    }
    await c.query('SET CONSTRAINTS ALL IMMEDIATE');
    try {
      await c.query(statement);
    } catch (e) {
      err = e;
    }
  } finally {
    await c.query('ROLLBACK');
  }
  if (!expect) {
    if (!err) return { suite: 'constraints', name, status: 'passed' };
    return { suite: 'constraints', name, status: 'failed', reason: `a valid row was rejected: ${errText(err)}`, statement };
  }
  const want = SQLSTATE[expect.contype]!;
  if (!err) return { suite: 'constraints', name, status: 'failed', reason: `expected SQLSTATE ${want} from ${expect.name}, but the row was accepted`, statement };
  if (!isPgError(err)) throw err;
  const e = err as { code: string; constraint?: string; column?: string };
  const sameConstraint = expect.contype === 'n' ? e.column === expect.column && (!e.constraint || e.constraint === expect.name) : e.constraint === expect.name || (!!e.constraint && !!expect.children?.includes(e.constraint));
  if (e.code === want && sameConstraint) return { suite: 'constraints', name, status: 'passed' };
  return { suite: 'constraints', name, status: 'failed', reason: `expected SQLSTATE ${want} from ${expect.name}, got ${errText(err)}`, statement };
}


function onlyFails(m: Map<string, boolean | null> | undefined, name: string | undefined): boolean {
  if (!m) return false;
  for (const [k, v] of m) if ((v === false) !== (k === name)) return false;
  return true;
}

async function checkViolation(
  c: pg.Client,
  t: TableInfo,
  row: Row,
  k: ConstraintFacts,
  checks: ConstraintFacts[],
  evalChecks: (r: Row) => Promise<Map<string, boolean | null> | undefined>,
  opts: ConstraintsOptions,
): Promise<Row | string> {
  const cols = k.columns.map((n) => t.columns.find((x) => x.name === n)).filter((x): x is ColumnObject => !!x && !x.generated);
  if (!cols.length) return `${k.name} reads only generated or no columns`;
  const per = cols.map((col) => ({ col, values: candidates(col, row, t, opts.enums) }));
  for (const { col, values } of per) {
    for (const v of values) {
      const r = { ...row, [col.name]: v };
      if (onlyFails(await evalChecks(r), k.name)) return r;
    }
  }
  // Two columns at a time, for checks that tie columns together.
  let tried = 0;
  for (let i = 0; i < per.length; i++) {
    for (let j = i + 1; j < per.length; j++) {
      for (const a of per[i]!.values) {
        for (const b of per[j]!.values) {
          if (++tried > 1500) return `no row found that fails only ${k.name} (tried ${tried} candidate rows)`;
          const r = { ...row, [per[i]!.col.name]: a, [per[j]!.col.name]: b };
          if (onlyFails(await evalChecks(r), k.name)) return r;
        }
      }
    }
  }
  void c;
  void checks;
  return `no row found that fails only ${k.name} (values tried for ${cols.map((x) => x.name).join(', ')})`;
}

/** A fresh value of a column's type that no existing row holds. */
function fresh(col: ColumnObject, current: unknown): unknown[] {
  const type = baseType(col.type);
  const hex = randomUUID().replace(/-/g, '');
  if (type === 'uuid') return [randomUUID()];
  if (type === 'bytea') return ['\\x' + hex + hex];
  if (/^(smallint|integer|bigint|numeric)/.test(type)) return [Number(current ?? 0) + 7919, 30011, -30011, 32000];
  if (/^(text|character varying|citext|varchar)/.test(type)) return [`${String(current ?? '')}~${hex.slice(0, 8)}`, `x${hex.slice(0, 12)}`, `${hex.slice(0, 8)}@example.test`];
  if (/^(timestamp|date)/.test(type)) {
    const d = new Date(String(current ?? '2000-01-01'));
    return [new Date(d.getTime() + 7 * 86_400_000 + 1000).toISOString()];
  }
  return [];
}

async function fkViolation(t: TableInfo, row: Row, k: ConstraintFacts, evalChecks: (r: Row) => Promise<Map<string, boolean | null> | undefined>): Promise<Row | string> {
  const otherFks = t.constraints.filter((x) => x.contype === 'f' && x.name !== k.name);
  // Change one column of the key; it must not also be part of another FK that would then fail too.
  const ordered = [...k.columns].sort((a, b) => otherFks.filter((x) => x.columns.includes(a)).length - otherFks.filter((x) => x.columns.includes(b)).length);
  for (const name of ordered) {
    const col = t.columns.find((x) => x.name === name);
    if (!col || col.generated) continue;
    for (const v of fresh(col, row[name])) {
      const r = { ...row, [name]: v };
      const alsoBroken = otherFks.filter((x) => x.columns.includes(name) && x.columns.every((n) => r[n] !== null && r[n] !== undefined));
      if (alsoBroken.length) continue;
      // All other key columns must be set, or MATCH SIMPLE skips the check.
      if (!k.columns.every((n) => r[n] !== null && r[n] !== undefined)) continue;
      if (onlyFails(await evalChecks(r), undefined)) return r;
    }
  }
  return `every column of ${k.name} is shared with another foreign key, or no fresh value passes the checks`;
}

async function duplicate(
  t: TableInfo,
  row: Row,
  k: ConstraintFacts,
  cons: ConstraintFacts[],
  evalChecks: (r: Row) => Promise<Map<string, boolean | null> | undefined>,
): Promise<Row | string> {
  const keys = cons.filter((x) => (x.contype === 'u' || x.contype === 'p' || x.contype === 'x') && x.name !== k.name);
  const r: Row = { ...row };
  for (const other of keys) {
    const free = other.columns.filter((n) => !k.columns.includes(n));
    if (!free.length) return `a row repeating ${k.name} (${k.columns.join(', ')}) also repeats ${other.name} (${other.columns.join(', ')})`;
    if (free.some((n) => r[n] !== row[n])) continue; // already changed for an earlier key
    let changed = false;
    for (const n of free) {
      const col = t.columns.find((x) => x.name === n);
      if (!col || col.generated) continue;
      for (const v of fresh(col, row[n])) {
        const candidate = { ...r, [n]: v };
        if (onlyFails(await evalChecks(candidate), undefined)) {
          Object.assign(r, candidate);
          changed = true;
          break;
        }
      }
      if (changed) break;
    }
    if (!changed) return `no fresh value for ${free.join(', ')} keeps the copy off ${other.name}`;
  }
  return r;
}
