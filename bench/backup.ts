/**
 * Backup and restore rows: `strata backup` (pg_dump -Fc in an exported snapshot plus the table
 * checksums) and `strata restore` (pg_restore into a new database, then the verification) of the
 * reference schema's dev database with seed data, and of a `seed --scale 10` database. They run on
 * a PostgreSQL 15 cluster of their own (the machine's pg_dump is 15; the embedded cluster is 18).
 * Reproduce by hand:
 *   export STRATA_PG_BIN=/usr/lib/postgresql/15/bin STRATA_CLUSTER_DIR=/tmp/pg15
 *   strata migrate up && strata seed && time strata backup -o /tmp/dev.dump && time strata restore /tmp/dev.dump
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { databaseUrl } from '../src/cluster/index.js';
import { queryOnce } from '../src/db/connect.js';
import { median, timedCli, type Bench, type BenchContext, type BenchRow } from './lib.js';

const PG15 = '/usr/lib/postgresql/15/bin';
const RUNS = 3;

interface Sample {
  ms: number;
  cpuMs: number;
}

async function series(n: number, fn: (i: number) => Promise<Sample>): Promise<{ samples: number[]; cpuSamples: number[] }> {
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await fn(i);
    samples.push(r.ms);
    cpuSamples.push(r.cpuMs);
  }
  return { samples, cpuSamples };
}

async function dataset(ctx: BenchContext, env: NodeJS.ProcessEnv, label: string, url: string | undefined, dir: string, runs: number): Promise<BenchRow[]> {
  const target = url ? ['--database-url', url] : [];
  const file = path.join(dir, `${label.replace(/\W+/g, '_')}.dump`);
  const adminUrl = (await timedCli(ctx, ['db', 'url'], env)).stdout.trim();
  const b = await series(runs, () => timedCli(ctx, ['backup', '--output', file, ...target], env));
  const manifest = (await timedCli(ctx, ['backup', '--output', file, '--json', ...target], env)).stdout;
  const { tables, bytes } = JSON.parse(manifest) as { tables: { rows: number }[]; bytes: number };
  const rows = tables.reduce((a, t) => a + t.rows, 0);
  const what = `${tables.length} tables, ${rows.toLocaleString('en')} rows, dump ${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  const restoreInto = async (name: string, extra: string[]) => {
    const r = await timedCli(ctx, ['restore', file, '--into', name, '--json', ...extra], env);
    await queryOnce(adminUrl, `DROP DATABASE ${name}`);
    return r;
  };
  const full = await series(runs, (i) => restoreInto(`bench_${label.replace(/\W+/g, '_')}_full_${i}`, []));
  const bare = await series(runs, (i) => restoreInto(`bench_${label.replace(/\W+/g, '_')}_bare_${i}`, ['--no-verify']));
  await rm(file, { force: true });
  await rm(`${file}.json`, { force: true });
  return [
    { name: `${label}: \`strata backup\``, ...b, note: `${what}; pg_dump -Fc, catalog snapshot and table checksums in one snapshot, manifest written` },
    { name: `${label}: \`strata restore\` (restore + verify)`, ...full, note: 'new database, pg_restore --single-transaction, then catalog diff + counts + checksums against the manifest' },
    { name: `${label}: \`strata restore --no-verify\``, ...bare, note: `restore alone; verification ≈ ${((median(full.samples) - median(bare.samples)) / 1000).toFixed(2)} s` },
  ];
}

const bench: Bench = {
  title: 'Backup and restore (PostgreSQL 15 cluster)',
  async run(ctx) {
    if (!existsSync(path.join(PG15, 'pg_dump'))) throw new Error(`no PostgreSQL 15 in ${PG15}`);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-bench-backup-'));
    const env: NodeJS.ProcessEnv = { ...process.env, STRATA_PG_BIN: PG15, STRATA_CLUSTER_DIR: path.join(dir, 'pg') };
    delete env.DATABASE_URL;
    try {
      await timedCli(ctx, ['migrate', 'up'], env);
      await timedCli(ctx, ['seed'], env);
      const rows = await dataset(ctx, env, 'dev', undefined, dir, RUNS);
      const admin = (await timedCli(ctx, ['db', 'url'], env)).stdout.trim();
      await queryOnce(admin, 'CREATE DATABASE strata_bench_scale');
      const scaleUrl = databaseUrl(admin, 'strata_bench_scale');
      await timedCli(ctx, ['migrate', 'up', '--database-url', scaleUrl], env);
      await timedCli(ctx, ['seed', '--scale', '10', '--target', scaleUrl], env);
      rows.push(...(await dataset(ctx, env, 'scale 10', scaleUrl, dir, 1)));
      return rows;
    } finally {
      await timedCli(ctx, ['db', 'stop', '--remove'], env).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
