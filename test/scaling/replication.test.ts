/**
 * Read replicas (docs/scaling.md): two local PostgreSQL 15 clusters with streaming replication.
 * The reference migrations run on the primary with the strata runner; the standby replays them
 * (its catalog snapshot equals the primary's), tenant-scoped reads with transaction-local
 * settings work there, writes do not, and the runner refuses the standby with SQLSTATE 25006.
 * The lag numbers are printed, not asserted (speed is not a unit test's business).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { StrataError } from '../../src/core/diagnostic.js';
import { connect, queryOnce, sql, type ConnectionPool } from '../../src/db/connect.js';
import { compareSnapshots } from '../../src/engine/index.js';
import { migrateStatus, migrateUp } from '../../src/runner/index.js';
import { tenantRuntime } from '../../src/runtime/index.js';
import { firstOfMonthUtc, seedDatabase, seedProfile } from '../../src/seed/index.js';
import { snapshotDatabase } from '../../src/state/index.js';
import { strata } from '../foundation/helpers.js';
import { PROJECT_ROOT } from '../helpers/server.js';
import { clusterSet, PG15_BIN, type ClusterSet, type LocalCluster } from './clusters.js';

const MIGRATIONS = path.join(PROJECT_ROOT, 'migrations');
const available = existsSync(path.join(PG15_BIN, 'pg_basebackup'));
if (!available) console.log(`replication test skipped: no PostgreSQL 15 binaries in ${PG15_BIN} (apt-get install postgresql-15)`);

const config = await loadConfig(PROJECT_ROOT);
const { withTenant } = tenantRuntime(config.tenancy);
// The dev profile, smaller: the point is which reads a standby serves, not how many rows.
const dev = seedProfile(config, 'dev');
const SMALL = { ...dev, params: { ...dev.params, tenants: { value: 2 }, users_per_tenant: { value: 3 }, projects_per_tenant: { value: 4 }, requirements_per_project: { value: 2 }, tasks_per_project: { value: 3 }, documents_per_tenant: { value: 2 }, events_per_project: { value: 3 }, months: { value: 2 } } };
// The dev seed's ids: md5 of 'org:N' as a uuid (seed/020_generate.sql).
const org = (n: number) => {
  const h = createHash('md5').update(`org:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

let set: ClusterSet;
let primary: LocalCluster;
let standby: LocalCluster;
const pools: ConnectionPool[] = [];
const pool = (url: string) => {
  const p = connect(url, { poolSize: 1 });
  pools.push(p);
  return p;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Open connections for the measurements: a new connection per poll would measure connection setup.
let primaryAdmin: ConnectionPool;
let standbyAdmin: ConnectionPool;

/** Poll the standby until it has replayed `lsn` (a primary WAL position); ms waited. */
async function replayed(lsn: string, timeoutMs = 20_000): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const [r] = await standbyAdmin.query(sql`SELECT pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn AS ok`);
    if (r!.ok) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error(`standby did not replay ${lsn} within ${timeoutMs} ms`);
    await sleep(2);
  }
}
const currentLsn = async () => String((await primaryAdmin.query(sql`SELECT pg_current_wal_lsn()::text AS lsn`))[0].lsn);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

