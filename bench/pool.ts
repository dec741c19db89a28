/**
 * Connection pooling under load: BENCH_POOL_CLIENTS (1,000) concurrent client connections,
 * each over TLS, through PgBouncer in transaction mode (the shipped pgbouncer.ini rendered
 * from strata.config.json, with loopback ports and test certificates) to the reference
 * dataset at `seed --scale BENCH_POOL_SCALE` (1: 10 tenants). For BENCH_POOL_SECONDS (30) every
 * client holds its own connection and runs typical queries from queries/ in a loop, each
 * transaction inside `tenantRuntime(config.tenancy).withTenant(...)` (role and tenant set
 * transaction-locally). Every returned row's tenant (its tenant column, or the tenant of its
 * id as the superuser sees it) is checked against the transaction's tenant, each transaction
 * also asks for a random project of any tenant (other tenants' must not come back), and every
 * fourth iteration (the first included) a bare query outside withTenant checks that no context leaked through a
 * reused server connection. Errors, cross-tenant rows and leaks must all be 0, else the section fails.
 * Loopback only, bounded in clients and time.
 *   BENCH_POOL_CLIENTS=1000 BENCH_POOL_SECONDS=30 npx tsx bench/run.ts pool
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../src/cluster/embedded.js';
import { connect, queryOnce, sql } from '../src/db/connect.js';
import { projectPoolFiles, readUserlist, renderPoolFiles, renderUserlist } from '../src/pool/index.js';
import { pgbouncerBinary, selfSignedCertificate, startPgbouncer } from '../src/pool/local.js';
import { camelCaseRow, runQuery, tenantRuntime, type TenantContext } from '../src/runtime/index.js';
import { createHarness } from '../src/testing/index.js';
import { getProject, listProjectsByStatus } from '../queries/projects.queries.js';
import { taskBoardForAssignee } from '../queries/tasks.queries.js';
import { listNotifications, unreadNotificationCount } from '../queries/notifications.queries.js';
import type { Bench, BenchRow } from './lib.js';

const CLIENTS = Number(process.env.BENCH_POOL_CLIENTS ?? 1000);
const SECONDS = Number(process.env.BENCH_POOL_SECONDS ?? 30);
const SCALE = Number(process.env.BENCH_POOL_SCALE ?? 1);
const LOGIN = 'strata_bench_pool';

function pct(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** User + system CPU of a process so far, in ms (Linux /proc); 0 when it is gone. */
async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return f.length > 13 ? ((Number(f[11]) + Number(f[12])) * 1000) / TICKS : 0;
}

function semaphore(n: number): { acquire(): Promise<void>; release(): void } {
  const waiting: (() => void)[] = [];
  return {
    async acquire() {
      if (n > 0) n--;
      else await new Promise<void>((r) => waiting.push(r));
    },
    release() {
      const next = waiting.shift();
      if (next) next();
      else n++;
    },
  };
}

function openFileLimit(): number {
  const r = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' });
  const v = r.stdout.trim();
  return v === 'unlimited' ? Infinity : Number(v);
}

