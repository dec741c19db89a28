/**
 * Lock-safe migrations on real PostgreSQL (src/plan/online.ts, src/runner/online.ts):
 * - each online form as rendered from two real states, with the hazards and locks of its steps;
 * - an online plan in two migrations (transactional, then one statement at a time) is proven,
 *   applies, rolls back, and lint does not flag its forms;
 * - the runner retries a statement that gives up waiting for a lock (55P03), and fails after N;
 * - a failed CREATE INDEX CONCURRENTLY leaves an INVALID index; the re-run drops it and builds.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StrataError } from '../../src/core/diagnostic.js';
import { connect, sql } from '../../src/db/connect.js';
import { diffSnapshots } from '../../src/engine/index.js';
import { planMigration, writePlannedMigration } from '../../src/proof/index.js';
import { migrateDown, migrateRepair, migrateUp, type RunnerEvent } from '../../src/runner/index.js';
import { buildSnapshot, snapshotDatabase } from '../../src/state/index.js';
import { compareSnapshots } from '../../src/engine/index.js';
import { projectSession } from '../helpers/projects.js';
import { query, scratch, tempDir } from '../runner/helpers.js';

const session = projectSession();
const { cleanups, strata, initialised } = session;

const BEFORE = `CREATE TABLE accounts (id bigint PRIMARY KEY, name text);
CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint, amount integer, note text, qty integer NOT NULL);
CREATE INDEX orders_note ON orders (note);
`;
const AFTER = `CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint REFERENCES accounts, amount integer CHECK (amount >= 0),
  note text, qty bigint NOT NULL, status text NOT NULL DEFAULT 'new');
CREATE INDEX orders_account ON orders (account_id);
CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint REFERENCES orders);
CREATE INDEX refunds_order ON refunds (order_id);
`;

async function sqlFiles(a: string, b: string) {
  const d = await tempDir({ 'a.sql': a, 'b.sql': b });
  cleanups.push(d.remove);
  return { a: path.join(d.dir, 'a.sql'), b: path.join(d.dir, 'b.sql'), dir: d.dir };
}

describe('online forms', () => {
  it('renders CONCURRENTLY, NOT VALID + VALIDATE, NOT NULL through a CHECK, lock_timeout; new tables stay plain', async () => {
    const f = await sqlFiles(BEFORE, AFTER);
    const [a, b] = await Promise.all([buildSnapshot({ kind: 'sqlFile', file: f.a }, session.server), buildSnapshot({ kind: 'sqlFile', file: f.b }, session.server)]);
    const plain = diffSnapshots(a, b);
    const online = diffSnapshots(a, b, { online: { lockTimeout: '2s' } });
    const sqlOf = (x: typeof online) => x.steps.map((s) => s.sql);
    expect(sqlOf(plain)).toContain('CREATE INDEX orders_account ON public.orders USING btree (account_id)');

    const byPrefix = (p: string) => online.steps.find((s) => s.sql.startsWith(p));
    const index = byPrefix('CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_account ON public.orders')!;
    expect(index).toMatchObject({ transactional: false, lock: 'SHARE UPDATE EXCLUSIVE' });
    expect(byPrefix('DROP INDEX CONCURRENTLY IF EXISTS public.orders_note')).toMatchObject({ transactional: false, lock: 'SHARE UPDATE EXCLUSIVE' });
    // The new table's index and foreign key need no online form: the table is empty.
    expect(sqlOf(online)).toContain('CREATE INDEX refunds_order ON public.refunds USING btree (order_id)');
    expect(sqlOf(online).some((s) => s.includes('refunds') && s.includes('NOT VALID'))).toBe(false);

    const fk = byPrefix('ALTER TABLE public.orders ADD CONSTRAINT orders_account_id_fkey FOREIGN KEY')!;
    expect(fk.sql).toMatch(/ NOT VALID$/);
    expect(fk).toMatchObject({ transactional: true, lock: 'SHARE ROW EXCLUSIVE', hazards: [] });
    expect(byPrefix('ALTER TABLE public.orders VALIDATE CONSTRAINT orders_account_id_fkey')).toMatchObject({ transactional: false, lock: 'SHARE UPDATE EXCLUSIVE', hazards: ['validation-scan'] });
    expect(byPrefix('ALTER TABLE public.orders ADD CONSTRAINT orders_amount_check CHECK ((amount >= 0)) NOT VALID')).toBeDefined();
    expect(byPrefix('ALTER TABLE public.orders VALIDATE CONSTRAINT orders_amount_check')).toBeDefined();

    // SET NOT NULL: a CHECK proves it first, then the check goes.
    const nn = online.steps.filter((s) => s.objectId === 'column:public.accounts.name').map((s) => s.sql);
    expect(nn).toEqual([
      'ALTER TABLE public.accounts ADD CONSTRAINT name_strata_nn CHECK (name IS NOT NULL) NOT VALID',
      'ALTER TABLE public.accounts VALIDATE CONSTRAINT name_strata_nn',
      // One short transaction, its SHARE UPDATE EXCLUSIVE lock first: an autovacuum is waited out without blocking the workload.
      'BEGIN',
      'LOCK TABLE public.accounts IN SHARE UPDATE EXCLUSIVE MODE',
      'ALTER TABLE public.accounts ALTER COLUMN name SET NOT NULL',
      'ALTER TABLE public.accounts DROP CONSTRAINT IF EXISTS name_strata_nn',
      'COMMIT',
    ]);
    expect(sqlOf(plain)).toContain('ALTER TABLE public.accounts ALTER COLUMN name SET NOT NULL');
    // A new NOT NULL column with a constant default: added nullable, then the same way.
    const status = online.steps.filter((s) => s.objectId === 'column:public.orders.status').map((s) => s.sql);
    expect(status[0]).toBe("ALTER TABLE public.orders ADD COLUMN status text DEFAULT 'new'::text");
    expect(status.slice(1, 3)).toEqual(['ALTER TABLE public.orders ADD CONSTRAINT status_strata_nn CHECK (status IS NOT NULL) NOT VALID', 'ALTER TABLE public.orders VALIDATE CONSTRAINT status_strata_nn']);

    // Widening a plain column: a synced copy, a batched backfill, a swap; no rewrite under ACCESS EXCLUSIVE.
    const qty = online.steps.filter((s) => s.objectId === 'column:public.orders.qty');
    expect(qty.map((s) => s.sql.split('\n')[0])).toEqual([
      'ALTER TABLE public.orders ADD COLUMN qty_strata_new bigint',
      'CREATE FUNCTION public.orders_qty_strata_sync() RETURNS trigger LANGUAGE plpgsql AS $strata$BEGIN NEW.qty_strata_new := NEW.qty; RETURN NEW; END$strata$',
      'CREATE TRIGGER qty_strata_sync BEFORE INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.orders_qty_strata_sync()',
      'ALTER TABLE public.orders ADD CONSTRAINT qty_strata_copy CHECK (qty_strata_new IS NOT NULL) NOT VALID',
      'DO $strata$',
      'ALTER TABLE public.orders VALIDATE CONSTRAINT qty_strata_copy',
      'BEGIN',
      'LOCK TABLE public.orders IN SHARE UPDATE EXCLUSIVE MODE',
      'ALTER TABLE public.orders ALTER COLUMN qty_strata_new SET NOT NULL',
      'ALTER TABLE public.orders DROP CONSTRAINT IF EXISTS qty_strata_copy',
      'DROP TRIGGER qty_strata_sync ON public.orders',
      'DROP FUNCTION public.orders_qty_strata_sync()',
      'ALTER TABLE public.orders DROP COLUMN qty',
      'ALTER TABLE public.orders RENAME COLUMN qty_strata_new TO qty',
      'COMMIT',
    ]);
    expect(qty.map((s) => s.transactional)).toEqual([true, true, true, true, false, false, false, false, false, false, false, false, false, false, false]);
    // The backfill sizes its batches to the time each takes, between BACKFILL_PAGES and BACKFILL_MAX_PAGES heap pages.
    expect(qty.find((s) => s.sql.startsWith('DO $strata$'))!.sql).toMatch(/step := CASE WHEN ms < 25 THEN least\(step \* 2, 256\) WHEN ms > 100 THEN greatest\(step \/ 2, 1\)/);
    // …and rests half a batch's time after each commit, so the workload is not starved between batches.
    expect(qty.find((s) => s.sql.startsWith('DO $strata$'))!.sql).toMatch(/COMMIT;\n.*\n.*\n\s*PERFORM pg_sleep\(least\(ms, 100\) \/ 2000\.0\);/);
    expect(qty.every((s) => !s.hazards.includes('table-rewrite'))).toBe(true);
    expect(plain.steps.find((s) => s.objectId === 'column:public.orders.qty')!.hazards).toContain('table-rewrite');

    // Two migrations: the transactional part first, the steps that run on their own after it.
    expect(online.phases).toHaveLength(2);
    const [first, second] = online.phases!;
    expect(first!.steps.every((s) => s.transactional)).toBe(true);
    expect(first!.up.split('\n')[0]).toBe("SET LOCAL lock_timeout = '2s';");
    expect(second!.up).toMatch(/^-- strata:no-transaction\n-- atlas:txmode none\n\nSET lock_timeout = '2s';\n/);
    expect(second!.steps.map((s) => s.sql)).toContain(index.sql);
    // The down plan is online too.
    expect(online.down).toContain('DROP INDEX CONCURRENTLY IF EXISTS public.orders_account');
  });

  it('strata diff --from/--to --online prints both migrations; --plain overrides the config default', async () => {
    const f = await sqlFiles(BEFORE, AFTER);
    await writeFile(path.join(f.dir, 'strata.config.json'), '{ "online": { "enabled": true, "lockTimeout": "3s" } }\n');
    const r = await strata(['diff', '--from', f.a, '--to', f.b], f.dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain("SET LOCAL lock_timeout = '3s';");
    expect(r.out).toContain('CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_account');
    const p = await strata(['diff', '--from', f.a, '--to', f.b, '--plain'], f.dir);
    expect(p.out).not.toContain('CONCURRENTLY');
    await writeFile(path.join(f.dir, 'strata.config.json'), '{ "online": { "retries": "five" } }\n');
    const bad = await strata(['diff', '--from', f.a, '--to', f.b], f.dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('"online.retries" must be a whole number');
  });
});

describe('online plans are proven and run', () => {
  it('two migrations, proven; they apply with rows, roll back, and lint does not flag the online forms', async () => {
    const p = await initialised(BEFORE);
    await writeFile(path.join(p.schemaDir, 'app.sql'), AFTER);
    const planned = await planMigration({ server: session.server, schemaDir: p.schemaDir, migrationsDir: p.dir, name: 'online', online: { lockTimeout: '2s' } });
    expect(planned.proof.status).toBe('proven');
    expect(planned.following).toHaveLength(1);
    const second = planned.following![0]!;
    expect(second.files.up.name).toBe(`${BigInt(planned.version) + 1n}_online_online.up.sql`);
    expect(second.files.up.content).toContain('-- strata:no-transaction');
    expect(second.header.from).toBe(planned.header.to);
    await writePlannedMigration(p.dir, planned);
    expect((await readdir(p.dir)).filter((n) => n.endsWith('.sql'))).toHaveLength(6);

    // A live database with rows: up (both), the catalog equals schema/; down twice, equals the start.
    const db = await scratch();
    cleanups.push(db.drop);
    const first = (await readdir(p.dir)).sort()[0]!.split('_')[0]!;
    await migrateUp({ url: db.url, dir: p.dir, to: first });
    await query(db.url, `INSERT INTO accounts SELECT g, 'a' || g FROM generate_series(1, 500) g; INSERT INTO orders SELECT g, g % 500 + 1, g, NULL, g FROM generate_series(1, 5000) g`);
    const before = await snapshotDatabase(db.url);
    const events: RunnerEvent[] = [];
    const up = await migrateUp({ url: db.url, dir: p.dir, onEvent: (e) => events.push(e) });
    expect(up.applied.map((a) => a.name)).toEqual(['online', 'online_online']);
    expect(events.filter((e) => e.kind === 'start').map((e) => (e as { transactional: boolean }).transactional)).toEqual([true, false]);
    // planned.desired is schema/ as the one state builder built it for the plan.
    expect(compareSnapshots(planned.desired, await snapshotDatabase(db.url))).toEqual([]);
    const [row] = await query<{ n: string }>(db.url, `SELECT count(*) AS n FROM orders WHERE status = 'new'`);
    expect(Number(row?.n)).toBe(5000);
    // The widened column kept every value.
    expect(await query(db.url, `SELECT sum(qty)::text AS s, pg_typeof(min(qty))::text AS t FROM orders`)).toEqual([{ s: '12502500', t: 'bigint' }]);
    await migrateDown({ url: db.url, dir: p.dir, steps: 2 });
    expect(compareSnapshots(before, await snapshotDatabase(db.url))).toEqual([]);

    // Lint what is pending on that database (back at init, its tables holding rows): both online migrations.
    const lint = JSON.parse((await strata(['lint', '--no-schema', '--format', 'json'], p.root, db.url)).out) as { migrations: string[]; findings: { rule: string }[] };
    expect(lint.migrations).toEqual([planned.version, second.version]);
    const found = lint.findings.map((x) => x.rule);
    const locking = ['index-not-concurrent', 'constraint-not-valid', 'lock-timeout', 'table-rewrite', 'data-dependent', 'destructive'];
    for (const r of locking) expect(found).not.toContain(r);
  }, 300_000);

  it('the same change planned plainly is flagged by the locking, rewrite and data lint rules', async () => {
    const lintRules = async (root: string) =>
      (JSON.parse((await strata(['lint', '--all', '--no-schema', '--format', 'json'], root)).out) as { findings: { rule: string }[] }).findings.map((x) => x.rule);
    const locking = ['index-not-concurrent', 'constraint-not-valid', 'lock-timeout', 'table-rewrite', 'data-dependent'];
    const q = await initialised(BEFORE);
    await writeFile(path.join(q.schemaDir, 'app.sql'), AFTER);
    expect((await strata(['diff', 'plain'], q.root)).code).toBe(0);
    expect(await lintRules(q.root)).toEqual(expect.arrayContaining(locking));
  }, 300_000);
});

/** A second connection holding `mode` on `table` inside an open transaction until `release()`. */
async function holdLock(dbUrl: string, table: string, mode: string): Promise<{ release(): Promise<void> }> {
  const pool = connect(dbUrl, { poolSize: 1 });
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const done = pool.tx(async (tx) => {
    await tx.query(sql.__dangerous__rawValue(`LOCK TABLE ${table} IN ${mode} MODE`));
    locked();
    await released;
  });
  await isLocked;
  return {
    async release() {
      release();
      await done;
      await pool.dispose();
    },
  };
}

