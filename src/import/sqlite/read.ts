/**
 * Reads a SQLite database file with sql.js (SQLite compiled to WebAssembly, so
 * nothing is built natively): tables, columns, keys, indexes, views, and a
 * profile of what each column actually holds, which decides the types.
 */
import { readFile } from 'node:fs/promises';
import initSqlJs, { type Database } from 'sql.js';
import { StrataError } from '../../core/diagnostic.js';
import { parseCreateTable, viewSelect } from './ddl.js';

export type SqliteValue = bigint | number | string | Uint8Array | null;

export interface SqliteColumn {
  name: string;
  declared: string;
  notNull: boolean;
  /** Default expression as written in the DDL. */
  default?: string;
  /** Position in the primary key (1-based), 0 when not part of it. */
  pk: number;
}

export interface ColumnProfile {
  /** Non-null values by SQLite storage class. */
  counts: { integer: number; real: number; text: number; blob: number; null: number };
  /** Every integer value is 0 or 1 (and there is at least one). */
  onlyZeroOne: boolean;
  /** Text values that parse as ISO-8601 dates, and whether every one is a date without time. */
  isoText: number;
  dateOnly: boolean;
  /** Up to 10 rowids (or key texts) of text values that are not ISO-8601, for reports. */
  nonIsoSamples: { rowid: string; value: string }[];
  /** Up to 10 rowids per storage class, for reports about mixed columns. */
  samples: Partial<Record<'integer' | 'real' | 'text' | 'blob', string[]>>;
}

export interface SqliteTable {
  name: string;
  columns: SqliteColumn[];
  withoutRowid: boolean;
  autoincrement: boolean;
  checks: { column?: string; name?: string; expression: string }[];
  foreignKeys: { columns: string[]; table: string; refColumns: string[]; onDelete: string; onUpdate: string }[];
  /** UNIQUE constraints and unique/plain indexes (not the automatic PK index of a rowid table). */
  indexes: { name: string; unique: boolean; origin: 'c' | 'u' | 'pk'; columns: string[]; partial?: string; sql?: string }[];
  rowCount: number;
  profiles: Map<string, ColumnProfile>;
}

export interface SqliteView {
  name: string;
  select: string;
  sql: string;
}

export interface SqliteSchema {
  tables: SqliteTable[];
  views: SqliteView[];
  /** Triggers are reported, not translated. */
  triggers: { name: string; table: string; sql: string }[];
}

let sqlJs: ReturnType<typeof initSqlJs> | undefined;

export async function openSqlite(file: string): Promise<Database> {
  sqlJs ??= initSqlJs();
  const SQL = await sqlJs;
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new StrataError({ code: 'import.read', severity: 'error', subject: file, message: `cannot read ${file}: ${(e as Error).message}` }, 2);
  }
  const db = new SQL.Database(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  try {
    db.exec('SELECT count(*) FROM sqlite_schema');
  } catch (e) {
    db.close();
    throw new StrataError({ code: 'import.read', severity: 'error', subject: file, message: `${file} is not a SQLite database: ${(e as Error).message}` }, 2);
  }
  return db;
}

/** Rows of a query as objects (integers as bigint, so 64-bit values survive). */
export function rows(db: Database, sql: string, params: (string | number)[] = []): Record<string, SqliteValue>[] {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    const names = stmt.getColumnNames();
    const out: Record<string, SqliteValue>[] = [];
    while (stmt.step()) {
      const values = (stmt.get as (p?: unknown, c?: { useBigInt: boolean }) => SqliteValue[])(null, { useBigInt: true });
      out.push(Object.fromEntries(names.map((n, i) => [n, values[i] ?? null])));
    }
    return out;
  } finally {
    stmt.free();
  }
}

export const qi = (name: string) => '"' + name.replaceAll('"', '""') + '"';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** An ISO-8601 date or date-time (the forms SQLite's date functions write) as a UTC instant, else undefined. */
export function parseIsoDate(s: string): { date: Date; dateOnly: boolean } | undefined {
  const m = ISO.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(sec ?? 0) > 60) return undefined;
  // No offset: SQLite's CURRENT_TIMESTAMP and datetime() write UTC, so UTC is assumed.
  let offset = 'Z';
  if (zone && zone !== 'Z') offset = zone.length === 3 ? `${zone}:00` : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = frac ? frac.padEnd(3, '0').slice(0, 3) : '000';
  const date = new Date(`${y}-${mo}-${d}T${h ?? '00'}:${mi ?? '00'}:${sec ?? '00'}.${ms}${offset}`);
  if (Number.isNaN(date.getTime())) return undefined;
  // 2023-02-30 rolls over in Date; a real date keeps its day.
  if (!zone && date.getUTCDate() !== day) return undefined;
  return { date, dateOnly: h === undefined };
}