const bench: Bench = {
  title: `Connection pooling: ${CLIENTS.toLocaleString('en')} TLS clients through PgBouncer (transaction mode, withTenant)`,
  async run(ctx) {
    if (!pgbouncerBinary()) throw new Error('pgbouncer is not installed (apt-get install -y --no-install-recommends pgbouncer)');
    // Each client is one socket here and one in PgBouncer (which inherits this limit), plus the server side.
    const limit = openFileLimit();
    if (limit < CLIENTS + 200) throw new Error(`ulimit -n is ${limit}: ${CLIENTS} clients need at least ${CLIENTS + 200} open files (raise it: ulimit -n 4096)`);

    const h = await createHarness({ root: ctx.root, server: ctx.server, seed: { scale: SCALE }, label: 'bench_pool' });
    const db = await h.database('pool');
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-bench-pool-'));
    const tenancy = h.config.tenancy!;
    const tenantKey = Object.keys(camelCaseRow({ [tenancy.column]: 1 }))[0]!;
    let bouncer: Awaited<ReturnType<typeof startPgbouncer>> | undefined;
    const server = new URL(ctx.server.adminUrl);
    try {
      // The application's login role: a member of the tenant roles, with a SCRAM password.
      const password = `bench-${process.pid}-${Date.now()}`;
      await queryOnce(ctx.server.adminUrl, `DROP ROLE IF EXISTS ${LOGIN}`);
      await queryOnce(ctx.server.adminUrl, `CREATE ROLE ${LOGIN} LOGIN PASSWORD '${password}'; GRANT ${tenancy.roles.join(', ')} TO ${LOGIN}`);

      // Ground truth, read as the superuser (outside RLS): which tenant every row belongs to.
      const owner = await db.client();
      const tenantOf = new Map<string, string>();
      for (const table of ['projects', 'tasks', 'notifications']) {
        const { rows } = await owner.query<{ id: string; t: string }>(`SELECT id::text, ${tenancy.column}::text AS t FROM ${table}`);
        for (const r of rows) tenantOf.set(r.id, r.t);
      }
      const members = (await owner.query<{ t: string; users: string[] }>(
        `SELECT ${tenancy.column}::text AS t, array_agg(user_id::text ORDER BY user_id) AS users FROM organization_members GROUP BY 1 ORDER BY 1`,
      )).rows;
      const projectIds = (await owner.query<{ id: string }>('SELECT id::text FROM projects ORDER BY id')).rows.map((r) => r.id);

      // The shipped pgbouncer.ini with loopback ports, files in tmp and sizes for this many clients.
      // The dev cluster has no TLS (its configuration belongs to the other tests), so only the
      // PgBouncer → server leg is plain here; test/pool/tls.test.ts covers that leg with TLS.
      const cert = await selfSignedCertificate(tmp, 'pgbouncer');
      const { pool: shipped } = projectPoolFiles(h.config);
      const port = await freePort();
      const logfile = path.join(tmp, 'pgbouncer.log');
      const pool = {
        ...shipped,
        database: db.name,
        serverDatabase: db.name,
        listenAddr: '127.0.0.1',
        listenPort: port,
        serverHost: server.hostname,
        serverPort: Number(server.port || 5432),
        maxClientConn: CLIENTS + 100,
        files: { ...shipped.files, authFile: path.join(tmp, 'userlist.txt'), logfile, pidfile: path.join(tmp, 'pgbouncer.pid'), clientTlsCert: cert.cert, clientTlsKey: cert.key },
      };
      const ini = renderPoolFiles(pool, tenancy)['pgbouncer.ini'].replace(/^server_tls_sslmode = .*$/m, 'server_tls_sslmode = prefer');
      await writeFile(path.join(tmp, 'pgbouncer.ini'), ini);
      const { entries } = await readUserlist(ctx.server.adminUrl, tenancy.roles);
      await writeFile(pool.files.authFile, renderUserlist(entries.filter((e) => e.role === LOGIN)), { mode: 0o600 });
      bouncer = await startPgbouncer({ dir: tmp, ini: path.join(tmp, 'pgbouncer.ini'), port, logfile });

      const ca = await readFile(cert.cert, 'utf8');
      const clients = connect(`postgres://${LOGIN}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(db.name)}`, {
        poolSize: CLIENTS,
        ssl: { ca, servername: 'localhost' },
        idleTimeoutMilliseconds: 0,
        connectionTimeoutMilliseconds: 60_000,
        queueTimeoutMilliseconds: 120_000,
      });
      const { withTenant } = tenantRuntime(tenancy);

      // Server connections PgBouncer opened for the login role, sampled while the load runs.
      // Their pids too: the CPU the server spent is read from /proc, since on a shared machine
      // CPU per transaction is the figure other load barely moves.
      let maxServer = 0;
      let sampling = true;
      const backendCpuAtStart = new Map<number, number>();
      const sampleBackends = async () => {
        const rows = await queryOnce<{ pid: number }>(ctx.server.adminUrl, `SELECT pid FROM pg_stat_activity WHERE usename = $1 AND datname = $2`, [LOGIN, db.name]).catch(() => []);
        maxServer = Math.max(maxServer, rows.length);
        for (const r of rows) if (!backendCpuAtStart.has(r.pid)) backendCpuAtStart.set(r.pid, loadStarted ? 0 : await processCpuMs(r.pid));
      };
      let loadStarted = false;
      const sampler = (async () => {
        while (sampling) {
          await sampleBackends();
          await new Promise((res) => setTimeout(res, 250));
        }
      })();

      const latencies: number[] = [];
      // Until the callback runs: waiting for a server connection, BEGIN and setting the context; after: the queries and COMMIT.
      const setupMs: number[] = [];
      const workMs: number[] = [];
      let queries = 0;
      let checked = 0;
      let unverified = 0;
      let crossTenant = 0;
      let leakProbes = 0;
      let leaks = 0;
      let connected = 0;
      let connectFailures = 0;
      const errors: string[] = [];
      let errorCount = 0;
      let release!: () => void;
      const ready = new Promise<void>((r) => (release = r));
      // Clients start together once every one is connected and the baselines are taken.
      let start!: () => void;
      const go = new Promise<void>((r) => (start = r));
      const arrived = () => {
        if (connected + connectFailures === CLIENTS) release();
      };
      let deadline = Infinity;
      const connectStart = performance.now();
      let connectMs = 0;

      const check = (rows: Record<string, unknown>[], tenant: string, idKeys: string[]) => {
        for (const row of rows) {
          for (const k of idKeys) {
            const owner = (k === 'id' && typeof row[tenantKey] === 'string' ? row[tenantKey] : tenantOf.get(String(row[k]))) as string | undefined;
            if (owner === undefined) unverified++;
            else if (owner !== tenant) crossTenant++;
            checked++;
          }
        }
      };

      // TLS handshakes are CPU work on a shared machine: at most 50 in flight, so none times out.
      const connecting = semaphore(50);
      const client = async (i: number) => {
        const m = members[i % members.length]!;
        const user = m.users[i % m.users.length]!;
        const ctxFor: TenantContext = { tenantId: m.t, userId: user, role: tenancy.roles[i % tenancy.roles.length]! };
        let entered = false;
        try {
          await connecting.acquire();
          await clients.task(async (conn) => {
            entered = true;
            connecting.release();
            connected++;
            arrived();
            await go;
            for (let n = 0; performance.now() < deadline; n++) {
              const t0 = performance.now();
              try {
                let t1 = 0;
                await withTenant(conn, ctxFor, async (tx) => {
                  t1 = performance.now();
                  const probe = projectIds[(i * 7919 + n * 104729) % projectIds.length]!;
                  check((await runQuery(getProject, { id: probe }, tx)) as never, m.t, ['id']);
                  switch (n % 4) {
                    case 0:
                      check((await runQuery(listProjectsByStatus, { status: 'active', limit: 20 }, tx)) as never, m.t, ['id']);
                      break;
                    case 1:
                      check((await runQuery(taskBoardForAssignee, { assigneeId: user, statuses: ['todo', 'in_progress'], limit: 50 }, tx)) as never, m.t, ['id', 'projectId']);
                      break;
                    case 2:
                      check((await runQuery(listNotifications, { userId: user, limit: 20 }, tx)) as never, m.t, ['id']);
                      break;
                    default:
                      await runQuery(unreadNotificationCount, { userId: user }, tx);
                  }
                  queries += 2;
                });
                const t2 = performance.now();
                latencies.push(t2 - t0);
                setupMs.push(t1 - t0);
                workMs.push(t2 - t1);
                if (n % 4 === 0) {
                  // Outside withTenant, on whatever server connection PgBouncer hands out now.
                  const [r] = (await conn.query(sql`SELECT current_user AS "user", coalesce(current_setting(${tenancy.settings.tenant}, true), '') AS tenant`)) as { user: string; tenant: string }[];
                  leakProbes++;
                  if (r!.user !== LOGIN || r!.tenant !== '') leaks++;
                }
              } catch (e) {
                errorCount++;
                if (errors.length < 5) errors.push((e as Error).message);
              }
            }
          });
        } catch (e) {
          if (!entered) {
            connecting.release();
            connectFailures++;
            arrived();
          }
          errorCount++;
          if (errors.length < 5) errors.push(`client ${i}: ${(e as Error).message}`);
        }
      };

      const running = Array.from({ length: CLIENTS }, (_, i) => client(i));
      await ready;
      connectMs = performance.now() - connectStart;
      await sampleBackends();
      loadStarted = true;
      const bouncerCpu0 = await processCpuMs(bouncer.process.pid!);
      const nodeCpu0 = process.cpuUsage();
      const loadStart = performance.now();
      deadline = loadStart + SECONDS * 1000;
      start();
      await Promise.all(running);
      const wall = (performance.now() - loadStart) / 1000;
      sampling = false;
      await sampler;
      const nodeCpu = process.cpuUsage(nodeCpu0);
      const cpu = {
        client: (nodeCpu.user + nodeCpu.system) / 1000,
        pgbouncer: (await processCpuMs(bouncer.process.pid!)) - bouncerCpu0,
        server: 0,
      };
      for (const [pid, start] of backendCpuAtStart) cpu.server += Math.max(0, (await processCpuMs(pid)) - start);
      await clients.dispose();

      const sorted = Float64Array.from(latencies).sort();
      const tps = latencies.length / wall;
      const perTx = (ms: number) => (ms / Math.max(1, latencies.length)).toFixed(2);
      const summary =
        `${connected} clients connected (${connectFailures} failed); ${latencies.length} transactions in ${wall.toFixed(1)} s = ${tps.toFixed(0)} tx/s ` +
        `(${(queries / wall).toFixed(0)} queries/s); p50 ${pct(sorted, 50).toFixed(1)} ms, p95 ${pct(sorted, 95).toFixed(1)} ms, p99 ${pct(sorted, 99).toFixed(1)} ms ` +
        `(of which p50 ${pct(Float64Array.from(setupMs).sort(), 50).toFixed(1)} ms to get a server connection and set the context, ` +
        `p50 ${pct(Float64Array.from(workMs).sort(), 50).toFixed(1)} ms for the queries and COMMIT); ` +
        `errors ${errorCount}; cross-tenant rows ${crossTenant} of ${checked} checked (${unverified} unknown ids); ` +
        `leaked contexts ${leaks} of ${leakProbes} probes; at most ${maxServer} server connections (default_pool_size ${pool.defaultPoolSize}); ` +
        `CPU per transaction ${perTx(cpu.server)} ms PostgreSQL + ${perTx(cpu.pgbouncer)} ms PgBouncer + ${perTx(cpu.client)} ms client, ` +
        `i.e. ~${((os.cpus().length * 1000) / ((cpu.server + cpu.pgbouncer + cpu.client) / latencies.length)).toFixed(0)} tx/s if this machine's cores were ours alone`;
      process.stderr.write(`  ${summary}\n`);
      if (errorCount || crossTenant || leaks || unverified || connected !== CLIENTS || !latencies.length) {
        process.stderr.write(`  pgbouncer log (tail):\n${(await bouncer.log()).split('\n').slice(-15).join('\n')}\n`);
        throw new Error(`${summary}. First errors: ${[...new Set(errors)].slice(0, 3).join(' | ')}`);
      }
      // The 101 percentiles p0..p100 stand in for the samples, so the table's median, min and max are exact.
      const quantiles = Array.from({ length: 101 }, (_, k) => sorted[Math.round((k / 100) * (sorted.length - 1))]!);
      const rows: BenchRow[] = [
        {
          name: `withTenant transaction (2 typical queries), ${CLIENTS} TLS clients through PgBouncer for ${SECONDS} s (scale ${SCALE})`,
          samples: quantiles,
          note: summary,
        },
        { name: `connect ${CLIENTS} TLS clients through PgBouncer`, samples: [connectMs], note: 'at most 50 TLS handshakes in flight; one run' },
        {
          name: 'CPU per withTenant transaction (PostgreSQL + PgBouncer + client)',
          samples: [(cpu.server + cpu.pgbouncer + cpu.client) / Math.max(1, latencies.length)],
          note: `server ${perTx(cpu.server)} ms, PgBouncer ${perTx(cpu.pgbouncer)} ms, client ${perTx(cpu.client)} ms; from /proc and process.cpuUsage over the load window`,
        },
      ];
      return rows;
    } finally {
      await bouncer?.stop();
      await db.drop().catch(() => undefined);
      await h.dispose().catch(() => undefined);
      await queryOnce(ctx.server.adminUrl, `DROP ROLE IF EXISTS ${LOGIN}`).catch(() => undefined);
      await rm(tmp, { recursive: true, force: true });
    }
  },
};

export default bench;
