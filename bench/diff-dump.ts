/**
 * db→db `strata diff --from <url> --to <url>` next to `pg_dump --schema-only` of
 * the larger side, measured in the same run, interleaved, on the same server.
 * The embedded cluster is PostgreSQL 18 and the machine's pg_dump is 15 (which
 * refuses a newer server), so both run against a PostgreSQL 15 cluster this
 * bench starts from /usr/lib/postgresql/15/bin (set STRATA_BENCH_PG15 to another
 * bin folder). Sizes: STRATA_BENCH_DUMP_SIZES (default 1000,5000,10000).
 * Reproduce one size by hand: npx tsx bench/diff-dump.ts 5000
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeCluster, startCluster } from '../src/cluster/embedded.js';
import { execOnce } from '../src/db/connect.js';
import { syntheticSchema } from './diff.js';
import { exec, execTimed, median, timedCli, type Bench, type BenchContext, type BenchRow } from './lib.js';

const PG15 = process.env.STRATA_BENCH_PG15 ?? '/usr/lib/postgresql/15/bin';
const SIZES = (process.env.STRATA_BENCH_DUMP_SIZES ?? '1000,5000,10000').split(',').map(Number);
const RUNS = Number(process.env.STRATA_BENCH_DUMP_RUNS ?? 3);

async function withPg15<T>(fn: (adminUrl: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-bench-pg15-'));
  const saved = process.env.STRATA_PG_BIN;
  process.env.STRATA_PG_BIN = PG15;
  try {
    const started = await startCluster({ cwd: process.cwd(), dir });
    return await fn(started.url!);
  } finally {
    if (saved === undefined) delete process.env.STRATA_PG_BIN;
    else process.env.STRATA_PG_BIN = saved;
    await removeCluster({ cwd: process.cwd(), dir }).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

const dbUrl = (adminUrl: string, name: string) => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

/** Two databases of `n` synthetic tables (the second with one more column), loaded with psql. */
async function load(adminUrl: string, n: number, tmp: string): Promise<{ a: string; b: string }> {
  const out = { a: dbUrl(adminUrl, `bench_a_${n}`), b: dbUrl(adminUrl, `bench_b_${n}`) };
  for (const [name, url, extra] of [[`bench_a_${n}`, out.a, undefined], [`bench_b_${n}`, out.b, Math.floor(n / 2)]] as const) {
    await execOnce(adminUrl, `DROP DATABASE IF EXISTS ${name}`);
    await execOnce(adminUrl, `CREATE DATABASE ${name}`);
    const file = path.join(tmp, `${name}.sql`);
    await writeFile(file, [...syntheticSchema(n, extra).values()].join('\n'));
    await exec(path.join(PG15, 'psql'), ['-q', '-X', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', file]);
  }
  return out;
}

export async function measure(ctx: BenchContext, sizes: readonly number[], runs: number): Promise<BenchRow[]> {
  return withPg15(async (adminUrl) => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-bench-dump-'));
    const rows: BenchRow[] = [];
    try {
      // Untimed: refreshes the CLI bundle if src/ changed.
      await exec(process.execPath, [path.join(ctx.root, 'bin', 'strata.js'), '--version']);
      const perTable = new Map<number, { diff: number; dump: number }>();
      for (const n of sizes) {
        const { a, b } = await load(adminUrl, n, tmp);
        const dump: number[] = [];
        const dumpCpu: number[] = [];
        const diff: number[] = [];
        const diffCpu: number[] = [];
        const rss: number[] = [];
        const loads: string[] = [];
        const env = { ...process.env, DATABASE_URL: adminUrl };
        // One untimed round warms the server's caches for both; then pg_dump and diff alternate.
        await execTimed(path.join(PG15, 'pg_dump'), ['--schema-only', '-d', b]);
        await timedCli(ctx, ['diff', '--from', a, '--to', b], env);
        for (let i = 0; i < runs; i++) {
          loads.push(os.loadavg()[0]!.toFixed(1));
          const d = await execTimed(path.join(PG15, 'pg_dump'), ['--schema-only', '-d', b]);
          dump.push(d.wallMs);
          dumpCpu.push(d.cpuMs);
          const r = await timedCli(ctx, ['diff', '--from', a, '--to', b], env);
          if (!r.stdout.includes('ADD COLUMN extra')) throw new Error('strata diff did not find the added column');
          diff.push(r.ms);
          diffCpu.push(r.cpuMs);
          rss.push(r.rssKiB);
        }
        const ratio = median(diff) / median(dump);
        perTable.set(n, { diff: median(diff) / n, dump: median(dump) / n });
        rows.push({ name: `${n} tables: pg_dump --schema-only (one side)`, samples: dump, cpuSamples: dumpCpu, note: `pg_dump 15 against PostgreSQL 15; load average (1 min) at each run: ${loads.join(', ')}` });
        rows.push({
          name: `${n} tables: strata diff db → db (both sides)`,
          samples: diff,
          cpuSamples: diffCpu,
          targetMs: n === 5000 ? 1.5 * median(dump) : undefined,
          note: `${ratio.toFixed(2)}× pg_dump's median; peak RSS ${(median(rss) / 1024).toFixed(0)} MiB (max ${(Math.max(...rss) / 1024).toFixed(0)})${n === 5000 ? ' (target < 300 MiB, ≤ 1.5× pg_dump)' : ''}; \`strata diff --from <url> --to <url>\``,
        });
        for (const u of [a, b]) await execOnce(adminUrl, `DROP DATABASE IF EXISTS ${new URL(u).pathname.slice(1)}`);
      }
      // Linearity: time per table at the largest size against the smallest one at or above 5,000 (or the smallest).
      const measured = [...perTable.keys()].sort((x, y) => x - y);
      const small = measured.find((n) => n >= 5000) ?? measured[0];
      const large = measured[measured.length - 1];
      if (small !== undefined && large !== undefined && large > small) {
        const s = perTable.get(small)!;
        const l = perTable.get(large)!;
        rows.push({
          name: `linearity: time per table at ${large} vs ${small} tables`,
          samples: [(l.diff / s.diff) * 1000],
          note: `strata diff ${(s.diff).toFixed(2)} → ${(l.diff).toFixed(2)} ms/table (${(l.diff / s.diff).toFixed(2)}×); pg_dump ${(s.dump).toFixed(2)} → ${(l.dump).toFixed(2)} ms/table (${(l.dump / s.dump).toFixed(2)}×); 1.00× is linear (the samples column holds the diff's ratio × 1000)`,
        });
      }
      return rows;
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
}

const bench: Bench = {
  title: 'Diff engine: live database → live database, next to pg_dump',
  async run(ctx) {
    if (!existsSync(path.join(PG15, 'pg_dump'))) throw new Error(`no pg_dump in ${PG15} (set STRATA_BENCH_PG15)`);
    return measure(ctx, SIZES, RUNS);
  },
};

export default bench;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const sizes = process.argv[2] ? process.argv.slice(2).map(Number) : SIZES;
  const rows = await measure({ root, server: { adminUrl: '', external: true }, runs: RUNS }, sizes, RUNS);
  for (const r of rows) {
    process.stdout.write(`${r.name}: median ${median(r.samples).toFixed(0)} ms [${r.samples.map((s) => s.toFixed(0)).join(', ')}], cpu ${median(r.cpuSamples ?? [0]).toFixed(0)} ms — ${r.note}\n`);
  }
}