describe('lock_timeout retries', () => {
  for (const transactional of [true, false]) {
    it(`${transactional ? 'a transactional' : 'a non-transactional'} migration is retried on 55P03 and succeeds once the lock is free; fails after N retries`, async () => {
      const db = await scratch();
      cleanups.push(db.drop);
      await query(db.url, 'CREATE TABLE busy (id int)');
      const head = transactional ? "SET LOCAL lock_timeout = '50ms';\n" : "-- strata:no-transaction\n\nSET lock_timeout = '50ms';\n";
      const d = await tempDir({ '1_add.up.sql': `${head}ALTER TABLE busy ADD COLUMN x int;\n`, '1_add.down.sql': 'ALTER TABLE busy DROP COLUMN x;\n' });
      cleanups.push(d.remove);

      const lock = await holdLock(db.url, 'busy', 'ACCESS SHARE');
      const events: RunnerEvent[] = [];
      const run = migrateUp({ url: db.url, dir: d.dir, lockRetry: { retries: 20, delayMs: 40 }, onEvent: (e) => events.push(e) });
      // Let it time out at least once, then free the table.
      while (!events.some((e) => e.kind === 'lock-retry')) await new Promise((r) => setTimeout(r, 20));
      await lock.release();
      expect((await run).applied).toHaveLength(1);
      const retries = events.filter((e) => e.kind === 'lock-retry');
      expect(retries[0]).toMatchObject({ kind: 'lock-retry', file: '1_add.up.sql', attempt: 1, retries: 20, line: transactional ? 2 : 4 });
      expect((await query(db.url, `SELECT 1 FROM pg_attribute WHERE attrelid = 'busy'::regclass AND attname = 'x'`)).length).toBe(1);

      // Held for good: N retries, then the error, with its SQLSTATE.
      await migrateDown({ url: db.url, dir: d.dir });
      const held = await holdLock(db.url, 'busy', 'ACCESS SHARE');
      try {
        const seen: RunnerEvent[] = [];
        const err = await migrateUp({ url: db.url, dir: d.dir, lockRetry: { retries: 3, delayMs: 10 }, onEvent: (e) => seen.push(e) }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(StrataError);
        const diag = (err as StrataError).diagnostic;
        expect(diag.sqlstate).toBe('55P03');
        expect(diag.message).toContain('SQLSTATE 55P03; gave up after 3 retries');
        expect(seen.filter((e) => e.kind === 'lock-retry')).toHaveLength(3);
      } finally {
        await held.release();
      }
      if (!transactional) await migrateRepair({ url: db.url, dir: d.dir });
      expect((await migrateUp({ url: db.url, dir: d.dir })).applied).toHaveLength(1);
    });
  }
});

describe('a BEGIN … COMMIT block in a no-transaction migration', () => {
  it('is rolled back and retried as one unit when a statement in it gives up waiting for a lock', async () => {
    const db = await scratch();
    cleanups.push(db.drop);
    await query(db.url, 'CREATE TABLE busy (id int); CREATE TABLE other (id int)');
    const d = await tempDir({
      '1_swap.up.sql': "-- strata:no-transaction\n\nSET lock_timeout = '50ms';\nBEGIN;\nALTER TABLE other ADD COLUMN y int;\nALTER TABLE busy ADD COLUMN y int;\nCOMMIT;\n",
    });
    cleanups.push(d.remove);
    const lock = await holdLock(db.url, 'busy', 'ACCESS SHARE');
    const events: RunnerEvent[] = [];
    const run = migrateUp({ url: db.url, dir: d.dir, lockRetry: { retries: 20, delayMs: 40 }, onEvent: (e) => events.push(e) });
    while (!events.some((e) => e.kind === 'lock-retry')) await new Promise((r) => setTimeout(r, 20));
    // The block's first statement was rolled back with it: a retry of the failed statement alone would find "other" altered.
    expect(await query(db.url, `SELECT attname FROM pg_attribute WHERE attrelid = 'other'::regclass AND attname = 'y'`)).toEqual([]);
    await lock.release();
    expect((await run).applied).toHaveLength(1);
    expect(events.find((e) => e.kind === 'lock-retry')).toMatchObject({ line: 6 });
    expect(await query(db.url, `SELECT attrelid::regclass::text AS t FROM pg_attribute WHERE attname = 'y' AND attrelid IN ('busy'::regclass, 'other'::regclass) ORDER BY 1`)).toEqual([{ t: 'busy' }, { t: 'other' }]);
  });
});

describe('a failed concurrent index build', () => {
  it('leaves an INVALID index; the re-run drops it and builds a valid one (IF NOT EXISTS alone would skip it)', async () => {
    const db = await scratch();
    cleanups.push(db.drop);
    await query(db.url, 'CREATE TABLE codes (id int, code text); INSERT INTO codes VALUES (1, \'a\'), (2, \'a\'), (3, \'b\')');
    const d = await tempDir({
      '1_unique.up.sql': "-- strata:no-transaction\n\nSET lock_timeout = '2s';\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS codes_code ON public.codes USING btree (code);\n",
      '1_unique.down.sql': '-- strata:no-transaction\n\nDROP INDEX CONCURRENTLY IF EXISTS public.codes_code;\n',
    });
    cleanups.push(d.remove);
    const err = await migrateUp({ url: db.url, dir: d.dir }).catch((e: unknown) => e);
    expect((err as StrataError).diagnostic).toMatchObject({ code: 'runner.dirty', sqlstate: '23505' });
    const valid = () => query<{ v: boolean }>(db.url, `SELECT indisvalid AS v FROM pg_index WHERE indexrelid = 'codes_code'::regclass`);
    expect(await valid()).toEqual([{ v: false }]);

    await query(db.url, `DELETE FROM codes WHERE id = 2`);
    await migrateRepair({ url: db.url, dir: d.dir });
    const events: RunnerEvent[] = [];
    await migrateUp({ url: db.url, dir: d.dir, onEvent: (e) => events.push(e) });
    expect(events).toContainEqual({ kind: 'invalid-index-dropped', file: '1_unique.up.sql', line: 4, index: 'public.codes_code' });
    expect(await valid()).toEqual([{ v: true }]);
    expect((await query(db.url, `SELECT count(*)::int AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'codes_code'`))[0]).toEqual({ n: 1 });
  });
});

describe('the ACCESS EXCLUSIVE block of an online SET NOT NULL behind a SHARE UPDATE EXCLUSIVE holder (an autovacuum)', () => {
  /** Apply `up` while a stand-in for autovacuum holds SHARE UPDATE EXCLUSIVE; whether a write gets through meanwhile. */
  async function writeWhileWaiting(dbUrl: string, up: string): Promise<{ wrote: boolean; applied: number }> {
    const d = await tempDir({ '1_nn.up.sql': up });
    cleanups.push(d.remove);
    const vacuum = await holdLock(dbUrl, 'people', 'SHARE UPDATE EXCLUSIVE');
    const run = migrateUp({ url: dbUrl, dir: d.dir, lockRetry: { retries: 3, delayMs: 100 } });
    // Wait until the migration queues for its lock on the table.
    const waiting = () => query<{ n: number }>(dbUrl, `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'people'::regclass`);
    for (let i = 0; (await waiting())[0]!.n === 0; i++) {
      if (i > 200) throw new Error('the migration never waited for its lock');
      await new Promise((r) => setTimeout(r, 20));
    }
    const wrote = await query(dbUrl, `SET statement_timeout = '1s'; INSERT INTO people VALUES (2, 'b')`).then(
      () => true,
      () => false,
    );
    await vacuum.release();
    const applied = (await run).applied.length;
    return { wrote, applied };
  }

  it('keeps the workload writing while it waits, where the same block without the SHARE UPDATE EXCLUSIVE lock first queues it', async () => {
    const db = await scratch();
    cleanups.push(db.drop);
    await query(db.url, `CREATE TABLE people (id int, name text); INSERT INTO people VALUES (1, 'a')`);
    const from = await snapshotDatabase(db.url);
    const desired = await tempDir({ 'people.sql': 'CREATE TABLE people (id int, name text NOT NULL);\n' });
    cleanups.push(desired.remove);
    const to = await buildSnapshot({ kind: 'sqlFile', file: path.join(desired.dir, 'people.sql') }, session.server);
    const plan = diffSnapshots(from, to, { online: { lockTimeout: '5s' } });
    const [first, second] = plan.phases!;
    expect(second!.steps.map((s) => s.sql)).toContain('LOCK TABLE public.people IN SHARE UPDATE EXCLUSIVE MODE');
    await query(db.url, first!.up);

    expect(await writeWhileWaiting(db.url, second!.up)).toEqual({ wrote: true, applied: 1 });
    expect(await query(db.url, `SELECT attnotnull AS nn FROM pg_attribute WHERE attrelid = 'people'::regclass AND attname = 'name'`)).toEqual([{ nn: true }]);

    // Control: without the lock first, ALTER TABLE queues for ACCESS EXCLUSIVE and the write queues behind it.
    const other = await scratch();
    cleanups.push(other.drop);
    await query(other.url, `CREATE TABLE people (id int, name text); INSERT INTO people VALUES (1, 'a')`);
    const bare = "-- strata:no-transaction\n\nSET lock_timeout = '5s';\nBEGIN;\nALTER TABLE public.people ALTER COLUMN name SET NOT NULL;\nCOMMIT;\n";
    expect(await writeWhileWaiting(other.url, bare)).toEqual({ wrote: false, applied: 1 });
  });
});