describe.skipIf(!available)('streaming replication: migrations on the primary reach the standby', () => {
  const timings: Record<string, string> = {};

  beforeAll(async () => {
    set = await clusterSet('repl');
    try {
      let t = performance.now();
      primary = await set.primary();
      timings['initdb + start primary'] = ms(performance.now() - t);
      t = performance.now();
      // A standby query that blocks replay is cancelled after 1 s instead of the default 30 s.
      standby = await set.standby(primary, 'max_standby_streaming_delay = 1s');
      timings['pg_basebackup -R + start standby'] = ms(performance.now() - t);
      primaryAdmin = pool(primary.url());
      standbyAdmin = pool(standby.url());
      await primaryAdmin.query(sql`CREATE DATABASE app`);
      await replayed(await currentLsn());
    } catch (e) {
      await set.destroy();
      throw e;
    }
  }, 120_000);

  afterAll(async () => {
    for (const p of pools) await p.dispose().catch(() => undefined);
    const pidFiles = [primary, standby].filter(Boolean).map((c) => path.join(c.data, 'postmaster.pid')).filter((f) => existsSync(f));
    const pids = pidFiles.map((f) => Number(readFileSync(f, 'utf8').split('\n')[0]));
    await set?.destroy();
    // Nothing outlives the test: both postmasters gone (they remove postmaster.pid just before they exit, and
    // may be zombies until reaped), the folder deleted.
    const running = (pid: number) => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    let alive = pids.filter(running);
    for (let i = 0; alive.length && i < 100; i++) {
      await sleep(50);
      alive = alive.filter(running);
    }
    if (set) expect({ alive, folder: existsSync(set.root) }).toEqual({ alive: [], folder: false });
    if (Object.keys(timings).length) console.log(`replication (PostgreSQL 15, loopback; npx vitest run test/scaling/replication.test.ts):\n${Object.entries(timings).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
  });

  it('the standby is in recovery and streaming from the primary', async () => {
    expect((await standbyAdmin.query(sql`SELECT pg_is_in_recovery() AS r`))[0].r).toBe(true);
    const [rep] = await primaryAdmin.query(sql`SELECT state, sync_state FROM pg_stat_replication`);
    expect(rep).toEqual({ state: 'streaming', sync_state: 'async' });
  });

  it('migrations applied on the primary with the runner replay on the standby: equal catalog snapshots', async () => {
    let t = performance.now();
    const run = await migrateUp({ url: primary.url('app'), dir: MIGRATIONS, appliedBy: 'replication test' });
    timings['strata migrate up (primary)'] = ms(performance.now() - t);
    expect(run.applied.length).toBeGreaterThan(0);
    const lag = await replayed(await currentLsn());
    timings['replay of the migrations, after the runner returned'] = ms(lag);

    t = performance.now();
    const [p, s] = await Promise.all([snapshotDatabase(primary.url('app')), snapshotDatabase(standby.url('app'))]);
    timings['catalog snapshots of both'] = ms(performance.now() - t);
    expect(p.objects.length).toBeGreaterThan(100);
    expect(compareSnapshots(p, s)).toEqual([]);
    expect(s.objects).toEqual(p.objects);
    // The history replicated too: the standby knows which versions it holds.
    const status = await migrateStatus({ url: standby.url('app'), dir: MIGRATIONS });
    expect(status.entries.map((e) => e.state)).toEqual(run.applied.map(() => 'applied'));
  }, 120_000);

  it('the runner refuses the standby: read-only, SQLSTATE 25006, and says to use the primary', async () => {
    const err = await migrateUp({ url: standby.url('app'), dir: MIGRATIONS }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StrataError);
    expect((err as StrataError).diagnostic).toMatchObject({ code: 'runner.read-only', sqlstate: '25006' });
    const cli = await strata(['migrate', 'up', '--json', '--database-url', standby.url('app')]);
    expect(cli.code).toBe(1);
    const out = JSON.parse(cli.stdout) as { ok: boolean; diagnostics: { code: string; sqlstate: string; message: string; hint: string }[] };
    expect(out.ok).toBe(false);
    expect(out.diagnostics[0]).toMatchObject({ code: 'runner.read-only', sqlstate: '25006' });
    expect(out.diagnostics[0]!.message).toContain('hot standby');
    expect(out.diagnostics[0]!.hint).toContain('primary');
    // What the server itself says to a write there.
    const raw = await queryOnce(standby.url('app'), 'CREATE TABLE nope (id int)').catch((e: { code?: string }) => e);
    expect((raw as { code?: string }).code).toBe('25006');
  }, 120_000);

  it('tenant reads with transaction-local settings work on the standby; writes, FOR UPDATE and nextval do not', async () => {
    const baseDate = firstOfMonthUtc();
    const t = performance.now();
    await seedDatabase(primary.url('app'), { seedDir: path.join(PROJECT_ROOT, 'seed'), profile: SMALL, force: true, baseDate });
    timings['strata seed (2 tenants x 4 projects, primary)'] = ms(performance.now() - t);
    timings['replay of the seed rows'] = ms(await replayed(await currentLsn()));

    const [acme, globex] = [org(1), org(2)];
    const onPrimary = pool(primary.url('app'));
    const onStandby = pool(standby.url('app'));
    const count = (db: ConnectionPool, tenantId: string) =>
      withTenant(db, { tenantId, role: 'app_viewer' }, async (tx) => {
        const [r] = await tx.query(sql`SELECT count(*)::int AS n, count(DISTINCT organization_id)::int AS orgs, bool_and(organization_id = ${tenantId}) AS own, current_setting('transaction_read_only') AS ro FROM projects`);
        return r as { n: number; orgs: number; own: boolean; ro: string };
      });
    const a = await count(onStandby, acme);
    expect(a).toEqual({ n: 4, orgs: 1, own: true, ro: 'on' });
    expect((await count(onStandby, globex)).n).toBe(4);
    expect({ ...(await count(onPrimary, acme)), ro: 'on' }).toEqual(a);
    // Transaction-local: nothing of the context is left on the standby connection afterwards.
    const after = (await onStandby.query(sql`SELECT current_user AS u, coalesce(current_setting('app.tenant_id', true), '') AS t`))[0];
    expect(after).toEqual({ u: 'postgres', t: '' });

    const fails = (q: ReturnType<typeof sql>) =>
      withTenant(onStandby, { tenantId: acme, role: 'app_admin' }, (tx) => tx.query(q)).then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
    expect(await fails(sql`UPDATE projects SET name = name`)).toBe('25006');
    expect(await fails(sql`SELECT id FROM projects LIMIT 1 FOR UPDATE`)).toBe('25006');
    const seq = await queryOnce(standby.url('app'), `SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))`).catch((e: { code?: string }) => e);
    expect((seq as { code?: string }).code).toBe('25006');
  }, 120_000);

  it('a migration lock replays only when standby readers of the table are gone (cancelled after max_standby_streaming_delay)', async () => {
    await primaryAdmin.query(sql`CREATE TABLE lag_probe (id int PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())`);
    await replayed(await currentLsn());

    // Commit-to-visible lag of single-row writes.
    const lags: number[] = [];
    for (let i = 1; i <= 50; i++) {
      await primaryAdmin.query(sql`INSERT INTO lag_probe (id) VALUES (${i})`);
      lags.push(await replayed(await currentLsn()));
    }
    timings['single-row commit → replayed on standby (50 writes)'] = `p50 ${ms(pct(lags, 50))}, p95 ${ms(pct(lags, 95))}, max ${ms(Math.max(...lags))}`;

    // A long read on the standby holds ACCESS SHARE on the table; the primary's ALTER TABLE
    // (ACCESS EXCLUSIVE, as a migration takes) must wait for it in replay, then cancels it.
    const reader = pool(standby.url());
    const held = reader.tx(async (tx) => {
      await tx.query(sql`SELECT count(*) FROM lag_probe`);
      await tx.query(sql`SELECT pg_sleep(5)`);
    }).then(
      () => 'finished',
      (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`,
    );
    await sleep(200);
    await primaryAdmin.query(sql`ALTER TABLE lag_probe ADD COLUMN note text`);
    const lag = await replayed(await currentLsn());
    timings['ALTER TABLE replay behind a standby reader (max_standby_streaming_delay = 1s)'] = ms(lag);
    const outcome = await held;
    expect(outcome).toMatch(/^40001: canceling statement due to conflict with recovery/);
    expect(lag).toBeGreaterThan(500);
    const [rep] = await primaryAdmin.query(sql`SELECT replay_lag::text AS lag FROM pg_stat_replication`);
    timings['pg_stat_replication.replay_lag afterwards'] = String(rep?.lag ?? 'null (idle)');
  }, 120_000);
});
