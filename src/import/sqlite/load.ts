/**
 * Copies the rows of a SQLite database into PostgreSQL tables that already exist
 * (the imported schema, applied by `strata migrate up`). Every value is checked
 * against its target column's type before anything is written, so a value that
 * does not fit is reported with table, rowid and column and no table is touched.
 * Each table is then loaded with COPY in batches, in its own transaction, which
 * also sets identity sequences past the loaded ids and compares the row count and
 * a content checksum with the source before it commits.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from 'sql.js';
import { StrataError } from '../../core/diagnostic.js';
import { qi, rowKey, type SqliteSchema, type SqliteTable, type SqliteValue } from './read.js';
import { dependencyOrder } from './schema.js';
import { checksumSql, convert, rowHash } from './types.js';

export interface Misfit {
  table: string;
  rowid: string;
  column: string;
  value: string;
  type: string;
}

export interface TableLoad {
  table: string;
  rows: number;
  checksum: string;
  ms: number;
  sequencesSet: string[];
}

export interface LoadProgress {
  (table: string, done: number, total: number): void;
}

interface TargetColumn {
  name: string;
  quoted: string;
  type: string;
  identity: boolean;
}

const BATCH = 5_000;

async function targetColumns(client: pg.Client, table: string): Promise<{ quoted: string; columns: TargetColumn[] } | undefined> {
  const r = await client.query<{ rel: string | null; q: string }>('SELECT to_regclass(quote_ident($1))::text AS rel, quote_ident($1) AS q', [table]);
  if (!r.rows[0]!.rel) return undefined;
  const cols = await client.query<{ name: string; quoted: string; type: string; identity: boolean }>(
    `SELECT attname AS name, quote_ident(attname) AS quoted, format_type(atttypid, atttypmod) AS type, attidentity <> '' AS identity
     FROM pg_attribute WHERE attrelid = to_regclass(quote_ident($1)) AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [table],
  );
  return { quoted: r.rows[0]!.q, columns: cols.rows };
}

function* sourceRows(db: Database, t: SqliteTable, names: string[]): Generator<{ key: string; values: SqliteValue[] }> {
  const order = t.withoutRowid ? '' : ' ORDER BY rowid';
  const stmt = db.prepare(`SELECT ${rowKey(t)} AS k, ${names.map(qi).join(', ')} FROM ${qi(t.name)}${order}`);
  try {
    while (stmt.step()) {
      const v = (stmt.get as (p?: unknown, c?: { useBigInt: boolean }) => SqliteValue[])(null, { useBigInt: true });
      yield { key: String(v[0]), values: v.slice(1) };
    }
  } finally {
    stmt.free();
  }
}

function show(v: SqliteValue): string {
  if (v instanceof Uint8Array) return `<blob ${v.length} bytes>`;
  const s = typeof v === 'string' ? `'${v}'` : String(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

export async function loadData(
  db: Database,
  schema: SqliteSchema,
  url: string,
  opts: { onProgress?: LoadProgress; maxMisfits?: number } = {},
): Promise<{ loaded: TableLoad[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = dependencyOrder(schema.tables);
    const targets = new Map<string, { quoted: string; columns: TargetColumn[] }>();
    const missing: string[] = [];
    for (const t of tables) {
      const tc = await targetColumns(client, t.name);
      if (!tc) {
        missing.push(t.name);
        continue;
      }
      const absent = t.columns.filter((c) => !tc.columns.some((x) => x.name === c.name)).map((c) => c.name);
      if (absent.length) missing.push(`${t.name} (columns ${absent.join(', ')})`);
      targets.set(t.name, tc);
    }
    if (missing.length) {
      throw new StrataError({
        code: 'import.target',
        severity: 'error',
        subject: url.replace(/\/\/[^@]*@/, '//'),
        message: `the target database lacks ${missing.join(', ')}; nothing was loaded`,
        hint: 'write the schema first (strata import sqlite FILE), then strata diff initial && strata migrate up',
      });
    }
    // Pass 1: every value against its column's type, and the source checksums.
    const misfits: Misfit[] = [];
    const expected = new Map<string, { rows: number; checksum: bigint }>();
    for (const t of tables) {
      const tc = targets.get(t.name)!;
      const cols = t.columns.map((c) => tc.columns.find((x) => x.name === c.name)!);
      let rows = 0;
      let sum = 0n;
      for (const r of sourceRows(db, t, t.columns.map((c) => c.name))) {
        rows++;
        const canon: (string | null)[] = [];
        r.values.forEach((v, i) => {
          const conv = convert(v, cols[i]!.type);
          if (conv === undefined) {
            if (misfits.length < (opts.maxMisfits ?? 100)) misfits.push({ table: t.name, rowid: r.key, column: cols[i]!.name, value: show(v), type: cols[i]!.type });
            canon.push(null);
          } else canon.push(conv === null ? null : conv.canon);
        });
        sum += rowHash(canon);
      }
      expected.set(t.name, { rows, checksum: sum });
    }
    if (misfits.length) throw new MisfitError(misfits);
    for (const t of tables) {
      const tc = targets.get(t.name)!;
      const nonEmpty = await client.query(`SELECT EXISTS (SELECT FROM ${tc.quoted}) AS any`);
      if (nonEmpty.rows[0].any) {
        throw new StrataError({ code: 'import.not-empty', severity: 'error', subject: t.name, message: `table ${t.name} already has rows in the target database; nothing was loaded`, hint: 'load into empty tables (a fresh database with the schema applied)' });
      }
    }
    // Pass 2: one transaction per table.
    const loaded: TableLoad[] = [];
    for (const t of tables) {
      const tc = targets.get(t.name)!;
      const cols = t.columns.map((c) => tc.columns.find((x) => x.name === c.name)!);
      const want = expected.get(t.name)!;
      const t0 = performance.now();
      await client.query('BEGIN');
      try {
        let done = 0;
        opts.onProgress?.(t.name, 0, want.rows);
        const batches = function* () {
          let chunk: string[] = [];
          for (const r of sourceRows(db, t, t.columns.map((c) => c.name))) {
            chunk.push(r.values.map((v, i) => convert(v, cols[i]!.type)?.copy ?? '\\N').join('\t'));
            if (chunk.length === BATCH) {
              done += chunk.length;
              yield chunk.join('\n') + '\n';
              opts.onProgress?.(t.name, done, want.rows);
              chunk = [];
            }
          }
          if (chunk.length) {
            done += chunk.length;
            yield chunk.join('\n') + '\n';
            opts.onProgress?.(t.name, done, want.rows);
          }
        };
        const copy = client.query(copyFrom(`COPY ${tc.quoted} (${cols.map((c) => c.quoted).join(', ')}) FROM STDIN`));
        try {
          await pipeline(Readable.from(batches()), copy);
        } catch (e) {
          throw await copyError(e, db, t);
        }
        const sequencesSet: string[] = [];
        for (const c of cols.filter((x) => x.identity)) {
          await client.query(
            `SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(${c.quoted}), 1), max(${c.quoted}) IS NOT NULL) FROM ${tc.quoted}`,
            [tc.quoted, c.name],
          );
          sequencesSet.push(c.name);
        }
        const got = (await client.query<{ rows: string; checksum: string }>(checksumSql(tc.quoted, cols.map((c) => ({ quoted: c.quoted, type: c.type }))))).rows[0]!;
        if (Number(got.rows) !== want.rows || got.checksum !== want.checksum.toString()) {
          throw new StrataError({
            code: 'import.verify',
            severity: 'error',
            subject: t.name,
            message: `${t.name}: PostgreSQL holds ${got.rows} rows with checksum ${got.checksum}, SQLite ${want.rows} with ${want.checksum}; the table was rolled back`,
          });
        }
        await client.query('COMMIT');
        loaded.push({ table: t.name, rows: want.rows, checksum: want.checksum.toString(16), ms: performance.now() - t0, sequencesSet });
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        if (e instanceof StrataError && loaded.length) {
          e.diagnostic.detail = `${e.diagnostic.detail ? e.diagnostic.detail + '\n' : ''}loaded and committed before: ${loaded.map((l) => l.table).join(', ')}`;
        }
        throw e;
      }
    }
    return { loaded };
  } finally {
    await client.end();
  }
}

/** A PostgreSQL error during COPY, with the SQLite row it came from (COPY names the input line). */
async function copyError(e: unknown, db: Database, t: SqliteTable): Promise<unknown> {
  const err = e as { message?: string; where?: string; code?: string; constraint?: string };
  const line = /line (\d+)/.exec(err.where ?? '')?.[1];
  let rowid: string | undefined;
  if (line) {
    const stmt = db.prepare(`SELECT ${rowKey(t)} FROM ${qi(t.name)}${t.withoutRowid ? '' : ' ORDER BY rowid'} LIMIT 1 OFFSET ?`);
    try {
      stmt.bind([Number(line) - 1]);
      if (stmt.step()) rowid = String(stmt.get()[0]);
    } finally {
      stmt.free();
    }
  }
  return new StrataError({
    code: 'import.load',
    severity: 'error',
    subject: t.name,
    message: `${t.name}${rowid ? ` rowid ${rowid}` : ''}: ${err.message ?? String(e)}; the table was rolled back`,
    ...(err.code ? { sqlstate: err.code } : {}),
    ...(err.constraint ? { constraint: err.constraint } : {}),
  });
}

export class MisfitError extends StrataError {
  readonly misfits: Misfit[];
  constructor(misfits: Misfit[]) {
    const first = misfits[0]!;
    super({
      code: 'import.misfit',
      severity: 'error',
      subject: first.table,
      message: `${misfits.length}${misfits.length >= 100 ? '+' : ''} value(s) do not fit their column type; nothing was loaded`,
      detail: misfits.map((m) => `  ${m.table} rowid ${m.rowid} column ${m.column}: ${m.value} is not ${m.type}`).join('\n'),
      hint: 'fix those rows in SQLite, or change the column type in schema/ and migrate, then load again',
    });
    this.misfits = misfits;
  }
}
