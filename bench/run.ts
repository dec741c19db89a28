/**
 * `make bench`: runs every bench/<area>.ts and writes docs/benchmarks.md (machine,
 * date, median of 5 runs per row). `make bench ARGS="foundation diff"` runs only
 * those areas and replaces only their sections, keeping the others' numbers.
 * Each section records when it was measured and how busy the machine was.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveServer } from '../src/cluster/index.js';
import { queryOnce } from '../src/db/connect.js';
import { median, type Bench, type BenchContext, type BenchRow } from './lib.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC = path.join(root, 'docs', 'benchmarks.md');
const RUNS = 5;

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

function verdict(row: BenchRow): string {
  if (row.targetMs === undefined) return '';
  return median(row.samples) <= row.targetMs ? `< ${fmt(row.targetMs)} ✔` : `< ${fmt(row.targetMs)} ✘`;
}

const begin = (area: string) => `<!-- bench:${area} -->`;
const end = (area: string) => `<!-- /bench:${area} -->`;

/** Sections of an existing docs/benchmarks.md by area, so a partial run keeps the rest. */
async function previousSections(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const text = await readFile(DOC, 'utf8').catch(() => '');
  for (const m of text.matchAll(/<!-- bench:([\w-]+) -->\n([\s\S]*?)\n<!-- \/bench:\1 -->/g)) out.set(m[1]!, m[2]!);
  return out;
}

function section(area: string, bench: Bench, rows: BenchRow[] | Error, load: string): string {
  const head = [`## ${bench.title}`, '', `Source: \`bench/${area}.ts\`; measured ${new Date().toISOString()}, load average ${load}.`, ''];
  if (rows instanceof Error) return [...head, `**Failed:** ${rows.message.split('\n')[0]}`].join('\n');
  return [
    ...head,
    '| measurement | median | min | max | CPU (median) | target | note |',
    '|---|---:|---:|---:|---:|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(median(r.samples))} | ${fmt(Math.min(...r.samples))} | ${fmt(Math.max(...r.samples))} | ${r.cpuSamples ? fmt(median(r.cpuSamples)) : ''} | ${verdict(r)} | ${r.note ?? ''} |`,
    ),
  ].join('\n');
}

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const areas = (await readdir(path.join(root, 'bench')))
    .filter((f) => f.endsWith('.ts') && f !== 'lib.ts' && f !== 'run.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort((a, b) => (a === 'foundation' ? -1 : b === 'foundation' ? 1 : a.localeCompare(b)));
  const unknown = only.filter((a) => !areas.includes(a));
  if (unknown.length) {
    process.stderr.write(`unknown bench area: ${unknown.join(', ')} (have: ${areas.join(', ')})\n`);
    return 2;
  }
  const server = await resolveServer({ cwd: root });
  const ctx: BenchContext = { root, server, runs: RUNS };
  const v = (await queryOnce<{ v: string }>(server.adminUrl, `SELECT current_setting('server_version') AS v`))[0]?.v ?? '?';

  const sections = await previousSections();
  let missed = 0;
  let failed = 0;
  for (const area of areas.filter((a) => only.length === 0 || only.includes(a))) {
    const bench = (await import(pathToFileURL(path.join(root, 'bench', `${area}.ts`)).href)).default as Bench;
    const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    process.stderr.write(`bench ${area}: ${bench.title} (load ${load})\n`);
    let rows: BenchRow[] | Error;
    try {
      rows = await bench.run(ctx);
    } catch (e) {
      // One broken area must not cost the others their numbers.
      failed++;
      rows = e instanceof Error ? e : new Error(String(e));
      process.stderr.write(`  failed: ${rows.stack ?? rows.message}\n`);
    }
    if (!(rows instanceof Error)) {
      for (const r of rows) {
        if (r.targetMs !== undefined && median(r.samples) > r.targetMs) missed++;
        const cpu = r.cpuSamples ? ` cpu ${fmt(median(r.cpuSamples))}` : '';
        process.stderr.write(`  ${r.name}: median ${fmt(median(r.samples))} [${r.samples.map(fmt).join(', ')}]${cpu} ${verdict(r)}\n`);
      }
    }
    sections.set(area, section(area, bench, rows, load));
  }

  const doc = [
    '# Benchmarks',
    '',
    'Written by `make bench` (`bench/run.ts`; `make bench ARGS=<area>` re-measures one section); do not edit by hand.',
    `Every row is the median of ${RUNS} runs (min and max shown) of wall-clock time. The machine may be shared: each`,
    'section gives the load average when it ran, and for processes the CPU column (user + system time) is the figure',
    'that other load barely moves.',
    '',
    `- CPU: ${os.cpus()[0]?.model ?? '?'}, ${os.cpus().length} cores; RAM ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Node ${process.version}, ${os.type()} ${os.release()}`,
    `- PostgreSQL ${v} (${server.external ? 'DATABASE_URL server' : 'embedded cluster'})`,
    '',
    ...areas.filter((a) => sections.has(a)).flatMap((a) => [begin(a), sections.get(a)!, end(a), '']),
  ].join('\n');
  await writeFile(DOC, doc);
  process.stderr.write(`wrote ${path.relative(root, DOC)}\n`);
  if (missed) process.stderr.write(`${missed} row(s) missed their target\n`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
