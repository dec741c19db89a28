/**
 * `strata migrate baseline`: a database that existed before strata is recorded as
 * migrated up to a baseline written from its pulled state, so `migrate up` applies only
 * what follows; another database of the same schema reuses the baseline once it matches.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from '@databases/pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { connect, queryOnce } from '../../src/db/connect.js';
import { listDifferences } from '../../src/diff/index.js';
import { readMigrationDir } from '../../src/migrations/index.js';
import { readHistory } from '../../src/runner/index.js';
import { buildSnapshot, snapshotDatabase } from '../../src/state/index.js';
import { scratchBuilder } from '../engine/harness.js';
import { testServer } from '../helpers/server.js';

const SHOP = `
CREATE ROLE strata_adopt_clerk NOLOGIN;
CREATE TYPE order_status AS ENUM ('new', 'paid');
CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE);
COMMENT ON TABLE customers IS 'who buys';
CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  status order_status NOT NULL DEFAULT 'new'
);
CREATE INDEX orders_customer ON orders (customer_id);
GRANT SELECT ON orders TO strata_adopt_clerk;
INSERT INTO customers (email) VALUES ('ada@example.org');`;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-baseline-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});
const build = scratchBuilder('strata_baseline');

async function strata(args: string[], url: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...args, '--database-url', url], { out: (t) => void (out += t), err: (t) => void (err += t), cwd: tmp, isTTY: false });
  return { code, out, err };
}

async function history(url: string) {
  const pool = connect(url, { poolSize: 1 });
  try {
    return await readHistory(pool as unknown as Connection);
  } finally {
    await pool.dispose();
  }
}

it('records a baseline on an existing database, then migrate up applies only what follows', async () => {
  const server = await testServer();
  const dir = path.join(tmp, 'migrations');
  const first = await build(SHOP, 'first');

  const r = await strata(['migrate', 'baseline', '--dir', dir], first.url);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const files = (await readdir(dir)).sort();
  expect(files).toHaveLength(3);
  expect(files[0]).toMatch(/^\d{14}_baseline\.down\.sql$/);
  expect(files[1]).toMatch(/^\d{14}_baseline\.up\.sql$/);
  expect(files[2]).toBe('atlas.sum');
  const up = await readFile(path.join(dir, files[1]!), 'utf8');
  expect(up).toContain('CREATE TABLE public.orders (');
  expect(up).toContain("COMMENT ON TABLE public.customers IS 'who buys'");
  const [baseline] = (await readMigrationDir(dir)).migrations;
  expect(await history(first.url)).toMatchObject([{ version: baseline!.version, name: 'baseline', checksum: baseline!.up.checksum, dirty: false }]);

  // The baseline builds what the database holds, roles included.
  const replayed = await buildSnapshot({ kind: 'migrationsDir', dir }, server.target);
  expect(listDifferences(await snapshotDatabase(first.url), replayed)).toEqual([]);

  const status = await strata(['migrate', 'status', '--dir', dir], first.url);
  expect(status.code).toBe(0);
  expect(status.out).toContain('0 pending');

  // The next migration is all `migrate up` runs; the rows the database had stay.
  const next = `${BigInt(baseline!.version) + 1n}_customer_note`;
  await writeFile(path.join(dir, `${next}.up.sql`), 'ALTER TABLE public.customers ADD COLUMN note text;\n');
  await writeFile(path.join(dir, `${next}.down.sql`), 'ALTER TABLE public.customers DROP COLUMN note;\n');
  expect((await strata(['migrate', 'hash', '--dir', dir], first.url)).code).toBe(0);
  const applied = await strata(['migrate', 'up', '--dir', dir, '--json'], first.url);
  expect(applied.code).toBe(0);
  expect(JSON.parse(applied.out).applied.map((a: { name: string }) => a.name)).toEqual(['customer_note']);
  expect(await queryOnce(first.url, 'SELECT email, note FROM customers')).toEqual([{ email: 'ada@example.org', note: null }]);

  // Baselining a database with a history is refused.
  const twice = await strata(['migrate', 'baseline', '--dir', dir], first.url);
  expect(twice.code).toBe(1);
  expect(twice.err).toContain('already has a migration history');

  // A second database of the same schema reuses the baseline file, then catches up.
  const second = await build(SHOP, 'second');
  const reuse = await strata(['migrate', 'baseline', '--dir', dir, '--json'], second.url);
  expect(reuse.code).toBe(0);
  expect(JSON.parse(reuse.out)).toEqual({ version: baseline!.version, written: [] });
  const caughtUp = await strata(['migrate', 'up', '--dir', dir, '--json'], second.url);
  expect(JSON.parse(caughtUp.out).applied.map((a: { name: string }) => a.name)).toEqual(['customer_note']);

  // A database that is not what the baseline describes is refused, with the differences.
  const other = await build(`${SHOP}\nCREATE TABLE extra (id int);`, 'other');
  const refused = await strata(['migrate', 'baseline', '--dir', dir], other.url);
  expect(refused.code).toBe(1);
  expect(refused.err).toContain('does not match');
  expect(refused.err).toContain('extra table:public.extra');
  expect(await history(other.url)).toEqual([]);
});

it('refuses a folder that holds migrations but no baseline', async () => {
  const dir = path.join(tmp, 'not-first');
  const db = await build('CREATE TABLE t (id int);', 'not-first');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, '20260101000000_init.up.sql'), 'CREATE TABLE t (id int);\n');
  const r = await strata(['migrate', 'baseline', '--dir', dir], db.url);
  expect(r.code).toBe(1);
  expect(r.err).toContain('a baseline is the first migration');
});

it('strata init --from-database lays out a project that holds the pulled schema and a recorded baseline', async () => {
  const server = await testServer();
  const live = await build(SHOP, 'adopted');
  const root = path.join(tmp, 'adopted-project');
  const r = await strata(['init', root, '--from-database', live.url], server.url());
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/pulled \d+ schema file\(s\)/);
  expect((await readdir(path.join(root, 'schema'))).filter((f) => f.endsWith('.sql')).length).toBeGreaterThan(1);
  const [baseline] = (await readMigrationDir(path.join(root, 'migrations'))).migrations;
  expect(baseline!.name).toBe('baseline');
  expect(await history(live.url)).toMatchObject([{ version: baseline!.version, name: 'baseline' }]);
  // The new project is in step: schema/ is what migrations/ builds, and the live database is not drifted.
  const inProject = async (args: string[]) => {
    let out = '';
    const code = await main([...args, '--database-url', server.url()], { out: (t) => void (out += t), err: () => undefined, cwd: root, isTTY: false });
    return { code, out };
  };
  expect(await inProject(['diff'])).toEqual({ code: 0, out: 'no changes\n' });
  const replayed = await buildSnapshot({ kind: 'migrationsDir', dir: path.join(root, 'migrations') }, server.target);
  expect(listDifferences(await snapshotDatabase(live.url), replayed)).toEqual([]);
  // A bad URL is a usage error, before anything is written.
  expect((await strata(['init', path.join(tmp, 'other'), '--from-database', 'not-a-url'], server.url())).code).toBe(2);
});
