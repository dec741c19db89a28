/**
 * `strata pull` rows: the CLI end to end (read the live database, plan it from a fresh
 * database, write the files) on the reference schema (migrations/ built into a database)
 * and on a synthetic 1,000-table database (bench/diff.ts's tables: 8 columns, 2 indexes
 * and a foreign key each), with the CLI's peak RSS. Reproduce by hand:
 *   DATABASE_URL=... npx tsx bench/pull.ts 1000   (prints timings)
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withScratchDatabase } from '../src/cluster/index.js';
import { buildInto } from '../src/state/index.js';
import { syntheticSchema } from './diff.js';
import { exec, median, repeat, timedCli, type Bench, type BenchContext, type BenchRow } from './lib.js';

/** Wall time (ms), CPU (ms) and peak RSS (KiB) of one `strata pull` run. */
async function runPull(ctx: BenchContext, url: string, out: string): Promise<{ ms: number; cpuMs: number; rssKiB: number; files: number }> {
  const r = await timedCli(ctx, ['pull', '--database-url', url, '--out', out, '--force']);
  const files = Number(/(\d+) files/.exec(r.stdout)?.[1] ?? 0);
  if (!files) throw new Error('strata pull wrote no files');
  return { ms: r.ms, cpuMs: r.cpuMs, rssKiB: r.rssKiB, files };
}

async function measure(ctx: BenchContext, label: string, url: string, out: string, runs: number): Promise<BenchRow> {
  const rss: number[] = [];
  const cpu: number[] = [];
  let files = 0;
  const samples = await repeat(runs, async () => {
    const r = await runPull(ctx, url, out);
    rss.push(r.rssKiB);
    cpu.push(r.cpuMs);
    files = r.files;
  });
  return {
    name: label,
    samples,
    cpuSamples: cpu,
    note: `peak RSS ${(median(rss) / 1024).toFixed(0)} MiB; ${files} files; \`strata pull --database-url <db> --out <dir> --force\`, the fresh scratch database included`,
  };
}

async function writeSchema(dir: string, files: Map<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of files) await writeFile(path.join(dir, name), text);
}

async function pullRows(ctx: BenchContext, tables: number[]): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-bench-pull-'));
  try {
    // Untimed: refreshes the CLI bundle if src/ changed.
    await exec(process.execPath, [path.join(ctx.root, 'bin', 'strata.js'), '--version']);
    const rows: BenchRow[] = [];
    await withScratchDatabase(ctx.server, { label: 'bench_pull_ref' }, async (url) => {
      await buildInto({ kind: 'migrationsDir', dir: path.join(ctx.root, 'migrations') }, url);
      rows.push(await measure(ctx, 'reference schema (migrations/)', url, path.join(dir, 'ref'), ctx.runs));
    });
    for (const n of tables) {
      const src = path.join(dir, `src${n}`);
      await writeSchema(src, syntheticSchema(n));
      await withScratchDatabase(ctx.server, { label: `bench_pull_${n}` }, async (url) => {
        await buildInto({ kind: 'schemaDir', dir: src }, url);
        rows.push(await measure(ctx, `${n.toLocaleString('en')} tables`, url, path.join(dir, `out${n}`), n >= 1000 ? Math.min(ctx.runs, 3) : ctx.runs));
      });
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const bench: Bench = {
  title: 'strata pull: live database → schema files',
  run: (ctx) => pullRows(ctx, [1000]),
};

export default bench;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 1000);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('set DATABASE_URL');
  const rows = await pullRows({ root, server: { adminUrl, external: true }, runs: 1 }, [n]);
  for (const r of rows) process.stdout.write(`${r.name}: ${(r.samples[0]! / 1000).toFixed(2)} s (${r.note})\n`);
}
