/**
 * Diff engine rows: end-to-end `strata diff --from <empty> --to <dir>` and a
 * one-column change, on synthetic schemas of 100, 1,000 and 5,000 tables
 * (8 columns, 2 indexes and a foreign key each), with the CLI's peak RSS.
 * Reproduce one size by hand:
 *   DATABASE_URL=... npx tsx bench/diff.ts 1000   (prints timings, writes nothing)
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exec, median, repeat, timedCli, type Bench, type BenchContext } from './lib.js';

const FILE_TABLES = 250;

/** `tables` CREATE TABLEs in files of 250: 8 columns, a PK, a FK to the previous table, 2 secondary indexes. */
export function syntheticSchema(tables: number, extraColumnIn?: number): Map<string, string> {
  const files = new Map<string, string>();
  for (let f = 0; f * FILE_TABLES < tables; f++) {
    const parts: string[] = [];
    for (let i = f * FILE_TABLES; i < Math.min(tables, (f + 1) * FILE_TABLES); i++) {
      const t = `t${String(i).padStart(5, '0')}`;
      const prev = i > 0 ? `t${String(i - 1).padStart(5, '0')}` : null;
      parts.push(`CREATE TABLE ${t} (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent_id bigint${prev ? ` REFERENCES ${prev} (id) ON DELETE CASCADE` : ''},
  name text NOT NULL,
  code varchar(32) NOT NULL,
  amount numeric(12,2) NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  note text${extraColumnIn === i ? ',\n  extra integer' : ''}
);
CREATE INDEX ${t}_parent ON ${t} (parent_id);
CREATE UNIQUE INDEX ${t}_code ON ${t} (lower(code)) WHERE active;
`);
    }
    files.set(`${String(f).padStart(3, '0')}.sql`, parts.join('\n'));
  }
  return files;
}

async function writeSchema(dir: string, files: Map<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of files) await writeFile(path.join(dir, name), text);
}

/** Wall time (ms) and peak RSS (KiB) of one `strata diff --from --to` run. */
async function runDiff(ctx: BenchContext, from: string, to: string): Promise<{ ms: number; rssKiB: number }> {
  // The CLI run the way a user runs it: on the embedded cluster (scratch databases in its
  // in-memory tablespace) unless the bench itself was pointed at another server.
  const env = { ...process.env };
  if (ctx.server.external) env.DATABASE_URL = ctx.server.adminUrl;
  else delete env.DATABASE_URL;
  const r = await timedCli(ctx, ['diff', '--from', from, '--to', to], env);
  if (!r.stdout.trim()) throw new Error('strata diff printed no SQL');
  return { ms: r.ms, rssKiB: r.rssKiB };
}

const SIZES = [100, 1000, 5000];

/**
 * CPU seconds the PostgreSQL backend spends applying the schema (read from
 * /proc, so only for a server on this machine): the floor under any
 * shadow-database diff, whatever else runs on the machine.
 */
async function serverApplyCpu(adminUrl: string, files: Map<string, string>): Promise<number | undefined> {
  const { readFileSync } = await import('node:fs');
  const { connect, sql } = await import('../src/db/connect.js');
  const { withScratchDatabase } = await import('../src/cluster/index.js');
  const cpu = (pid: number) => {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  };
  return withScratchDatabase({ adminUrl, external: true }, { label: 'bench_cpu' }, async (url) => {
    const pool = connect(url, { poolSize: 1 });
    try {
      const [{ pid }] = (await pool.query(sql`SELECT pg_backend_pid() AS pid`)) as [{ pid: number }];
      let c0: number;
      try {
        c0 = cpu(pid);
      } catch {
        return undefined;
      }
      for (const text of files.values()) await pool.query(sql.__dangerous__rawValue(text));
      return cpu(pid) - c0;
    } finally {
      await pool.dispose();
    }
  });
}

const bench: Bench = {
  title: 'Diff engine: synthetic schemas end to end',
  async run(ctx) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-bench-diff-'));
    try {
      const empty = path.join(dir, 'empty');
      await mkdir(empty);
      const rows = [];
      // Untimed: refreshes the CLI bundle if src/ changed.
      await exec(process.execPath, [path.join(ctx.root, 'bin', 'strata.js'), '--version']);
      for (const n of SIZES) {
        const base = path.join(dir, `s${n}`);
        const changed = path.join(dir, `s${n}-changed`);
        await writeSchema(base, syntheticSchema(n));
        await writeSchema(changed, syntheticSchema(n, Math.floor(n / 2)));
        // Large sizes take minutes on a shared machine: fewer runs there.
        const runs = n >= 5000 ? 1 : n >= 1000 ? Math.min(ctx.runs, 3) : ctx.runs;
        for (const [label, from, to] of [
          [`${n} tables: empty → schema`, empty, base],
          [`${n} tables: one added column`, base, changed],
        ] as const) {
          const rss: number[] = [];
          const samples = await repeat(runs, async () => {
            const r = await runDiff(ctx, from, to);
            rss.push(r.rssKiB);
          });
          rows.push({
            name: label,
            samples,
            targetMs: n === 1000 ? 5000 : undefined,
            note: `peak RSS ${(median(rss) / 1024).toFixed(0)} MiB; \`strata diff --from ${label.includes('empty') ? '<empty dir>' : '<dir>'} --to <dir>\`, shadow databases included`,
          });
        }
      }
      return rows;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;

// `tsx bench/diff.ts [N]`: one size, printed, for quick checks.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 1000);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('set DATABASE_URL');
  const ctx: BenchContext = { root, server: { adminUrl, external: true }, runs: 1 };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-bench-diff-'));
  try {
    await mkdir(path.join(dir, 'empty'));
    await writeSchema(path.join(dir, 'a'), syntheticSchema(n));
    await writeSchema(path.join(dir, 'b'), syntheticSchema(n, Math.floor(n / 2)));
    for (const [label, from, to] of [
      ['empty → schema', 'empty', 'a'],
      ['one added column', 'a', 'b'],
    ] as const) {
      const r = await runDiff(ctx, path.join(dir, from), path.join(dir, to));
      process.stdout.write(`${n} tables, ${label}: ${(r.ms / 1000).toFixed(2)} s, peak RSS ${(r.rssKiB / 1024).toFixed(0)} MiB\n`);
    }
    const cpu = await serverApplyCpu(adminUrl, syntheticSchema(n));
    if (cpu !== undefined) process.stdout.write(`${n} tables: server CPU to build the shadow database ${cpu.toFixed(2)} s (load-independent floor)\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