function profileColumn(db: Database, table: string, column: string, key: string): ColumnProfile {
  const p: ColumnProfile = {
    counts: { integer: 0, real: 0, text: 0, blob: 0, null: 0 },
    onlyZeroOne: false,
    isoText: 0,
    dateOnly: true,
    nonIsoSamples: [],
    samples: {},
  };
  for (const r of rows(db, `SELECT typeof(${qi(column)}) AS t, count(*) AS n FROM ${qi(table)} GROUP BY 1`)) {
    p.counts[r.t as keyof ColumnProfile['counts']] = Number(r.n);
  }
  for (const cls of ['integer', 'real', 'text', 'blob'] as const) {
    if (p.counts[cls] === 0) continue;
    p.samples[cls] = rows(db, `SELECT ${key} AS k FROM ${qi(table)} WHERE typeof(${qi(column)}) = '${cls}' LIMIT 10`).map((r) => String(r.k));
  }
  if (p.counts.integer > 0) {
    const other = rows(db, `SELECT count(*) AS n FROM ${qi(table)} WHERE typeof(${qi(column)}) = 'integer' AND ${qi(column)} NOT IN (0, 1)`);
    p.onlyZeroOne = Number(other[0]!.n) === 0;
  }
  if (p.counts.text > 0) {
    const stmt = db.prepare(`SELECT ${key} AS k, ${qi(column)} AS v FROM ${qi(table)} WHERE typeof(${qi(column)}) = 'text'`);
    try {
      while (stmt.step()) {
        const [k, v] = stmt.get() as [SqliteValue, string];
        const parsed = parseIsoDate(v);
        if (parsed) {
          p.isoText++;
          if (!parsed.dateOnly) p.dateOnly = false;
        } else if (p.nonIsoSamples.length < 10) p.nonIsoSamples.push({ rowid: String(k), value: v });
        // Once a value is neither a date nor the first ones, the column is not a date column.
        if (!parsed && p.isoText === 0 && p.nonIsoSamples.length >= 10) break;
      }
    } finally {
      stmt.free();
    }
  }
  return p;
}

/** A key expression that names a row in reports: the rowid, or the primary key of a WITHOUT ROWID table. */
export function rowKey(t: Pick<SqliteTable, 'withoutRowid' | 'columns'>): string {
  if (!t.withoutRowid) return 'rowid';
  const pk = t.columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  return pk.length === 1 ? qi(pk[0]!.name) : `(${pk.map((c) => `${qi(c.name)}`).join(" || ',' || ")})`;
}

export function readSchema(db: Database): SqliteSchema {
  const master = rows(db, `SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`);
  const tables: SqliteTable[] = [];
  for (const m of master.filter((r) => r.type === 'table')) {
    const name = String(m.name);
    const sql = String(m.sql ?? '');
    const columns: SqliteColumn[] = rows(db, `SELECT name, type, "notnull" AS nn, dflt_value AS d, pk FROM pragma_table_info(?)`, [name]).map((c) => ({
      name: String(c.name),
      declared: String(c.type ?? ''),
      notNull: Number(c.nn) === 1,
      ...(c.d === null ? {} : { default: String(c.d) }),
      pk: Number(c.pk),
    }));
    let withoutRowid = false;
    try {
      db.exec(`SELECT rowid FROM ${qi(name)} LIMIT 0`);
    } catch {
      withoutRowid = true;
    }
    const fkRows = rows(db, `SELECT id, seq, "table" AS t, "from" AS f, "to" AS r, on_update AS u, on_delete AS d FROM pragma_foreign_key_list(?) ORDER BY id, seq`, [name]);
    const foreignKeys: SqliteTable['foreignKeys'] = [];
    for (const r of fkRows) {
      const id = Number(r.id);
      let fk = foreignKeys[id];
      if (!fk) foreignKeys[id] = fk = { columns: [], table: String(r.t), refColumns: [], onDelete: String(r.d), onUpdate: String(r.u) };
      fk.columns.push(String(r.f));
      // A reference without columns means the parent's primary key.
      if (r.r !== null) fk.refColumns.push(String(r.r));
    }
    const indexes: SqliteTable['indexes'] = [];
    for (const ix of rows(db, `SELECT name, "unique" AS u, origin, partial FROM pragma_index_list(?)`, [name])) {
      const ixName = String(ix.name);
      const cols = rows(db, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, [ixName]).map((c) => (c.name === null ? '' : String(c.name)));
      const ixSql = master.find((x) => x.type === 'index' && x.name === ixName)?.sql;
      indexes.push({
        name: ixName,
        unique: Number(ix.u) === 1,
        origin: String(ix.origin) as 'c' | 'u' | 'pk',
        columns: cols,
        ...(Number(ix.partial) === 1 ? { partial: 'yes' } : {}),
        ...(ixSql ? { sql: String(ixSql) } : {}),
      });
    }
    const ddl = parseCreateTable(sql);
    const rowCount = Number(rows(db, `SELECT count(*) AS n FROM ${qi(name)}`)[0]!.n);
    const table: SqliteTable = { name, columns, withoutRowid, autoincrement: ddl.autoincrement, checks: ddl.checks, foreignKeys: foreignKeys.filter(Boolean), indexes, rowCount, profiles: new Map() };
    const key = rowKey(table);
    for (const c of columns) table.profiles.set(c.name, profileColumn(db, name, c.name, key));
    tables.push(table);
  }
  const views = master
    .filter((r) => r.type === 'view')
    .map((r) => ({ name: String(r.name), sql: String(r.sql), select: viewSelect(String(r.sql)) ?? '' }));
  const triggers = master.filter((r) => r.type === 'trigger').map((r) => ({ name: String(r.name), table: String(r.tbl_name), sql: String(r.sql) }));
  return { tables, views, triggers };
}
