/**
 * `strata import sqlite` on a realistic, dirty legacy database the test writes
 * (test/import/legacy.ts): the schema it writes, what it asks a human to decide,
 * the refusal to load values that do not fit (nothing loaded), and a verified
 * load once those rows are fixed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { affinity, convert, parseIsoDate, plainDecimal } from '../../src/import/sqlite/index.js';
import { buildInto } from '../../src/state/index.js';
import { testServer, type ScratchDb, type TestServer } from '../helpers/server.js';
import { query } from '../runner/helpers.js';
import { BIG, writeLegacyDb } from './legacy.js';

const dir = mkdtempSync(path.join(tmpdir(), 'strata-import-'));
const legacy = path.join(dir, 'legacy.db');
const fixed = path.join(dir, 'fixed.db');
const out = path.join(dir, 'schema');
let server: TestServer;
let target: ScratchDb;
let report: { written: string[]; columns: Record<string, Record<string, { type: string; identity: boolean; why: string[] }>>; reviews: { table: string; column?: string; message: string }[] };

async function strata(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd: dir, out: (t) => (stdout += t), err: (t) => (stderr += t), isTTY: false });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  server = await testServer();
  await writeLegacyDb(legacy);
  const SQL = await initSqlJs();
  const db = new SQL.Database(readFileSync(legacy));
  // What a human does after reading the report: the two values that fit no type are fixed at the source.
  db.exec(`UPDATE products SET stock = NULL WHERE typeof(stock) = 'text';
           UPDATE audit_log SET payload = hex(payload) WHERE typeof(payload) = 'blob';`);
  writeFileSync(fixed, db.export());
  db.close();
  const r = await strata(['--database-url', server.url(), 'import', 'sqlite', legacy, '--out', out, '--json']);
  if (r.code !== 0) throw new Error(r.stderr);
  report = JSON.parse(r.stdout);
  target = await server.scratch({ prefix: 'strata_import' });
  await buildInto({ kind: 'schemaDir', dir: out }, target.url);
});
afterAll(async () => {
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('pure rules', () => {
  it('affinity follows SQLite\'s rules in their order', () => {
    expect(['INTEGER', 'BIGINT', 'VARCHAR(10)', 'CLOB', 'BLOB', '', 'REAL', 'DOUBLE', 'FLOATING POINT', 'NUMERIC', 'DECIMAL(5,2)', 'BOOLEAN', 'DATETIME', 'CHARINT'].map(affinity))
      .toEqual(['integer', 'integer', 'text', 'text', 'blob', 'blob', 'real', 'real', 'integer', 'numeric', 'numeric', 'numeric', 'numeric', 'integer']);
  });
  it('parses the ISO-8601 forms SQLite writes, and nothing else', () => {
    expect(parseIsoDate('2023-01-05')).toMatchObject({ dateOnly: true });
    expect(parseIsoDate('2023-01-05 10:00:00')?.date.toISOString()).toBe('2023-01-05T10:00:00.000Z');
    expect(parseIsoDate('2023-01-05T10:00:00.25+02:00')?.date.toISOString()).toBe('2023-01-05T08:00:00.250Z');
    for (const bad of ['05/01/2023', '2023-02-30', '2023-13-01', 'yesterday', '2023-01-05 25:00']) expect(parseIsoDate(bad)).toBeUndefined();
  });
  it('checks values against types and escapes them for COPY', () => {
    expect(convert('n/a', 'bigint')).toBeUndefined();
    expect(convert(BIG, 'bigint')).toEqual({ copy: '9007199254740993', canon: '9007199254740993' });
    expect(convert(70000n, 'smallint')).toBeUndefined();
    expect(convert(2n, 'boolean')).toBeUndefined();
    expect(convert(1n, 'boolean')).toEqual({ copy: 't', canon: '1' });
    expect(convert('a\tb\\c\nd', 'text')?.copy).toBe('a\\tb\\\\c\\nd');
    expect(convert('x\0y', 'text')).toBeUndefined();
    expect(convert(new Uint8Array([0, 255]), 'text')).toBeUndefined();
    expect(convert('10/02/2023', 'timestamp with time zone')).toBeUndefined();
    expect(convert(null, 'bigint')).toBeNull();
    expect(plainDecimal(1e-7)).toBe('0.0000001');
    expect(plainDecimal(1.5e21)).toBe('1500000000000000000000');
    expect(plainDecimal(-2.5e-3)).toBe('-0.0025');
  });
});

describe('strata import sqlite: the schema', () => {
  it('maps affinity, flags, dates and rowid keys to real types, each with its reason', () => {
    const c = report.columns;
    expect(c.customers!.id).toMatchObject({ type: 'bigint', identity: true });
    expect(c.customers!.id!.why.join()).toMatch(/AUTOINCREMENT/);
    expect(c.orders!.id).toMatchObject({ type: 'bigint', identity: true });
    expect(c.customers!.is_active!.type).toBe('boolean');
    expect(c.orders!.paid!.type).toBe('boolean');
    expect(c.customers!.created_at!.type).toBe('timestamptz'); // two ISO forms and an offset: all parse
    expect(c.orders!.placed_at!.type).toBe('timestamptz');
    expect(c.customers!.signup_date!.type).toBe('text'); // '10/02/2023' is not ISO-8601
    expect(c.customers!.name!.type).toBe('text');
    expect(c.products!.price!.type).toBe('numeric');
    expect(c.products!.weight!.type).toBe('double precision');
    expect(c.products!.stock!.type).toBe('bigint');
    expect(c.audit_log!.big!.type).toBe('bigint');
    const tables = readFileSync(path.join(out, '10_tables.sql'), 'utf8');
    // Every column line has its reason in a comment above it.
    const lines = tables.split('\n');
    for (const [i, l] of lines.entries()) {
      if (/^ {2}[a-z_]+ (bigint|text|boolean|timestamptz|numeric|double precision|date|bytea)/.test(l)) expect(lines[i - 1]).toMatch(/^ {2}-- /);
    }
    expect(tables).toMatch(/is_active boolean NOT NULL DEFAULT true/);
    expect(tables).toMatch(/paid boolean NOT NULL DEFAULT false/);
    expect(tables).toMatch(/created_at timestamptz DEFAULT CURRENT_TIMESTAMP/);
  });

  it('carries over keys, UNIQUE, CHECKs, indexes and foreign keys: the built database has them', async () => {
    const cons = await query<{ conname: string; contype: string; def: string }>(target.url, `
      SELECT conname, contype, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY conname`);
    const byName = Object.fromEntries(cons.map((c) => [c.conname, c.def]));
    expect(byName.customers_email_key).toBe('UNIQUE (email)');
    expect(byName.price_not_negative).toBe('CHECK ((price >= (0)::numeric))');
    expect(byName.order_items_qty_check).toBe('CHECK ((qty > 0))');
    expect(byName.orders_customer_id_fkey).toBe('FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE');
    expect(byName.order_items_sku_fkey).toBe('FOREIGN KEY (sku) REFERENCES products(sku)');
    const idx = await query<{ indexname: string }>(target.url, `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`);
    expect(idx.map((i) => i.indexname)).toEqual(expect.arrayContaining(['customers_lower_email', 'orders_customer_idx']));
  });

  it('translates the portable view and keeps the other commented out with PostgreSQL\'s reason', async () => {
    const views = readFileSync(path.join(out, '30_views.sql'), 'utf8');
    expect(views).toMatch(/^CREATE VIEW order_totals AS/m);
    expect(views).toMatch(/^-- view active_customers not carried over: operator does not exist: boolean = integer/m);
    expect(views).toMatch(/^-- CREATE VIEW active_customers AS/m);
    expect(await query(target.url, 'SELECT * FROM order_totals')).toEqual([]);
  });

  it('lists what needs a human decision: the rows and columns by name', () => {
    const r = report.reviews.map((x) => `${x.table}${x.column ? '.' + x.column : ''}: ${x.message}`);
    expect(r).toEqual(expect.arrayContaining([
      expect.stringMatching(/^customers\.signup_date: .*rowid 2 '10\/02\/2023'/),
      expect.stringMatching(/^products\.stock: .*text at rowid 3/),
      expect.stringMatching(/^audit_log\.payload: .*blobs do not fit text \(rowids 5\)/),
      expect.stringMatching(/^order_items: no primary key/),
      expect.stringMatching(/^active_customers: view active_customers not carried over/),
      expect.stringMatching(/^orders: trigger orders_touch not translated/),
      expect.stringMatching(/^order_items: foreign key \(order_id\) has no index/),
    ]));
    expect(readFileSync(path.join(out, '10_tables.sql'), 'utf8')).toMatch(/^-- Needs a human decision:$/m);
  });

  it('refuses to write into a folder that already holds SQL files', async () => {
    const r = await strata(['--database-url', server.url(), 'import', 'sqlite', legacy, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already holds 10_tables\.sql, 20_foreign_keys\.sql, 30_views\.sql; nothing was written/);
  });

  it('a file that is not SQLite is a clear error', async () => {
    const bogus = path.join(dir, 'bogus.db');
    writeFileSync(bogus, 'just text, not a database file at all, long enough to have a header..............');
    const r = await strata(['--database-url', server.url(), 'import', 'sqlite', bogus, '--out', path.join(dir, 'bogus')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a SQLite database/);
  });
});

describe('strata import sqlite --data', () => {
  it('refuses values that do not fit with table, rowid and column, and loads nothing', async () => {
    const r = await strata(['import', 'sqlite', legacy, '--data', '--database-url', target.url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/2 value\(s\) do not fit their column type; nothing was loaded/);
    expect(r.stderr).toMatch(/products rowid 3 column stock: 'n\/a' is not bigint/);
    expect(r.stderr).toMatch(/audit_log rowid 5 column payload: <blob 2 bytes> is not text/);
    const counts = await query<{ n: string }>(target.url, `SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM orders) + (SELECT count(*) FROM products) + (SELECT count(*) FROM order_items) + (SELECT count(*) FROM audit_log) AS n`);
    expect(counts[0]!.n).toBe('0');
  });

  it('loads the fixed file: counts and checksums verified per table, values exact, sequences past the ids', async () => {
    const r = await strata(['import', 'sqlite', fixed, '--data', '--database-url', target.url, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout) as { loaded: { table: string; rows: number; sequencesSet: string[] }[]; rows: number };
    expect(Object.fromEntries(res.loaded.map((l) => [l.table, l.rows]))).toEqual({ audit_log: 6, customers: 4, products: 4, orders: 4, order_items: 6 });
    // Parents load before children.
    const order = res.loaded.map((l) => l.table);
    expect(order.indexOf('customers')).toBeLessThan(order.indexOf('orders'));
    expect(order.indexOf('orders')).toBeLessThan(order.indexOf('order_items'));
    expect(res.loaded.find((l) => l.table === 'customers')!.sequencesSet).toEqual(['id']);

    const note = await query<{ note: string }>(target.url, 'SELECT note FROM orders WHERE id = 11');
    expect(note[0]!.note).toBe('tab\there, newline\nhere, backslash \\ here');
    const big = await query<{ big: string }>(target.url, 'SELECT big::text AS big FROM audit_log WHERE big > 1000');
    expect(big[0]!.big).toBe(BIG.toString());
    const when = await query<{ t: string }>(target.url, `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') AS t FROM customers WHERE id = 3`);
    expect(when[0]!.t).toBe('2023-03-01 10:00:00.250');
    const flags = await query<{ email: string }>(target.url, 'SELECT email FROM customers WHERE NOT is_active');
    expect(flags.map((f) => f.email)).toEqual(['bob@example.org']);
    const floats = await query<{ w: string }>(target.url, `SELECT weight::text AS w FROM products WHERE sku = 'C-3'`);
    expect(floats[0]!.w).toBe('1e-07');
    const next = await query<{ id: string }>(target.url, `INSERT INTO customers (email) VALUES ('new@example.org') RETURNING id`);
    expect(next[0]!.id).toBe('5');
  });

  it('refuses to load into tables that already hold rows', async () => {
    const r = await strata(['import', 'sqlite', fixed, '--data', '--database-url', target.url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already has rows in the target database; nothing was loaded/);
  });

  it('needs a target with the tables', async () => {
    const empty = await server.scratch({ prefix: 'strata_import' });
    try {
      const r = await strata(['import', 'sqlite', fixed, '--data', '--database-url', empty.url]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/the target database lacks audit_log, customers, products, orders, order_items; nothing was loaded/);
    } finally {
      await empty.drop();
    }
  });
});

describe('strata import sqlite --data: verification and progress', () => {
  it('a table whose rows PostgreSQL changes on the way in fails its checksum and is rolled back', async () => {
    const db = await server.scratch({ prefix: 'strata_import' });
    try {
      await buildInto({ kind: 'schemaDir', dir: out }, db.url);
      // A trigger the target has and SQLite had not: loaded content differs from the source.
      await query(db.url, `CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.title := upper(NEW.title); RETURN NEW; END $$;
        CREATE TRIGGER products_shout BEFORE INSERT ON products FOR EACH ROW EXECUTE FUNCTION shout();`);
      let stderr = '';
      const code = await main(['import', 'sqlite', fixed, '--data', '--database-url', db.url], { cwd: dir, out: () => undefined, err: (t) => (stderr += t), isTTY: true });
      expect(code).toBe(1);
      expect(stderr).toMatch(/products: PostgreSQL holds 4 rows with checksum \d+, SQLite 4 with \d+; the table was rolled back/);
      expect(stderr).toMatch(/loaded and committed before: audit_log, customers/);
      // A progress bar per table on a terminal.
      expect(stderr).toMatch(/ {2}customers +\[#{30}\] 4\/4\n/);
      const n = await query<{ p: string; c: string }>(db.url, 'SELECT (SELECT count(*) FROM products)::text AS p, (SELECT count(*) FROM customers)::text AS c');
      expect(n[0]).toEqual({ p: '0', c: '4' });
    } finally {
      await db.drop();
    }
  });
});
