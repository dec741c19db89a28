/**
 * `make bench`: runs every bench/<area>.ts and writes docs/benchmarks.md (machine,
 * date, median of 5 runs per row). `tsx bench/run.ts <area>...` runs only those
 * areas and prints them without touching the file.
 */
import { readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveServer } from '../src/cluster/index.js';
import { queryOnce } from '../src/db/connect.js';
import { median, type Bench, type BenchContext, type BenchRow } from './lib.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 5;

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

function verdict(row: BenchRow): string {
  if (row.targetMs === undefined) return '';
  return median(row.samples) <= row.targetMs ? `< ${fmt(row.targetMs)} ✔` : `< ${fmt(row.targetMs)} ✘`;
}

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const files = (await readdir(path.join(root, 'bench')))
    .filter((f) => f.endsWith('.ts') && f !== 'lib.ts' && f !== 'run.ts')
    .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, '')))
    .sort((a, b) => (a === 'foundation.ts' ? -1 : b === 'foundation.ts' ? 1 : a.localeCompare(b)));
  const server = await resolveServer({ cwd: root });
  const ctx: BenchContext = { root, server, runs: RUNS };
  const v = (await queryOnce<{ v: string }>(server.adminUrl, `SELECT current_setting('server_version') AS v`))[0]?.v ?? '?';
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');

  const sections: string[] = [];
  let missed = 0;
  let failed = 0;
  for (const f of files) {
    const bench = (await import(pathToFileURL(path.join(root, 'bench', f)).href)).default as Bench;
    process.stderr.write(`bench ${f}: ${bench.title}\n`);
    let rows: BenchRow[];
    try {
      rows = await bench.run(ctx);
    } catch (e) {
      // One broken area must not cost the others their numbers.
      failed++;
      process.stderr.write(`  failed: ${(e as Error).stack ?? String(e)}\n`);
      sections.push(`## ${bench.title}\n\nSource: \`bench/${f}\`. **Failed:** ${(e as Error).message.split('\n')[0]}`);
      continue;
    }
    const lines = [
      `## ${bench.title}`,
      '',
      `Source: \`bench/${f}\`.`,
      '',
      '| measurement | median | min | max | CPU (median) | target | note |',
      '|---|---:|---:|---:|---:|---|---|',
    ];
    for (const r of rows) {
      if (r.targetMs !== undefined && median(r.samples) > r.targetMs) missed++;
      lines.push(
        `| ${r.name} | ${fmt(median(r.samples))} | ${fmt(Math.min(...r.samples))} | ${fmt(Math.max(...r.samples))} | ${r.cpuSamples ? fmt(median(r.cpuSamples)) : ''} | ${verdict(r)} | ${r.note ?? ''} |`,
      );
      const cpu = r.cpuSamples ? ` cpu ${fmt(median(r.cpuSamples))}` : '';
      process.stderr.write(`  ${r.name}: median ${fmt(median(r.samples))} [${r.samples.map(fmt).join(', ')}]${cpu} ${verdict(r)}\n`);
    }
    sections.push(lines.join('\n'));
  }

  const doc = [
    '# Benchmarks',
    '',
    'Written by `make bench` (`bench/run.ts`); do not edit by hand. Every row is the median of',
    `${RUNS} runs (min and max shown) of wall-clock time. The machine may be shared: the load average below says how`,
    'busy it was, and for processes the CPU column (user + system time) is the figure that load barely moves.',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- CPU: ${os.cpus()[0]?.model ?? '?'}, ${os.cpus().length} cores; RAM ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Load average at start (1/5/15 min): ${load}`,
    `- Node ${process.version}, ${os.type()} ${os.release()}`,
    `- PostgreSQL ${v} (${server.external ? 'DATABASE_URL server' : 'embedded cluster'})`,
    '',
    ...sections.flatMap((s) => [s, '']),
  ].join('\n');
  if (only.length === 0) {
    await writeFile(path.join(root, 'docs', 'benchmarks.md'), doc);
    process.stderr.write('wrote docs/benchmarks.md\n');
  } else {
    process.stdout.write(doc);
  }
  if (missed) process.stderr.write(`${missed} row(s) missed their target\n`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
