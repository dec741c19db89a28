/**
 * What proving a plan costs: `strata diff NAME` with and without `--no-verify`
 * (in process: `planMigration`), on the reference schema (its migrations, and
 * schema/ with one added column) and on 1,000 synthetic tables (one migration
 * building them, and the same with one added column). The proof replays the
 * planned files with the runner on the from-state's database, re-reads the
 * catalog after up and after down, and compares.
 */
import { cp, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { planMigration, writePlannedMigration } from '../src/proof/index.js';
import { repeat, type Bench, type BenchContext, type BenchRow } from './lib.js';
import { syntheticSchema } from './diff.js';

async function writeFiles(dir: string, files: Map<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of files) await writeFile(path.join(dir, name), text);
}

async function rows(ctx: BenchContext, label: string, schemaDir: string, migrationsDir: string, runs: number): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  for (const verify of [false, true]) {
    let steps = 0;
    const samples = await repeat(runs, async () => {
      const p = await planMigration({ server: ctx.server, schemaDir, migrationsDir, name: 'bench', verify });
      if (verify && p.proof.status !== 'proven') throw new Error(`proof ${p.proof.status}`);
      steps = p.plan.steps.length;
    });
    out.push({
      name: `${label}: ${verify ? 'plan + proof' : 'plan only (--no-verify)'}`,
      samples,
      note: `${steps} step(s); builds both states${verify ? ', replays up and down, reads the catalog twice more' : ''}`,
    });
  }
  return out;
}

const bench: Bench = {
  title: 'Proven plans: the cost of proving before writing',
  async run(ctx) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-bench-proof-'));
    try {
      // Reference schema: its migrations against schema/ with one more table.
      const ref = path.join(dir, 'ref');
      await cp(path.join(ctx.root, 'migrations'), path.join(ref, 'migrations'), { recursive: true });
      await cp(path.join(ctx.root, 'schema'), path.join(ref, 'schema'), { recursive: true });
      await writeFile(path.join(ref, 'schema', 'zzz_bench.sql'), 'CREATE TABLE bench_extra (id bigint PRIMARY KEY, note text);\n');
      const out = await rows(ctx, 'reference schema', path.join(ref, 'schema'), path.join(ref, 'migrations'), ctx.runs);

      // 1,000 tables: a first migration written (proven) by strata, then one added column.
      const big = path.join(dir, 'big');
      await writeFiles(path.join(big, 'schema'), syntheticSchema(1000));
      await mkdir(path.join(big, 'migrations'));
      const first = await planMigration({ server: ctx.server, schemaDir: path.join(big, 'schema'), migrationsDir: path.join(big, 'migrations'), name: 'init', verify: false });
      await writePlannedMigration(path.join(big, 'migrations'), first);
      await rm(path.join(big, 'schema'), { recursive: true });
      await writeFiles(path.join(big, 'schema'), syntheticSchema(1000, 500));
      out.push(...(await rows(ctx, '1,000 tables', path.join(big, 'schema'), path.join(big, 'migrations'), Math.min(ctx.runs, 3))));
      return out;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
